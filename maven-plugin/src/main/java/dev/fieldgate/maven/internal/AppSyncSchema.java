package dev.fieldgate.maven.internal;

import dev.fieldgate.policy.SchemaCompiler;
import dev.fieldgate.policy.SchemaValidationException;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.SDLNamedDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.schema.idl.errors.SchemaProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The API's schema as a client sees it: the deployable schema (AppSync's directives, no Fieldgate rules) plus the
 * declarations of AppSync's built-in scalars and directives it leaves implicit. An app schema that still carries
 * Fieldgate's rules is compiled to its deployable form first, as its own build would.
 */
public final class AppSyncSchema {

    /** Fieldgate's own directives: a schema using them is an app schema, not a deployable one. */
    private static final Pattern FIELDGATE_RULES = Pattern.compile("@(auth|table|resolver|api)\\b");

    private final String sdl;
    private final GraphQLSchema schema;

    private AppSyncSchema(String sdl, GraphQLSchema schema) {
        this.sdl = sdl;
        this.schema = schema;
    }

    /**
     * Reads a schema.
     *
     * @param text   a deployable schema (as the app's build or {@code fieldgate schema} writes it) or an app schema
     *               with Fieldgate's rules
     * @param source where it came from, for messages
     * @throws ClientGenerationException when it does not parse or compile
     */
    public static AppSyncSchema parse(String text, String source) {
        String deployable = FIELDGATE_RULES.matcher(text).find() ? compile(text, source) : text;
        String complete = deployable + "\n" + missingBuiltIns(deployable, source);
        try {
            TypeDefinitionRegistry registry = new SchemaParser().parse(complete);
            return new AppSyncSchema(complete, UnExecutableSchemaGenerator.makeUnExecutableSchema(registry));
        } catch (SchemaProblem e) {
            List<String> problems = new ArrayList<>();
            e.getErrors().forEach(error -> problems.add(source + ": " + error.getMessage()));
            throw new ClientGenerationException("the schema " + source + " is not valid GraphQL", problems);
        }
    }

    /** The schema with AppSync's built-ins declared, as GraphQL tools (the DGS code generator) need it. */
    public String sdl() {
        return sdl;
    }

    public GraphQLSchema graphQLSchema() {
        return schema;
    }

    private static String compile(String text, String source) {
        try {
            return SchemaCompiler.create().compile(text, source).appSyncSchema();
        } catch (SchemaValidationException e) {
            List<String> problems = new ArrayList<>();
            e.problems().forEach(problem -> problems.add(source + ": " + problem));
            throw new ClientGenerationException("the app schema " + source + " does not compile", problems);
        }
    }

    /** The built-in declarations the schema does not make itself (an exported schema may declare some). */
    private static String missingBuiltIns(String deployable, String source) {
        Document own;
        try {
            own = Parser.parse(deployable);
        } catch (InvalidSyntaxException e) {
            throw new ClientGenerationException(source + ": " + e.getMessage());
        }
        List<String> declared = new ArrayList<>();
        for (Definition<?> definition : own.getDefinitions()) {
            if (definition instanceof SDLNamedDefinition<?> named) {
                declared.add(named.getName());
            }
        }
        StringBuilder missing = new StringBuilder();
        for (Definition<?> builtIn : Parser.parse(builtIns()).getDefinitions()) {
            if (builtIn instanceof SDLNamedDefinition<?> named && !declared.contains(named.getName())) {
                missing.append(graphql.language.AstPrinter.printAst(builtIn)).append('\n');
            }
        }
        return missing.toString();
    }

    private static String builtIns() {
        try (InputStream in = AppSyncSchema.class.getResourceAsStream("appsync-scalars.graphqls")) {
            if (in == null) {
                throw new IllegalStateException("appsync-scalars.graphqls is missing from the plugin");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
