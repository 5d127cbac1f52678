package dev.fieldgate.local.appsync.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.local.appsync.LambdaErrorStyle;
import dev.fieldgate.local.appsync.internal.lambda.LambdaFunction;
import dev.fieldgate.local.core.internal.iam.RolePolicies;
import dev.fieldgate.policy.AccessPolicy;
import dev.fieldgate.policy.Manifest;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The AppSync data plane: parses, validates and executes GraphQL over the app's schema as AppSync does, with
 * AppSync's authorization on every field at every depth, the app's resolver function behind every field the manifest
 * lists (BatchInvoke for fields with a {@code maxBatchSize}, through per-request DataLoaders), and every other field
 * resolved from its parent's data. Mutations named in a subscription's {@code @aws_subscribe} are published to
 * listeners with their result.
 *
 * <p>This class wires the parts and is what the HTTP and real-time endpoints call: {@link DocumentPreparer} parses,
 * validates and caches queries, {@link RootFieldIam} checks IAM on root fields, {@link FieldFetcher} decides and
 * resolves each field, {@link RequestExecutor} runs queries and mutations, {@link SubscriptionExecutor} starts
 * subscriptions and delivers their events, and {@link AppSyncResponses} writes AppSync's response shapes.
 */
public final class GraphQlEngine {

    /**
     * The API's settings.
     *
     * @param apiArn          {@code arn:aws:appsync:<region>:<account>:apis/<apiId>}
     * @param queryDepthLimit AppSync's query depth limit (0: none)
     * @param maxTokens       the most tokens a query may have
     */
    public record Settings(
            String apiArn, int queryDepthLimit, boolean introspection, int maxTokens, LambdaErrorStyle errorStyle) {}

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
    public record Subscription(
            String field,
            Map<String, Object> arguments,
            Set<String> mutations,
            String query,
            String operationName,
            Map<String, Object> variables) {}

    /** The outcome of a {@code start}: a subscription, or AppSync's errors for the subscriber. */
    public record SubscribeResult(Subscription subscription, List<Map<String, Object>> errors) {}

    private final ResolverRegistry resolvers;
    private final RequestExecutor requests;
    private final SubscriptionExecutor subscriptions;

    public GraphQlEngine(
            Settings settings,
            String appSyncSchema,
            Manifest manifest,
            AccessPolicy policy,
            Supplier<LambdaFunction> function,
            Supplier<RolePolicies> rolePolicies,
            ObjectMapper json) {
        FieldAuthorizer authorizer = new FieldAuthorizer(policy, settings.apiArn(), rolePolicies);
        this.resolvers = new ResolverRegistry(manifest, new ResolverInvoker(function, settings.errorStyle(), json));
        TypeDefinitionRegistry registry = AppSyncSchemaFactory.registry(appSyncSchema);
        RootTypes roots = RootTypes.of(AppSyncSchemaFactory.rootTypes(registry));
        GraphQLSchema schema = AppSyncSchemaFactory.schema(
                registry,
                (type, field) ->
                        new FieldFetcher(type, field, roots, settings.queryDepthLimit(), authorizer, resolvers));
        Map<String, Set<String>> subscribedMutations = roots.subscription() == null
                ? Map.of()
                : AppSyncSchemaFactory.subscribedMutations(registry, roots.subscription());
        DocumentPreparer preparer =
                new DocumentPreparer(schema, roots.query(), settings.introspection(), settings.maxTokens());
        RootFieldIam rootIam = new RootFieldIam(authorizer, roots);
        OperationRunner runner = new OperationRunner(schema, resolvers);
        this.requests = new RequestExecutor(preparer, rootIam, runner);
        this.subscriptions = new SubscriptionExecutor(preparer, rootIam, runner, subscribedMutations);
    }

    /** Registers a listener for mutation results: {@code (mutationField, result re-keyed by field names)}. */
    public void onMutation(BiConsumer<String, Object> listener) {
        requests.onMutation(listener);
    }

    /**
     * Executes a query or mutation for a verified caller.
     *
     * @param headers  the request's headers, lower-case names, for the Direct Lambda event
     * @param sourceIp the caller's address
     */
    public Answer execute(
            Caller caller,
            String query,
            String operationName,
            Map<String, Object> variables,
            Map<String, String> headers,
            String sourceIp) {
        return requests.execute(caller, query, operationName, variables, headers, sourceIp);
    }

    /**
     * A subscription's {@code start}: checks the document, the caller's access to the subscription field (directives
     * and IAM), and runs the field's resolver as AppSync does on subscribe.
     */
    public SubscribeResult subscribe(
            Caller caller,
            String query,
            String operationName,
            Map<String, Object> variables,
            Map<String, String> headers,
            String sourceIp) {
        return subscriptions.subscribe(caller, query, operationName, variables, headers, sourceIp);
    }

    /**
     * An event for one subscriber: the mutation's result, filtered by the subscription's arguments and projected onto
     * the subscriber's selection with the subscriber's own field access.
     *
     * @return the {@code data} message payload, or empty when the event is not for this subscription
     */
    public Optional<Map<String, Object>> deliver(
            Subscription subscription,
            Caller caller,
            Map<String, String> headers,
            String sourceIp,
            String mutationField,
            Object payload) {
        return subscriptions.deliver(subscription, caller, headers, sourceIp, mutationField, payload);
    }

    /** AppSync's body for a refused request: {@code {"errors": [{"errorType": ..., "message": ...}]}}. */
    public static Map<String, Object> requestErrorBody(AppSyncRequestException e) {
        return AppSyncResponses.requestErrorBody(e);
    }

    /**
     * Removes a field's resolver from the running API (AppSync's DeleteResolver): from the next request on, the field
     * resolves from its parent's data, or to null at the root.
     *
     * @return whether the field had a resolver
     */
    public boolean removeResolver(String type, String field) {
        return resolvers.remove(type, field);
    }
}
