package dev.fieldgate.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.local.LocalStack;
import dev.fieldgate.local.core.LocalAdminCredentials;
import dev.fieldgate.sdk.FieldgateConfig;
import dev.fieldgate.sdk.auth.CognitoUserPoolAuth;
import dev.fieldgate.verify.DeployedSchema;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A partner's view of the kit, end to end: {@code ./fieldgate install} puts the artifacts in a local repository of
 * this module's own (never the user's), a new Maven project outside the build depends on them alone, downloads the
 * running local stack's schema with {@code GetIntrospectionSchema}, generates its typed client with the plugin, and
 * its tests sign in, query, mutate and subscribe with the plain SDK (sync, async, {@code Flow.Publisher}, listener)
 * and with the Spring Boot starter. Runs two nested Maven builds, offline; everything else they need is read from the
 * build's own local repository, which they never write to.
 */
class PartnerProjectIT {

    private static final Path KIT = Path.of("..", "..").toAbsolutePath().normalize();
    private static final Path WORK = Path.of("target", "partner").toAbsolutePath();
    private static final Path REPOSITORY = WORK.resolve("repository");
    private static final Path PROJECT = WORK.resolve("pins-partner");
    private static final String VERSION = System.getProperty("fieldgate.version", "0.1.0-SNAPSHOT");

    private static LocalStack stack;
    private static String username;

    @BeforeAll
    static void start() {
        stack = LocalStackSupport.start();
        FieldgateConfig config = LocalStackSupport.config(stack);
        try (CognitoUserPoolAuth auth =
                CognitoUserPoolAuth.builder().config(config).build()) {
            username = LocalStackSupport.confirmedUser(stack, auth);
        }
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aNewProjectBuildsAgainstTheInstalledKitAndTalksToTheStack() throws Exception {
        deleteTree(WORK);
        copyTemplate();
        Path outputs = PROJECT.resolve("amplify_outputs.json");
        Files.writeString(outputs, stack.outputs().toJson());
        LocalAdminCredentials admin = stack.adminCredentials();
        String schema = DeployedSchema.builder()
                .outputsFile(outputs)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(admin.accessKeyId(), admin.secretAccessKey())))
                .build()
                .download();
        Path schemaFile = PROJECT.resolve("src/main/graphql/schema/appsync.graphqls");
        Files.createDirectories(schemaFile.getParent());
        Files.writeString(schemaFile, schema);

        // The reactor has compiled the modules already; install packages and installs what is there.
        run(
                "install",
                KIT,
                List.of(
                        KIT.resolve("fieldgate").toString(),
                        "install",
                        "-o",
                        "-q",
                        "-Dmaven.main.skip=true",
                        "-Dmaven.test.skip=true",
                        "-Dmaven.javadoc.skip=true",
                        "-Dmaven.source.skip=true"));
        for (String artifact : List.of(
                "fieldgate-bom", "fieldgate-sdk", "fieldgate-sdk-spring-boot-starter", "fieldgate-maven-plugin")) {
            assertThat(REPOSITORY.resolve("dev/fieldgate").resolve(artifact).resolve(VERSION))
                    .as(artifact + " installed into the partner repository")
                    .isDirectory();
        }

        Path classpath = WORK.resolve("classpath.txt");
        // Online, as a partner builds: Spring Boot's BOM picks versions (graphql-java for spring-graphql) that the
        // kit's own build never downloads, so a fresh machine's repository does not have them.
        run(
                "partner-build",
                PROJECT,
                List.of(
                        KIT.resolve("mvnw").toString(),
                        "-B",
                        "-ntp",
                        "-f",
                        PROJECT.resolve("pom.xml").toString(),
                        "verify",
                        "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath",
                        "-Dmdep.outputFile=" + classpath,
                        "-Dfieldgate.outputs=" + outputs,
                        "-Dpartner.username=" + username,
                        "-Dpartner.password=" + LocalStackSupport.PASSWORD));

        assertThat(PROJECT.resolve(
                        "target/generated-sources/fieldgate-client/com/example/partner/api/PinsOperations.java"))
                .exists();
        for (String test : List.of("PinsBoardTest", "PinsSpringAppTest")) {
            String report =
                    Files.readString(PROJECT.resolve("target/surefire-reports/com.example.partner." + test + ".txt"));
            assertThat(report).contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0");
        }
        List<String> entries = Arrays.asList(Files.readString(classpath).trim().split(File.pathSeparator, -1));
        assertThat(entries)
                .filteredOn(e -> e.contains(File.separator + "dev" + File.separator + "fieldgate" + File.separator))
                .as("the kit's artifacts come from the partner repository only")
                .isNotEmpty()
                .allSatisfy(e -> assertThat(Path.of(e)).startsWith(REPOSITORY));
        assertThat(entries)
                .as("one HTTP client: no Apache, Netty or commons-logging")
                .noneMatch(e ->
                        e.contains("apache-client") || e.contains("netty-nio-client") || e.contains("commons-logging"));
    }

    /** Runs a command with the partner repository in front of the build's own (read-only) one. */
    private static void run(String name, Path directory, List<String> command) throws Exception {
        List<String> full = new ArrayList<>(command);
        full.add("-Dmaven.repo.local=" + REPOSITORY);
        full.add("-Dmaven.repo.local.tail=" + buildRepository());
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

    /** The local repository of the build running this test (set by the pom), or the user's default one. */
    private static Path buildRepository() {
        String configured = System.getProperty("kit.repository");
        return configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private static void copyTemplate() throws IOException {
        Path template = Path.of("src", "test", "resources", "partner-project");
        try (Stream<Path> walk = Files.walk(template)) {
            for (Path source : walk.filter(Files::isRegularFile).toList()) {
                Path target = PROJECT.resolve(template.relativize(source).toString());
                Files.createDirectories(target.getParent());
                try (InputStream in = Files.newInputStream(source)) {
                    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    Files.writeString(target, text.replace("@fieldgate.version@", VERSION));
                }
            }
        }
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
