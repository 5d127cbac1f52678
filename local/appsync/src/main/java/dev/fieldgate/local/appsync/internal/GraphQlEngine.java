package dev.fieldgate.local.appsync.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.local.appsync.LambdaErrorStyle;
import dev.fieldgate.local.core.internal.iam.RolePolicies;
import dev.fieldgate.local.appsync.internal.lambda.LambdaFunction;
import dev.fieldgate.policy.AccessPolicy;
import dev.fieldgate.policy.Manifest;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.DataFetcherResult;
import graphql.execution.NonNullableFieldWasNullError;
import graphql.execution.ResultPath;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Node;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.ParseAndValidate;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.validation.ValidationError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderOptions;
import org.dataloader.DataLoaderRegistry;

/**
 * The AppSync data plane: parses, validates and executes GraphQL over the app's schema as AppSync does, with
 * AppSync's authorization on every field at every depth, the app's resolver function behind every field the manifest
 * lists (BatchInvoke for fields with a {@code maxBatchSize}, through per-request DataLoaders), and every other field
 * resolved from its parent's data. Mutations named in a subscription's {@code @aws_subscribe} are published to
 * listeners with their result.
 */
public final class GraphQlEngine {

    /**
     * The API's settings.
     *
     * @param apiArn          {@code arn:aws:appsync:<region>:<account>:apis/<apiId>}
     * @param queryDepthLimit AppSync's query depth limit (0: none)
     * @param maxTokens       the most tokens a query may have
     */
    public record Settings(String apiArn, int queryDepthLimit, boolean introspection, int maxTokens,
            LambdaErrorStyle errorStyle) {
    }

    /** An answer over HTTP: a status and AppSync's JSON body. */
    public record Answer(int status, Map<String, Object> body, String errorTypeHeader) {

        static Answer ok(Map<String, Object> body) {
            return new Answer(200, body, null);
        }

        static Answer of(AppSyncRequestException e) {
            return new Answer(e.status(), requestErrorBody(e), e.errorTypeHeader() ? e.errorType() : null);
        }
    }

    /** A started subscription: what its subscriber selected and for which mutations it fires. */
    public record Subscription(String field, Map<String, Object> arguments, Set<String> mutations, String query,
            String operationName, Map<String, Object> variables) {
    }

    /** The outcome of a {@code start}: a subscription, or AppSync's errors for the subscriber. */
    public record SubscribeResult(Subscription subscription, List<Map<String, Object>> errors) {
    }

    /** A query prepared once: its document, or why it cannot run. */
    private record Prepared(Document document, AppSyncRequestException rejection, List<GraphQLError> errors) {
    }

    private static final String DOCUMENT = "fieldgate.document";
    private static final int PREPARED_CACHE = 512;

    private final Settings settings;
    private final GraphQLSchema schema;
    private final GraphQL graphQl;
    private final FieldAuthorizer authorizer;
    private final ResolverInvoker invoker;
    // Live sets: the control plane's DeleteResolver removes a field's resolver from the running API.
    private final Map<String, Integer> batchSizes = new ConcurrentHashMap<>();
    private final Set<String> resolverFields = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<String>> subscribedMutations;
    private final String queryType;
    private final String mutationType;
    private final String subscriptionType;
    private final ParserOptions parserOptions;
    private final Map<String, Prepared> prepared = new ConcurrentHashMap<>();
    private final List<BiConsumer<String, Object>> mutationListeners = new CopyOnWriteArrayList<>();

