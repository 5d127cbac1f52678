package dev.fieldgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.local.cognito.TestUsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A team's first hour, for each sample: {@code ./fieldgate new} writes an app from it, {@code ./fieldgate install
 * --apps} puts the kit's artifacts in a repository of this test's own, the app builds outside the kit's build with
 * them alone (its tests run, its Lambda jar is made; from moments also its web app, whose browser test runs when
 * Debian's Chromium is installed, as {@code ./fieldgate test} installs it) and the local stack runs the app's
 * function from its {@code fieldgate.json}, as {@code ./fieldgate local --config} does. The nested builds are
 * offline; what else they need is read from the build's own local repository, which they never write to.
 */
class NewAppIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path KIT = Path.of("..", "..").toAbsolutePath().normalize();
    private static final Path WORK = Path.of("target", "new-apps").toAbsolutePath();
    private static final Path REPOSITORY = WORK.resolve("repository");

    @BeforeAll
    static void installTheKit() throws Exception {
        deleteTree(WORK);
        Files.createDirectories(WORK);
        // The reactor has compiled the modules already; install packages and installs what is there. Tests are
        // skipped, not their jars: the stack's tests need the Cognito module's test jar in the repository.
        run(
                "install",
                KIT,
                List.of(
                        KIT.resolve("fieldgate").toString(),
                        "install",
                        "--apps",
                        "-o",
                        "-q",
                        "-Dmaven.main.skip=true",
                        "-DskipTests",
                        "-Dmaven.javadoc.skip=true",
                        "-Dmaven.source.skip=true"),
                true);
    }

    @Test
    void newAnswersItsHelpWithoutBuildingAnything() throws Exception {
        Path log = WORK.resolve("new-help.log");
        run("new-help", KIT, List.of(KIT.resolve("fieldgate").toString(), "new", "--help"), false);
        assertThat(Files.readString(log))
                .startsWith("usage: ./fieldgate new NAME [--from SAMPLE]")
                .contains("--package", "--dir", "install --apps")
                .doesNotContain("building");
    }

    @ParameterizedTest
    @ValueSource(strings = {"notes", "pins", "directory", "moments"})
    void anAppFromTheSampleBuildsPassesItsTestsAndRunsLocally(String sample) throws Exception {
        String name = "my-" + sample;
        String pkg = "com.example.my" + sample;
        String application =
                pkg + ".My" + Character.toUpperCase(sample.charAt(0)) + sample.substring(1) + "Application";
        run(
                "new-" + sample,
                KIT,
                List.of(KIT.resolve("fieldgate").toString(), "new", name, "--from", sample, "--dir", WORK.toString()),
                false);
        Path app = WORK.resolve(name);
        boolean web = sample.equals("moments");
        assertThat(Files.isRegularFile(app.resolve("web/pom.xml")))
                .as("the web app is copied with the sample that has one")
                .isEqualTo(web);
        for (String module : web ? List.of("resolvers", "web") : List.of("resolvers")) {
            try (Stream<Path> files = Files.walk(app.resolve(module).resolve("src"))) {
                List<Path> sources = files.filter(Files::isRegularFile).toList();
                assertThat(sources.stream().map(Path::toString))
                        .as("nothing keeps the sample's package")
                        .noneMatch(p -> p.contains("dev/fieldgate/samples"));
                for (Path source : sources) {
                    assertThat(Files.readString(source)).as(source.toString()).doesNotContain("dev.fieldgate.samples");
                }
            }
        }
        // The browser test drives Debian's Chromium; a machine without it builds and runs everything else.
        boolean browser = Files.isExecutable(Path.of("/usr/bin/chromium"));
        // Online, as a team builds: the moments web app's Spring Boot starters are not in a fresh machine's
        // repository yet when this test runs, since the kit's own reactor builds that sample after the stack.
        List<String> build = new ArrayList<>(List.of(
                KIT.resolve("mvnw").toString(),
                "-B",
                "-ntp",
                "-f",
                app.resolve("pom.xml").toString(),
                "verify"));
        if (web && !browser) {
            build.add("-DskipITs");
        }

        run("build-" + sample, app, build, true);

        try (Stream<Path> reports = Files.list(app.resolve("resolvers/target/surefire-reports"))) {
            List<Path> summaries = reports.filter(
                            p -> p.toString().endsWith(".txt") && !p.toString().endsWith("-output.txt"))
                    .toList();
            assertThat(summaries).as("the app's tests ran").isNotEmpty();
            for (Path summary : summaries) {
                assertThat(Files.readString(summary)).contains("Failures: 0, Errors: 0");
            }
        }
        if (web) {
            Path webJar = app.resolve("web/target/" + name + "-web-0.1.0-SNAPSHOT.jar");
            try (JarFile jarFile = new JarFile(webJar.toFile())) {
                assertThat(jarFile.getEntry(pkg.replace('.', '/') + "/web/MyMomentsWebApplication.class"))
                        .as("the web app, in the app's package")
                        .isNotNull();
            }
            assertThat(Files.readString(app.resolve("web/src/main/resources/application.properties")))
                    .contains("../.fieldgate/local/" + name + "/amplify_outputs.json");
            if (browser) {
                Path report = app.resolve("web/target/failsafe-reports/" + pkg + ".web.MyMomentsBrowserIT.txt");
                assertThat(Files.readString(report)).contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0");
            }
        }
        Path jar = app.resolve("resolvers/target/" + name + "-resolvers-lambda.jar");
        try (JarFile lambda = new JarFile(jar.toFile())) {
            assertThat(lambda.getManifest().getMainAttributes().getValue("Start-Class"))
                    .isEqualTo(application);
        }
        JsonNode config = JSON.readTree(app.resolve("fieldgate.json").toFile());
        assertThat(config.at("/app").asText()).isEqualTo(name);
        assertThat(config.at("/function/environment/MAIN_CLASS").asText()).isEqualTo(application);
        assertThat(config.at("/function/artifact").asText())
                .isEqualTo("resolvers/target/" + name + "-resolvers-lambda.jar");

        try (LocalStack stack = LocalStack.builder()
                .appConfigFile(app.resolve("fieldgate.json"))
                .inMemory()
                .start()) {
            stack.functionReady().join();
            GraphQlClient http = new GraphQlClient(stack.graphqlEndpoint());
            TestUsers users = new TestUsers(stack.cognito());
            TestUsers.User user = users.create("ann@example.com");
            GraphQlClient.Response created = switch (sample) {
                case "notes" ->
                    http.signed(
                            users.identityPoolUser(user),
                            "us-east-1",
                            "mutation C($in: CreateNoteInput!) { createNote(input: $in) { noteId } }",
                            Map.of("in", Map.of("content", "from the new app")));
                case "directory" ->
                    http.signed(users.guest(), "us-east-1", "{ listUsers { items { userId } } }", Map.of());
                case "moments" ->
                    http.withToken(
                            user.idToken(),
                            "mutation C($in: CreatePhotoInput!) { createPhoto(input: $in) { photoId uploadUrl } }",
                            Map.of("in", Map.of("fileName", "a.png", "contentType", "image/png", "size", 68)));
                default ->
                    http.withToken(
                            user.idToken(),
                            "mutation C($in: CreatePinInput!) { createPin(input: $in) { id } }",
                            Map.of(
                                    "in",
                                    Map.of("title", "from the new app", "imageUrl", "https://img.example.com/a.jpg")));
            };
            assertThat(created.errors().isMissingNode())
                    .as(created.body().toString())
                    .isTrue();
            assertThat(stack.tableName(
                            switch (sample) {
                                case "notes" -> "Note";
                                case "directory" -> "User";
                                case "moments" -> "Photo";
                                default -> "Pin";
                            }))
                    .startsWith(name + "-");
        }
    }

    private static void run(String name, Path directory, List<String> command, boolean repositories) throws Exception {
        List<String> full = new ArrayList<>(command);
        if (repositories) {
            full.add("-Dmaven.repo.local=" + REPOSITORY);
            full.add("-Dmaven.repo.local.tail=" + buildRepository());
        }
        Path log = WORK.resolve(name + ".log");
        Process process = new ProcessBuilder(full)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = process.waitFor(20, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished && process.exitValue() == 0)
                .as(name + " failed; the end of " + log + ":\n" + tail(log))
                .isTrue();
    }

    private static Path buildRepository() {
        String configured = System.getProperty("kit.repository");
        return configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
