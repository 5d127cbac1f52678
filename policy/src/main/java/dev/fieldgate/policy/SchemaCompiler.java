package dev.fieldgate.policy;

import dev.fieldgate.policy.internal.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compiles a GraphQL schema with AppSync auth directives and Fieldgate rules into an {@link AccessPolicy}, the
 * schema to deploy to AppSync, and the {@link Manifest}.
 *
 * <pre>{@code
 * CompiledSchema compiled = SchemaCompiler.create().compile(Path.of("schema.graphql"));
 * compiled.writeTo(Path.of("target/fieldgate"));
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class SchemaCompiler {

    private final ApiAuthorization api;

    private SchemaCompiler(ApiAuthorization api) {
        this.api = api;
    }

    /** A compiler that takes the API's modes from the schema's {@code @api} directive, or the kit default. */
    public static SchemaCompiler create() {
        return new SchemaCompiler(null);
    }

    /** A compiler that uses these modes whatever the schema says (e.g. to re-read a deployed schema). */
    public static SchemaCompiler withApi(ApiAuthorization api) {
        return new SchemaCompiler(java.util.Objects.requireNonNull(api, "api"));
    }

    /**
     * Compiles schema text; {@code sourceName} names it in problem reports.
     *
     * @throws SchemaValidationException listing every problem with its line and column
     */
    public CompiledSchema compile(String sdl, String sourceName) {
        Compilation.Result result = Compilation.compile(sdl, sourceName, api);
        return new CompiledSchema(result.policy(), result.manifest(), result.appSyncSchema(), result.notices());
    }

    /**
     * Compiles a UTF-8 schema file.
     *
     * @throws SchemaValidationException listing every problem with its line and column
     */
    public CompiledSchema compile(Path schemaFile) {
        try {
            return compile(Files.readString(schemaFile, StandardCharsets.UTF_8), schemaFile.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the schema " + schemaFile, e);
        }
    }
}