    public GraphQlEngine(Settings settings, String appSyncSchema, Manifest manifest, AccessPolicy policy,
            Supplier<LambdaFunction> function, Supplier<RolePolicies> rolePolicies, ObjectMapper json) {
        this.settings = settings;
        this.authorizer = new FieldAuthorizer(policy, settings.apiArn(), rolePolicies);
        this.invoker = new ResolverInvoker(function, settings.errorStyle(), json);
        for (Manifest.Resolver resolver : manifest.resolvers()) {
            resolverFields.add(resolver.coordinate());
            if (resolver.maxBatchSize() != null) {
                batchSizes.put(resolver.coordinate(), resolver.maxBatchSize());
            }
        }
        TypeDefinitionRegistry registry = AppSyncSchemaFactory.registry(appSyncSchema);
        Map<String, String> roots = AppSyncSchemaFactory.rootTypes(registry);
        this.queryType = roots.get("query");
        this.mutationType = roots.get("mutation");
        this.subscriptionType = roots.get("subscription");
        this.schema = AppSyncSchemaFactory.schema(registry, (type, field) -> new FieldFetcher(type, field));
        this.subscribedMutations = subscriptionType == null ? Map.of()
                : AppSyncSchemaFactory.subscribedMutations(registry, subscriptionType);
        this.graphQl = GraphQL.newGraphQL(schema)
                // A subscription's start and its events run the subscription operation once, like a query.
                .subscriptionExecutionStrategy(new AsyncExecutionStrategy())
                .preparsedDocumentProvider((input, parse) -> CompletableFuture.completedFuture(
                        new PreparsedDocumentEntry((Document) input.getGraphQLContext().get(DOCUMENT))))
                .build();
        this.parserOptions = ParserOptions.newParserOptions().maxTokens(settings.maxTokens())
                .captureLineComments(false).build();
    }

    /** Registers a listener for mutation results: {@code (mutationField, result re-keyed by field names)}. */
    public void onMutation(BiConsumer<String, Object> listener) {
        mutationListeners.add(listener);
    }

    // ------------------------------------------------------------------------------------------ queries, mutations

    /**
     * Executes a query or mutation for a verified caller.
     *
     * @param headers  the request's headers, lower-case names, for the Direct Lambda event
     * @param sourceIp the caller's address
     */
    public Answer execute(Caller caller, String query, String operationName, Map<String, Object> variables,
            Map<String, String> headers, String sourceIp) {
        Prepared ready = prepare(query);
        if (ready.rejection() != null) {
            return Answer.of(ready.rejection());
        }
        if (!ready.errors().isEmpty()) {
            return Answer.ok(body(null, ready.errors()));
        }
        OperationDefinition operation = operation(ready.document(), operationName);
        if (operation != null && operation.getOperation() == OperationDefinition.Operation.SUBSCRIPTION) {
            // UNCONFIRMED: AppSync's answer to a subscription sent over HTTP is not documented.
            return Answer.ok(body(null, List.of(new FieldError(null, null, null, null, locations(operation),
                    "Subscriptions are served on the real-time endpoint (/graphql/realtime), not over HTTP POST."))));
        }
        if (operation != null) {
            Optional<AppSyncRequestException> denied = iamRootDenial(caller, ready.document(), operation);
            if (denied.isPresent()) {
                return Answer.of(denied.get());
            }
        }
        RequestScope scope = new RequestScope(caller, headers, List.of(sourceIp), variables, RequestScope.Mode.REQUEST,
                null);
        ExecutionResult result = run(ready.document(), query, operationName, variables, scope);
        if (operation != null && operation.getOperation() == OperationDefinition.Operation.MUTATION
                && result.isDataPresent()) {
            publish(result.getData(), scope);
        }
        return Answer.ok(body(result.isDataPresent() ? result.getData() : null, result.getErrors()));
    }

    private ExecutionResult run(Document document, String query, String operationName, Map<String, Object> variables,
            RequestScope scope) {
        ExecutionInput input = ExecutionInput.newExecutionInput()
                .query(query)
                .operationName(operationName)
                .variables(variables == null ? Map.of() : variables)
                .graphQLContext(Map.of(RequestScope.class, scope, DOCUMENT, document))
                .dataLoaderRegistry(dataLoaders())
                .locale(Locale.ENGLISH)
                .build();
        return graphQl.execute(input);
    }

