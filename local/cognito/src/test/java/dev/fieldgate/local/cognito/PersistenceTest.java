package dev.fieldgate.local.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWKSet;
import dev.fieldgate.local.core.LocalAdminCredentials;
import dev.fieldgate.local.core.LocalStateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;

/** State in a directory: everything survives a restart, and the files are never left half-written. */
class PersistenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path state;

    private LocalCognito start() {
        return LocalCognito.builder()
                .config(TestConfigs.pins())
                .stateDirectory(state)
                .start();
    }

    @Test
    void usersTokensKeysIdsAndCredentialsSurviveARestart() throws Exception {
        String email = "persist@example.com";
        String poolId;
        String webClient;
        String identityPoolId;
        LocalAdminCredentials adminKeys;
        AuthenticationResultType tokens;
        Credentials guest;
        try (LocalCognito first = start();
                CognitoIdentityProviderClient idp = Clients.publicIdp(first);
                CognitoIdentityClient identity = Clients.identity(first)) {
            poolId = first.userPoolId();
            webClient = first.clientId("web");
            identityPoolId = first.identityPoolId().orElseThrow();
            adminKeys = first.adminCredentials();
            idp.signUp(r -> r.clientId(webClient).username(email).password(TestConfigs.PASSWORD));
            idp.confirmSignUp(r -> r.clientId(webClient)
                    .username(email)
                    .confirmationCode(
                            first.outbox().latestTo(email).orElseThrow().code()));
            tokens = idp.initiateAuth(r -> r.clientId(webClient)
                            .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                            .authParameters(Map.of("USERNAME", email, "PASSWORD", TestConfigs.PASSWORD)))
                    .authenticationResult();
            String id = identity.getId(r -> r.identityPoolId(identityPoolId)).identityId();
            guest = identity.getCredentialsForIdentity(r -> r.identityId(id)).credentials();
            assertThat(first.stateDirectory()).hasValue(state.toAbsolutePath());
        }

        try (LocalCognito second = start();
                CognitoIdentityProviderClient idp = Clients.publicIdp(second)) {
            assertThat(second.userPoolId()).isEqualTo(poolId);
            assertThat(second.clientId("web")).isEqualTo(webClient);
            assertThat(second.identityPoolId()).hasValue(identityPoolId);
            assertThat(second.adminCredentials()).isEqualTo(adminKeys);
            // The signing keys were kept, so the tokens from before the restart still verify.
            assertThat(idp.getUser(r -> r.accessToken(tokens.accessToken())).userAttributes())
                    .isNotEmpty();
            assertThat(idp.initiateAuth(r -> r.clientId(webClient)
                                    .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                                    .authParameters(Map.of("REFRESH_TOKEN", tokens.refreshToken())))
                            .authenticationResult()
                            .accessToken())
                    .isNotBlank();
            assertThat(second.outbox().messagesTo(email)).hasSize(1);
            // So do the issued credentials: signing with them reaches the role check, not "unknown key".
            try (CognitoIdentityProviderClient signed = Clients.idp(
                    second,
                    StaticCredentialsProvider.create(AwsSessionCredentials.create(
                            guest.accessKeyId(), guest.secretKey(), guest.sessionToken())))) {
                assertThatThrownBy(() -> signed.listUsers(r -> r.userPoolId(poolId)))
                        .hasMessageContaining("assumed-role/pins-guest/CognitoIdentityCredentials is not authorized");
            }
        }
    }

    @Test
    void everySigningKeyIsKeptFromTheFirstStartSoARestartGeneratesNone() throws Exception {
        // The first start uses no key at all: its keys are still written, so no later start needs new ones.
        String identityPoolId;
        try (LocalCognito first = start()) {
            identityPoolId = first.identityPoolId().orElseThrow();
        }
        Path identityPoolDocument = state.resolve("cognito-identity/" + identityPoolId + "/identity-pool.json");
        assertThat(JSON.readTree(identityPoolDocument.toFile())
                        .path("openIdKey")
                        .asText())
                .as("the identity pool's OpenID key in its state document")
                .isNotBlank();
        String userPoolKeys;
        String openIdKeys;
        try (LocalCognito second = start()) {
            userPoolKeys = JWKSet.load(second.jwksUri().toURL()).toString();
            openIdKeys = JWKSet.load(second.identityJwksUri().toURL()).toString();
        }
        try (LocalCognito third = start()) {
            assertThat(JWKSet.load(third.jwksUri().toURL()).toString()).isEqualTo(userPoolKeys);
            assertThat(JWKSet.load(third.identityJwksUri().toURL()).toString()).isEqualTo(openIdKeys);
        }
    }

    @Test
    void aSignInWritesOnlyItsSessionAndSessionsSurviveARestart() throws Exception {
        String email = "sessions@example.com";
        AuthenticationResultType kept;
        AuthenticationResultType revoked;
        try (LocalCognito first = start();
                CognitoIdentityProviderClient idp = Clients.publicIdp(first)) {
            String web = first.clientId("web");
            idp.signUp(r -> r.clientId(web).username(email).password(TestConfigs.PASSWORD));
            idp.confirmSignUp(r -> r.clientId(web)
                    .username(email)
                    .confirmationCode(
                            first.outbox().latestTo(email).orElseThrow().code()));
            Path poolDirectory = state.resolve("cognito/user-pools/" + first.userPoolId());
            Path poolDocument = poolDirectory.resolve("pool.json");
            byte[] before = Files.readAllBytes(poolDocument);
            FileTime modified = Files.getLastModifiedTime(poolDocument);
            kept = passwordSignIn(idp, web, email);
            revoked = passwordSignIn(idp, web, email);
            idp.revokeToken(r -> r.clientId(web).token(revoked.refreshToken()));
            // However many sessions the pool holds, a sign-in (or a revocation) writes one small document.
            assertThat(Files.readAllBytes(poolDocument)).isEqualTo(before);
            assertThat(Files.getLastModifiedTime(poolDocument)).isEqualTo(modified);
            try (Stream<Path> sessions = Files.list(poolDirectory.resolve("sessions"))) {
                assertThat(sessions).hasSize(2);
            }
        }
        try (LocalCognito second = start();
                CognitoIdentityProviderClient idp = Clients.publicIdp(second)) {
            String web = second.clientId("web");
            assertThat(idp.initiateAuth(r -> r.clientId(web)
                                    .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                                    .authParameters(Map.of("REFRESH_TOKEN", kept.refreshToken())))
                            .authenticationResult()
                            .accessToken())
                    .isNotBlank();
            assertThatThrownBy(() -> idp.initiateAuth(r -> r.clientId(web)
                            .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                            .authParameters(Map.of("REFRESH_TOKEN", revoked.refreshToken()))))
                    .hasMessageContaining("Refresh Token has been revoked");
        }
    }

    private static AuthenticationResultType passwordSignIn(
            CognitoIdentityProviderClient idp, String clientId, String email) {
        return idp.initiateAuth(r -> r.clientId(clientId)
                        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", email, "PASSWORD", TestConfigs.PASSWORD)))
                .authenticationResult();
    }

    @Test
    void usersKeptUnderAnOlderUsernameStillSignInAndKeepThatUsername() throws Exception {
        String email = "older@example.com";
        String poolId;
        String sub;
        try (LocalCognito first = start();
                CognitoIdentityProviderClient admin = Clients.adminIdp(first)) {
            poolId = first.userPoolId();
            sub = admin.adminCreateUser(r ->
                            r.userPoolId(first.userPoolId()).username(email).messageAction("SUPPRESS"))
                    .user()
                    .username();
        }
        // Earlier versions kept the email (or a UUID other than the sub) as the username of such a user.
        Path document = state.resolve("cognito/user-pools/" + poolId + "/pool.json");
        ObjectNode pool = (ObjectNode) JSON.readTree(document.toFile());
        ObjectNode users = (ObjectNode) pool.get("users");
        ObjectNode user = (ObjectNode) users.remove(sub);
        user.put("username", email);
        users.set(email, user);
        Files.writeString(document, JSON.writeValueAsString(pool));

        try (LocalCognito second = start();
                CognitoIdentityProviderClient admin = Clients.adminIdp(second);
                CognitoIdentityProviderClient idp = Clients.publicIdp(second)) {
            admin.adminSetUserPassword(r -> r.userPoolId(poolId)
                    .username(email)
                    .password(TestConfigs.PASSWORD)
                    .permanent(true));
            String access = idp.initiateAuth(r -> r.clientId(second.clientId("web"))
                            .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                            .authParameters(Map.of("USERNAME", email, "PASSWORD", TestConfigs.PASSWORD)))
                    .authenticationResult()
                    .accessToken();
            assertThat(idp.getUser(r -> r.accessToken(access)).username()).isEqualTo(email);
            // Admin operations also take the sub as the username, as Cognito's do.
            assertThat(admin.adminGetUser(r -> r.userPoolId(poolId).username(sub))
                            .username())
                    .isEqualTo(email);
        }
    }

    @Test
    void stateFilesAreOwnerOnlyHoldNoPasswordsAndNoTokens() throws Exception {
        String password = "Very-Secret-Pass-1";
        AuthenticationResultType tokens;
        try (LocalCognito cognito = start();
                CognitoIdentityProviderClient idp = Clients.publicIdp(cognito)) {
            idp.signUp(r -> r.clientId(cognito.clientId("web"))
                    .username("owner@example.com")
                    .password(password));
            idp.confirmSignUp(r -> r.clientId(cognito.clientId("web"))
                    .username("owner@example.com")
                    .confirmationCode(cognito.outbox()
                            .latestTo("owner@example.com")
                            .orElseThrow()
                            .code()));
            tokens = idp.initiateAuth(r -> r.clientId(cognito.clientId("web"))
                            .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                            .authParameters(Map.of("USERNAME", "owner@example.com", "PASSWORD", password)))
                    .authenticationResult();
        }
        try (Stream<Path> files = Files.walk(state)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().equals(".lock"))
                    .toList()) {
                assertThat(Files.getPosixFilePermissions(file))
                        .as(file.toString())
                        .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
                String content = Files.readString(file);
                assertThat(content)
                        .as(file.toString())
                        .doesNotContain(password)
                        .doesNotContain(tokens.refreshToken())
                        .doesNotContain(tokens.accessToken());
            }
        }
    }

    @Test
    void leftoverTempFilesFromACrashAreIgnoredAndRemoved() throws Exception {
        String poolId;
        try (LocalCognito cognito = start()) {
            poolId = cognito.userPoolId();
        }
        Path poolDir = state.resolve("cognito/user-pools/" + poolId);
        Path leftover = poolDir.resolve(".tmp-crashed-write");
        Files.writeString(leftover, "{\"half\":");
        try (LocalCognito cognito = start()) {
            assertThat(cognito.userPoolId()).isEqualTo(poolId);
        }
        assertThat(leftover).doesNotExist();
    }

    @Test
    void oneStackAtATimeMayUseADirectoryAndDamagedStateIsReportedClearly() throws Exception {
        LocalCognito holder = start();
        try {
            assertThatThrownBy(this::start)
                    .isInstanceOf(LocalStateException.class)
                    .hasMessageContaining("is in use by another local stack");
        } finally {
            holder.close();
        }
        Path stack = state.resolve("cognito/stack.json");
        Files.writeString(stack, "{ not json");
        assertThatThrownBy(this::start)
                .isInstanceOf(LocalStateException.class)
                .hasMessageContaining("cognito/stack.json is not readable");
        // The failed start released the directory again.
        Files.delete(stack);
        LocalCognito again = start();
        assertThat(again.userPoolId()).startsWith("us-east-1_");
        again.close();
        again.close();
        try (LocalCognito cognito = start()) {
            assertThat(cognito.userPoolId()).isEqualTo(again.userPoolId());
        }
    }
}
