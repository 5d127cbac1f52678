package dev.fieldgate.local.appsync.internal;

import graphql.ExecutionResult;
import graphql.language.OperationDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * Queries and mutations over HTTP: prepared, checked against IAM on their root fields, run, and for mutations the
 * result published to the listeners that feed subscriptions.
 */
final class RequestExecutor {

    private final DocumentPreparer preparer;
    private final RootFieldIam rootIam;
    private final OperationRunner runner;
    private final List<BiConsumer<String, Object>> mutationListeners = new CopyOnWriteArrayList<>();

    RequestExecutor(DocumentPreparer preparer, RootFieldIam rootIam, OperationRunner runner) {
        this.preparer = preparer;
        this.rootIam = rootIam;
        this.runner = runner;
    }

    /** Registers a listener for mutation results: {@code (mutationField, result re-keyed by field names)}. */
    void onMutation(BiConsumer<String, Object> listener) {
        mutationListeners.add(listener);
    }

    /** See {@link GraphQlEngine#execute}. */
    GraphQlEngine.Answer execute(
            Caller caller,
            String query,
            String operationName,
            Map<String, Object> variables,
            Map<String, String> headers,
            String sourceIp) {
        DocumentPreparer.Prepared ready = preparer.prepare(query);
        if (ready.rejection() != null) {
            return GraphQlEngine.Answer.of(ready.rejection());
        }
        if (!ready.errors().isEmpty()) {
            return GraphQlEngine.Answer.ok(AppSyncResponses.body(null, ready.errors()));
        }
        OperationDefinition operation = DocumentPreparer.operation(ready.document(), operationName);
        if (operation != null && operation.getOperation() == OperationDefinition.Operation.SUBSCRIPTION) {
            // UNCONFIRMED: AppSync's answer to a subscription sent over HTTP is not documented.
            return GraphQlEngine.Answer.ok(
                    AppSyncResponses.body(
                            null,
                            List.of(
                                    new FieldError(
                                            null,
                                            null,
                                            null,
                                            null,
                                            FieldError.locations(operation),
                                            "Subscriptions are served on the real-time endpoint (/graphql/realtime), not over HTTP POST."))));
        }
        if (operation != null) {
            Optional<AppSyncRequestException> denied = rootIam.denial(caller, ready.document(), operation);
            if (denied.isPresent()) {
                return GraphQlEngine.Answer.of(denied.get());
            }
        }
        RequestScope scope =
                new RequestScope(caller, headers, List.of(sourceIp), variables, RequestScope.Mode.REQUEST, null);
        ExecutionResult result = runner.run(ready.document(), query, operationName, variables, scope);
        if (operation != null
                && operation.getOperation() == OperationDefinition.Operation.MUTATION
                && result.isDataPresent()) {
            publish(result.getData(), scope);
        }
        return GraphQlEngine.Answer.ok(
                AppSyncResponses.body(result.isDataPresent() ? result.getData() : null, result.getErrors()));
    }

    private void publish(Map<String, Object> data, RequestScope scope) {
        if (data == null || mutationListeners.isEmpty()) {
            return;
        }
        data.forEach((key, value) -> {
            if (value == null) {
                return;
            }
            String field = scope.fieldNames.getOrDefault("/" + key, key);
            Object rekeyed = rekey(value, "/" + key, scope.fieldNames);
            for (BiConsumer<String, Object> listener : mutationListeners) {
                listener.accept(field, rekeyed);
            }
        });
    }

    /** The mutation's result with aliases replaced by field names, as a subscription selection reads it. */
    private static Object rekey(Object value, String path, Map<String, String> names) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                String childPath = path + "/" + k;
                out.putIfAbsent(names.getOrDefault(childPath, String.valueOf(k)), rekey(v, childPath, names));
            });
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(rekey(list.get(i), path + "[" + i + "]", names));
            }
            return out;
        }
        return value;
    }
}
