package dev.fieldgate.local.appsync.internal;

import dev.fieldgate.local.core.LocalConfigException;
import graphql.language.ArrayValue;
import graphql.language.Directive;
import graphql.language.FieldDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ObjectTypeExtensionDefinition;
import graphql.language.StringValue;
import graphql.language.UnionTypeDefinition;
import graphql.language.Value;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.TypeResolver;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.TypeRuntimeWiring;
import graphql.schema.idl.errors.SchemaProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Turns the deployable AppSync schema ({@code appsync.graphql}) into an executable graphql-java schema: AppSync
 * declares its scalars and directives implicitly, so the missing declarations are added; every field of every object
 * type gets the data fetcher the stack decides; interfaces and unions resolve through the {@code __typename} a
 * resolver returns, as AppSync does.
 */
final class AppSyncSchemaFactory {

    private static final Map<String, String> DIRECTIVES = new LinkedHashMap<>();

    static {
        DIRECTIVES.put("aws_subscribe", "directive @aws_subscribe(mutations: [String]) on FIELD_DEFINITION");
        // AppSync's introspection declares @aws_auth on FIELD_DEFINITION only, yet AppSync accepts it on an object
        // type too and ignores it there (only a top-level field's @aws_auth takes effect); the policy module
        // decides that, so here it only has to be accepted wherever AppSync accepts it.
        DIRECTIVES.put("aws_auth", "directive @aws_auth(cognito_groups: [String]) on FIELD_DEFINITION | OBJECT");
        DIRECTIVES.put(
                "aws_cognito_user_pools",
                "directive @aws_cognito_user_pools(cognito_groups: [String]) on FIELD_DEFINITION | OBJECT");
        DIRECTIVES.put("aws_iam", "directive @aws_iam on FIELD_DEFINITION | OBJECT");
        DIRECTIVES.put("aws_api_key", "directive @aws_api_key on FIELD_DEFINITION | OBJECT");
        DIRECTIVES.put("aws_oidc", "directive @aws_oidc on FIELD_DEFINITION | OBJECT");
        DIRECTIVES.put("aws_lambda", "directive @aws_lambda on FIELD_DEFINITION | OBJECT");
    }

    private AppSyncSchemaFactory() {}

    /** The parsed schema with AppSync's implicit declarations added. */
    static TypeDefinitionRegistry registry(String sdl) {
        TypeDefinitionRegistry registry;
        try {
            registry = new SchemaParser().parse(sdl);
        } catch (SchemaProblem e) {
            throw new LocalConfigException("The AppSync schema is not valid GraphQL: " + e.getMessage(), e);
        }
        StringBuilder declarations = new StringBuilder();
        for (graphql.schema.GraphQLScalarType scalar : AppSyncScalars.all()) {
            if (registry.getTypeOrNull(scalar.getName()) == null
                    && !registry.scalars().containsKey(scalar.getName())) {
                declarations.append("scalar ").append(scalar.getName()).append('\n');
            }
        }
        DIRECTIVES.forEach((name, declaration) -> {
            if (registry.getDirectiveDefinition(name).isEmpty()) {
                declarations.append(declaration).append('\n');
            }
        });
        if (declarations.length() > 0) {
            registry.merge(new SchemaParser().parse(declarations.toString()));
        }
        return registry;
    }

