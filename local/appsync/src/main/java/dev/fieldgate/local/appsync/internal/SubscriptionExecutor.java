package dev.fieldgate.local.appsync.internal;

import graphql.ExecutionResult;
import graphql.language.OperationDefinition;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Subscriptions: a {@code start} checked and run as AppSync runs it on subscribe, and each mutation result
 * filtered by the subscription's arguments and projected onto every subscriber's selection.
 */
final class SubscriptionExecutor {

    private final DocumentPreparer preparer;
    private final RootFieldIam rootIam;
    private final OperationRunner runner;
    private final Map<String, Set<String>> subscribedMutations;

    /** @param subscribedMutations per subscription field, the mutations its {@code @aws_subscribe} names */
    SubscriptionExecutor(
            DocumentPreparer preparer,
            RootFieldIam rootIam,
            OperationRunner runner,
            Map<String, Set<String>> subscribedMutations) {
        this.preparer = preparer;
        this.rootIam = rootIam;
        this.runner = runner;
        this.subscribedMutations = subscribedMutations;
    }

    /** See {@link GraphQlEngine#subscribe}. */
    GraphQlEngine.SubscribeResult subscribe(
            Caller caller,
            String query,
            String operationName,
            Map<String, Object> variables,
            Map<String, String> headers,
            String sourceIp) {
        DocumentPreparer.Prepared ready = preparer.prepare(query);
        if (ready.rejection() != null) {
            return new GraphQlEngine.SubscribeResult(null, List.of(AppSyncResponses.realtimeError(ready.rejection())));
        }
        if (!ready.errors().isEmpty()) {
            return new GraphQlEngine.SubscribeResult(null, AppSyncResponses.errorList(ready.errors()));
        }
        OperationDefinition operation = DocumentPreparer.operation(ready.document(), operationName);
        if (operation == null || operation.getOperation() != OperationDefinition.Operation.SUBSCRIPTION) {
            // UNCONFIRMED: AppSync's exact text for a query or mutation sent to the real-time endpoint.
            return new GraphQlEngine.SubscribeResult(
                    null,
                    List.of(AppSyncResponses.realtimeError(new AppSyncRequestException(
                            400,
                            "UnsupportedOperation",
                            "Only subscription operations can be " + "started on the real-time endpoint.",
                            false))));
        }
        Optional<AppSyncRequestException> denied = rootIam.denial(caller, ready.document(), operation);
        if (denied.isPresent()) {
            return new GraphQlEngine.SubscribeResult(null, List.of(AppSyncResponses.realtimeError(denied.get())));
        }
        RequestScope scope =
                new RequestScope(caller, headers, List.of(sourceIp), variables, RequestScope.Mode.SUBSCRIBE, null);
        ExecutionResult result = runner.run(ready.document(), query, operationName, variables, scope);
        if (!result.getErrors().isEmpty()) {
            return new GraphQlEngine.SubscribeResult(null, AppSyncResponses.errorList(result.getErrors()));
        }
        String field = scope.rootField;
        Set<String> mutations = subscribedMutations.getOrDefault(field, Set.of());
        return new GraphQlEngine.SubscribeResult(
                new GraphQlEngine.Subscription(
                        field,
                        scope.rootArguments == null ? Map.of() : scope.rootArguments,
                        mutations,
                        query,
                        operationName,
                        variables),
                List.of());
    }

    /** See {@link GraphQlEngine#deliver}. */
    Optional<Map<String, Object>> deliver(
            GraphQlEngine.Subscription subscription,
            Caller caller,
            Map<String, String> headers,
            String sourceIp,
            String mutationField,
            Object payload) {
        if (!subscription.mutations().contains(mutationField) || !matchesArguments(subscription.arguments(), payload)) {
            return Optional.empty();
        }
        DocumentPreparer.Prepared ready = preparer.prepare(subscription.query());
        if (ready.document() == null) {
            return Optional.empty();
        }
        RequestScope scope = new RequestScope(
                caller, headers, List.of(sourceIp), subscription.variables(), RequestScope.Mode.DELIVER, payload);
        ExecutionResult result = runner.run(
                ready.document(), subscription.query(), subscription.operationName(), subscription.variables(), scope);
        return Optional.of(AppSyncResponses.body(result.isDataPresent() ? result.getData() : null, result.getErrors()));
    }

    /** AppSync's subscription filter: every argument given must equal the result's field of the same name. */
    private static boolean matchesArguments(Map<String, Object> arguments, Object payload) {
        for (Map.Entry<String, Object> argument : arguments.entrySet()) {
            if (argument.getValue() == null) {
                continue;
            }
            if (!(payload instanceof Map<?, ?> map)
                    || !Objects.equals(
                            String.valueOf(map.get(argument.getKey())), String.valueOf(argument.getValue()))) {
                return false;
            }
        }
        return true;
    }
}
