package dev.fieldgate.verify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors exit with 2 and say what is missing, before any AWS call. */
class VerifyCommandUsageTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Path dir, String... args) {
        return VerifyCommand.run(
                args,
                dir,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void outputsIsRequired(@TempDir Path dir) {
        assertThat(run(dir, "--schema", "s.graphql")).isEqualTo(2);
        assertThat(err()).startsWith("fieldgate verify: --outputs is required").contains("Usage: fieldgate verify");
    }

    @Test
    void schemaIsRequiredWithoutAFieldgateJson(@TempDir Path dir) {
        assertThat(run(dir, "--outputs", "o.json")).isEqualTo(2);
        assertThat(err()).startsWith("fieldgate verify: --schema is required");
    }

    @Test
    void unknownArgumentsAndMissingValuesAreUsageErrors(@TempDir Path dir) {
        assertThat(run(dir, "--outputs", "o.json", "--verbose")).isEqualTo(2);
        assertThat(err()).startsWith("fieldgate verify: unknown argument '--verbose'");
        err.reset();
        assertThat(run(dir, "--outputs")).isEqualTo(2);
        assertThat(err()).startsWith("fieldgate verify: --outputs needs a value");
    }

    private static final String OUTPUTS =
            "{\"data\":{\"aws_region\":\"us-east-1\",\"url\":\"https://a.example.com/graphql\","
                    + "\"default_authorization_type\":\"AWS_IAM\"},\"custom\":{\"fieldgate\":{\"api_id\":\"abc\"}}}";

    @Test
    void unreadableInputsAreUsageErrorsThatSayWhatToFix(@TempDir Path dir) throws Exception {
        assertThat(run(dir, "--outputs", "missing.json", "--schema", "s.graphql"))
                .isEqualTo(2);
        assertThat(err())
                .contains("The outputs file")
                .contains("missing.json")
                .contains("does not exist; run " + "'./fieldgate local'");
        err.reset();
        Files.writeString(dir.resolve("o.json"), "{\"version\":\"1.4\"}");
        assertThat(run(dir, "--outputs", "o.json", "--schema", "s.graphql")).isEqualTo(2);
        assertThat(err()).contains("has no custom.fieldgate.api_id");
        err.reset();
        Files.writeString(dir.resolve("o.json"), OUTPUTS);
        assertThat(run(dir, "--outputs", "o.json", "--schema", "s.graphql")).isEqualTo(2);
        assertThat(err()).contains("the schema file").contains("does not exist");
    }

    @Test
    void theSchemaComesFromFieldgateJsonInTheWorkingDirectory(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("fieldgate.json"),
                "{\"app\":\"xy\",\"region\":\"us-east-1\","
                        + "\"schema\":\"app.graphql\",\"userPool\":{\"name\":\"p\",\"clients\":[{\"name\":\"web\"}]}}");
        Files.writeString(dir.resolve("o.json"), OUTPUTS);
        assertThat(run(dir, "--outputs", "o.json")).isEqualTo(2);
        assertThat(err()).contains("app.graphql").contains("does not exist");
    }

    @Test
    void envMergesTheEnvironmentsOverlayOverTheConfig(@TempDir Path dir) throws Exception {
        assertThat(run(dir, "--outputs", "o.json", "--schema", "s.graphql", "--env", "prod"))
                .isEqualTo(2);
        assertThat(err()).startsWith("fieldgate verify: --env merges an overlay over the app config");
        err.reset();

        Files.writeString(
                dir.resolve("fieldgate.json"),
                "{\"app\":\"xy\",\"region\":\"us-east-1\","
                        + "\"schema\":\"app.graphql\",\"userPool\":{\"name\":\"p\",\"clients\":[{\"name\":\"web\"}]}}");
        Files.writeString(dir.resolve("fieldgate.prod.json"), "{\"api\": {\"introspecton\": false}}");
        Files.writeString(dir.resolve("o.json"), OUTPUTS);
        // Only the prod overlay has the typo, so only a run that merges it stops on it.
        assertThat(run(dir, "--outputs", "o.json", "--config", "fieldgate.json", "--env", "prod"))
                .isEqualTo(2);
        assertThat(err()).contains("introspecton");
        err.reset();
        assertThat(run(dir, "--outputs", "o.json", "--config", "fieldgate.json"))
                .isEqualTo(2);
        assertThat(err()).doesNotContain("introspecton").contains("app.graphql");
    }

    @Test
    void helpPrintsUsage(@TempDir Path dir) {
        assertThat(run(dir, "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: fieldgate verify --outputs FILE");
    }
}
