package dev.fieldgate.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.local.bench.PinsLoad;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fieldgate local --sample pins} as a developer runs it: a process of its own that prints where everything
 * is and the local admin credentials, writes the outputs file, stops cleanly on Ctrl-C (SIGINT), keeps its data for
 * the next run and starts afresh with {@code --fresh}.
 */
class LocalCommandIT {

    private static final Pattern API_ID = Pattern.compile("API id\\s+(\\S+)");

    @TempDir
    Path state;

    @TempDir
    Path logs;

    /** What one run printed before Ctrl-C, and how it ended. */
    record Run(String printed, int exitCode, String stderr) {
        String apiId() {
            Matcher m = API_ID.matcher(printed);
            assertThat(m.find()).as(printed).isTrue();
            return m.group(1);
        }
    }

    private Run run(String... extra) throws Exception {
        PinsLoad.pinsConfig(); // fails with how to build the function jar when it is missing
        Path root = Files.isDirectory(Path.of("samples")) ? Path.of(".") : Path.of("../..");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LocalCommand.class.getName(),
                "--sample",
                "pins",
                "--root",
                root.toString(),
                "--port",
                "0",
                "--state",
                state.toString()));
        command.addAll(List.of(extra));
        // Both streams go to files, so the process never blocks on a full pipe.
        Path stdout = Files.createTempFile(logs, "out", ".txt");
        Path stderrFile = Files.createTempFile(logs, "err", ".txt");
        Process process = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderrFile.toFile())
                .start();
        String printed;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            // Poll the output until the summary is there; waitFor doubles as the pause and notices an early exit.
            printed = Files.readString(stdout);
            while (!printed.contains("Press Ctrl-C")) {
                assertThat(System.nanoTime())
                        .as("the summary within 120 s; stderr:%n%s", Files.readString(stderrFile))
                        .isLessThan(deadline);
                assertThat(process.waitFor(100, TimeUnit.MILLISECONDS))
                        .as("exited early; stderr:%n%s", Files.readString(stderrFile))
                        .isFalse();
                printed = Files.readString(stdout);
            }
            // Ctrl-C: SIGINT to the process, as a terminal sends it.
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(process.waitFor(60, TimeUnit.SECONDS))
                    .as("stopped after SIGINT")
                    .isTrue();
        } finally {
            process.destroyForcibly();
        }
        String stderr = Files.readString(stderrFile);
        return new Run(printed, process.exitValue(), stderr);
    }

    @Test
    void runsThePinsSampleStopsOnCtrlCAndKeepsItsDataUnlessFresh() throws Exception {
        Run first = run();
        String out = first.printed();
        assertThat(out)
                .containsPattern("GraphQL\\s+http://127\\.0\\.0\\.1:\\d+/graphql")
                .containsPattern("Real-time\\s+ws://127\\.0\\.0\\.1:\\d+/graphql/realtime")
                .containsPattern("User pool\\s+us-east-1_\\w+")
                .containsPattern("Identity pool\\s+us-east-1:[0-9a-f-]+")
                .containsPattern("Local admin key\\s+\\S+")
                .containsPattern("Local admin secret\\s+\\S+")
                .contains("Tables             pins-local-*");
        // 130 = 128 + SIGINT: the JVM's exit status after its shutdown hooks ran on Ctrl-C.
        assertThat(first.exitCode()).as(first.stderr()).isEqualTo(130);
        assertThat(first.stderr()).doesNotContain("Exception");

        Path outputs = state.resolve("amplify_outputs.json");
        JsonNode file = new ObjectMapper().readTree(outputs.toFile());
        assertThat(file.get("version").asText()).isEqualTo("1.4");
        assertThat(file.at("/data/url").asText()).matches("http://127\\.0\\.0\\.1:\\d+/graphql");
        assertThat(file.at("/data/default_authorization_type").asText()).isEqualTo("AMAZON_COGNITO_USER_POOLS");
        assertThat(file.at("/auth/user_pool_id").asText()).startsWith("us-east-1_");

        // Data kept between runs: the same API (and pools) again.
        Run second = run();
        assertThat(second.apiId()).isEqualTo(first.apiId());
        assertThat(second.printed()).contains(userPool(first));

        // --fresh empties the state first: a new API.
        Run fresh = run("--fresh");
        assertThat(fresh.apiId()).isNotEqualTo(first.apiId());
        assertThat(fresh.exitCode()).isEqualTo(130);
    }

    private static String userPool(Run run) {
        Matcher m = Pattern.compile("User pool\\s+(\\S+)").matcher(run.printed());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void anUnknownSampleSaysWhatToDo() {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = LocalCommand.run(
                new String[] {"--sample", "nope", "--root", "."},
                new PrintStream(new java.io.ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("no sample 'nope'")
                .contains("samples/nope/fieldgate.json does not exist (run from the repository root or give --root)");
    }
}
