package dev.fieldgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.local.bench.PinsLoad;
import dev.fieldgate.local.cognito.TestUsers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pins app called with the AWS SDK for JavaScript v3's own SigV4 signer ({@code @smithy/signature-v4}) in Node,
 * with guest and signed-in identity-pool credentials: signed requests are answered, a request whose body changed
 * after signing is refused as AppSync refuses it.
 */
class NodeSignerIT {

    private static final Path NODE_PROJECT = Path.of("../node-clients");

    private static LocalStack stack;
    private static TestUsers.User user;
    private static GraphQlClient http;

    @BeforeAll
    static void start() {
        if (!Files.isDirectory(NODE_PROJECT.resolve("node_modules/@smithy/signature-v4"))
                || !Files.isDirectory(NODE_PROJECT.resolve("node_modules/@aws-crypto/sha256-js"))) {
            throw new IllegalStateException("This test drives Node.js: node_modules is missing in local/node-clients;"
                    + " run `npm ci` there (./fieldgate test does it for you).");
        }
        stack = LocalStack.builder()
                .appConfigFile(PinsLoad.pinsConfig())
                .inMemory()
                .start();
        stack.functionReady().join();
        user = new TestUsers(stack.cognito()).create("ann@example.com");
        http = new GraphQlClient(stack.graphqlEndpoint());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void requestsSignedByTheJavaScriptSdksSignerAreAcceptedAndTamperedOnesRefused() throws Exception {
        GraphQlClient.Response created = http.withToken(
                user.idToken(),
                "mutation C($in: CreatePinInput!) " + "{ createPin(input: $in) { id } }",
                Map.of(
                        "in",
                        Map.of(
                                "title",
                                "A's pin",
                                "description",
                                "d",
                                "imageUrl",
                                "https://img.example.com/p.jpg",
                                "ownerContact",
                                "ann@example.com")));
        String id = created.data().at("/createPin/id").asText();
        assertThat(id).as(created.body().toString()).isNotBlank();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ENDPOINT", stack.endpoint().toString());
        env.put("GRAPHQL_URL", stack.graphqlEndpoint().toString());
        env.put("REGION", stack.region());
        env.put("IDENTITY_POOL_ID", stack.cognito().identityPoolId().orElseThrow());
        env.put("USER_POOL_ID", stack.cognito().userPoolId());
        env.put("QUERY", "{ getPin(id: \"" + id + "\") { id title } }");
        env.put("TAMPERED_QUERY", "{ getPin(id: \"" + id + "\") { id title owner } }");

        JsonNode asGuest = runNode(env);
        env.put("ID_TOKEN", user.idToken());
        JsonNode asUser = runNode(env);

        for (JsonNode out : List.of(asGuest, asUser)) {
            assertThat(out.get("accessKeyId").asText()).startsWith("ASIA");
            assertThat(out.get("authorization").asText())
                    .startsWith("AWS4-HMAC-SHA256 Credential="
                            + out.get("accessKeyId").asText() + "/")
                    .contains("/us-east-1/appsync/aws4_request");
            assertThat(out.get("signedHeaders")).extracting(JsonNode::asText).contains("x-amz-security-token");
            assertThat(out.at("/accepted/status").asInt()).as(out.toString()).isEqualTo(200);
            assertThat(out.at("/accepted/body/data/getPin/id").asText()).isEqualTo(id);
            assertThat(out.at("/accepted/body/errors").isMissingNode()).isTrue();
            assertThat(out.at("/tampered/status").asInt()).isEqualTo(403);
            assertThat(out.at("/tampered/errorType").asText()).isEqualTo("InvalidSignatureException");
            assertThat(out.at("/tampered/body/errors/0/errorType").asText()).isEqualTo("InvalidSignatureException");
            assertThat(out.at("/tampered/body/errors/0/message").asText()).isNotBlank();
        }
        assertThat(asGuest.get("identityId").asText())
                .isNotEqualTo(asUser.get("identityId").asText());
    }

    private static JsonNode runNode(Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("node", "signed-graphql.js").directory(NODE_PROJECT.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] stdout = process.getInputStream().readAllBytes();
        byte[] stderr = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(2, TimeUnit.MINUTES))
                .as("node signed-graphql.js finished")
                .isTrue();
        assertThat(process.exitValue())
                .as("node signed-graphql.js failed:%n%s", new String(stderr, StandardCharsets.UTF_8))
                .isZero();
        return new ObjectMapper().readTree(stdout);
    }
}
