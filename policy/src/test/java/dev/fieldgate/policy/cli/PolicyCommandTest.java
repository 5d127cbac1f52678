package dev.fieldgate.policy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCommandTest {

    static final String PINS = "../samples/pins/schema.graphql";

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return new PolicyCommand(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void generateWritesTheDerivedFiles(@TempDir Path dir) {
        assertThat(run("generate", PINS, "--out", dir.toString())).isZero();

        assertThat(dir.resolve("appsync.graphql")).exists();
        assertThat(dir.resolve("manifest.json")).exists();
        assertThat(dir.resolve("access-matrix.md")).exists();
        assertThat(err()).contains("info: Pin: wrote @aws_cognito_user_pools @aws_iam on the type");
    }

    @Test
    void generateWithTheAppConfigWritesTheStorageGrantsForTerraform(@TempDir Path dir) throws Exception {
        assertThat(run("generate", PINS, "--out", dir.toString(), "--config", "../samples/pins/fieldgate.json"))
                .isZero();

        JsonNode storage =
                new ObjectMapper().readTree(dir.resolve("storage.json").toFile());
        assertThat(storage.at("/buckets/0/name").asText()).isEqualTo("pictures");
        assertThat(storage.at("/buckets/0/paths").has("pins/{entity_id}/*")).isTrue();
        assertThat(storage.at("/statements/authenticated").toString())
                .contains("pins/${cognito-identity.amazonaws.com:sub}/*")
                .doesNotContain("private/*");
        assertThat(storage.at("/statements/guest").toString()).doesNotContain("s3:PutObject");
        // The declaration as fieldgate.json has it, for Terraform to tell a stale file.
        assertThat(storage.at("/declared/0/paths/public~1*/guest/0").asText()).isEqualTo("read");
        assertThat(Files.readString(dir.resolve("access-matrix.md"))).contains("## Storage");
    }

    @Test
    void aStorageSectionWithAMistakeFailsGenerate(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("fieldgate.json");
        Files.writeString(
                config,
                "{\"storage\": {\"buckets\": [{\"name\": \"files\", \"paths\": {\"public\": {\"guest\": [\"read\"]}}}]}}");

        assertThat(run("generate", PINS, "--out", dir.resolve("out").toString(), "--config", config.toString()))
                .isEqualTo(1);
        assertThat(err()).contains("ending in /*");
        assertThat(dir.resolve("out/storage.json")).doesNotExist();
    }

    @Test
    void matrixPrintsATableJsonOrMarkdown() throws Exception {
        assertThat(run("matrix", PINS)).isZero();
        assertThat(out()).contains("Mutation.deletePin        delete     ✗          ✗      ✗     ✓      ✓");

        out.reset();
        err.reset();
        assertThat(run("matrix", PINS, "--json", "--quiet")).isZero();
        JsonNode json = new ObjectMapper().readTree(out());
        assertThat(json.get("rows").get(0).get("allowed").get("guest").asBoolean())
                .isTrue();
        assertThat(err()).isEmpty();

        out.reset();
        assertThat(run("matrix", PINS, "--markdown")).isZero();
        assertThat(out()).startsWith("# Access matrix").contains("| `Query.listPins` | list |");
    }

    @Test
    void anInvalidSchemaPrintsEveryProblemAndExitsOne(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(
                dir.resolve("bad.graphql"),
                "type Pin @auth(rules: [{allow: public}]) { id: ID! }\ntype Query { getPin(id: ID!): Pin }\n");

        assertThat(run("check", bad.toString())).isEqualTo(1);
        assertThat(err())
                .contains("bad.graphql:1:24: error: Pin: Fieldgate names Amplify's {allow: public}")
                .contains("1 problem in");
    }

    @Test
    void apiModesCanBeOverriddenOnTheCommandLine() {
        assertThat(run("check", PINS, "--additional-auth", "")).isEqualTo(1);
        assertThat(err()).contains("needs AWS_IAM, which the API does not enable");
    }

    @Test
    void wrongUsageExitsTwoWithTheUsage() {
        assertThat(run("generate", PINS)).isEqualTo(2);
        assertThat(err()).contains("generate needs --out DIR").contains("usage: fieldgate policy");
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(run("check", "no-such-file.graphql")).isEqualTo(2);
        assertThat(run("check", PINS, "--default-auth", "BASIC")).isEqualTo(2);
    }
}
