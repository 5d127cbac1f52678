package dev.fieldgate.policy.internal;

import dev.fieldgate.policy.ApiAuthorization;
import dev.fieldgate.policy.AuthMode;
import dev.fieldgate.policy.DefaultAction;
import dev.fieldgate.policy.Operation;
import dev.fieldgate.policy.RootTarget;
import dev.fieldgate.policy.SchemaPosition;
import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.Directive;
import graphql.language.FieldDefinition;
import graphql.language.IntValue;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ObjectTypeExtensionDefinition;
import graphql.language.ObjectValue;
import graphql.language.OperationTypeDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.StringValue;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.Value;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the parsed schema into the compiler's model: object types, their fields, and every auth, rule, resolver,
 * target and table directive on them. Checks here are about what was written; {@link Validator} checks meaning.
 */
final class ModelReader {

    static final int MAX_BATCH_SIZE = 2000;

    private final TypeDefinitionRegistry registry;
    private final String sourceName;
    private final Problems problems;
    private final RuleReader rules;

    /** Table directives, read once the fields they name are known. */
    final Map<TypeModel, Directive> tableDirectives = new LinkedHashMap<>();

    SchemaPosition apiPosition;

    ModelReader(TypeDefinitionRegistry registry, String sourceName, Problems problems) {
        this.registry = registry;
        this.sourceName = sourceName;
        this.problems = problems;
        this.rules = new RuleReader(sourceName, problems);
    }

    /** The API's modes from {@code schema @api(...)}, or {@code null} when the schema has none. */
    ApiAuthorization readApi() {
        List<Directive> directives = new ArrayList<>();
        registry.schemaDefinition().ifPresent(schema -> directives.addAll(schema.getDirectives("api")));
        registry.getSchemaExtensionDefinitions().forEach(ext -> directives.addAll(ext.getDirectives("api")));
        if (directives.isEmpty()) {
            return null;
        }
        Directive api = directives.get(0);
        apiPosition = SchemaDocuments.position(api, sourceName);
        AuthMode defaultMode = AuthMode.AMAZON_COGNITO_USER_POOLS;
        List<AuthMode> additional = new ArrayList<>();
        DefaultAction action = DefaultAction.ALLOW;
        String defaultName = RuleReader.name(value(api, "defaultAuthMode"));
        if (defaultName != null) {
            defaultMode = AuthMode.valueOf(defaultName);
        }
        List<String> additionalNames = RuleReader.strings(value(api, "additionalAuthModes"));
        if (additionalNames != null) {
            additionalNames.forEach(name -> additional.add(AuthMode.valueOf(name)));
        }
        String actionName = RuleReader.name(value(api, "userPoolDefaultAction"));
        if (actionName != null) {
            action = DefaultAction.valueOf(actionName);
        }
        try {
            return new ApiAuthorization(defaultMode, additional, action);
        } catch (IllegalArgumentException e) {
            problems.error(apiPosition, "schema @api", e.getMessage());
            return null;
        }
    }

    /** The names of the query, mutation and subscription types. */
    List<String> rootTypeNames() {
        List<String> names = new ArrayList<>();
        SchemaDefinition schema = registry.schemaDefinition().orElse(null);
        if (schema != null) {
            for (OperationTypeDefinition op : schema.getOperationTypeDefinitions()) {
                names.add(op.getTypeName().getName());
            }
        } else {
            names.addAll(List.of("Query", "Mutation", "Subscription"));
        }
        return names;
    }

    /** Every object type, in schema order. */
    List<TypeModel> readTypes() {
        List<String> roots = rootTypeNames();
        List<ObjectTypeDefinition> definitions = new ArrayList<>(registry.getTypes(ObjectTypeDefinition.class));
        definitions.removeIf(d -> d instanceof ObjectTypeExtensionDefinition);
        definitions.sort(Comparator.comparingInt(
                d -> d.getSourceLocation() == null ? 0 : d.getSourceLocation().getLine()));
        List<TypeModel> types = new ArrayList<>();
        for (ObjectTypeDefinition definition : definitions) {
            TypeModel type = new TypeModel(
                    definition.getName(),
                    SchemaDocuments.position(definition, sourceName),
                    roots.contains(definition.getName()));
            List<ObjectTypeDefinition> parts = new ArrayList<>();
            parts.add(definition);
            parts.addAll(registry.objectTypeExtensions().getOrDefault(definition.getName(), List.of()));
            for (ObjectTypeDefinition part : parts) {
                readTypeDirectives(type, part.getDirectives());
                for (FieldDefinition field : part.getFieldDefinitions()) {
                    readField(type, field);
                }
            }
            type.finalDirectives = new ArrayList<>(type.writtenDirectives);
            types.add(type);
        }
        return types;
    }

    private void readTypeDirectives(TypeModel type, List<Directive> directives) {
        for (Directive directive : directives) {
            DirectiveUse use = authDirective(directive);
            if (use != null) {
                type.writtenDirectives.add(use);
            } else if (directive.getName().equals("auth")) {
                List<RuleReader.ReadRule> read = rules.read(directive, type.name);
                if (read != null) {
                    type.rules = read.stream().map(RuleReader.ReadRule::rule).toList();
                    type.rulesPosition = SchemaDocuments.position(directive, sourceName);
                }
            } else if (directive.getName().equals("table")) {
                tableDirectives.put(type, directive);
            }
        }
    }

