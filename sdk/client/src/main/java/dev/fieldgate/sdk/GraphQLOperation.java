package dev.fieldgate.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fieldgate.sdk.internal.DocumentScanner;
import java.lang.reflect.Type;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A GraphQL operation and the Java type of its result: what {@link FieldgateClient#execute(GraphQLOperation)}
 * sends and decodes. Immutable; the {@code with...} methods return copies.
 *
 * <p>Typed operations usually come from generated code: fieldgate-maven-plugin's {@code generate-client} goal writes
 * them from the app's {@code .graphql} operations, and {@link dev.fieldgate.sdk.codegen.DgsOperations} adapts the DGS
 * code generator's query and projection classes. Written by hand:
 *
 * <pre>{@code
 * GraphQLOperation<Pin> getPin = GraphQLOperation
 *         .query("query Get($id: ID!) { getPin(id: $id) { id title } }", "getPin", Pin.class)
 *         .withVariable("id", "p-1");
 * }</pre>
 *
 * @param <T> the type the result field is decoded into
 */
public final class GraphQLOperation<T> {

    private final OperationType type;
    private final String document;
    private final Map<String, Object> variables;
    private final String operationName;
    private final String resultField;
    private final Type resultType;

    private GraphQLOperation(
            OperationType type,
            String document,
            Map<String, Object> variables,
            String operationName,
            String resultField,
            Type resultType) {
        this.type = Objects.requireNonNull(type, "type");
        this.document = requireText(document, "document");
        this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        this.operationName = operationName;
        this.resultField = resultField;
        this.resultType = Objects.requireNonNull(resultType, "resultType");
    }

    /** A query whose response field {@code resultField} is decoded into {@code resultType}. */
    public static <T> GraphQLOperation<T> query(String document, String resultField, Class<T> resultType) {
        return of(OperationType.QUERY, document, resultField, resultType);
    }

    /** A mutation whose response field {@code resultField} is decoded into {@code resultType}. */
    public static <T> GraphQLOperation<T> mutation(String document, String resultField, Class<T> resultType) {
        return of(OperationType.MUTATION, document, resultField, resultType);
    }

    /** A subscription whose events' field {@code resultField} is decoded into {@code resultType}. */
    public static <T> GraphQLOperation<T> subscription(String document, String resultField, Class<T> resultType) {
        return of(OperationType.SUBSCRIPTION, document, resultField, resultType);
    }

    /**
     * Any operation; {@code resultType} may be a parameterized type, e.g.
     * {@code new TypeReference<List<Pin>>() {}.getType()}.
     */
    public static <T> GraphQLOperation<T> of(OperationType type, String document, String resultField, Type resultType) {
        return new GraphQLOperation<>(
                type, document, Map.of(), null, requireText(resultField, "resultField"), resultType);
    }

    /**
     * An operation whose whole {@code data} object (every root field it selects) is decoded into {@code dataType},
     * e.g. a class with one property per root field.
     */
    public static <T> GraphQLOperation<T> ofData(OperationType type, String document, Type dataType) {
        return new GraphQLOperation<>(type, document, Map.of(), null, null, dataType);
    }

    /**
     * An untyped operation: the whole {@code data} object is returned as a tree. Its type (query, mutation,
     * subscription) is read from the document.
     */
    public static GraphQLOperation<JsonNode> raw(String document) {
        return raw(document, null);
    }

    /** An untyped operation, choosing {@code operationName} from a document that holds several. */
    public static GraphQLOperation<JsonNode> raw(String document, String operationName) {
        OperationType type = DocumentScanner.operationType(requireText(document, "document"), operationName);
        return new GraphQLOperation<>(type, document, Map.of(), operationName, null, JsonNode.class);
    }

    /** A copy with these variables instead of the current ones (values are serialized with Jackson). */
    public GraphQLOperation<T> withVariables(Map<String, ?> newVariables) {
        Objects.requireNonNull(newVariables, "newVariables");
        return new GraphQLOperation<>(
                type, document, new LinkedHashMap<>(newVariables), operationName, resultField, resultType);
    }

    /** A copy with one more variable (or a new value for it). */
    public GraphQLOperation<T> withVariable(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(variables);
        copy.put(requireText(name, "name"), value);
        return new GraphQLOperation<>(type, document, copy, operationName, resultField, resultType);
    }

    /** A copy that names the operation to run in a document that holds several. */
    public GraphQLOperation<T> withOperationName(String name) {
        return new GraphQLOperation<>(type, document, variables, requireText(name, "name"), resultField, resultType);
    }

    public OperationType type() {
        return type;
    }

    public String document() {
        return document;
    }

    /** The variables; a null value is sent as an explicit JSON null. */
    public Map<String, Object> variables() {
        return variables;
    }

    public Optional<String> operationName() {
        return Optional.ofNullable(operationName);
    }

    /** The response key the result is read from, or empty for {@link #raw} operations (the whole data object). */
    public Optional<String> resultField() {
        return Optional.ofNullable(resultField);
    }

    public Type resultType() {
        return resultType;
    }

    /** Variables may hold personal data; they are counted, not printed. */
    @Override
    public String toString() {
        return "GraphQLOperation[" + type + (operationName == null ? "" : " " + operationName)
                + (resultField == null ? "" : " -> " + resultField) + ", " + variables.size() + " variable(s)]";
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }
}
