package dev.fieldgate.maven;

import dev.fieldgate.maven.internal.AppSyncSchema;
import dev.fieldgate.maven.internal.ClientGenerationException;
import dev.fieldgate.maven.internal.ClientGenerator;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import javax.inject.Inject;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Generates a typed client for the Fieldgate SDK from an API's schema and the app's own {@code .graphql}
 * operations: the schema's types as plain Java classes (DGS code generator) in {@code <packageName>.types}, and one
 * class with a static method per operation returning a {@code GraphQLOperation} of its result type. Every operation
 * is checked against the schema first, as AppSync checks it.
 *
 * <p>The schema comes from one of: the app's build ({@code <schema>}: its {@code appsync.graphql}, or its
 * {@code schema.graphql} with Fieldgate's rules), a published artifact that carries it
 * ({@code <schemaArtifact>}, e.g. the resolver jar with {@code fieldgate/appsync.graphql}), or a deployed API
 * ({@code fieldgate schema --outputs amplify_outputs.json --out FILE}, then {@code <schema>}).
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>dev.fieldgate</groupId>
 *   <artifactId>fieldgate-maven-plugin</artifactId>
 *   <executions><execution><goals><goal>generate-client</goal></goals></execution></executions>
 *   <configuration>
 *     <schema>${project.basedir}/src/main/graphql/schema/appsync.graphqls</schema>
 *     <packageName>com.example.pins.api</packageName>
 *   </configuration>
 * </plugin>
 * }</pre>
 */
@Mojo(name = "generate-client", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateClientMojo extends AbstractMojo {

    /** The API's schema file: deployable ({@code appsync.graphql}) or the app's own with Fieldgate's rules. */
    @Parameter(property = "fieldgate.client.schema")
    File schema;

    /**
     * Instead of {@link #schema}: an artifact that carries the schema, {@code groupId:artifactId:version} with an
     * optional {@code :extension[:classifier]} (default {@code jar}).
     */
    @Parameter(property = "fieldgate.client.schemaArtifact")
    String schemaArtifact;

    /** The schema's path inside a jar {@link #schemaArtifact}; the generate goal puts it here. */
    @Parameter(property = "fieldgate.client.schemaEntry", defaultValue = "fieldgate/appsync.graphql")
    String schemaEntry;

    /** Where the app's operations are: every {@code .graphql} and {@code .gql} file below it. */
    @Parameter(
            property = "fieldgate.client.operations",
            defaultValue = "${project.basedir}/src/main/graphql",
            required = true)
    File operationsDirectory;

    /** The package of the operations class; the schema's types go to {@code <packageName>.types}. */
    @Parameter(property = "fieldgate.client.packageName", required = true)
    String packageName;

    /** The name of the operations class. */
    @Parameter(property = "fieldgate.client.className", defaultValue = "Operations")
    String className;

    /** Java classes for scalars of the app's own, beyond GraphQL's and AppSync's. */
    @Parameter
    Map<String, String> scalars;

    /** The generated-sources root, added to the compile source roots. */
    @Parameter(defaultValue = "${project.build.directory}/generated-sources/fieldgate-client", required = true)
    File outputDirectory;

    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true)
    RepositorySystemSession repositorySession;

    @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true)
    List<RemoteRepository> remoteRepositories;

    @Inject
    RepositorySystem repositorySystem;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        String source;
        String text;
        if ((schema == null) == (schemaArtifact == null || schemaArtifact.isBlank())) {
            throw new MojoFailureException("give exactly one of <schema> (a file) and <schemaArtifact> "
                    + "(groupId:artifactId:version of an artifact that carries " + schemaEntry + ")");
        }
        if (schema != null) {
            if (!schema.isFile()) {
                throw new MojoFailureException("no schema at " + schema + "; build the app first, or download the "
                        + "deployed one with: fieldgate schema --outputs amplify_outputs.json --out " + schema);
            }
            source = schema.getPath();
            text = read(schema.toPath());
        } else {
            source = schemaArtifact;
            text = fromArtifact(schemaArtifact);
        }
        if (!operationsDirectory.isDirectory()) {
            throw new MojoFailureException("no operations directory " + operationsDirectory + "; write the app's "
                    + "operations in .graphql files there or set <operationsDirectory>");
        }
        try {
            ClientGenerator.Summary summary = ClientGenerator.generate(
                    AppSyncSchema.parse(text, source),
                    operationFiles(),
                    packageName,
                    className,
                    scalars == null ? Map.of() : scalars,
                    outputDirectory.toPath());
            getLog().info("Fieldgate: " + summary.operations() + " operation(s) in " + summary.operationsClass() + ", "
                    + summary.types() + " type(s) from " + source + " -> " + outputDirectory);
        } catch (ClientGenerationException e) {
            e.problems().forEach(problem -> getLog().error(problem));
            throw new MojoFailureException(e.getMessage() + "; see above");
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        if (project != null) {
            project.addCompileSourceRoot(outputDirectory.getAbsolutePath());
        }
    }

    /** The operation files, by path relative to the directory, in a stable order. */
    private Map<String, String> operationFiles() throws MojoExecutionException {
        Path root = operationsDirectory.toPath();
        Map<String, String> files = new TreeMap<>();
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile)
                    .filter(p ->
                            p.toString().endsWith(".graphql") || p.toString().endsWith(".gql"))
                    .filter(p -> schema == null
                            || !p.toAbsolutePath().equals(schema.toPath().toAbsolutePath()))
                    .forEach(paths::add);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot read " + root + ": " + e.getMessage(), e);
        }
        for (Path path : paths) {
            files.put(root.relativize(path).toString().replace('\\', '/'), read(path));
        }
        return new LinkedHashMap<>(files);
    }

    private String fromArtifact(String coordinates) throws MojoExecutionException, MojoFailureException {
        String[] parts = coordinates.trim().split(":", -1);
        if (parts.length < 3 || parts.length > 5) {
            throw new MojoFailureException("schemaArtifact '" + coordinates + "' is not "
                    + "groupId:artifactId:version[:extension[:classifier]]");
        }
        String extension = parts.length > 3 ? parts[3] : "jar";
        String classifier = parts.length > 4 ? parts[4] : "";
        DefaultArtifact wanted = new DefaultArtifact(parts[0], parts[1], classifier, extension, parts[2]);
        File file;
        try {
            file = repositorySystem
                    .resolveArtifact(repositorySession, new ArtifactRequest(wanted, remoteRepositories, null))
                    .getArtifact()
                    .getFile();
        } catch (ArtifactResolutionException e) {
            throw new MojoFailureException(
                    "cannot resolve the schema artifact " + coordinates + ": " + e.getMessage(), e);
        }
        if (!extension.equals("jar")) {
            return read(file.toPath());
        }
        try (JarFile jar = new JarFile(file)) {
            ZipEntry entry = jar.getEntry(schemaEntry);
            if (entry == null) {
                throw new MojoFailureException(coordinates + " has no " + schemaEntry + "; set <schemaEntry> to the "
                        + "schema's path inside it");
            }
            try (InputStream in = jar.getInputStream(entry)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new MojoExecutionException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path file) throws MojoExecutionException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