    private void readField(TypeModel type, FieldDefinition definition) {
        Type<?> returned = definition.getType();
        boolean list = false;
        while (!(returned instanceof TypeName)) {
            if (returned instanceof ListType) {
                list = true;
                returned = ((ListType) returned).getType();
            } else {
                returned = ((NonNullType) returned).getType();
            }
        }
        FieldModel field = new FieldModel(
                type,
                definition.getName(),
                SchemaDocuments.position(definition, sourceName),
                ((TypeName) returned).getName(),
                list);
        field.nonNull = definition.getType() instanceof NonNullType;
        field.argumentNames = definition.getInputValueDefinitions().stream()
                .map(argument -> argument.getName())
                .toList();
        for (Directive directive : definition.getDirectives()) {
            DirectiveUse use = authDirective(directive);
            if (use != null) {
                field.writtenDirectives.add(use);
                continue;
            }
            switch (directive.getName()) {
                case "auth" -> {
                    List<RuleReader.ReadRule> read = rules.read(directive, field.coordinate());
                    if (read != null) {
                        field.rules =
                                read.stream().map(RuleReader.ReadRule::rule).toList();
                        field.rulesPosition = SchemaDocuments.position(directive, sourceName);
                        rootRuleChecks(field, read);
                    }
                }
                case "resolver" -> readResolver(field, directive);
                case "performs" -> readPerforms(field, directive);
                case "aws_subscribe" -> field.subscribedMutations = subscribedMutations(directive);
                default -> {}
            }
        }
        field.finalDirectives = new ArrayList<>(field.writtenDirectives);
        type.fields.put(field.name, field);
    }

    /** The mutation names of {@code @aws_subscribe(mutations: [...])}; graphql-java checks the argument's type. */
    private static List<String> subscribedMutations(Directive directive) {
        Argument argument = directive.getArgument("mutations");
        if (argument == null || !(argument.getValue() instanceof ArrayValue array)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (Value<?> value : array.getValues()) {
            if (value instanceof StringValue string) {
                names.add(string.getValue());
            }
        }
        return List.copyOf(names);
    }

    private void rootRuleChecks(FieldModel field, List<RuleReader.ReadRule> read) {
        for (RuleReader.ReadRule rule : read) {
            if (field.owner.root && rule.operationsWritten()) {
                problems.error(
                        rule.position(),
                        field.coordinate(),
                        "a root field performs one operation, so its "
                                + "rules take no 'operations'; remove them (put operation-specific rules on the model type)");
            } else if (!field.owner.root) {
                for (Operation operation : rule.rule().operations()) {
                    if (!operation.isFieldLevel()) {
                        problems.error(
                                rule.position(),
                                field.coordinate(),
                                "'" + operation.wireName()
                                        + "' is not allowed on a field rule; use read (or create, update, delete)");
                    }
                }
            }
        }
    }

    private void readResolver(FieldModel field, Directive directive) {
        field.marked = true;
        field.resolverPosition = SchemaDocuments.position(directive, sourceName);
        Value<?> size = value(directive, "maxBatchSize");
        if (size instanceof IntValue intValue) {
            BigInteger value = intValue.getValue();
            if (value.compareTo(BigInteger.ONE) < 0 || value.compareTo(BigInteger.valueOf(MAX_BATCH_SIZE)) > 0) {
                problems.error(
                        field.resolverPosition,
                        field.coordinate(),
                        "maxBatchSize " + value + " is outside AppSync's range 1 to " + MAX_BATCH_SIZE);
            } else {
                field.maxBatchSize = value.intValue();
            }
        }
    }

    private void readPerforms(FieldModel field, Directive directive) {
        field.performsPosition = SchemaDocuments.position(directive, sourceName);
        String operation = RuleReader.name(value(directive, "operation"));
        String on = RuleReader.text(value(directive, "on"));
        if (operation == null || on == null) {
            problems.error(
                    field.performsPosition, field.coordinate(), "write @performs(operation: delete, on: \"Pin\")");
            return;
        }
        try {
            field.target = new RootTarget(on, Operation.fromWireName(operation));
        } catch (IllegalArgumentException e) {
            problems.error(field.performsPosition, field.coordinate(), e.getMessage());
        }
    }

    /** The auth directive this is, or {@code null} for any other directive. */
    private DirectiveUse authDirective(Directive directive) {
        String name = directive.getName();
        boolean awsAuth = name.equals("aws_auth");
        AuthMode mode = awsAuth
                ? AuthMode.AMAZON_COGNITO_USER_POOLS
                : AuthMode.fromDirectiveName(name).orElse(null);
        if (mode == null) {
            return null;
        }
        List<String> groups = null;
        Argument argument = directive.getArgument("cognito_groups");
        if (argument != null && !(argument.getValue() instanceof graphql.language.NullValue)) {
            groups = RuleReader.strings(argument.getValue());
            if (groups == null) {
                groups = List.of();
            }
        }
        return new DirectiveUse(mode, awsAuth, groups, SchemaDocuments.position(directive, sourceName));
    }

    static Value<?> value(Directive directive, String argument) {
        Argument found = directive.getArgument(argument);
        return found == null ? null : found.getValue();
    }

    static List<ObjectValue> objects(Value<?> value) {
        if (value == null) {
            return List.of();
        }
        List<ObjectValue> result = new ArrayList<>();
        for (Value<?> item : RuleReader.items(value)) {
            if (item instanceof ObjectValue object) {
                result.add(object);
            }
        }
        return result;
    }
}
