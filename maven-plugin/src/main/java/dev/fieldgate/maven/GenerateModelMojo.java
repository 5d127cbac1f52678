package dev.fieldgate.maven;

import dev.fieldgate.maven.internal.AppSyncSchema;
import dev.fieldgate.maven.internal.ClientGenerationException;
import dev.fieldgate.maven.internal.ModelGenerator;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Generates the Java a resolver function returns and receives from the app's schema: a record per object type and
 * input type, an enum per enum, an interface per interface and union, and a record per field's arguments
 * ({@code GetNoteArgs(String noteId)} for {@code Query.getNote(noteId: ID!)}), all in {@code <modelPackage>}. An
 * object type with {@code @table} is stored as it is: {@code OwnedTable.of(client, settings, manifest, Note.class)}
 * takes its keys and indexes from the manifest. Scalars map as the runtime receives them: {@code Int} to
 * {@code Integer}, {@code Float} to {@code Double}, {@code AWSTimestamp} to {@code Long}, the other AppSync scalars
 * ({@code AWSDateTime}, {@code AWSURL}, {@code AWSJSON}, ...) to {@code String}.
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>dev.fieldgate</groupId>
 *   <artifactId>fieldgate-maven-plugin</artifactId>
 *   <executions><execution><goals><goal>generate</goal><goal>generate-model</goal></goals></execution></executions>
 *   <configuration>
 *     <schema>${project.basedir}/../schema.graphql</schema>
 *     <modelPackage>com.example.notes.model</modelPackage>
 *   </configuration>
 * </plugin>
 * }</pre>
 */
@Mojo(name = "generate-model", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateModelMojo extends AbstractMojo {

    /** The app's schema (with Fieldgate's rules) or a deployable one ({@code appsync.graphql}). */
    @Parameter(property = "fieldgate.schema", defaultValue = "${project.basedir}/schema.graphql", required = true)
    File schema;

    /** The package of the generated types. */
    @Parameter(property = "fieldgate.modelPackage", required = true)
    String modelPackage;

    /** Java classes for scalars, by scalar name, instead of the defaults (e.g. {@code AWSDateTime}). */
    @Parameter
    Map<String, String> scalars;

    /** The generated-sources root, added to the compile source roots. */
    @Parameter(
            property = "fieldgate.modelDirectory",
            defaultValue = "${project.build.directory}/generated-sources/fieldgate-model",
            required = true)
    File modelDirectory;

    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (!schema.isFile()) {
            throw new MojoFailureException("no schema at " + schema + "; set <schema> in the plugin configuration");
        }
        String text;
        try {
            text = Files.readString(schema.toPath(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot read " + schema + ": " + e.getMessage(), e);
        }
        try {
            ModelGenerator.Summary summary = ModelGenerator.generate(
                    AppSyncSchema.parse(text, schema.getPath()),
                    modelPackage,
                    scalars == null ? Map.of() : scalars,
                    modelDirectory.toPath());
            getLog().info("Fieldgate: " + summary.records() + " record(s), " + summary.arguments()
                    + " arguments record(s), " + summary.enums() + " enum(s), " + summary.interfaces()
                    + " interface(s) in " + modelPackage + " -> " + modelDirectory);
        } catch (ClientGenerationException e) {
            e.problems().forEach(problem -> getLog().error(problem));
            throw new MojoFailureException(e.getMessage() + "; see above");
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        if (project != null) {
            project.addCompileSourceRoot(modelDirectory.getAbsolutePath());
        }
    }
}
