package dev.fieldgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.fieldgate.local.cognito.Clients;
import dev.fieldgate.local.cognito.LocalCognito;
import dev.fieldgate.local.cognito.MutableClock;
import dev.fieldgate.local.cognito.TestConfigs;
import dev.fieldgate.local.cognito.TestUsers;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;

/**
 * Requests AppSync refuses before running anything, each with AppSync's status and body: forged, expired, foreign
 * and misdirected tokens, and SigV4 signatures that are wrong, stale, tampered with, incomplete or made with
 * credentials nobody issued.
 */
class AppSyncAttackTest {

    private static final String QUERY = "{ echo }";
    private static final String INVALID = "{\"errors\":[{\"errorType\":\"UnauthorizedException\",\"message\":"
            + "\"Valid authorization header not provided.\"}]}";

    private static final MutableClock CLOCK = new MutableClock();
    private static LocalStack stack;
    private static LocalCognito otherPool;
    private static GraphQlClient client;
    private static TestUsers.User ann;
    private static AwsSessionCredentialsIdentity guest;

    @BeforeAll
    static void startStacks(@TempDir Path state) {
        // App client ids are kept in the state: learn the web client's, then restart with an AppIdClientRegex that
        // accepts only its tokens.
        String web;
        try (LocalStack first = NotesStack.builder().stateDirectory(state).start()) {
            web = first.cognito().clientId("web");
        }
        stack = NotesStack.builder()
                .stateDirectory(state)
                .clock(CLOCK)
                .appIdClientRegex("^" + Pattern.quote(web) + "$")
                .start();
        otherPool = LocalCognito.builder().config(TestConfigs.pins()).start();
        client = new GraphQlClient(stack.graphqlEndpoint());
        TestUsers users = new TestUsers(stack.cognito());
        ann = users.create("ann@example.com");
        guest = users.guest();
    }

    @BeforeEach
    void now() {
        CLOCK.set(Instant.now());
    }

    @AfterAll
    static void stop() {
        stack.close();
        otherPool.close();
    }

