package dev.fieldgate.local.appsync.internal;

import graphql.execution.DataFetcherResult;
import graphql.execution.ResultPath;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import java.util.Map;
import org.dataloader.DataLoader;

/** Every field's fetcher: depth limit, AppSync's authorization, then the resolver or the parent's data. */
final class FieldFetcher implements DataFetcher<Object> {

    private final String type;
    private final String field;
    private final String coordinate;
    private final boolean subscriptionRoot;
    private final boolean root;
    private final int queryDepthLimit;
    private final FieldAuthorizer authorizer;
    private final ResolverRegistry resolvers;

    /** @param queryDepthLimit AppSync's query depth limit (0: none) */
    FieldFetcher(
            String type,
            String field,
            RootTypes roots,
            int queryDepthLimit,
            FieldAuthorizer authorizer,
            ResolverRegistry resolvers) {
        this.type = type;
        this.field = field;
        this.coordinate = type + "." + field;
        this.subscriptionRoot = type.equals(roots.subscription());
        this.root = roots.isRoot(type);
        this.queryDepthLimit = queryDepthLimit;
        this.authorizer = authorizer;
        this.resolvers = resolvers;
    }

    @Override
    public Object get(DataFetchingEnvironment env) {
        RequestScope scope = env.getGraphQlContext().get(RequestScope.class);
        ResultPath path = env.getExecutionStepInfo().getPath();
        boolean resolver = resolvers.has(coordinate);
        scope.fieldNames.put(path.toString(), field);
        if (queryDepthLimit > 0 && path.getKeysOnly().size() > queryDepthLimit) {
            // UNCONFIRMED: AppSync documents only that a field past the limit "produces a limit error".
            return failed(new FieldError(
                    path.toList(),
                    null,
                    "QueryDepthLimitExceeded",
                    null,
                    FieldError.locations(env.getField()),
                    "The query exceeds the API's maximum depth of " + queryDepthLimit));
        }
        FieldAuthorizer.Verdict verdict = authorizer.decide(scope.caller, type, field);
        if (verdict != FieldAuthorizer.Verdict.ALLOW) {
            return failed(FieldError.unauthorized(path.toList(), FieldError.locations(env.getField()), field, type));
        }
        return switch (scope.mode) {
            case DELIVER -> subscriptionRoot && root ? scope.payload : fromSource(env);
            case SUBSCRIBE -> {
                if (subscriptionRoot) {
                    scope.rootField = field;
                    scope.rootArguments = env.getArguments();
                    yield resolver ? resolve(env, scope) : null;
                }
                yield fromSource(env);
            }
            default -> resolver ? resolve(env, scope) : fromSource(env);
        };
    }

    private Object resolve(DataFetchingEnvironment env, RequestScope scope) {
        Map<String, Object> event = EventFactory.event(env, scope);
        DataLoader<Map<String, Object>, FieldOutcome> loader =
                resolvers.batched(coordinate) ? env.getDataLoader(coordinate) : null;
        if (loader != null) {
            return loader.load(event).thenApply(outcome -> result(env, outcome));
        }
        return result(env, resolvers.invoke(event));
    }

    private Object fromSource(DataFetchingEnvironment env) {
        Object source = env.getSource();
        return source instanceof Map<?, ?> map ? map.get(field) : null;
    }

    private static Object result(DataFetchingEnvironment env, FieldOutcome outcome) {
        if (!outcome.failed()) {
            return outcome.data();
        }
        return failed(new FieldError(
                env.getExecutionStepInfo().getPath().toList(),
                outcome.errorData(),
                outcome.errorType(),
                outcome.errorInfo(),
                FieldError.locations(env.getField()),
                outcome.errorMessage()));
    }

    private static DataFetcherResult<Object> failed(FieldError error) {
        return DataFetcherResult.newResult().data(null).error(error).build();
    }
}