    private DataLoaderRegistry dataLoaders() {
        DataLoaderRegistry registry = new DataLoaderRegistry();
        batchSizes.forEach((coordinate, size) -> {
            DataLoaderOptions options = DataLoaderOptions.newOptions().setMaxBatchSize(size).setCachingEnabled(false)
                    .build();
            DataLoader<Map<String, Object>, FieldOutcome> loader = DataLoaderFactory.newDataLoader(
                    events -> CompletableFuture.completedFuture(invoker.invokeBatch(events)), options);
            registry.register(coordinate, loader);
        });
        return registry;
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

    // ------------------------------------------------------------------------------------------ subscriptions

    /**
     * A subscription's {@code start}: checks the document, the caller's access to the subscription field (directives
     * and IAM), and runs the field's resolver as AppSync does on subscribe.
     */
    public SubscribeResult subscribe(Caller caller, String query, String operationName, Map<String, Object> variables,
            Map<String, String> headers, String sourceIp) {
        Prepared ready = prepare(query);
        if (ready.rejection() != null) {
            return new SubscribeResult(null, List.of(realtimeError(ready.rejection())));
        }
        if (!ready.errors().isEmpty()) {
            return new SubscribeResult(null, errorList(ready.errors()));
        }
        OperationDefinition operation = operation(ready.document(), operationName);
        if (operation == null || operation.getOperation() != OperationDefinition.Operation.SUBSCRIPTION) {
            // UNCONFIRMED: AppSync's exact text for a query or mutation sent to the real-time endpoint.
            return new SubscribeResult(null, List.of(realtimeError(new AppSyncRequestException(400,
                    "UnsupportedOperation", "Only subscription operations can be started on the real-time "
                    + "endpoint.", false))));
        }
        Optional<AppSyncRequestException> denied = iamRootDenial(caller, ready.document(), operation);
        if (denied.isPresent()) {
            return new SubscribeResult(null, List.of(realtimeError(denied.get())));
        }
        RequestScope scope = new RequestScope(caller, headers, List.of(sourceIp), variables,
                RequestScope.Mode.SUBSCRIBE, null);
        ExecutionResult result = run(ready.document(), query, operationName, variables, scope);
        if (!result.getErrors().isEmpty()) {
            return new SubscribeResult(null, errorList(result.getErrors()));
        }
        String field = scope.rootField;
        Set<String> mutations = subscribedMutations.getOrDefault(field, Set.of());
        return new SubscribeResult(new Subscription(field, scope.rootArguments == null ? Map.of()
                : scope.rootArguments, mutations, query, operationName, variables), List.of());
    }

    /**
     * An event for one subscriber: the mutation's result, filtered by the subscription's arguments and projected onto
     * the subscriber's selection with the subscriber's own field access.
     *
     * @return the {@code data} message payload, or empty when the event is not for this subscription
     */
    public Optional<Map<String, Object>> deliver(Subscription subscription, Caller caller, Map<String, String> headers,
            String sourceIp, String mutationField, Object payload) {
        if (!subscription.mutations().contains(mutationField) || !matchesArguments(subscription.arguments(), payload)) {
            return Optional.empty();
        }
        Prepared ready = prepare(subscription.query());
        if (ready.document() == null) {
            return Optional.empty();
        }
        RequestScope scope = new RequestScope(caller, headers, List.of(sourceIp), subscription.variables(),
                RequestScope.Mode.DELIVER, payload);
        ExecutionResult result = run(ready.document(), subscription.query(), subscription.operationName(),
                subscription.variables(), scope);
        return Optional.of(body(result.isDataPresent() ? result.getData() : null, result.getErrors()));
    }

    /** AppSync's subscription filter: every argument given must equal the result's field of the same name. */
    private static boolean matchesArguments(Map<String, Object> arguments, Object payload) {
        for (Map.Entry<String, Object> argument : arguments.entrySet()) {
            if (argument.getValue() == null) {
                continue;
            }
            if (!(payload instanceof Map<?, ?> map)
                    || !Objects.equals(String.valueOf(map.get(argument.getKey())), String.valueOf(argument.getValue()))) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------ preparation

    private Prepared prepare(String query) {
        Prepared cached = prepared.get(query);
        if (cached != null) {
            return cached;
        }
        Prepared fresh = parseAndValidate(query);
        if (prepared.size() >= PREPARED_CACHE) {
            prepared.clear();
        }
        prepared.put(query, fresh);
        return fresh;
    }

    private Prepared parseAndValidate(String query) {
        Document document;
        try {
            document = Parser.parse(ParserEnvironment.newParserEnvironment().document(query)
                    .parserOptions(parserOptions).build());
        } catch (graphql.parser.exceptions.ParseCancelledTooManyCharsException
                 | graphql.parser.exceptions.ParseCancelledException e) {
            // UNCONFIRMED: AppSync's answer to a query past its size limits.
            return new Prepared(null, AppSyncRequestException.malformed("The GraphQL query has more than "
                    + settings.maxTokens() + " tokens; send a smaller query."), List.of());
        } catch (InvalidSyntaxException e) {
            // AppSync answers a body it cannot read as a GraphQL request with this (400, observed); that a GraphQL
            // syntax error inside valid JSON gets the same answer is UNCONFIRMED.
            return new Prepared(null, AppSyncRequestException.malformed("Unable to parse GraphQL query."),
                    List.of());
        }
        List<GraphQLError> errors = new ArrayList<>(ParseAndValidate.validate(schema, document, Locale.ENGLISH));
        if (errors.isEmpty() && !settings.introspection()) {
            errors.addAll(introspectionErrors(document));
        }
        return new Prepared(document, null, List.copyOf(errors));
    }

    /** With introspection off, AppSync answers {@code __schema} and {@code __type} as fields it does not know. */
    private List<GraphQLError> introspectionErrors(Document document) {
        List<GraphQLError> errors = new ArrayList<>();
        for (Node<?> definition : document.getDefinitions()) {
            if (definition instanceof OperationDefinition op) {
                collectIntrospection(op.getSelectionSet(), errors);
            } else if (definition instanceof FragmentDefinition fragment) {
                collectIntrospection(fragment.getSelectionSet(), errors);
            }
        }
        return errors;
    }

    private void collectIntrospection(SelectionSet set, List<GraphQLError> errors) {
        if (set == null) {
            return;
        }
        for (Selection<?> selection : set.getSelections()) {
            if (selection instanceof Field field) {
                if (field.getName().equals("__schema") || field.getName().equals("__type")) {
                    errors.add(ValidationError.newValidationError()
                            .validationErrorType(graphql.validation.ValidationErrorType.FieldUndefined)
                            .sourceLocation(field.getSourceLocation())
                            .description("Field '" + field.getName() + "' in type '" + queryType + "' is undefined")
                            .queryPath(List.of(field.getName()))
                            .build());
                } else {
                    collectIntrospection(field.getSelectionSet(), errors);
                }
            } else if (selection instanceof InlineFragment inline) {
                collectIntrospection(inline.getSelectionSet(), errors);
            }
        }
    }

    private static OperationDefinition operation(Document document, String operationName) {
        OperationDefinition only = null;
        for (Node<?> definition : document.getDefinitions()) {
            if (definition instanceof OperationDefinition op) {
                if (operationName != null && operationName.equals(op.getName())) {
                    return op;
                }
                if (operationName == null) {
                    if (only != null) {
                        return null;
                    }
                    only = op;
                }
            }
        }
        return operationName == null ? only : null;
    }

    /**
     * IAM is checked on the operation's root fields before anything runs: a role without {@code appsync:GraphQL} on
     * a requested root field is refused the whole request ("Permission denied", observed for a policy naming the
     * wrong resource). UNCONFIRMED: the status (401) is what clients report for it.
     */
    private Optional<AppSyncRequestException> iamRootDenial(Caller caller, Document document,
            OperationDefinition operation) {
        if (!caller.isIam()) {
            return Optional.empty();
        }
        String rootType = switch (operation.getOperation()) {
            case MUTATION -> mutationType;
            case SUBSCRIPTION -> subscriptionType;
            default -> queryType;
        };
        Map<String, FragmentDefinition> fragments = new LinkedHashMap<>();
        document.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.put(f.getName(), f));
        Set<String> fields = new java.util.LinkedHashSet<>();
        rootFields(operation.getSelectionSet(), fragments, fields, new HashSet<>());
        for (String field : fields) {
            if (!authorizer.iamAllows(caller, rootType, field)) {
                return Optional.of(AppSyncRequestException.unauthorized("Permission denied"));
            }
        }
        return Optional.empty();
    }

    private static void rootFields(SelectionSet set, Map<String, FragmentDefinition> fragments, Set<String> fields,
            Set<String> seen) {
        if (set == null) {
            return;
        }
        for (Selection<?> selection : set.getSelections()) {
            if (selection instanceof Field field) {
                if (!field.getName().startsWith("__")) {
                    fields.add(field.getName());
                }
            } else if (selection instanceof InlineFragment inline) {
                rootFields(inline.getSelectionSet(), fragments, fields, seen);
            } else if (selection instanceof FragmentSpread spread && seen.add(spread.getName())
                    && fragments.containsKey(spread.getName())) {
                rootFields(fragments.get(spread.getName()).getSelectionSet(), fragments, fields, seen);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ fields

    /** Every field's fetcher: depth limit, AppSync's authorization, then the resolver or the parent's data. */
    private final class FieldFetcher implements DataFetcher<Object> {

        private final String type;
        private final String field;
        private final String coordinate;
        private final boolean subscriptionRoot;
        private final boolean root;

        FieldFetcher(String type, String field) {
            this.type = type;
            this.field = field;
            this.coordinate = type + "." + field;
            this.subscriptionRoot = type.equals(subscriptionType);
            this.root = type.equals(queryType) || type.equals(mutationType) || subscriptionRoot;
        }

        @Override
        public Object get(DataFetchingEnvironment env) {
            RequestScope scope = env.getGraphQlContext().get(RequestScope.class);
            ResultPath path = env.getExecutionStepInfo().getPath();
            boolean resolver = resolverFields.contains(coordinate);
            scope.fieldNames.put(path.toString(), field);
            if (settings.queryDepthLimit() > 0 && path.getKeysOnly().size() > settings.queryDepthLimit()) {
                // UNCONFIRMED: AppSync documents only that a field past the limit "produces a limit error".
                return failed(env, new FieldError(path.toList(), null, "QueryDepthLimitExceeded", null,
                        locations(env.getField()), "The query exceeds the API's maximum depth of "
                        + settings.queryDepthLimit()));
            }
            FieldAuthorizer.Verdict verdict = authorizer.decide(scope.caller, type, field);
            if (verdict != FieldAuthorizer.Verdict.ALLOW) {
                return failed(env, FieldError.unauthorized(path.toList(), locations(env.getField()), field, type));
            }
            switch (scope.mode) {
                case DELIVER:
                    return subscriptionRoot && root ? scope.payload : fromSource(env);
                case SUBSCRIBE:
                    if (subscriptionRoot) {
                        scope.rootField = field;
                        scope.rootArguments = env.getArguments();
                        return resolver ? resolve(env, scope) : null;
                    }
                    return fromSource(env);
                default:
                    return resolver ? resolve(env, scope) : fromSource(env);
            }
        }

        private Object resolve(DataFetchingEnvironment env, RequestScope scope) {
            Map<String, Object> event = EventFactory.event(env, scope);
            DataLoader<Map<String, Object>, FieldOutcome> loader = batchSizes.containsKey(coordinate)
                    ? env.getDataLoader(coordinate) : null;
            if (loader != null) {
                return loader.load(event).thenApply(outcome -> result(env, outcome));
            }
            return result(env, invoker.invoke(event));
        }

        private Object fromSource(DataFetchingEnvironment env) {
            Object source = env.getSource();
            return source instanceof Map<?, ?> map ? map.get(field) : null;
        }
    }

    private static Object result(DataFetchingEnvironment env, FieldOutcome outcome) {
        if (!outcome.failed()) {
            return outcome.data();
        }
        return failed(env, new FieldError(env.getExecutionStepInfo().getPath().toList(), outcome.errorData(),
                outcome.errorType(), outcome.errorInfo(), locations(env.getField()), outcome.errorMessage()));
    }

    private static DataFetcherResult<Object> failed(DataFetchingEnvironment env, FieldError error) {
        return DataFetcherResult.newResult().data(null).error(error).build();
    }

    private static List<SourceLocation> locations(Node<?> node) {
        return node.getSourceLocation() == null ? List.of() : List.of(node.getSourceLocation());
    }

    // ------------------------------------------------------------------------------------------ responses

    /** AppSync's response body: {@code data}, then {@code errors} when there are any. */
    static Map<String, Object> body(Object data, List<GraphQLError> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        List<Map<String, Object>> list = errorList(errors);
        if (!list.isEmpty()) {
            body.put("errors", list);
        }
        return body;
    }

    static List<Map<String, Object>> errorList(List<GraphQLError> errors) {
        Set<List<Object>> reported = new HashSet<>();
        for (GraphQLError error : errors) {
            if (!(error instanceof NonNullableFieldWasNullError) && error.getPath() != null) {
                reported.add(error.getPath());
            }
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (GraphQLError error : errors) {
            // A denied or failed non-null field is reported once, by its own error.
            if (error instanceof NonNullableFieldWasNullError && reported.contains(error.getPath())) {
                continue;
            }
            list.add(error(error));
        }
        return list;
    }

    private static Map<String, Object> error(GraphQLError error) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (error instanceof FieldError field) {
            out.put("path", field.getPath());
            out.put("data", field.data());
            out.put("errorType", field.appSyncErrorType());
            out.put("errorInfo", field.errorInfo());
            out.put("locations", locationList(field.getLocations()));
            out.put("message", field.getMessage());
            return out;
        }
        out.put("path", error.getPath());
        out.put("locations", locationList(error.getLocations()));
        if (error instanceof ValidationError validation) {
            // AppSync's (older graphql-java) wording: "Validation error of type X: description @ 'path'".
            String where = validation.getQueryPath() == null || validation.getQueryPath().isEmpty() ? ""
                    : " @ '" + String.join("/", validation.getQueryPath()) + "'";
            String description = validation.getDescription() == null ? "" : validation.getDescription()
                    .replaceFirst("^Validation error \\([^)]*\\) ?: ?", "");
            out.put("message", "Validation error of type " + validation.getValidationErrorType() + ": "
                    + description + where);
        } else if (error instanceof NonNullableFieldWasNullError) {
            out.put("message", nonNullMessage(error));
        } else {
            out.put("message", error.getMessage());
        }
        return out;
    }

    /** graphql-java names both types at the end of its message: "... type is 'T' within parent type 'P'". */
    private static final Pattern NON_NULL_TYPES = Pattern.compile(
            "The non-nullable type is '([^']*)'(?: within parent type '([^']*)')?$");

    /**
     * AppSync's wording, e.g. for a subscription field the triggering mutation did not select:
     * {@code Cannot return null for non-nullable type: 'String' within parent 'Note' (/onCreateNote/text)}.
     */
    private static String nonNullMessage(GraphQLError error) {
        Matcher types = NON_NULL_TYPES.matcher(error.getMessage() == null ? "" : error.getMessage());
        boolean found = types.find();
        String type = found ? types.group(1) : "null";
        String parent = found && types.group(2) != null ? types.group(2) : "null";
        return "Cannot return null for non-nullable type: '" + type + "' within parent '" + parent + "' ("
                + pathText(error.getPath()) + ")";
    }

    private static String pathText(List<Object> path) {
        StringBuilder text = new StringBuilder();
        if (path != null) {
            for (Object segment : path) {
                text.append(segment instanceof Integer ? "[" + segment + "]" : "/" + segment);
            }
        }
        return text.toString();
    }

    private static List<Map<String, Object>> locationList(List<SourceLocation> locations) {
        if (locations == null || locations.isEmpty()) {
            return null;
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (SourceLocation location : locations) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("line", location.getLine());
            entry.put("column", location.getColumn());
            entry.put("sourceName", null);
            list.add(entry);
        }
        return list;
    }

    static Map<String, Object> requestError(AppSyncRequestException e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("errorType", e.errorType());
        error.put("message", e.getMessage());
        return error;
    }

    /** A refused subscription request on the real-time channel: AppSync adds the HTTP status as {@code errorCode}. */
    private static Map<String, Object> realtimeError(AppSyncRequestException e) {
        Map<String, Object> error = requestError(e);
        error.put("errorCode", e.status());
        return error;
    }

    /** AppSync's body for a refused request: {@code {"errors": [{"errorType": ..., "message": ...}]}}. */
    public static Map<String, Object> requestErrorBody(AppSyncRequestException e) {
        return Map.of("errors", List.of(requestError(e)));
    }

    /**
     * Removes a field's resolver from the running API (AppSync's DeleteResolver): from the next request on, the field
     * resolves from its parent's data, or to null at the root.
     *
     * @return whether the field had a resolver
     */
    public boolean removeResolver(String type, String field) {
        String coordinate = type + "." + field;
        batchSizes.remove(coordinate);
        return resolverFields.remove(coordinate);
    }
}