    private static void assertRefused(GraphQlClient.Response response, String body) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body().toString()).isEqualTo(body);
    }

    private static void assertSignatureRefused(
            GraphQlClient.Response response, int status, String type, String messageStart) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.errorTypeHeader()).isEqualTo(type);
        assertThat(response.body().at("/errors/0/errorType").asText()).isEqualTo(type);
        assertThat(response.body().at("/errors/0/message").asText()).startsWith(messageStart);
        assertThat(response.body().get("errors")).hasSize(1);
    }

    @Test
    void aTokenWhosePayloadWasChangedIsRefused() throws Exception {
        String[] parts = ann.idToken().split("\\.", -1);
        JWTClaimsSet claims = SignedJWT.parse(ann.idToken()).getJWTClaimsSet();
        Map<String, Object> forged = new LinkedHashMap<>(claims.toJSONObject());
        forged.put("cognito:groups", java.util.List.of("Admins"));
        String payload =
                Base64.getUrlEncoder().withoutPadding().encodeToString(GraphQlClient.JSON.writeValueAsBytes(forged));
        assertRefused(client.withToken(parts[0] + "." + payload + "." + parts[2], QUERY), INVALID);
    }

    @Test
    void tokensSignedWithAnyOtherKeyOrNoneAreRefused() throws Exception {
        SignedJWT original = SignedJWT.parse(ann.idToken());
        JWTClaimsSet claims = original.getJWTClaimsSet();
        // Same kid, another RSA key.
        RSAKey attacker =
                new RSAKeyGenerator(2048).keyID(original.getHeader().getKeyID()).generate();
        SignedJWT rsa = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(attacker.getKeyID())
                        .build(),
                claims);
        rsa.sign(new RSASSASigner(attacker));
        assertRefused(client.withToken(rsa.serialize(), QUERY), INVALID);
        // HMAC with a guessable secret, and an unsigned token.
        SignedJWT hmac = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID(original.getHeader().getKeyID())
                        .build(),
                claims);
        hmac.sign(new MACSigner("0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertRefused(client.withToken(hmac.serialize(), QUERY), INVALID);
        assertRefused(client.withToken(new PlainJWT(claims).serialize(), QUERY), INVALID);
        assertThat(client.withToken(ann.idToken(), QUERY).status()).isEqualTo(200);
        assertRefused(
                client.withToken("not-a-jwt", QUERY),
                "{\"errors\":[{\"errorType\":\"UnauthorizedException\","
                        + "\"message\":\"Unable to parse JWT token.\"}]}");
    }

    @Test
    void anExpiredTokenIsRefused() {
        try {
            CLOCK.advance(Duration.ofMinutes(61));
            assertRefused(
                    client.withToken(ann.accessToken(), QUERY),
                    "{\"errors\":[{\"errorType\":" + "\"UnauthorizedException\",\"message\":\"Token has expired.\"}]}");
        } finally {
            CLOCK.set(Instant.now());
        }
        assertThat(client.withToken(ann.accessToken(), QUERY).status()).isEqualTo(200);
    }

    @Test
    void aTokenAcceptedBeforeIsRefusedOnceItExpires() {
        assertThat(client.withToken(ann.idToken(), QUERY).status()).isEqualTo(200);
        try {
            CLOCK.advance(Duration.ofMinutes(61));
            assertRefused(
                    client.withToken(ann.idToken(), QUERY),
                    "{\"errors\":[{\"errorType\":" + "\"UnauthorizedException\",\"message\":\"Token has expired.\"}]}");
        } finally {
            CLOCK.set(Instant.now());
        }
    }

    @Test
    void alteredCopiesOfAnAcceptedTokenAreRefused() throws Exception {
        // Accepted once, so its signature is remembered: a copy differing in any part must not pass as it.
        assertThat(client.withToken(ann.accessToken(), QUERY).status()).isEqualTo(200);
        String[] parts = ann.accessToken().split("\\.", -1);
        Map<String, Object> claims = new LinkedHashMap<>(
                SignedJWT.parse(ann.accessToken()).getJWTClaimsSet().toJSONObject());
        claims.put("cognito:groups", java.util.List.of("Admins"));
        String payload =
                Base64.getUrlEncoder().withoutPadding().encodeToString(GraphQlClient.JSON.writeValueAsBytes(claims));
        assertRefused(client.withToken(parts[0] + "." + payload + "." + parts[2], QUERY), INVALID);
        String signature = parts[2];
        char changed = signature.charAt(signature.length() - 2) == 'A' ? 'B' : 'A';
        String otherSignature =
                signature.substring(0, signature.length() - 2) + changed + signature.charAt(signature.length() - 1);
        assertRefused(client.withToken(parts[0] + "." + parts[1] + "." + otherSignature, QUERY), INVALID);
        assertThat(client.withToken(ann.accessToken(), QUERY).status()).isEqualTo(200);
    }

    @Test
    void tokensOfAnotherPoolOrAnotherClientAreRefused() {
        TestUsers.User stranger = new TestUsers(otherPool).create("mallory@example.com");
        assertRefused(client.withToken(stranger.idToken(), QUERY), INVALID);
        assertRefused(client.withToken(stranger.accessToken(), QUERY), INVALID);
        // A user of this pool, signed in through an app client the API's AppIdClientRegex does not accept.
        try (CognitoIdentityProviderClient idp = Clients.publicIdp(stack.cognito())) {
            var tokens = idp.initiateAuth(r -> r.clientId(stack.cognito().clientId("legacy"))
                            .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                            .authParameters(Map.of("USERNAME", ann.email(), "PASSWORD", TestConfigs.PASSWORD)))
                    .authenticationResult();
            assertRefused(client.withToken(tokens.idToken(), QUERY), INVALID);
            assertRefused(client.withToken(tokens.accessToken(), QUERY), INVALID);
        }
    }

    @Test
    void aSignatureMadeWithAWrongSecretIsRefused() {
        AwsSessionCredentialsIdentity wrong = AwsSessionCredentialsIdentity.create(
                guest.accessKeyId(), "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", guest.sessionToken());
        assertSignatureRefused(
                client.signed(wrong, "us-east-1", QUERY),
                403,
                "InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided.");
    }

    @Test
    void aStaleSignatureIsRefused() {
        String body = GraphQlClient.body(QUERY, Map.of());
        Map<String, String> headers = GraphQlClient.sigV4Headers(
                stack.graphqlEndpoint(),
                guest,
                "us-east-1",
                body,
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-6)));
        assertSignatureRefused(client.send(headers, body), 403, "InvalidSignatureException", "Signature expired:");
        // Within AWS's five minutes it is fine.
        Map<String, String> recent = GraphQlClient.sigV4Headers(
                stack.graphqlEndpoint(),
                guest,
                "us-east-1",
                body,
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-4)));
        assertThat(client.send(recent, body).status()).isEqualTo(200);
    }

    @Test
    void aTamperedBodyOrHeaderIsRefused() {
        String body = GraphQlClient.body(QUERY, Map.of());
        Map<String, String> headers =
                GraphQlClient.sigV4Headers(stack.graphqlEndpoint(), guest, "us-east-1", body, Clock.systemUTC());
        // The body no longer matches its signed hash.
        assertSignatureRefused(
                client.send(headers, GraphQlClient.body("{ listNotes { id } }", Map.of())),
                403,
                "InvalidSignatureException",
                "The provided 'x-amz-content-sha256' header does not match");
        Map<String, String> unhashed = new LinkedHashMap<>(headers);
        unhashed.keySet().removeIf(name -> name.equalsIgnoreCase("x-amz-content-sha256"));
        assertSignatureRefused(
                client.send(unhashed, GraphQlClient.body("{ listNotes { id } }", Map.of())),
                403,
                "InvalidSignatureException",
                "The request signature we calculated does not match");
        Map<String, String> changed = new LinkedHashMap<>(headers);
        changed.put("content-type", "application/graphql");
        assertSignatureRefused(
                client.send(changed, body),
                403,
                "InvalidSignatureException",
                "The request signature we calculated does not match");
    }

    @Test
    void temporaryCredentialsWithoutTheirSessionTokenOrNobodysKeyAreRefused() {
        String body = GraphQlClient.body(QUERY, Map.of());
        Map<String, String> headers = new LinkedHashMap<>(
                GraphQlClient.sigV4Headers(stack.graphqlEndpoint(), guest, "us-east-1", body, Clock.systemUTC()));
        headers.keySet().removeIf(name -> name.equalsIgnoreCase("x-amz-security-token"));
        assertSignatureRefused(
                client.send(headers, body),
                403,
                "UnrecognizedClientException",
                "The security token included in the request is invalid.");
        AwsSessionCredentialsIdentity unknown = AwsSessionCredentialsIdentity.create(
                "ASIAZZZZZZZZZZZZZZZZ", guest.secretAccessKey(), guest.sessionToken());
        assertSignatureRefused(
                client.signed(unknown, "us-east-1", QUERY),
                403,
                "UnrecognizedClientException",
                "The security token included in the request is invalid.");
        // Signed for another region than the API's.
        assertSignatureRefused(
                client.signed(guest, "eu-west-1", QUERY),
                403,
                "InvalidSignatureException",
                "Credential should be scoped to a valid region.");
    }

    @Test
    void noCredentialsAtAllIsUnauthorized() {
        assertRefused(client.send(Map.of(), GraphQlClient.body(QUERY, Map.of())), INVALID);
        assertRefused(client.send(Map.of("Authorization", " "), GraphQlClient.body(QUERY, Map.of())), INVALID);
    }
}
