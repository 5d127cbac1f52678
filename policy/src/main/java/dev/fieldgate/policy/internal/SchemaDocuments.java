package dev.fieldgate.policy.internal;

import dev.fieldgate.policy.PolicyException;
import dev.fieldgate.policy.SchemaPosition;
import graphql.GraphQLError;
import graphql.language.Definition;
import graphql.language.DirectiveDefinition;
import graphql.language.Document;
import graphql.language.Node;
import graphql.language.SDLNamedDefinition;
import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.MultiSourceReader;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.schema.GraphQLScalarType;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.errors.SchemaProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Parses a schema together with the declarations AppSync and Fieldgate provide, so authors never declare
 * {@code AWSDateTime} or {@code @auth} themselves, and reports problems at the author's line and column.
 */
public final class SchemaDocuments {

    public static final String APPSYNC_BUILTINS = "appsync-builtins.graphqls";
    public static final String FIELDGATE_DIRECTIVES = "fieldgate-directives.graphqls";

    private static final String APPSYNC_SDL = resource(APPSYNC_BUILTINS);
    private static final String FIELDGATE_SDL = resource(FIELDGATE_DIRECTIVES);

    private static final Set<String> APPSYNC_NAMES = namesDeclaredIn(APPSYNC_SDL, APPSYNC_BUILTINS);
    private static final Set<String> FIELDGATE_NAMES = namesDeclaredIn(FIELDGATE_SDL, FIELDGATE_DIRECTIVES);

    /** The names of every AppSync scalar and directive, which must never be declared in a deployed schema. */
    public static final Set<String> APPSYNC_SCALARS = Set.of(
            "AWSDate",
            "AWSTime",
            "AWSDateTime",
            "AWSTimestamp",
            "AWSEmail",
            "AWSJSON",
            "AWSURL",
            "AWSPhone",
            "AWSIPAddress");

    private SchemaDocuments() {}

    /** The author's document alone, or {@code null} after reporting a syntax error. */
    static Document parseAuthorDocument(String sdl, String sourceName, Problems problems) {
        try {
            return parse(sdl, sourceName);
        } catch (InvalidSyntaxException e) {
            SourceLocation location = e.getLocation();
            SchemaPosition position =
                    location == null ? null : new SchemaPosition(sourceName, location.getLine(), location.getColumn());
            problems.error(position, "syntax", syntaxMessage(e));
            return null;
        }
    }

    /** Reports author declarations of names AppSync or Fieldgate already declare. */
    static void checkNoRedeclarations(Document author, String sourceName, Problems problems) {
        for (Definition<?> definition : author.getDefinitions()) {
            String name = declaredName(definition);
            if (name == null) {
                continue;
            }
            if (APPSYNC_NAMES.contains(name)) {
                problems.error(
                        position(definition, sourceName),
                        name,
                        "is built into AppSync, which refuses a "
                                + "schema that declares it again; remove this declaration");
            } else if (FIELDGATE_NAMES.contains(name)) {
                problems.error(
                        position(definition, sourceName),
                        name,
                        "is declared by Fieldgate; remove this "
                                + "declaration (Fieldgate's own is used and removed from the deployed schema)");
            }
        }
    }

    /** The registry of the author's document plus AppSync's and Fieldgate's declarations. */
    static TypeDefinitionRegistry registry(Document author) {
        SchemaParser parser = new SchemaParser();
        TypeDefinitionRegistry registry = parser.buildRegistry(parse(APPSYNC_SDL, APPSYNC_BUILTINS));
        registry.merge(parser.buildRegistry(parse(FIELDGATE_SDL, FIELDGATE_DIRECTIVES)));
        registry.merge(parser.buildRegistry(author));
        return registry;
    }

    private static graphql.schema.GraphQLObjectType noExecution(graphql.TypeResolutionEnvironment environment) {
        throw new IllegalStateException("the policy's schema is only validated, never executed");
    }

