package dev.fieldgate.local.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

/**
 * AWS's JavaScript clients against the local Cognito: amazon-cognito-identity-js (sign-up, confirm, SRP sign-in,
 * refresh, attributes, global sign-out) and {@code @aws-sdk/client-cognito-identity} (GetId,
 * GetCredentialsForIdentity, GetOpenIdToken), run from {@code local/node-clients/clients.js}.
 */
class NodeClientsIT {

    private static final Path NODE_PROJECT = Path.of("../node-clients");

    @TempDir
    Path state;

    @Test
    void amazonCognitoIdentityJsAndTheJsSdkWorkUnchanged() throws Exception {
        if (!Files.isDirectory(NODE_PROJECT.resolve("node_modules/amazon-cognito-identity-js"))
                || !Files.isDirectory(NODE_PROJECT.resolve("node_modules/@aws-sdk/client-cognito-identity"))) {
            throw new IllegalStateException("node_modules is missing in local/node-clients: run `npm ci` there"
                    + " (./fieldgate test does it for you).");
        }
        String email = "node-" + System.nanoTime() + "@example.com";
        try (LocalCognito cognito = LocalCognito.builder()
                        .config(TestConfigs.pins())
                        .stateDirectory(state)
                        .start();
                CognitoIdentityProviderClient admin = Clients.adminIdp(cognito)) {
            JsonNode out = runNode(Map.of(
                    "ENDPOINT", cognito.endpoint().toString(),
                    "REGION", cognito.region(),
                    "USER_POOL_ID", cognito.userPoolId(),
                    "CLIENT_ID", cognito.clientId("web"),
                    "IDENTITY_POOL_ID", cognito.identityPoolId().orElseThrow(),
                    "OUTBOX_DIR", state.resolve("outbox").toString(),
                    "EMAIL", email,
                    "PASSWORD", TestConfigs.PASSWORD));

            assertThat(out.at("/signUp/userConfirmed").asBoolean()).isFalse();
            assertThat(out.at("/signUp/destination").asText()).isEqualTo("n***@e***");
            assertThat(out.at("/confirm").asText()).isEqualTo("SUCCESS");

            assertThat(out.at("/wrongPassword/code").asText()).isEqualTo("NotAuthorizedException");
            assertThat(out.at("/wrongPassword/message").asText()).isEqualTo("Incorrect username or password.");

            String sub = out.at("/signUp/userSub").asText();
            assertThat(out.at("/srp/valid").asBoolean()).isTrue();
            assertThat(out.at("/srp/email").asText()).isEqualTo(email);
            assertThat(out.at("/srp/sub").asText()).isEqualTo(sub);
            assertThat(out.at("/srp/tokenUse").asText()).isEqualTo("id");
            // The library switched to USER_ID_FOR_SRP, the internal username.
            assertThat(out.at("/srp/username").asText())
                    .matches("[0-9a-f-]{36}")
                    .isNotEqualTo(email);

            assertThat(out.at("/refresh/valid").asBoolean()).isTrue();
            assertThat(out.at("/refresh/newAccessToken").asBoolean()).isTrue();
            assertThat(out.at("/refresh/sameOrigin").asBoolean()).isTrue();
            assertThat(out.at("/attributes/email_verified").asText()).isEqualTo("true");
            assertThat(out.at("/attributes/sub").asText()).isEqualTo(sub);

            assertThat(out.at("/identity/identityId").asText()).startsWith("us-east-1:");
            assertThat(out.at("/identity/accessKeyId").asText()).startsWith("ASIA");
            assertThat(Instant.parse(out.at("/identity/expiration").asText()))
                    .isAfter(Instant.now().plus(Duration.ofMinutes(55)));
            assertThat(SignedJWT.parse(out.at("/identity/openIdToken").asText())
                            .getJWTClaimsSet()
                            .getSubject())
                    .isEqualTo(out.at("/identity/identityId").asText());
            assertThat(out.at("/guest/identityId").asText())
                    .isNotEqualTo(out.at("/identity/identityId").asText());
            assertThat(out.at("/accessTokenAsLogin/name").asText()).isEqualTo("NotAuthorizedException");
            assertThat(out.at("/accessTokenAsLogin/message").asText())
                    .isEqualTo("Invalid login token. Missing a required claim: aud");
            assertThat(out.at("/globalSignOut").asText()).isEqualTo("SUCCESS");

            // What the JS clients did is visible to the Java SDK: the user is confirmed, their tokens revoked,
            // and the credentials the JS SDK received belong to the authenticated role.
            assertThat(admin.adminGetUser(
                                    r -> r.userPoolId(cognito.userPoolId()).username(email))
                            .userStatus())
                    .isEqualTo(UserStatusType.CONFIRMED);
            CognitoIdentityProviderClient idp = Clients.publicIdp(cognito);
            assertThatThrownBy(() -> idp.getUser(
                            r -> r.accessToken(out.at("/srp/accessToken").asText())))
                    .hasMessageContaining("Access Token has been revoked");
            try (CognitoIdentityProviderClient signed = Clients.idp(
                    cognito,
                    StaticCredentialsProvider.create(AwsSessionCredentials.create(
                            out.at("/identity/accessKeyId").asText(),
                            out.at("/identity/secretKey").asText(),
                            out.at("/identity/sessionToken").asText())))) {
                assertThatThrownBy(() -> signed.listUsers(r -> r.userPoolId(cognito.userPoolId())))
                        .hasMessageContaining("assumed-role/pins-authenticated/CognitoIdentityCredentials");
            }
            idp.close();
        }
    }

    private static JsonNode runNode(Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("node", "clients.js").directory(NODE_PROJECT.toFile());
        builder.environment().putAll(env);
        builder.redirectErrorStream(false);
        Process process = builder.start();
        byte[] stdout = process.getInputStream().readAllBytes();
        byte[] stderr = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(2, TimeUnit.MINUTES))
                .as("node clients.js finished")
                .isTrue();
        assertThat(process.exitValue())
                .as("node clients.js failed:%n%s", new String(stderr, StandardCharsets.UTF_8))
                .isZero();
        return new ObjectMapper().readTree(stdout);
    }
}
