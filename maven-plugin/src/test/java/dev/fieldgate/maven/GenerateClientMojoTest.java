package dev.fieldgate.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldgate.sdk.GraphQLOperation;
import dev.fieldgate.sdk.OperationType;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generate-client goal on the pins schema: the generated types and operations compile against the SDK and make
 * the operations the documents say; operations that do not fit the schema fail the build with every problem.
 */
class GenerateClientMojoTest {

    private static final Path APP_SCHEMA = Path.of("../samples/pins/schema.graphql");

    private static final String OPERATIONS = """
            fragment PinFields on Pin { id title imageUrl owner createdAt }

            query ListPins($limit: Int, $nextToken: String) {
              listPins(limit: $limit, nextToken: $nextToken) { items { ...PinFields } nextToken }
            }

            mutation CreatePin($input: CreatePinInput!) { createPin(input: $input) { ...PinFields ownerContact } }

            subscription OnCreatePin { onCreatePin { id title owner createdAt } }
            """;

    private static final String MORE_OPERATIONS = """
            # Two root fields: the result is a class with one property per field.
            query PinAndProfile($id: ID!, $owner: ID!) {
              pin: getPin(id: $id) { id title }
              getProfile(owner: $owner) { displayName }
            }
            """;

    private GenerateClientMojo mojo(Path operations, Path out, MavenProject project) {
        GenerateClientMojo mojo = new GenerateClientMojo();
        mojo.schema = APP_SCHEMA.toFile();
        mojo.schemaEntry = "fieldgate/appsync.graphql";
        mojo.operationsDirectory = operations.toFile();
        mojo.packageName = "com.example.pins.api";
        mojo.className = "PinsApi";
        mojo.outputDirectory = out.toFile();
        mojo.project = project;
        return mojo;
    }

    private static MavenProject project() {
        Model model = new Model();
        model.setBuild(new Build());
        return new MavenProject(model);
    }

    @Test
    void generatesTypesAndOperationsThatCompileAgainstTheSdk(@TempDir Path dir) throws Exception {
        Path operations = Files.createDirectories(dir.resolve("graphql"));
        Files.writeString(operations.resolve("pins.graphql"), OPERATIONS);
        Files.writeString(Files.createDirectories(operations.resolve("more")).resolve("profile.gql"), MORE_OPERATIONS);
        // A schema kept beside the operations is not mistaken for one.
        Files.writeString(operations.resolve("local-notes.graphql"), "type Ignored { id: ID }\n");
        Path out = dir.resolve("generated");
        MavenProject project = project();

        mojo(operations, out, project).execute();

        assertThat(project.getCompileSourceRoots())
                .contains(out.toAbsolutePath().toString());
        assertThat(out.resolve("com/example/pins/api/PinsApi.java")).exists();
        assertThat(out.resolve("com/example/pins/api/types/Pin.java")).exists();
        assertThat(out.resolve("com/example/pins/api/types/CreatePinInput.java"))
                .exists();

        try (URLClassLoader generated = compile(out, dir.resolve("classes"))) {
            Class<?> api = generated.loadClass("com.example.pins.api.PinsApi");
            Class<?> pin = generated.loadClass("com.example.pins.api.types.Pin");
            Class<?> connection = generated.loadClass("com.example.pins.api.types.PinConnection");

            GraphQLOperation<?> list = (GraphQLOperation<?>)
                    api.getMethod("listPins", Integer.class, String.class).invoke(null, 20, null);
            assertThat(list.type()).isEqualTo(OperationType.QUERY);
            assertThat(list.operationName()).contains("ListPins");
            assertThat(list.resultField()).contains("listPins");
            assertThat(list.resultType()).isEqualTo(connection);
            assertThat(list.variables()).isEqualTo(Map.of("limit", 20));
            assertThat(list.document())
                    .contains("query ListPins($limit: Int, $nextToken: String)")
                    .contains("fragment PinFields on Pin");

            Class<?> input = generated.loadClass("com.example.pins.api.types.CreatePinInput");
            Object created = input.getConstructor().newInstance();
            input.getMethod("setTitle", String.class).invoke(created, "Heron");
            GraphQLOperation<?> create =
                    (GraphQLOperation<?>) api.getMethod("createPin", input).invoke(null, created);
            assertThat(create.type()).isEqualTo(OperationType.MUTATION);
            assertThat(create.resultType()).isEqualTo(pin);
            assertThat(create.variables()).containsEntry("input", created);

            GraphQLOperation<?> subscription =
                    (GraphQLOperation<?>) api.getMethod("onCreatePin").invoke(null);
            assertThat(subscription.type()).isEqualTo(OperationType.SUBSCRIPTION);
            assertThat(subscription.document()).doesNotContain("fragment");

            Method both = api.getMethod("pinAndProfile", String.class, String.class);
            GraphQLOperation<?> pinAndProfile = (GraphQLOperation<?>) both.invoke(null, "p-1", "u-1");
            Class<?> data = generated.loadClass("com.example.pins.api.PinsApi$PinAndProfileData");
            assertThat(pinAndProfile.resultField()).isEmpty();
            assertThat(pinAndProfile.resultType()).isEqualTo(data);
            assertThat(data.getField("pin").getType()).isEqualTo(pin);
            assertThat(data.getField("getProfile").getType().getSimpleName()).isEqualTo("Profile");
        }
    }

