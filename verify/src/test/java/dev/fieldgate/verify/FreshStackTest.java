package dev.fieldgate.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.local.LocalStack;
import dev.fieldgate.policy.SchemaCompiler;
import dev.fieldgate.sdk.FieldgateConfig;
import dev.fieldgate.sdk.auth.IdentityPoolCredentialsProvider;
import dev.fieldgate.verify.cli.VerifyCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pins sample on a fresh local stack: everything matches, and what is only read (not planted) is reported. */
class FreshStackTest {

    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = PinsStack.start();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aFreshStackPassesEveryCheck() {
        VerificationReport report = PinsStack.verifier(stack).build().verify();

        assertThat(report.checks())
                .extracting(CheckResult::id)
                .containsExactly(
                        "caller-identity",
                        "api-settings",
                        "schema",
                        "resolvers",
                        "subscriptions",
                        "identity-pool-roles",
                        "role-grants",
                        "storage",
                        "guest-call");
        assertThat(report.checks()).as(report.toTable()).allMatch(c -> c.status() == CheckStatus.PASS);
        // The pins sample declares a bucket; the local stack serves it and gives the roles exactly its statements.
        CheckResult storage = report.check("storage").orElseThrow();
        assertThat(storage.summary())
                .contains("1 of 1 declared bucket(s) checked (the local stack's")
                .contains("authenticated role 15 S3 grant(s)");
        assertThat(report.passed()).isTrue();
        assertThat(report.check("caller-identity").orElseThrow().summary()).contains(stack.accountId());
        assertThat(report.check("resolvers").orElseThrow().summary()).startsWith("12 of 12 resolvers");
        assertThat(report.check("subscriptions").orElseThrow().summary())
                .isEqualTo("redacted from the responses that feed listeners: Pin.ownerContact");
        assertThat(report.check("guest-call").orElseThrow().details())
                .anyMatch(d -> d.startsWith("Query.listPins answered a guest: query FieldgateVerifyGuestAllowed"))
                .anyMatch(d -> d.startsWith("Mutation.deletePin refused a guest with Unauthorized"));
    }

    @Test
    void aSchemaWhoseFieldDiffersFromTheDeployedOneFailsTheSchemaCheck(@TempDir Path dir) throws Exception {
        String schema = Files.readString(PinsStack.SCHEMA);
        assertThat(schema).contains("  title: String!\n");
        Path changed = dir.resolve("schema.graphql");
        Files.writeString(changed, schema.replaceFirst("  title: String!\n", "  title: String\n"));

        VerificationReport report =
                PinsStack.verifier(stack).schemaFile(changed).build().verify();

        CheckResult check = report.check("schema").orElseThrow();
        assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check.details()).containsExactly("Pin.title: expected type String, deployed String!");
        assertThat(report.passed()).isFalse();
    }

    @Test
    void aSchemaWhoseFieldAccessDiffersFailsTheSchemaCheckWithTheAccessOfBoth() {
        // A field rule that keeps the description from guests: its AppSync directive becomes user pools only.
        String sdl = readSample()
                .replace(
                        "  description: String\n  imageUrl: AWSURL!\n  \"The sub",
                        "  description: String @auth(rules: [{allow: owner, operations: [read]}])\n  imageUrl: AWSURL!\n"
                                + "  \"The sub");
        assertThat(sdl).isNotEqualTo(readSample());

        VerificationReport report = PinsStack.verifier(stack)
                .schema(SchemaCompiler.create().compile(sdl, "variant.graphql"))
                .build()
                .verify();

        CheckResult check = report.check("schema").orElseThrow();
        assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check.details())
                .containsExactly(
                        "Pin.description: expected access @aws_cognito_user_pools, deployed @aws_cognito_user_pools @aws_iam");
        // The variant also needs a resolver for the field, which the deployed API does not have.
        assertThat(report.check("resolvers").orElseThrow().details())
                .anyMatch(d -> d.startsWith("Pin.description: expected a Direct Lambda resolver"));
    }

    @Test
    void aCallerWithoutControlPlanePermissionsGetsSkippedChecksNotACrash() {
        FieldgateConfig config = FieldgateConfig.fromOutputsJson(stack.outputs().toJson());
        try (IdentityPoolCredentialsProvider guest =
                IdentityPoolCredentialsProvider.builder().config(config).guest().build()) {
            VerificationReport report =
                    PinsStack.verifier(stack).credentialsProvider(guest).build().verify();

            assertThat(report.check("caller-identity").orElseThrow().status())
                    .as(report.toTable())
                    .isEqualTo(CheckStatus.PASS);
            CheckResult grants = report.check("role-grants").orElseThrow();
            assertThat(grants.status()).as(report.toTable()).isEqualTo(CheckStatus.SKIPPED);
            assertThat(grants.summary()).startsWith("the caller may not read this: AccessDenied");
            assertThat(report.check("api-settings").orElseThrow().status()).isEqualTo(CheckStatus.SKIPPED);
            assertThat(report.check("guest-call").orElseThrow().status()).isEqualTo(CheckStatus.PASS);
            assertThat(report.checks(CheckStatus.FAIL)).as(report.toTable()).isEmpty();
        }
    }

    @Test
    void theCommandPrintsTheTableOrJsonAndExitsZero(@TempDir Path dir) throws Exception {
        Path outputs = dir.resolve("amplify_outputs.json");
        Files.writeString(outputs, stack.outputs().toJson());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setProperty("aws.accessKeyId", stack.adminCredentials().accessKeyId());
        System.setProperty("aws.secretAccessKey", stack.adminCredentials().secretAccessKey());
        try {
            int status = VerifyCommand.run(
                    new String[] {"--outputs", outputs.toString(), "--schema", PinsStack.SCHEMA.toString(), "--json"},
                    Path.of(""),
                    print(out),
                    print(err));
            assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains("\"passed\" : true")
                    .contains("\"guest-call\"");

            out.reset();
            status = VerifyCommand.run(
                    new String[] {"--outputs", outputs.toString(), "--schema", PinsStack.SCHEMA.toString()},
                    Path.of(""),
                    print(out),
                    print(err));
            assertThat(status).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains("✓ schema")
                    .contains("PASSED: 8 passed");
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    private static String readSample() {
        try {
            return Files.readString(PinsStack.SCHEMA);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
