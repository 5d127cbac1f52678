package dev.fieldgate.sdk.srp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regenerates the vectors with amazon-cognito-identity-js and checks they equal the committed ones, so a change to
 * the script or to the library cannot leave stale vectors behind. Needs {@code npm ci} in
 * {@code src/test/node} (the project's test command does that); the committed vectors are checked by the unit tests
 * either way.
 */
class NodeVectorsIT {

    private static final Path NODE_PROJECT = Path.of("src/test/node");

    @Test
    void regeneratedVectorsEqualTheCommittedOnes(@TempDir Path tmp) throws Exception {
        if (!Files.isDirectory(NODE_PROJECT.resolve("node_modules/amazon-cognito-identity-js"))) {
            throw new IllegalStateException("This test drives Node.js: node_modules is missing in "
                    + "sdk/cognito-srp/src/test/node; run `npm ci` there (./fieldgate test does it for you).");
        }
        Path out = tmp.resolve("vectors.json");
        Process process = new ProcessBuilder(
                        "node", "vectors.js", out.toAbsolutePath().toString())
                .directory(NODE_PROJECT.toFile())
                .redirectErrorStream(true)
                .start();
        boolean finished = process.waitFor(Duration.ofMinutes(1).toMillis(), TimeUnit.MILLISECONDS);
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(finished).as("node vectors.js finished").isTrue();
        assertThat(process.exitValue())
                .as("node vectors.js exit code; output:%n%s", log)
                .isZero();

        ObjectMapper json = new ObjectMapper();
        try (var committed = NodeVectorsIT.class.getResourceAsStream("srp-vectors.json")) {
            assertThat(json.readTree(out.toFile())).isEqualTo(json.readTree(committed));
        }
    }
}
