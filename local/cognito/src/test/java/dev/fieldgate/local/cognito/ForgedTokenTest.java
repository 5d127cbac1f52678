package dev.fieldgate.local.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;

/**
 * Forged tokens are refused everywhere a token is accepted. Forgeries that need the pool's own private key (a
 * different issuer, audience or token use, signed correctly) are made with the key read from the state directory,
 * so only the claim is wrong.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForgedTokenTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path state;

    private final MutableClock clock = new MutableClock();
    private LocalCognito cognito;
    private CognitoIdentityProviderClient idp;
    private CognitoIdentityClient identity;
    private String email;
    private AuthenticationResultType genuine;
    private AuthenticationResultType hostedUiLike;
    private RSAKey idKey;
    private RSAKey accessKey;
    private RSAKey attackerKey;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        cognito = LocalCognito.builder()
                .config(TestConfigs.pins())
                .stateDirectory(state)
                .clock(clock)
                .start();
        idp = Clients.publicIdp(cognito);
        identity = Clients.identity(cognito);
        email = "forge-target@example.com";
        idp.signUp(r -> r.clientId(cognito.clientId("web")).username(email).password(TestConfigs.PASSWORD));
        idp.confirmSignUp(r -> r.clientId(cognito.clientId("web"))
                .username(email)
                .confirmationCode(cognito.outbox().latestTo(email).orElseThrow().code()));
        genuine = signIn();
        hostedUiLike = signIn();
        JsonNode keys = JSON.readTree(
                Files.readString(state.resolve("cognito/user-pools/" + cognito.userPoolId() + "/signing-keys.json")));
        idKey = RSAKey.parse(keys.get("idTokenKey").asText());
        accessKey = RSAKey.parse(keys.get("accessTokenKey").asText());
        attackerKey = new RSAKeyGenerator(2048).generate();
    }

    @AfterAll
    void stop() {
        idp.close();
        identity.close();
        cognito.close();
    }

    private AuthenticationResultType signIn() {
        return idp.initiateAuth(r -> r.clientId(cognito.clientId("web"))
                        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", email, "PASSWORD", TestConfigs.PASSWORD)))
                .authenticationResult();
    }

    // ------------------------------------------------------------------ forgeries

    /** A named way to forge a token from a genuine one. */
    record Forgery(String name, java.util.function.BiFunction<ForgedTokenTest, String, String> make) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Forgery> forgeries(boolean idToken) {
        List<Forgery> list = new ArrayList<>();
        list.add(new Forgery("alg none", (t, token) -> unsigned(token)));
        list.add(new Forgery("HS256 signed with the public key", (t, token) -> t.hmacWithPublicKey(token, idToken)));
        list.add(new Forgery("unknown kid", (t, token) -> t.signWithNewKey(token, "unknown-kid")));
        list.add(new Forgery(
                "right kid, attacker's key",
                (t, token) -> t.signWithNewKey(token, (idToken ? t.idKey : t.accessKey).getKeyID())));
        list.add(new Forgery("tampered payload", (t, token) -> tamper(token)));
        list.add(new Forgery(
                "expired",
                (t, token) -> t.resign(
                        token,
                        idToken,
                        c -> c.expirationTime(Date.from(Instant.now().minusSeconds(60))))));
        list.add(new Forgery(
                "wrong issuer",
                (t, token) -> t.resign(
                        token,
                        idToken,
                        c -> c.issuer("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Attacker1"))));
        list.add(new Forgery(
                "other token type's key", (t, token) -> t.resignWith(token, idToken ? t.accessKey : t.idKey, c -> {})));
        if (idToken) {
            list.add(new Forgery(
                    "wrong audience",
                    (t, token) -> t.resign(token, true, c -> c.audience("attackerclient0000000000000"))));
        } else {
            list.add(new Forgery(
                    "wrong token_use", (t, token) -> t.resign(token, false, c -> c.claim("token_use", "id"))));
        }
        return list;
    }

    private static String unsigned(String token) {
        String[] parts = token.split("\\.", -1);
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        return header + "." + parts[1] + ".";
    }

    private static String tamper(String token) {
        String[] parts = token.split("\\.", -1);
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String changed = payload.replace("\"token_use\"", "\"cognito:groups\":[\"Admins\"],\"token_use\"");
        return parts[0] + "." + b64(changed) + "." + parts[2];
    }

    private String hmacWithPublicKey(String token, boolean idToken) {
        try {
            RSAKey key = idToken ? idKey : accessKey;
            byte[] secret = key.toRSAPublicKey().getEncoded();
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.HS256)
                            .keyID(key.getKeyID())
                            .build(),
                    SignedJWT.parse(token).getJWTClaimsSet());
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String signWithNewKey(String token, String kid) {
        try {
            return resignWith(token, new RSAKey.Builder(attackerKey).keyID(kid).build(), c -> {});
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String resign(String token, boolean idToken, Consumer<JWTClaimsSet.Builder> change) {
        return resignWith(token, idToken ? idKey : accessKey, change);
    }

    private String resignWith(String token, RSAKey key, Consumer<JWTClaimsSet.Builder> change) {
        try {
            JWTClaimsSet.Builder claims =
                    new JWTClaimsSet.Builder(SignedJWT.parse(token).getJWTClaimsSet());
            change.accept(claims);
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ where access tokens are accepted

    static Stream<Arguments> accessTokenUses() {
        Map<String, java.util.function.BiConsumer<ForgedTokenTest, String>> uses = new LinkedHashMap<>();
        uses.put("GetUser", (t, token) -> t.idp.getUser(r -> r.accessToken(token)));
        uses.put(
                "UpdateUserAttributes",
                (t, token) -> t.idp.updateUserAttributes(
                        r -> r.accessToken(token).userAttributes(CognitoTestBase.attr("name", "Mallory"))));
        uses.put(
                "GetUserAttributeVerificationCode",
                (t, token) -> t.idp.getUserAttributeVerificationCode(
                        r -> r.accessToken(token).attributeName("email")));
        uses.put(
                "VerifyUserAttribute",
                (t, token) -> t.idp.verifyUserAttribute(
                        r -> r.accessToken(token).attributeName("email").code("123456")));
        uses.put(
                "ChangePassword",
                (t, token) -> t.idp.changePassword(r -> r.accessToken(token)
                        .previousPassword(TestConfigs.PASSWORD)
                        .proposedPassword("Mallory-Pass-1")));
        uses.put("GlobalSignOut", (t, token) -> t.idp.globalSignOut(r -> r.accessToken(token)));
        uses.put("DeleteUser", (t, token) -> t.idp.deleteUser(r -> r.accessToken(token)));
        uses.put("/oauth2/userInfo", ForgedTokenTest::userInfo);
        List<Arguments> args = new ArrayList<>();
        for (Forgery forgery : forgeries(false)) {
            uses.forEach((name, use) -> args.add(Arguments.of(forgery, name, use)));
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("accessTokenUses")
    void forgedAccessTokensAreRefused(
            Forgery forgery, String operation, java.util.function.BiConsumer<ForgedTokenTest, String> use) {
        String forged = forgery.make().apply(this, genuine.accessToken());
        assertThatThrownBy(() -> use.accept(this, forged))
                .as("%s accepted a token forged by %s", operation, forgery)
                .satisfies(e -> assertThat(e.getMessage())
                        .containsAnyOf(
                                "NotAuthorizedException", "Invalid Access Token", "Access Token has expired", "401"));
        // Nothing happened to the user: the genuine token still works and the attributes are unchanged.
        var user = idp.getUser(r -> r.accessToken(genuine.accessToken()));
        assertThat(user.userAttributes()).noneMatch(a -> a.name().equals("name"));
    }

    private static void userInfo(ForgedTokenTest t, String token) {
        try {
            HttpResponse<String> response = t.http.send(
                    HttpRequest.newBuilder(URI.create(t.cognito.endpoint() + "/oauth2/userInfo"))
                            .header("Authorization", "Bearer " + token)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(response.statusCode() + " " + response.body());
            }
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ where ID tokens are accepted

    static Stream<Arguments> idTokenUses() {
        Map<String, java.util.function.BiConsumer<ForgedTokenTest, String>> uses = new LinkedHashMap<>();
        uses.put(
                "GetId",
                (t, token) -> t.identity.getId(
                        r -> r.identityPoolId(t.cognito.identityPoolId().orElseThrow())
                                .logins(t.logins(token))));
        uses.put(
                "GetCredentialsForIdentity",
                (t, token) -> t.identity.getCredentialsForIdentity(
                        r -> r.identityId(t.guestIdentity()).logins(t.logins(token))));
        uses.put(
                "GetOpenIdToken",
                (t, token) -> t.identity.getOpenIdToken(
                        r -> r.identityId(t.guestIdentity()).logins(t.logins(token))));
        List<Arguments> args = new ArrayList<>();
        for (Forgery forgery : forgeries(true)) {
            uses.forEach((name, use) -> args.add(Arguments.of(forgery, name, use)));
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("idTokenUses")
    void forgedIdTokensAreRefusedByTheIdentityPool(
            Forgery forgery, String operation, java.util.function.BiConsumer<ForgedTokenTest, String> use) {
        String forged = forgery.make().apply(this, genuine.idToken());
        assertThatThrownBy(() -> use.accept(this, forged))
                .as("%s accepted an ID token forged by %s", operation, forgery)
                .isInstanceOf(software.amazon.awssdk.services.cognitoidentity.model.NotAuthorizedException.class);
    }

    private Map<String, String> logins(String token) {
        return Map.of("cognito-idp.us-east-1.amazonaws.com/" + cognito.userPoolId(), token);
    }

    private String guestIdentity() {
        return identity.getId(r -> r.identityPoolId(cognito.identityPoolId().orElseThrow()))
                .identityId();
    }

    // ------------------------------------------------------------------ refresh tokens

    @org.junit.jupiter.api.Test
    void forgedRefreshTokensAreRefusedAndRevokeNothing() throws Exception {
        String real = hostedUiLike.refreshToken();
        String[] parts = real.split("\\.", -1);
        List<String> forged = List.of(
                parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[3] + "." + "AAAAAAAAAAAAAAAAAAAAAA",
                real.substring(0, real.length() - 2) + (real.endsWith("A") ? "BB" : "AA"),
                genuine.accessToken(),
                genuine.idToken());
        for (String token : forged) {
            assertThatThrownBy(() -> idp.initiateAuth(r -> r.clientId(cognito.clientId("web"))
                            .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                            .authParameters(Map.of("REFRESH_TOKEN", token))))
                    .isInstanceOf(
                            software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException.class)
                    .hasMessageContaining("Invalid Refresh Token");
            HttpResponse<String> grant = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(cognito.endpoint() + "/oauth2/token"))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&client_id="
                                            + cognito.clientId("web") + "&refresh_token=" + token))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(grant.statusCode()).isEqualTo(400);
            assertThat(grant.body()).contains("invalid_grant");
        }
        idp.revokeToken(r -> r.clientId(cognito.clientId("web")).token(forged.get(0)));
        assertThat(idp.initiateAuth(r -> r.clientId(cognito.clientId("web"))
                                .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                                .authParameters(Map.of("REFRESH_TOKEN", real)))
                        .authenticationResult()
                        .accessToken())
                .isNotBlank();
    }
}
