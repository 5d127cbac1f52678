package dev.fieldgate.maven;

import dev.fieldgate.policy.CompiledSchema;
import dev.fieldgate.policy.Notice;
import dev.fieldgate.policy.PolicyException;
import dev.fieldgate.policy.SchemaCompiler;
import dev.fieldgate.policy.SchemaValidationException;
import dev.fieldgate.policy.StorageGrantsFile;
import dev.fieldgate.policy.StoragePolicy;
import java.io.File;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Compiles the app's schema and writes {@code appsync.graphql}, {@code manifest.json} and
 * {@code access-matrix.md}; with {@code appConfig} (the app's {@code fieldgate.json}) also {@code storage.json}, the
 * storage section's buckets and the identity pool roles' S3 statements for Terraform's storage module. By default the directory is added as a resource under {@code fieldgate/}, so the
 * resolver artifact carries the manifest it enforces ({@code Manifest.fromClasspath("fieldgate/manifest.json")}).
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>dev.fieldgate</groupId>
 *   <artifactId>fieldgate-maven-plugin</artifactId>
 *   <executions><execution><goals><goal>generate</goal></goals></execution></executions>
 *   <configuration><schema>${project.basedir}/../schema.graphql</schema></configuration>
 * </plugin>
 * }</pre>
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class GenerateMojo extends AbstractMojo {

    /** The GraphQL schema with AppSync directives and Fieldgate rules. */
    @Parameter(property = "fieldgate.schema", defaultValue = "${project.basedir}/schema.graphql", required = true)
    File schema;

    /** Where the generated files go. */
    @Parameter(
            property = "fieldgate.outputDirectory",
            defaultValue = "${project.build.directory}/fieldgate",
            required = true)
    File outputDirectory;

    /**
     * The app's {@code fieldgate.json}: when set, its storage section is checked and {@code storage.json} written
     * (empty of buckets when there is no storage section).
     */
    @Parameter(property = "fieldgate.appConfig")
    File appConfig;

    /** Add the generated files to the artifact's resources, under {@code fieldgate/}. */
    @Parameter(property = "fieldgate.addResources", defaultValue = "true")
    boolean addResources;

    /** Fail the build on warnings too, not only on errors. */
    @Parameter(property = "fieldgate.failOnWarning", defaultValue = "false")
    boolean failOnWarning;

    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (!schema.isFile()) {
            throw new MojoFailureException("no schema at " + schema + "; set <schema> in the plugin configuration");
        }
        CompiledSchema compiled;
        try {
            compiled = SchemaCompiler.create().compile(schema.toPath());
        } catch (SchemaValidationException e) {
            e.problems().forEach(problem -> getLog().error(problem.toString()));
            throw new MojoFailureException(e.problems().size() + " problem(s) in " + schema + "; see above");
        }
        List<Notice> warnings = compiled.notices().stream()
                .filter(n -> n.level() == Notice.Level.WARNING)
                .toList();
        compiled.notices().forEach(notice -> {
            if (notice.level() == Notice.Level.WARNING) {
                getLog().warn(notice.toString());
            } else {
                getLog().info(notice.toString());
            }
        });
        if (failOnWarning && !warnings.isEmpty()) {
            throw new MojoFailureException(warnings.size() + " warning(s) in " + schema + " and failOnWarning is set");
        }
        if (appConfig != null && !appConfig.isFile()) {
            throw new MojoFailureException("no app config at " + appConfig + "; fix <appConfig> or leave it out");
        }
        StoragePolicy storage = StoragePolicy.none();
        try {
            compiled.writeTo(outputDirectory.toPath());
            if (appConfig != null) {
                storage = StorageGrantsFile.write(appConfig.toPath(), outputDirectory.toPath(), compiled);
            }
        } catch (PolicyException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        if (!storage.isEmpty()) {
            getLog().info("Fieldgate: storage, " + storage.buckets().size() + " bucket(s) -> "
                    + outputDirectory.toPath().resolve(StorageGrantsFile.FILE));
        }
        getLog().info("Fieldgate: " + compiled.manifest().resolvers().size() + " resolvers, "
                + compiled.manifest().grants().guest().size() + " guest grants -> " + outputDirectory);
        if (addResources && project != null) {
            Resource resource = new Resource();
            resource.setDirectory(outputDirectory.getAbsolutePath());
            resource.setTargetPath("fieldgate");
            project.addResource(resource);
        }
    }
}
