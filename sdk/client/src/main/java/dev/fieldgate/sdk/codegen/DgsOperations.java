package dev.fieldgate.sdk.codegen;

import com.netflix.graphql.dgs.client.codegen.BaseProjectionNode;
import com.netflix.graphql.dgs.client.codegen.GraphQLQuery;
import com.netflix.graphql.dgs.client.codegen.GraphQLQueryRequest;
import dev.fieldgate.sdk.GraphQLOperation;
import dev.fieldgate.sdk.OperationType;
import graphql.GraphQLContext;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import java.lang.reflect.Type;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Turns the classes the DGS code generator writes from the app's schema ({@code ListPinsGraphQLQuery},
 * {@code ListPinsProjectionRoot}, the data types) into {@link GraphQLOperation}s:
 *
 * <pre>{@code
 * GraphQLOperation<PinConnection> listPins = DgsOperations.of(
 *         ListPinsGraphQLQuery.newRequest().limit(20).build(),
 *         new ListPinsProjectionRoot<>().items().id().title().createdAt().getRoot().nextToken(),
 *         PinConnection.class);
 * PinConnection page = client.execute(listPins).data();
 * }</pre>
 *
 * Arguments are written into the document as literals; AppSync's scalars ({@code AWSDateTime} as
 * {@code OffsetDateTime}, {@code AWSDate}, {@code AWSTime}, {@code AWSURL} as {@code URI}) are written as strings.
 * Arguments given as variable references ({@code limitReference("limit")}) take their values from
 * {@link GraphQLOperation#withVariables}.
 *
 * <p>Needs {@code com.netflix.graphql.dgs.codegen:graphql-dgs-codegen-shared-core} on the class path, which the
 * generated classes need anyway.
 */
public final class DgsOperations {

    private static final Map<Class<?>, Coercing<?, ?>> APPSYNC_SCALARS = Map.of(URI.class, new ToStringCoercing());

    private DgsOperations() {}

    /** An operation for a generated query, mutation or subscription and its projection (the selected fields). */
    public static <T> GraphQLOperation<T> of(GraphQLQuery query, BaseProjectionNode projection, Class<T> resultType) {
        return of(query, projection, (Type) resultType);
    }

    /** As {@link #of(GraphQLQuery, BaseProjectionNode, Class)} for a parameterized result type. */
    public static <T> GraphQLOperation<T> of(GraphQLQuery query, BaseProjectionNode projection, Type resultType) {
        return of(query, projection, resultType, Map.of());
    }

    /** As above, with extra scalar serializers for custom scalars in arguments (class to graphql-java Coercing). */
    public static <T> GraphQLOperation<T> of(
            GraphQLQuery query, BaseProjectionNode projection, Type resultType, Map<Class<?>, Coercing<?, ?>> scalars) {
        Objects.requireNonNull(query, "query");
        Map<Class<?>, Coercing<?, ?>> all = new LinkedHashMap<>(APPSYNC_SCALARS);
        all.putAll(scalars);
        String document = new GraphQLQueryRequest(query, projection, all).serialize();
        String resultField =
                query.getQueryAlias() != null && !query.getQueryAlias().isBlank()
                        ? query.getQueryAlias()
                        : query.getOperationName();
        GraphQLOperation<T> operation =
                GraphQLOperation.of(type(query.getOperationType()), document, resultField, resultType);
        return query.getName() == null || query.getName().isBlank()
                ? operation
                : operation.withOperationName(query.getName());
    }

    private static OperationType type(String operationType) {
        return switch (operationType == null ? "query" : operationType.toLowerCase(Locale.ROOT)) {
            case "mutation" -> OperationType.MUTATION;
            case "subscription" -> OperationType.SUBSCRIPTION;
            default -> OperationType.QUERY;
        };
    }

    /** Writes a value as a GraphQL string literal (AWSURL and other string-shaped scalars). */
    @SuppressWarnings("InlineMeSuggester") // deprecated graphql-java overrides, not an API of ours to inline
    private static final class ToStringCoercing implements Coercing<Object, String> {
        @Override
        public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
            return StringValue.of(String.valueOf(input));
        }

        @Override
        @Deprecated
        public String serialize(Object dataFetcherResult) {
            return String.valueOf(dataFetcherResult);
        }

        @Override
        @Deprecated
        public Object parseValue(Object input) {
            return input;
        }

        @Override
        @Deprecated
        public Object parseLiteral(Object input) {
            return input instanceof StringValue s ? s.getValue() : input;
        }
    }
}
