package dev.fieldgate.verify.internal;

import dev.fieldgate.policy.AccessPolicy;
import dev.fieldgate.policy.Manifest;
import dev.fieldgate.policy.Operation;
import dev.fieldgate.policy.RootTarget;
import graphql.language.EnumTypeDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.ObjectTypeDefinition;
import graphql.language.OperationTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.Type;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the guest smoke call's two operations from the deployable schema and the manifest's guest grants: a root
 * query field guests may call with no required arguments (selecting only fields they are granted), and a root field
 * they are not granted (a query if there is one; otherwise the mutation least able to change data: a delete, then
 * an update, with harmless placeholder arguments). AppSync refuses the second before any resolver runs.
 */
public final class GuestOperations {

    /** A chosen operation: the GraphQL document and the root field it calls, {@code Query.listPins}. */
    public record Choice(String coordinate, String document) {}

    private static final String PLACEHOLDER_ID = "fieldgate-verify-00000000-0000-4000-8000-000000000000";

    private final TypeDefinitionRegistry registry;
    private final Set<String> guestGrants;
    private final AccessPolicy policy;
    private final String queryType;
    private final String mutationType;

    private GuestOperations(TypeDefinitionRegistry registry, Set<String> guestGrants, AccessPolicy policy) {
        this.registry = registry;
        this.guestGrants = guestGrants;
        this.policy = policy;
        Optional<SchemaDefinition> schema = registry.schemaDefinition();
        this.queryType = schema.flatMap(s -> root(s, "query")).orElse("Query");
        this.mutationType = schema.flatMap(s -> root(s, "mutation")).orElse("Mutation");
    }

    public static GuestOperations of(String appSyncSchema, Manifest manifest, AccessPolicy policy) {
        return new GuestOperations(
                new SchemaParser().parse(appSyncSchema),
                Set.copyOf(manifest.grants().guest()),
                policy);
    }

    private static Optional<String> root(SchemaDefinition schema, String operation) {
        return schema.getOperationTypeDefinitions().stream()
                .filter(o -> o.getName().equals(operation))
                .map(OperationTypeDefinition::getTypeName)
                .map(TypeName::getName)
                .findFirst();
    }

    /** A query guests are granted, or empty when the schema has none that needs no arguments. */
    public Optional<Choice> allowed() {
        for (FieldDefinition field : fields(queryType)) {
            if (!granted(queryType, field.getName()) || hasRequiredArguments(field)) {
                continue;
            }
            Optional<String> selection = selection(field.getType(), true);
            if (selection.isPresent()) {
                return Optional.of(new Choice(
                        queryType + "." + field.getName(),
                        "query FieldgateVerifyGuestAllowed { " + field.getName() + selection.get() + " }"));
            }
        }
        return Optional.empty();
    }

    /** A root field guests are not granted, or empty when guests are granted every query and mutation. */
    public Optional<Choice> denied() {
        List<Candidate> candidates = new ArrayList<>();
        for (FieldDefinition field : fields(queryType)) {
            if (!granted(queryType, field.getName())) {
                candidates.add(new Candidate("query", queryType, field, 0));
            }
        }
        for (FieldDefinition field : fields(mutationType)) {
            if (!granted(mutationType, field.getName())) {
                Optional<RootTarget> target = policy.target(mutationType, field.getName());
                Operation operation = target.map(RootTarget::operation).orElse(null);
                int rank = operation == Operation.DELETE ? 1 : operation == Operation.UPDATE ? 2 : 3;
                candidates.add(new Candidate("mutation", mutationType, field, rank));
            }
        }
        candidates.sort(Comparator.comparingInt(Candidate::rank)
                .thenComparingInt(c -> requiredArguments(c.field()).size()));
        for (Candidate candidate : candidates) {
            Optional<String> selection = selection(candidate.field().getType(), false);
            Optional<String> arguments = arguments(candidate.field());
            if (selection.isPresent() && arguments.isPresent()) {
                return Optional.of(new Choice(
                        candidate.type() + "." + candidate.field().getName(),
                        candidate.keyword() + " FieldgateVerifyGuestDenied { "
                                + candidate.field().getName() + arguments.get() + selection.get() + " }"));
            }
        }
        return Optional.empty();
    }

    private record Candidate(String keyword, String type, FieldDefinition field, int rank) {}

    private boolean granted(String type, String field) {
        return guestGrants.contains("types/" + type + "/fields/" + field);
    }

    private List<FieldDefinition> fields(String type) {
        ObjectTypeDefinition definition = registry.getTypeOrNull(type, ObjectTypeDefinition.class);
        return definition == null ? List.of() : definition.getFieldDefinitions();
    }

