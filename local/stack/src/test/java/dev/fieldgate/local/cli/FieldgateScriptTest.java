package dev.fieldgate.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./fieldgate} script's own behaviour: every command's {@code --help} answers before anything is built
 * (it runs here from a copy of the script and the command sources alone, with no Maven wrapper to build with), and
 * a first build shows which module it is at, how far along and for how long.
 */
class FieldgateScriptTest {

    private static final List<String> SOURCES = List.of(
            "local/stack/src/main/java/dev/fieldgate/local/cli/LocalCommand.java",
            "verify/src/main/java/dev/fieldgate/verify/cli/VerifyCommand.java",
            "verify/src/main/java/dev/fieldgate/verify/cli/SchemaCommand.java",
            "policy/src/main/java/dev/fieldgate/policy/cli/PolicyCommand.java");

    @TempDir
    Path copy;

    record Result(int code, String out, String err) {}

    private static Path root() {
        return Files.isRegularFile(Path.of("fieldgate")) ? Path.of("") : Path.of("../..");
    }

    /** A copy of the script and the sources its help reads, without mvnw or any module to build. */
    private Path skeleton() throws IOException {
        Files.copy(root().resolve("fieldgate"), copy.resolve("fieldgate"));
        for (String source : SOURCES) {
            Path target = copy.resolve(source);
            Files.createDirectories(target.getParent());
            Files.copy(root().resolve(source), target);
        }
        return copy;
    }

    private static Result bash(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out, err);
    }

    @Test
    void everyCommandsHelpAnswersWithoutBuilding() throws Exception {
        Path dir = skeleton();
        for (String command : List.of("local", "demo", "verify", "schema", "policy", "bench", "test", "install")) {
            for (String flag : List.of("--help", "-h")) {
                Result result = bash(dir, "fieldgate", command, flag);
                assertThat(result.code())
                        .as(command + " " + flag + ": " + result.err())
                        .isZero();
                assertThat(result.out().toLowerCase(java.util.Locale.ROOT))
                        .as(command)
                        .startsWith("usage: ");
                assertThat(result.err()).as(command).doesNotContain("building");
                assertThat(dir.resolve(".fieldgate")).doesNotExist();
            }
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("fieldgate", "local", "verify", "policy");
        }
    }

    @Test
    void localHelpIsTheCommandsOwnUsage() throws Exception {
        Result result = bash(skeleton(), "fieldgate", "local", "--help");
        assertThat(result.out()).isEqualTo(LocalCommand.USAGE);
    }

    @Test
    void demoHelpExplainsTheDemoInsteadOfRunningIt() throws Exception {
        Result result = bash(skeleton(), "fieldgate", "demo", "--help");
        assertThat(result.out())
                .contains("Bob tries to delete it")
                .contains("Exit status 0")
                .contains("./fieldgate local --sample pins");
    }

    @Test
    void demoHelpTellsEachSamplesStory() throws Exception {
        Result result = bash(skeleton(), "fieldgate", "demo", "--help");
        assertThat(result.out())
                .startsWith("usage: ./fieldgate demo [pins|notes|directory|moments]")
                .contains("uploads an attachment to S3 under her identity's")
                .contains("the scheduled FillUsers runs")
                .contains("createPhoto answers a presigned PUT");
    }

    @Test
    void aDemoOfNoSampleIsRefusedBeforeAnythingIsBuilt() throws Exception {
        Path dir = skeleton();
        Result result = bash(dir, "fieldgate", "demo", "recipes");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("no story 'recipes'; one of: pins notes directory moments");
        assertThat(dir.resolve(".fieldgate")).doesNotExist();
    }

    @Test
    void eachDemoTheScriptNamesHasItsMainWhereTheScriptRunsIt() throws Exception {
        String script = Files.readString(root().resolve("fieldgate"));
        java.util.regex.Matcher samples =
                java.util.regex.Pattern.compile("DEMO_SAMPLES=\"([a-z ]+)\"").matcher(script);
        assertThat(samples.find()).as("DEMO_SAMPLES in the script").isTrue();
        List<String> names = List.of(samples.group(1).split(" "));
        assertThat(names).containsExactly("pins", "notes", "directory", "moments");
        for (String sample : names) {
            String main = Character.toUpperCase(sample.charAt(0)) + sample.substring(1) + "Demo";
            assertThat(root().resolve("samples/" + sample + "/client/src/test/java/dev/fieldgate/samples/" + sample
                            + "/client/cli/" + main + ".java"))
                    .as("./fieldgate demo " + sample + " runs " + main)
                    .isRegularFile();
        }
    }

    @Test
    void aBuildShowsModuleProgressAndErrorsOnly() throws Exception {
        Path dir = skeleton();
        Path maven = dir.resolve("maven.txt");
        Files.writeString(maven, """
                [INFO] Scanning for projects...
                [INFO] ------------------------------------------------------------------------
                [INFO] Building Fieldgate config 0.1.0-SNAPSHOT                             [1/3]
                [INFO] --- compiler:3.14.1:compile (default-compile) @ fieldgate-config ---
                [INFO] Building Fieldgate policy 0.1.0-SNAPSHOT                             [2/3]
                [INFO] Building Fieldgate Local 0.1.0-SNAPSHOT                              [3/3]
                [INFO] BUILD SUCCESS
                """);
        Result result = bash(dir, "-c", "source ./fieldgate && maven_progress < maven.txt");
        assertThat(result.code()).isZero();
        assertThat(result.err().lines().toList()).hasSize(4).satisfies(lines -> {
            assertThat(lines.get(0)).matches("fieldgate: building Fieldgate config \\(1/3\\), \\d+ s");
            assertThat(lines.get(1)).matches("fieldgate: building Fieldgate policy \\(2/3\\), \\d+ s");
            assertThat(lines.get(2)).matches("fieldgate: building Fieldgate Local \\(3/3\\), \\d+ s");
            assertThat(lines.get(3)).matches("fieldgate: built in \\d+ s");
        });

        Files.writeString(maven, """
                [INFO] Building Fieldgate policy 0.1.0-SNAPSHOT                             [2/3]
                [ERROR] /src/Foo.java:[3,1] cannot find symbol
                [INFO] BUILD FAILURE
                """);
        Result failed = bash(dir, "-c", "source ./fieldgate && maven_progress < maven.txt");
        assertThat(failed.err())
                .contains("[ERROR] /src/Foo.java:[3,1] cannot find symbol")
                .contains("BUILD FAILURE")
                .doesNotContain("built in");
    }
}
