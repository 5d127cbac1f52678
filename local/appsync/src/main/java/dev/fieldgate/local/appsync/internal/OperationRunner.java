package dev.fieldgate.local.appsync.internal;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.Document;
import graphql.schema.GraphQLSchema;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a prepared document with graphql-java: the document comes from the preparation, not from parsing the query
 * again; every run gets its own DataLoaders and its {@link RequestScope}.
 */
final class OperationRunner {

    private static final String DOCUMENT = "fieldgate.document";

    private final GraphQL graphQl;
    private final ResolverRegistry resolvers;

    OperationRunner(GraphQLSchema schema, ResolverRegistry resolvers) {
        this.resolvers = resolvers;
        this.graphQl = GraphQL.newGraphQL(schema)
                // A subscription's start and its events run the subscription operation once, like a query.
                .subscriptionExecutionStrategy(new AsyncExecutionStrategy())
                .preparsedDocumentProvider(
                        (input, parse) -> CompletableFuture.completedFuture(new PreparsedDocumentEntry(
                                (Document) input.getGraphQLContext().get(DOCUMENT))))
                .build();
    }

    ExecutionResult run(
            Document document, String query, String operationName, Map<String, Object> variables, RequestScope scope) {
        ExecutionInput input = ExecutionInput.newExecutionInput()
                .query(query)
                .operationName(operationName)
                .variables(variables == null ? Map.of() : variables)
                .graphQLContext(Map.of(RequestScope.class, scope, DOCUMENT, document))
                .dataLoaderRegistry(resolvers.dataLoaders())
                .locale(Locale.ENGLISH)
                .build();
        return graphQl.execute(input);
    }
}