    /**
     * Lets graphql-java check what Fieldgate does not: that every type exists, interfaces are implemented, and
     * directives are used where and how they are declared.
     */
    static void validateWithGraphQlJava(TypeDefinitionRegistry registry, String sourceName, Problems problems) {
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring();
        for (String scalar : APPSYNC_SCALARS) {
            wiring.scalar(GraphQLScalarType.newScalar()
                    .name(scalar)
                    .coercing(new PassThroughCoercing())
                    .build());
        }
        // Only the schema's shape is checked here; nothing executes, so interfaces and unions need no real resolver.
        wiring.wiringFactory(new graphql.schema.idl.WiringFactory() {
            @Override
            public boolean providesTypeResolver(graphql.schema.idl.InterfaceWiringEnvironment environment) {
                return true;
            }

            @Override
            public graphql.schema.TypeResolver getTypeResolver(
                    graphql.schema.idl.InterfaceWiringEnvironment environment) {
                return SchemaDocuments::noExecution;
            }

            @Override
            public boolean providesTypeResolver(graphql.schema.idl.UnionWiringEnvironment environment) {
                return true;
            }

            @Override
            public graphql.schema.TypeResolver getTypeResolver(graphql.schema.idl.UnionWiringEnvironment environment) {
                return SchemaDocuments::noExecution;
            }
        });
        try {
            new SchemaGenerator().makeExecutableSchema(registry, wiring.build());
        } catch (SchemaProblem e) {
            for (GraphQLError error : e.getErrors()) {
                SchemaPosition position = null;
                if (error.getLocations() != null && !error.getLocations().isEmpty()) {
                    SourceLocation location = error.getLocations().get(0);
                    position = new SchemaPosition(
                            location.getSourceName() == null ? sourceName : location.getSourceName(),
                            location.getLine(),
                            location.getColumn());
                }
                // graphql-java appends its own "[@line:column]"; the notice carries the position already.
                problems.error(position, "schema", error.getMessage().replaceAll("\\s*\\[@[^\\]]*\\]$", ""));
            }
        } catch (RuntimeException e) {
            problems.error(null, "schema", e.getMessage());
        }
    }

    static SchemaPosition position(Node<?> node, String fallbackSource) {
        SourceLocation location = node == null ? null : node.getSourceLocation();
        if (location == null) {
            return null;
        }
        return new SchemaPosition(
                location.getSourceName() == null ? fallbackSource : location.getSourceName(),
                location.getLine(),
                location.getColumn());
    }

    static Document parse(String sdl, String sourceName) {
        MultiSourceReader reader = MultiSourceReader.newMultiSourceReader()
                .string(sdl, sourceName)
                .trackData(true)
                .build();
        return Parser.parse(ParserEnvironment.newParserEnvironment()
                .document(reader)
                .parserOptions(ParserOptions.getDefaultSdlParserOptions())
                .build());
    }

    private static String syntaxMessage(InvalidSyntaxException e) {
        String message = e.getMessage();
        // graphql-java prefixes its own location; the notice carries the position already.
        int at = message.indexOf(" @ line ");
        return at > 0 ? message.substring(0, at) : message;
    }

    private static String declaredName(Definition<?> definition) {
        if (definition instanceof DirectiveDefinition directive) {
            return directive.getName();
        }
        if (definition instanceof SDLNamedDefinition<?> named
                && !(definition instanceof graphql.language.SDLExtensionDefinition)) {
            return named.getName();
        }
        return null;
    }

    private static Set<String> namesDeclaredIn(String sdl, String sourceName) {
        Set<String> names = new HashSet<>();
        for (Definition<?> definition : parse(sdl, sourceName).getDefinitions()) {
            String name = declaredName(definition);
            if (name != null) {
                names.add(name);
            }
        }
        return Set.copyOf(names);
    }

    private static String resource(String name) {
        try (InputStream in = SchemaDocuments.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new PolicyException("the policy jar is missing its resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** AppSync's scalars behave like strings (or numbers) for schema validation; values are never coerced here. */
    private static final class PassThroughCoercing implements graphql.schema.Coercing<Object, Object> {
        @Override
        @SuppressWarnings("deprecation")
        public Object serialize(Object dataFetcherResult) {
            return dataFetcherResult;
        }

        @Override
        @SuppressWarnings("deprecation")
        public Object parseValue(Object input) {
            return input;
        }

        @Override
        @SuppressWarnings("deprecation")
        public Object parseLiteral(Object input) {
            return input;
        }
    }
}
