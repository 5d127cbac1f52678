package dev.fieldgate.verify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.local.LocalStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@code fieldgate verify} gets its credentials: against a local stack, the local administrator's key from
 * the credentials file the outputs file names; anywhere, a missing-credentials failure says which variables to set.
 */
class VerifyCredentialsTest {

    private static final Path APP_CONFIG = Path.of("..", "samples", "pins", "fieldgate.json");
    private static final Path SCHEMA = Path.of("..", "samples", "pins", "schema.graphql");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Path dir, String... args) {
        return VerifyCommand.run(
                args,
                dir,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aLocalStacksOutputsFileLeadsToItsAdminKey(@TempDir Path state) throws Exception {
        Path outputs = state.resolve("amplify_outputs.json");
        try (LocalStack stack = LocalStack.builder()
                .appConfigFile(APP_CONFIG)
                .stateDirectory(state)
                .outputsFile(outputs)
                .withoutFunction()
                .port(0)
                .start()) {
            String json = Files.readString(outputs);
            assertThat(json)
                    .contains("admin_credentials_file")
                    .doesNotContain(stack.adminCredentials().secretAccessKey());
            Path credentials = state.resolve("admin-credentials");
            assertThat(Files.readString(credentials))
                    .contains("[fieldgate-local]")
                    .contains(stack.adminCredentials().accessKeyId());

            int code = run(
                    Path.of(""),
                    "--outputs",
                    outputs.toString(),
                    "--schema",
                    SCHEMA.toString(),
                    "--config",
                    APP_CONFIG.toString(),
                    "--no-guest-call");

            String report = out.toString(StandardCharsets.UTF_8);
            assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("credentials");
            assertThat(report).contains("fieldgate-local-admin");
            assertThat(code).as(report).isIn(0, 1);
        }
    }

    @Test
    void missingCredentialsSayWhichVariablesToSet(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("o.json"),
                "{\"data\":{\"aws_region\":\"us-east-1\",\"url\":\"https://a.example.com/graphql\","
                        + "\"default_authorization_type\":\"AWS_IAM\"},\"custom\":{\"fieldgate\":{\"api_id\":"
                        + "\"abc\"}}}");
        Files.writeString(dir.resolve("config"), "[default]\nregion = us-east-1\n");
        int code = run(
                dir,
                "--outputs",
                "o.json",
                "--schema",
                SCHEMA.toAbsolutePath().toString(),
                "--profile",
                "no-such-profile-anywhere");

        String message = err.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(2);
        assertThat(message)
                .contains("no AWS credentials to sign with")
                .contains("AWS_ACCESS_KEY_ID")
                .contains("AWS_SECRET_ACCESS_KEY")
                .doesNotContain("Check the network")
                .doesNotContain("\tat ");
        assertThat(message.lines().count()).isEqualTo(1);
    }
}