    /**
     * Builds the executable schema.
     *
     * @param fetchers the data fetcher of each {@code (type, field)}
     */
    static GraphQLSchema schema(TypeDefinitionRegistry registry, BiFunction<String, String, DataFetcher<?>> fetchers) {
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring();
        AppSyncScalars.all().forEach(wiring::scalar);
        Map<String, List<String>> fields = objectFields(registry);
        fields.forEach((type, names) -> {
            TypeRuntimeWiring.Builder typeWiring = TypeRuntimeWiring.newTypeWiring(type);
            for (String field : names) {
                typeWiring.dataFetcher(field, fetchers.apply(type, field));
            }
            wiring.type(typeWiring);
        });
        TypeResolver byTypename = env -> {
            Object value = env.getObject();
            Object name = value instanceof Map<?, ?> map ? map.get("__typename") : null;
            GraphQLObjectType type = name == null ? null : env.getSchema().getObjectType(name.toString());
            if (type == null) {
                throw new IllegalStateException("a value of the abstract type " + env.getFieldType()
                        + " does not name its concrete type in __typename");
            }
            return type;
        };
        registry.getTypes(InterfaceTypeDefinition.class)
                .forEach(t ->
                        wiring.type(TypeRuntimeWiring.newTypeWiring(t.getName()).typeResolver(byTypename)));
        registry.getTypes(UnionTypeDefinition.class)
                .forEach(t ->
                        wiring.type(TypeRuntimeWiring.newTypeWiring(t.getName()).typeResolver(byTypename)));
        try {
            return new SchemaGenerator().makeExecutableSchema(registry, wiring.build());
        } catch (SchemaProblem e) {
            throw new LocalConfigException("The AppSync schema is not valid GraphQL: " + e.getMessage(), e);
        }
    }

    /** The root operation types by operation ({@code query}, {@code mutation}, {@code subscription}). */
    static Map<String, String> rootTypes(TypeDefinitionRegistry registry) {
        Map<String, String> roots = new LinkedHashMap<>();
        if (registry.schemaDefinition().isPresent()) {
            registry.schemaDefinition()
                    .get()
                    .getOperationTypeDefinitions()
                    .forEach(op -> roots.put(op.getName(), op.getTypeName().getName()));
        } else {
            for (String name : List.of("Query", "Mutation", "Subscription")) {
                if (registry.getTypeOrNull(name) != null) {
                    roots.put(name.toLowerCase(java.util.Locale.ROOT), name);
                }
            }
        }
        return roots;
    }

    /** Every object type's field names, extensions included. */
    static Map<String, List<String>> objectFields(TypeDefinitionRegistry registry) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (ObjectTypeDefinition type : registry.getTypes(ObjectTypeDefinition.class)) {
            Set<String> names = new LinkedHashSet<>();
            type.getFieldDefinitions().forEach(f -> names.add(f.getName()));
            for (ObjectTypeExtensionDefinition extension :
                    registry.objectTypeExtensions().getOrDefault(type.getName(), List.of())) {
                extension.getFieldDefinitions().forEach(f -> names.add(f.getName()));
            }
            fields.put(type.getName(), new ArrayList<>(names));
        }
        return fields;
    }

    /** For each subscription field, the mutations its {@code @aws_subscribe(mutations: [...])} names. */
    static Map<String, Set<String>> subscribedMutations(TypeDefinitionRegistry registry, String subscriptionType) {
        Map<String, Set<String>> byField = new LinkedHashMap<>();
        List<FieldDefinition> definitions = new ArrayList<>();
        ObjectTypeDefinition subscription = registry.getTypeOrNull(subscriptionType, ObjectTypeDefinition.class);
        if (subscription != null) {
            definitions.addAll(subscription.getFieldDefinitions());
        }
        registry.objectTypeExtensions()
                .getOrDefault(subscriptionType, List.of())
                .forEach(e -> definitions.addAll(e.getFieldDefinitions()));
        for (FieldDefinition field : definitions) {
            Set<String> mutations = new LinkedHashSet<>();
            for (Directive directive : field.getDirectives("aws_subscribe")) {
                if (directive.getArgument("mutations") != null) {
                    Value<?> value = directive.getArgument("mutations").getValue();
                    if (value instanceof ArrayValue array) {
                        array.getValues().forEach(v -> {
                            if (v instanceof StringValue s) {
                                mutations.add(s.getValue());
                            }
                        });
                    } else if (value instanceof StringValue s) {
                        mutations.add(s.getValue());
                    }
                }
            }
            byField.put(field.getName(), mutations);
        }
        return byField;
    }
}
