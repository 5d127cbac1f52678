package dev.fieldgate.verify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.local.LocalStack;
import dev.fieldgate.local.core.LocalAdminCredentials;
import dev.fieldgate.verify.DeployedSchema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * {@code fieldgate schema} against the local stack's control plane: the deployed schema through
 * {@code GetIntrospectionSchema}, written where asked, and refusals that say what to fix.
 */
class SchemaCommandTest {

    private static LocalStack stack;
    private static StaticCredentialsProvider admin;

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void start() {
        stack = LocalStack.builder()
                .appConfigFile(Path.of("..", "samples", "pins", "fieldgate.json"))
                .withoutFunction()
                .inMemory()
                .port(0)
                .start();
        LocalAdminCredentials key = stack.adminCredentials();
        admin = StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private int run(DeployedSchema.Builder builder, String... args) {
        return SchemaCommand.run(
                args,
                directory,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                builder);
    }

    private Path outputsFile() throws Exception {
        Path file = directory.resolve("amplify_outputs.json");
        Files.writeString(file, stack.outputs().toJson());
        return file;
    }

    @Test
    void writesTheSchemaTheApiRuns() throws Exception {
        outputsFile();
        int status = run(
                DeployedSchema.builder().credentialsProvider(admin),
                "--outputs",
                "amplify_outputs.json",
                "--out",
                "schema/appsync.graphql");
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String written = Files.readString(directory.resolve("schema/appsync.graphql"));
        assertThat(written).isEqualTo(stack.schema().appSyncSchema());
        assertThat(written).contains("type Pin", "@aws_iam", "onCreatePin");
    }

    @Test
    void printsItWithoutDirectivesWhenAsked() throws Exception {
        outputsFile();
        int status = run(
                DeployedSchema.builder().credentialsProvider(admin),
                "--outputs",
                "amplify_outputs.json",
                "--no-directives");
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("type Pin").doesNotContain("@aws_iam");
    }

    @Test
    void aCallerWithoutTheRightSaysWhatItNeeds() throws Exception {
        outputsFile();
        StaticCredentialsProvider stranger = StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIAUNKNOWNKEY000000", "not-a-secret-of-this-stack"));
        int status = run(DeployedSchema.builder().credentialsProvider(stranger), "--outputs", "amplify_outputs.json");
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("could not download the schema")
                .contains("appsync:GetIntrospectionSchema");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run(null)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--outputs is required");
        assertThat(run(null, "--outputs")).isEqualTo(2);
        assertThat(run(null, "--outputs", "missing.json")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing.json");
    }
}
