package dev.fieldgate.local.appsync.internal;

import graphql.GraphQLError;
import graphql.ParseAndValidate;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.InlineFragment;
import graphql.language.Node;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.schema.GraphQLSchema;
import graphql.validation.GoodFaithIntrospectionExceeded;
import graphql.validation.ValidationError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A query's preparation, before anything runs: parsing within AppSync's token limit, validation against the schema,
 * introspection when it is off, and a cache of the outcome by query text, since subscribers' queries are prepared
 * again for every event.
 */
final class DocumentPreparer {

    /** A query prepared once: its document, or why it cannot run. */
    record Prepared(Document document, AppSyncRequestException rejection, List<GraphQLError> errors) {}

    private static final int PREPARED_CACHE = 512;

    private final GraphQLSchema schema;
    private final String queryType;
    private final boolean introspection;
    private final int maxTokens;
    private final ParserOptions parserOptions;
    private final Map<String, Prepared> prepared = new ConcurrentHashMap<>();

    /**
     * @param queryType     the query root's name, as AppSync names it in introspection errors
     * @param introspection whether {@code __schema} and {@code __type} may be queried
     * @param maxTokens     the most tokens a query may have
     */
    DocumentPreparer(GraphQLSchema schema, String queryType, boolean introspection, int maxTokens) {
        this.schema = schema;
        this.queryType = queryType;
        this.introspection = introspection;
        this.maxTokens = maxTokens;
        this.parserOptions = ParserOptions.newParserOptions()
                .maxTokens(maxTokens)
                .captureLineComments(false)
                .build();
    }

    Prepared prepare(String query) {
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
            document = Parser.parse(ParserEnvironment.newParserEnvironment()
                    .document(query)
                    .parserOptions(parserOptions)
                    .build());
        } catch (graphql.parser.exceptions.ParseCancelledTooManyCharsException
                | graphql.parser.exceptions.ParseCancelledException e) {
            // UNCONFIRMED: AppSync's answer to a query past its size limits.
            return new Prepared(
                    null,
                    AppSyncRequestException.malformed(
                            "The GraphQL query has more than " + maxTokens + " tokens; send a smaller query."),
                    List.of());
        } catch (InvalidSyntaxException e) {
            // AppSync answers a body it cannot read as a GraphQL request with this (400, observed); that a GraphQL
            // syntax error inside valid JSON gets the same answer is UNCONFIRMED.
            return new Prepared(null, AppSyncRequestException.malformed("Unable to parse GraphQL query."), List.of());
        }
        List<GraphQLError> errors;
        try {
            errors = new ArrayList<>(ParseAndValidate.validate(schema, document, Locale.ENGLISH));
        } catch (GoodFaithIntrospectionExceeded e) {
            if (!introspection) {
                // With introspection off the fields do not exist, whatever the query asks of them.
                return new Prepared(document, null, List.copyOf(introspectionErrors(document)));
            }
            // graphql-java refuses introspection that asks for too much (__schema twice, __type fields nested in
            // themselves) by throwing, not with a validation error. UNCONFIRMED: AppSync's own answer to such a query;
            // 400 BadRequestException is the request-level refusal its data plane uses for requests it will not run.
            return new Prepared(
                    null, AppSyncRequestException.badRequest(e.toBadFaithError().getMessage()), List.of());
        }
        if (errors.isEmpty() && !introspection) {
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

    /** The operation to run: the one named, or the only one; {@code null} when there is no such operation. */
    static OperationDefinition operation(Document document, String operationName) {
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
}