    private static boolean hasRequiredArguments(FieldDefinition field) {
        return !requiredArguments(field).isEmpty();
    }

    private static List<InputValueDefinition> requiredArguments(FieldDefinition field) {
        return field.getInputValueDefinitions().stream()
                .filter(a -> a.getType() instanceof NonNullType && a.getDefaultValue() == null)
                .toList();
    }

    /**
     * The selection set for a field of this type: empty string for a scalar or enum; for an object type its scalar
     * fields that take no required arguments (only those guests are granted, when {@code grantedOnly}).
     */
    private Optional<String> selection(Type<?> type, boolean grantedOnly) {
        String name = unwrap(type);
        TypeDefinition<?> definition = registry.getTypeOrNull(name);
        if (isLeaf(definition)) {
            return Optional.of("");
        }
        if (!(definition instanceof ObjectTypeDefinition object)) {
            return Optional.empty();
        }
        List<String> leaves = new ArrayList<>();
        for (FieldDefinition field : object.getFieldDefinitions()) {
            if (hasRequiredArguments(field) || (grantedOnly && !granted(name, field.getName()))) {
                continue;
            }
            if (isLeaf(registry.getTypeOrNull(unwrap(field.getType())))) {
                leaves.add(field.getName());
            }
        }
        if (leaves.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(" { " + String.join(" ", grantedOnly ? leaves : leaves.subList(0, 1)) + " }");
    }

    /** Scalars (built-in, declared, or AppSync's, which a deployable schema does not declare) and enums. */
    private static boolean isLeaf(TypeDefinition<?> definition) {
        return definition == null
                || definition instanceof EnumTypeDefinition
                || definition instanceof ScalarTypeDefinition;
    }

    private Optional<String> arguments(FieldDefinition field) {
        List<InputValueDefinition> required = requiredArguments(field);
        if (required.isEmpty()) {
            return Optional.of("");
        }
        List<String> parts = new ArrayList<>();
        for (InputValueDefinition argument : required) {
            Optional<String> value = value(argument.getType(), 0);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            parts.add(argument.getName() + ": " + value.get());
        }
        return Optional.of("(" + String.join(", ", parts) + ")");
    }

    /** A literal of the type that passes validation and changes nothing if it ever reached a resolver. */
    private Optional<String> value(Type<?> type, int depth) {
        if (depth > 5) {
            return Optional.empty();
        }
        if (type instanceof NonNullType nonNull) {
            return value(nonNull.getType(), depth);
        }
        if (type instanceof ListType) {
            return Optional.of("[]");
        }
        String name = ((TypeName) type).getName();
        TypeDefinition<?> definition = registry.getTypeOrNull(name);
        if (definition instanceof EnumTypeDefinition enumType) {
            return enumType.getEnumValueDefinitions().stream().findFirst().map(v -> v.getName());
        }
        if (definition instanceof InputObjectTypeDefinition input) {
            List<String> fields = new ArrayList<>();
            for (InputValueDefinition field : input.getInputValueDefinitions()) {
                if (field.getType() instanceof NonNullType && field.getDefaultValue() == null) {
                    Optional<String> value = value(field.getType(), depth + 1);
                    if (value.isEmpty()) {
                        return Optional.empty();
                    }
                    fields.add(field.getName() + ": " + value.get());
                }
            }
            return Optional.of("{" + String.join(", ", fields) + "}");
        }
        return Optional.of(SCALARS.getOrDefault(name, quote(PLACEHOLDER_ID)));
    }

    private static final Map<String, String> SCALARS = Map.ofEntries(
            Map.entry("Int", "0"),
            Map.entry("Float", "0.0"),
            Map.entry("Boolean", "false"),
            Map.entry("ID", quote(PLACEHOLDER_ID)),
            Map.entry("String", quote(PLACEHOLDER_ID)),
            Map.entry("AWSURL", quote("https://example.com/fieldgate-verify")),
            Map.entry("AWSEmail", quote("fieldgate-verify@example.com")),
            Map.entry("AWSDateTime", quote("1970-01-01T00:00:00Z")),
            Map.entry("AWSDate", quote("1970-01-01")),
            Map.entry("AWSTime", quote("00:00:00Z")),
            Map.entry("AWSTimestamp", "0"),
            Map.entry("AWSJSON", quote("{}")),
            Map.entry("AWSPhone", quote("+15555550100")),
            Map.entry("AWSIPAddress", quote("127.0.0.1")));

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String unwrap(Type<?> type) {
        if (type instanceof NonNullType nonNull) {
            return unwrap(nonNull.getType());
        }
        if (type instanceof ListType list) {
            return unwrap(list.getType());
        }
        return ((TypeName) type).getName();
    }
}