    @Test
    void aListResultIsAParameterizedType(@TempDir Path dir) throws Exception {
        Path schema = Files.writeString(dir.resolve("appsync.graphql"), """
                type Bird { name: String seen: AWSDateTime }
                type Query { birds(near: AWSURL): [Bird!]! @aws_iam }
                """);
        Path operations = Files.createDirectories(dir.resolve("graphql"));
        Files.writeString(
                operations.resolve("birds.graphql"), "query Birds($near: AWSURL) { birds(near: $near) { name seen } }");
        GenerateClientMojo mojo = mojo(operations, dir.resolve("generated"), project());
        mojo.schema = schema.toFile();
        mojo.execute();

        try (URLClassLoader generated = compile(dir.resolve("generated"), dir.resolve("classes"))) {
            Class<?> api = generated.loadClass("com.example.pins.api.PinsApi");
            GraphQLOperation<?> birds = (GraphQLOperation<?>) api.getMethod("birds", java.net.URI.class)
                    .invoke(null, java.net.URI.create("https://example.com/dunes"));
            Class<?> bird = generated.loadClass("com.example.pins.api.types.Bird");
            assertThat(birds.resultType().getTypeName()).isEqualTo("java.util.List<" + bird.getName() + ">");
            assertThat(bird.getMethod("getSeen").getReturnType()).isEqualTo(java.time.OffsetDateTime.class);
        }
    }

    @Test
    void operationsThatDoNotFitTheSchemaFailWithEveryProblem(@TempDir Path dir) throws Exception {
        Path operations = Files.createDirectories(dir.resolve("graphql"));
        Files.writeString(operations.resolve("bad.graphql"), """
                query ListPins { listPins { items { id colour } } }
                query { getPin(id: "p-1") { id } }
                query Nested { getPin(id: "p-1") { label: title } }
                """);
        GenerateClientMojo mojo = mojo(operations, dir.resolve("generated"), project());
        List<String> errors = new ArrayList<>();
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void error(CharSequence content) {
                errors.add(content.toString());
            }
        });

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("problem(s) in the operations");
        assertThat(errors)
                .anySatisfy(e -> assertThat(e).startsWith("bad.graphql:1:").contains("colour"))
                .anySatisfy(e -> assertThat(e).contains("without a name"))
                .anySatisfy(e -> assertThat(e).contains("alias 'label'"));
        assertThat(dir.resolve("generated")).doesNotExist();
    }

    @Test
    void theSchemaComesFromExactlyOnePlace(@TempDir Path dir) throws Exception {
        Path operations = Files.createDirectories(dir.resolve("graphql"));
        GenerateClientMojo both = mojo(operations, dir.resolve("out"), project());
        both.schemaArtifact = "com.example:pins-resolvers:1.0";
        assertThatThrownBy(both::execute).hasMessageContaining("exactly one of <schema>");

        GenerateClientMojo missing = mojo(operations, dir.resolve("out"), project());
        missing.schema = dir.resolve("nowhere.graphql").toFile();
        assertThatThrownBy(missing::execute).hasMessageContaining("fieldgate schema --outputs");
    }

    @Test
    void thePluginsAppSyncBuiltInsAreTheSdks() throws Exception {
        assertThat(Path.of("src/main/resources/dev/fieldgate/maven/internal/appsync-scalars.graphqls"))
                .hasSameTextualContentAs(
                        Path.of("../sdk/client/src/main/resources/META-INF/schema/appsync-scalars.graphqls"));
    }

    /** Compiles the generated sources against the test class path (the SDK and Jackson), as an app's build would. */
    private static URLClassLoader compile(Path sources, Path classes) throws Exception {
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<File> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java"))
                    .map(Path::toFile)
                    .toList();
        }
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, null, null)) {
            boolean ok = javac.getTask(
                            null,
                            fm,
                            diagnostics,
                            List.of(
                                    "-classpath",
                                    System.getProperty("java.class.path"),
                                    "-d",
                                    classes.toString(),
                                    "-Xlint:all",
                                    "-Werror"),
                            null,
                            fm.getJavaFileObjectsFromFiles(files))
                    .call();
            assertThat(ok).as(diagnostics.getDiagnostics().toString()).isTrue();
        }
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, GenerateClientMojoTest.class.getClassLoader());
    }
}
