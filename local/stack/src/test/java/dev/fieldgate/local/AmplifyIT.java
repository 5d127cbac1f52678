package dev.fieldgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fieldgate.local.bench.PinsLoad;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pins app driven by Amplify JS v6 in Node ({@code local/node-clients/amplify.js}), configured from the outputs
 * file the stack wrote plus Amplify's {@code userPoolEndpoint}/{@code identityPoolEndpoint} options, over TLS trusted
 * through {@code NODE_EXTRA_CA_CERTS}: sign-up, confirmation with the outbox code, SRP sign-in, guest and signed-in
 * sessions, GraphQL with the {@code userPool} and {@code identityPool} auth modes, a subscription in each mode that
 * receives an event, and sign-out.
 */
class AmplifyIT {

    private static final Path NODE_PROJECT = Path.of("../node-clients");

    @Test
    void amplifyJsV6UsesTheLocalStackUnchangedButForItsEndpoints(@TempDir Path state) throws Exception {
        if (!Files.isDirectory(NODE_PROJECT.resolve("node_modules/aws-amplify"))) {
            throw new IllegalStateException("This test drives Node.js: node_modules is missing in local/node-clients;"
                    + " run `npm ci` there (./fieldgate test does it for you).");
        }
        try (LocalStack stack = LocalStack.builder()
                .appConfigFile(PinsLoad.pinsConfig())
                .stateDirectory(state)
                .outputsFile(state.resolve("amplify_outputs.json"))
                .tls(true)
                .start()) {
            stack.functionReady().join();
            ProcessBuilder node = new ProcessBuilder("node", "amplify.js").directory(NODE_PROJECT.toFile());
            node.environment()
                    .put("OUTPUTS", state.resolve("amplify_outputs.json").toString());
            node.environment().put("OUTBOX", state.resolve("outbox").toString());
            node.environment().put("EMAIL", "amplify@example.com");
            node.environment().put("PASSWORD", "Correct-Horse-9");
            node.environment()
                    .put(
                            "NODE_EXTRA_CA_CERTS",
                            stack.caCertificateFile().orElseThrow().toString());
            Process process = node.start();
            byte[] stdout = process.getInputStream().readAllBytes();
            String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(3, TimeUnit.MINUTES))
                    .as("node amplify.js finished")
                    .isTrue();
            assertThat(process.exitValue())
                    .as("node amplify.js failed:%n%s", stderr)
                    .isZero();
            JsonNode result = GraphQlClient.JSON.readTree(stdout);

            assertThat(result.path("guestAccessKeyId").asText()).startsWith("ASIA");
            assertThat(result.path("guestHasTokens").asBoolean()).isFalse();
            assertThat(result.path("guestListed").asBoolean()).isTrue();
            assertThat(result.path("signUpStep").asText()).isEqualTo("CONFIRM_SIGN_UP");
            assertThat(result.path("confirmed").asBoolean()).isTrue();
            assertThat(result.path("signedIn").asBoolean()).isTrue();
            assertThat(result.path("idTokenUse").asText()).isEqualTo("id");
            // Amplify keeps the guest identity and presents the ID token for it; Cognito then links that identity
            // to the user's login, so it becomes the user's (with the authenticated role's credentials).
            assertThat(result.path("userIdentityId").asText())
                    .isEqualTo(result.path("guestIdentityId").asText());
            assertThat(result.path("userAccessKeyId").asText())
                    .startsWith("ASIA")
                    .isNotEqualTo(result.path("guestAccessKeyId").asText());
            String id = result.at("/created/id").asText();
            assertThat(result.at("/created/owner").asText())
                    .isEqualTo(result.path("sub").asText());
            assertThat(result.at("/userPoolEvent/id").asText()).isEqualTo(id);
            assertThat(result.at("/identityPoolEvent/id").asText()).isEqualTo(id);
            assertThat(result.path("userListedOwnPin").asBoolean()).isTrue();
            assertThat(result.path("tokensAfterSignOut").asBoolean()).isFalse();
        }
    }
}
