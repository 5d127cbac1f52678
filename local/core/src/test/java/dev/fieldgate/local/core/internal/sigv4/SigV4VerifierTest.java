package dev.fieldgate.local.core.internal.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldgate.local.core.internal.state.MemoryStateStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** The verifier against requests signed by the AWS SDK's own signer, and against every way to get it wrong. */
class SigV4VerifierTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final String BODY = "{\"query\":\"{ listPins { id } }\"}";

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final CredentialsRegistry registry =
            new CredentialsRegistry(new MemoryStateStore(), clock, new SecureRandom());
    private final SigV4Verifier verifier = new SigV4Verifier(registry, clock);

    @Test
    void theAdministratorsSignatureVerifies() {
        VerifiedCaller caller =
                verifier.verify(sign(adminIdentity(), "appsync", BODY, NOW, Map.of()), "appsync", "us-east-1");
        assertThat(caller.isAdministrator()).isTrue();
        assertThat(caller.arn()).isEqualTo("arn:aws:iam::" + registry.accountId() + ":user/fieldgate-local-admin");
        assertThat(caller.credentials()).isEmpty();
        assertThat(registry.accountId()).matches("[1-9]\\d{11}");
    }

    @Test
    void identityPoolCredentialsVerifyAndSayWhoTheCallerIs() {
        CredentialsRegistry.Issued issued = issue(NOW.plus(Duration.ofHours(1)));
        AwsSessionCredentialsIdentity identity = AwsSessionCredentialsIdentity.create(
                issued.credentials().accessKeyId(), issued.credentials().secretAccessKey(), issued.sessionToken());
        VerifiedCaller caller = verifier.verify(sign(identity, "appsync", BODY, NOW, Map.of()), "appsync", "us-east-1");
        assertThat(caller.kind()).isEqualTo(VerifiedCaller.Kind.COGNITO_IDENTITY);
        IssuedCredentials c = caller.credentials().orElseThrow();
        assertThat(caller.arn())
                .isEqualTo("arn:aws:sts::" + registry.accountId()
                        + ":assumed-role/pins-authenticated/CognitoIdentityCredentials");
        assertThat(c.identityId()).isEqualTo("us-east-1:11111111-2222-3333-4444-555555555555");
        assertThat(c.authType().wireName()).isEqualTo("authenticated");
        assertThat(c.username()).matches("AROA[A-Z2-7]{17}:CognitoIdentityCredentials");
        assertThat(c.cognitoIdentityAuthProvider())
                .isEqualTo("\"cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123456\","
                        + "\"cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123456:CognitoSignIn:sub-1\"");
        assertThat(c.toString()).doesNotContain(c.secretAccessKey());
        assertThat(issued.toString()).doesNotContain(issued.sessionToken());
    }

    @Test
    void everyTamperingIsRefusedWithTheReasonAwsGives() {
        SignedHttpRequest good = sign(adminIdentity(), "appsync", BODY, NOW, Map.of());

        assertReason(withBody(good, BODY.replace("listPins", "deletePin")), SigV4Exception.Reason.SIGNATURE_MISMATCH);
        assertReason(withHeader(good, "X-Amz-Date", "20260601T120001Z"), SigV4Exception.Reason.SIGNATURE_MISMATCH);
        assertReason(without(good, "Authorization"), SigV4Exception.Reason.MISSING_AUTHENTICATION);
        assertReason(
                withHeader(good, "Authorization", "AWS4-HMAC-SHA256 Credential=garbage"),
                SigV4Exception.Reason.INCOMPLETE_SIGNATURE);
        assertReason(without(good, "X-Amz-Date"), SigV4Exception.Reason.INCOMPLETE_SIGNATURE);

        AwsCredentialsIdentity wrongSecret = AwsCredentialsIdentity.create(
                registry.administrator().accessKeyId(), "wrong-secret-wrong-secret-wrong-secret00");
        assertReason(sign(wrongSecret, "appsync", BODY, NOW, Map.of()), SigV4Exception.Reason.SIGNATURE_MISMATCH);
        assertReason(
                sign(AwsCredentialsIdentity.create("AKIAIOSFODNN7EXAMPLE", "x"), "appsync", BODY, NOW, Map.of()),
                SigV4Exception.Reason.UNRECOGNIZED_CLIENT);
        assertReason(
                sign(adminIdentity(), "appsync", BODY, NOW.minus(Duration.ofMinutes(6)), Map.of()),
                SigV4Exception.Reason.SIGNATURE_EXPIRED);
        assertReason(
                sign(adminIdentity(), "appsync", BODY, NOW.plus(Duration.ofMinutes(6)), Map.of()),
                SigV4Exception.Reason.SIGNATURE_EXPIRED);
        assertThat(verifier.verify(
                                sign(adminIdentity(), "appsync", BODY, NOW.minus(Duration.ofMinutes(4)), Map.of()),
                                "appsync",
                                "us-east-1")
                        .isAdministrator())
                .as("within the 5 minute window")
                .isTrue();

        assertThatThrownBy(() -> verifier.verify(good, "cognito-idp", "us-east-1"))
                .isInstanceOf(SigV4Exception.class)
                .hasMessageContaining("scoped to correct service: 'cognito-idp'");
        assertThatThrownBy(() -> verifier.verify(good, "appsync", "eu-west-1"))
                .isInstanceOf(SigV4Exception.class)
                .hasMessageContaining("scoped to a valid region");

        // The body hash header, when sent, must match the body.
        SignedHttpRequest hashed =
                sign(adminIdentity(), "appsync", BODY, NOW, Map.of("x-amz-content-sha256", sha256(BODY)));
        assertThat(verifier.verify(hashed, "appsync", "us-east-1").isAdministrator())
                .isTrue();
        assertReason(withBody(hashed, BODY + " "), SigV4Exception.Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void temporaryCredentialsNeedTheirSessionTokenAndExpire() {
        CredentialsRegistry.Issued issued = issue(NOW.plus(Duration.ofMinutes(30)));
        IssuedCredentials c = issued.credentials();
        SignedHttpRequest signed = sign(
                AwsSessionCredentialsIdentity.create(c.accessKeyId(), c.secretAccessKey(), issued.sessionToken()),
                "appsync",
                BODY,
                NOW,
                Map.of());
        assertThat(verifier.verify(signed, "appsync", "us-east-1").kind())
                .isEqualTo(VerifiedCaller.Kind.COGNITO_IDENTITY);

        assertReason(
                sign(
                        AwsSessionCredentialsIdentity.create(
                                c.accessKeyId(), c.secretAccessKey(), issued.sessionToken() + "x"),
                        "appsync",
                        BODY,
                        NOW,
                        Map.of()),
                SigV4Exception.Reason.UNRECOGNIZED_CLIENT);
        assertReason(
                sign(
                        AwsCredentialsIdentity.create(c.accessKeyId(), c.secretAccessKey()),
                        "appsync",
                        BODY,
                        NOW,
                        Map.of()),
                SigV4Exception.Reason.UNRECOGNIZED_CLIENT);

        Instant later = NOW.plus(Duration.ofMinutes(31));
        SigV4Verifier laterVerifier = new SigV4Verifier(registry, Clock.fixed(later, ZoneOffset.UTC));
        SignedHttpRequest lateRequest = sign(
                AwsSessionCredentialsIdentity.create(c.accessKeyId(), c.secretAccessKey(), issued.sessionToken()),
                "appsync",
                BODY,
                later,
                Map.of());
        assertThatThrownBy(() -> laterVerifier.verify(lateRequest, "appsync", "us-east-1"))
                .isInstanceOf(SigV4Exception.class)
                .satisfies(e -> assertThat(((SigV4Exception) e).awsErrorType()).isEqualTo("ExpiredTokenException"));
    }

    private CredentialsRegistry.Issued issue(Instant expiration) {
        return registry.issue(
                "arn:aws:iam::" + registry.accountId() + ":role/pins-authenticated",
                registry.newRoleId(),
                "us-east-1:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
                "us-east-1:11111111-2222-3333-4444-555555555555",
                CognitoAuthType.AUTHENTICATED,
                List.of(
                        "cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123456",
                        "cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123456:CognitoSignIn:sub-1"),
                expiration);
    }

    private AwsCredentialsIdentity adminIdentity() {
        return AwsCredentialsIdentity.create(
                registry.administrator().accessKeyId(), registry.administrator().secretAccessKey());
    }

    private void assertReason(SignedHttpRequest request, SigV4Exception.Reason reason) {
        assertThatThrownBy(() -> verifier.verify(request, "appsync", "us-east-1"))
                .isInstanceOf(SigV4Exception.class)
                .satisfies(e -> assertThat(((SigV4Exception) e).reason()).isEqualTo(reason));
    }

    /** Signs like an AWS SDK client would, then turns the result into what the server receives. */
    static SignedHttpRequest sign(
            AwsCredentialsIdentity identity,
            String service,
            String body,
            Instant at,
            Map<String, String> extraHeaders) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create("http://127.0.0.1:8787/graphql"))
                .putHeader("Content-Type", "application/json")
                .putHeader("Content-Length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
        extraHeaders.forEach(request::putHeader);
        SignedRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(identity)
                        .request(request.build())
                        .payload(ContentStreamProvider.fromUtf8String(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        signed.request().forEachHeader((name, values) -> values.forEach(v -> headers.add(Map.entry(name, v))));
        if (signed.request().firstMatchingHeader("Host").isEmpty()) {
            headers.add(Map.entry("Host", "127.0.0.1:8787"));
        }
        return new SignedHttpRequest("POST", "/graphql", null, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static SignedHttpRequest withBody(SignedHttpRequest r, String body) {
        return new SignedHttpRequest(
                r.method(), r.rawPath(), r.rawQuery(), r.headers(), body.getBytes(StandardCharsets.UTF_8));
    }

    private static SignedHttpRequest withHeader(SignedHttpRequest r, String name, String value) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        r.headers().stream().filter(h -> !h.getKey().equalsIgnoreCase(name)).forEach(headers::add);
        headers.add(Map.entry(name, value));
        return new SignedHttpRequest(r.method(), r.rawPath(), r.rawQuery(), headers, r.body());
    }

    private static SignedHttpRequest without(SignedHttpRequest r, String name) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        r.headers().stream().filter(h -> !h.getKey().equalsIgnoreCase(name)).forEach(headers::add);
        return new SignedHttpRequest(r.method(), r.rawPath(), r.rawQuery(), headers, r.body());
    }

    private static String sha256(String body) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
