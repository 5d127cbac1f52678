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
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;

/**
 * Requests signed without an {@code x-amz-content-sha256} header, as {@code curl --aws-sigv4}, botocore (and so the
 * AWS CLI) and Amplify JS sign them for AppSync, Cognito, STS and DynamoDB: they verify, and a changed body, header
 * or key still does not.
 *
 * <p>{@code AwsV4HttpSigner} (SDK 2.40) has no property that keeps it from adding and signing that header, so the
 * signatures here come from signers that do leave it out: the known answers of AWS's own SigV4 test suite, and the
 * SDK's earlier {@code Aws4Signer}, which adds the header only when a request asks for it (S3).
 */
class SigV4WithoutContentHashTest {

    // AWS's SigV4 test suite: its example key pair, request time, region and service name.
    private static final String SUITE_KEY = "AKIDEXAMPLE";
    private static final String SUITE_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Instant SUITE_TIME = Instant.parse("2015-08-30T12:36:00Z");
    private static final String SUITE_SCOPE = "Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final String BODY = "{\"query\":\"{ listPins { id } }\"}";

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final CredentialsRegistry registry =
            new CredentialsRegistry(new MemoryStateStore(), clock, new SecureRandom());
    private final SigV4Verifier verifier = new SigV4Verifier(registry, clock);

    // ---------------------------------------------------------------------------- AWS's test suite, known answers

    /** A verifier whose administrator key is the test suite's, at the suite's time. */
    private static SigV4Verifier suiteVerifier() {
        MemoryStateStore store = new MemoryStateStore();
        store.write(
                "iam/account.json",
                ("{\"accountId\":\"123456789012\",\"adminAccessKeyId\":\"" + SUITE_KEY
                                + "\",\"adminSecretAccessKey\":\"" + SUITE_SECRET + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
        Clock at = Clock.fixed(SUITE_TIME, ZoneOffset.UTC);
        CredentialsRegistry registry = new CredentialsRegistry(store, at, new SecureRandom());
        assertThat(registry.administrator().accessKeyId()).isEqualTo(SUITE_KEY);
        return new SigV4Verifier(registry, at);
    }

    /** post-vanilla, get-vanilla and post-x-www-form-urlencoded: signed headers host and x-amz-date (+ type). */
    private static SignedHttpRequest suiteRequest(
            String method, String signedHeaders, String signature, String contentType, String body) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (contentType != null) {
            headers.add(Map.entry("Content-Type", contentType));
        }
        headers.add(Map.entry("Host", "example.amazonaws.com"));
        headers.add(Map.entry("X-Amz-Date", "20150830T123600Z"));
        headers.add(Map.entry(
                "Authorization",
                "AWS4-HMAC-SHA256 " + SUITE_SCOPE + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature));
        return new SignedHttpRequest(method, "/", null, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static SignedHttpRequest postVanilla() {
        return suiteRequest(
                "POST",
                "host;x-amz-date",
                "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b",
                null,
                "");
    }

    private static SignedHttpRequest postForm(String body) {
        return suiteRequest(
                "POST",
                "content-type;host;x-amz-date",
                "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a",
                "application/x-www-form-urlencoded",
                body);
    }

    @Test
    void theSigV4TestSuitesRequestsVerify() {
        SigV4Verifier suite = suiteVerifier();
        assertThat(suite.verify(postVanilla(), "service", "us-east-1").isAdministrator())
                .isTrue();
        assertThat(suite.verify(postForm("Param1=value1"), "service", "us-east-1")
                        .isAdministrator())
                .isTrue();
        SignedHttpRequest getVanilla = suiteRequest(
                "GET", "host;x-amz-date", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", null, "");
        assertThat(suite.verify(getVanilla, "service", "us-east-1").isAdministrator())
                .isTrue();
    }

    @Test
    void withoutTheHeaderTheBodyIsStillSigned() {
        SigV4Verifier suite = suiteVerifier();
        assertReason(suite, postForm("Param1=value2"), "service", SigV4Exception.Reason.SIGNATURE_MISMATCH);
        assertReason(suite, postForm("Param1=value1 "), "service", SigV4Exception.Reason.SIGNATURE_MISMATCH);
        assertReason(
                suite,
                withHeader(postForm("Param1=value1"), "Content-Type", "application/json"),
                "service",
                SigV4Exception.Reason.SIGNATURE_MISMATCH);
        assertReason(
                suite,
                withHeader(postVanilla(), "Host", "example.amazonaws.com:8443"),
                "service",
                SigV4Exception.Reason.SIGNATURE_MISMATCH);
        // A content hash header the client did not sign is not part of the signature: AWS ignores it, and so it
        // cannot stand in for the body either.
        SignedHttpRequest withUnsignedHash =
                withHeader(postForm("Param1=value1"), "x-amz-content-sha256", sha256("Param1=value2"));
        assertThat(suite.verify(withUnsignedHash, "service", "us-east-1").isAdministrator())
                .isTrue();
        assertReason(
                suite,
                withBody(withUnsignedHash, "Param1=value2"),
                "service",
                SigV4Exception.Reason.SIGNATURE_MISMATCH);
    }

    // ---------------------------------------------------------------------- the SDK's earlier signer, live keys

    @Test
    void theAdministratorsRequestSignedWithoutTheHeaderVerifies() {
        AwsCredentials admin = AwsBasicCredentials.create(
                registry.administrator().accessKeyId(), registry.administrator().secretAccessKey());
        SignedHttpRequest signed = signWithoutContentHash(admin, "appsync", BODY, NOW);
        assertThat(signedHeaders(signed)).isEqualTo("content-type;host;x-amz-date");
        assertThat(signed.header("x-amz-content-sha256")).isEmpty();
        assertThat(verifier.verify(signed, "appsync", "us-east-1").isAdministrator())
                .isTrue();

        assertReason(
                verifier,
                withBody(signed, BODY.replace("listPins", "deletePin")),
                "appsync",
                SigV4Exception.Reason.SIGNATURE_MISMATCH);
        assertReason(
                verifier,
                withHeader(signed, "X-Amz-Date", "20260601T120001Z"),
                "appsync",
                SigV4Exception.Reason.SIGNATURE_MISMATCH);
        AwsCredentials wrongSecret =
                AwsBasicCredentials.create(registry.administrator().accessKeyId(), "not-the-secret-000000000000000");
        assertReason(
                verifier,
                signWithoutContentHash(wrongSecret, "appsync", BODY, NOW),
                "appsync",
                SigV4Exception.Reason.SIGNATURE_MISMATCH);
        assertReason(
                verifier,
                signWithoutContentHash(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "x"), "appsync", BODY, NOW),
                "appsync",
                SigV4Exception.Reason.UNRECOGNIZED_CLIENT);
        assertReason(
                verifier,
                signWithoutContentHash(admin, "appsync", BODY, NOW.minus(Duration.ofMinutes(6))),
                "appsync",
                SigV4Exception.Reason.SIGNATURE_EXPIRED);
        assertThatThrownBy(() -> verifier.verify(signed, "dynamodb", "us-east-1"))
                .isInstanceOf(SigV4Exception.class)
                .hasMessageContaining("scoped to correct service: 'dynamodb'");
    }

    @Test
    void identityPoolCredentialsSignedWithoutTheHeaderVerify() {
        CredentialsRegistry.Issued issued = registry.issue(
                "arn:aws:iam::" + registry.accountId() + ":role/pins-guest",
                registry.newRoleId(),
                "us-east-1:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
                "us-east-1:11111111-2222-3333-4444-555555555555",
                CognitoAuthType.UNAUTHENTICATED,
                List.of(),
                NOW.plus(Duration.ofHours(1)));
        IssuedCredentials c = issued.credentials();
        SignedHttpRequest signed = signWithoutContentHash(
                AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), issued.sessionToken()),
                "appsync",
                BODY,
                NOW);
        assertThat(signedHeaders(signed)).isEqualTo("content-type;host;x-amz-date;x-amz-security-token");
        VerifiedCaller caller = verifier.verify(signed, "appsync", "us-east-1");
        assertThat(caller.kind()).isEqualTo(VerifiedCaller.Kind.COGNITO_IDENTITY);
        assertThat(caller.arn()).endsWith(":assumed-role/pins-guest/CognitoIdentityCredentials");

        assertReason(verifier, withBody(signed, BODY + " "), "appsync", SigV4Exception.Reason.SIGNATURE_MISMATCH);
        assertReason(
                verifier,
                withHeader(signed, "X-Amz-Security-Token", issued.sessionToken() + "x"),
                "appsync",
                SigV4Exception.Reason.UNRECOGNIZED_CLIENT);
    }

    // ------------------------------------------------------------------------------------ what must be signed

    @Test
    void aSignedContentHashMustBeTheHashOfTheBody() {
        // AwsV4HttpSigner always signs the header; its value is part of the signature and must match the body.
        SignedHttpRequest signed = SigV4VerifierTest.sign(adminIdentity(), "appsync", BODY, NOW, Map.of());
        assertThat(signedHeaders(signed)).contains("x-amz-content-sha256");
        assertThat(verifier.verify(signed, "appsync", "us-east-1").isAdministrator())
                .isTrue();
        assertThatThrownBy(() -> verifier.verify(withBody(signed, BODY + " "), "appsync", "us-east-1"))
                .isInstanceOf(SigV4Exception.class)
                .hasMessage("The provided 'x-amz-content-sha256' header does not match what was computed.");
        // The hash of the changed body in the header: the signature, which covers the header, no longer matches.
        SignedHttpRequest rehashed =
                withHeader(withBody(signed, BODY + " "), "x-amz-content-sha256", sha256(BODY + " "));
        assertReason(verifier, rehashed, "appsync", SigV4Exception.Reason.SIGNATURE_MISMATCH);
        // UNSIGNED-PAYLOAD signed in its place: the body would not be covered; refused.
        assertReason(verifier, signUnsignedPayload(), "appsync", SigV4Exception.Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void hostDateAndSessionTokenMustBeAmongTheSignedHeaders() {
        SignedHttpRequest signed = signWithoutContentHash(
                AwsBasicCredentials.create(
                        registry.administrator().accessKeyId(),
                        registry.administrator().secretAccessKey()),
                "appsync",
                BODY,
                NOW);
        String authorization = signed.header("Authorization").orElseThrow();
        assertReason(
                verifier,
                withHeader(
                        signed,
                        "Authorization",
                        authorization.replace("content-type;host;x-amz-date", "content-type;x-amz-date")),
                "appsync",
                SigV4Exception.Reason.INCOMPLETE_SIGNATURE);
        assertReason(
                verifier,
                withHeader(
                        signed,
                        "Authorization",
                        authorization.replace("content-type;host;x-amz-date", "content-type;host")),
                "appsync",
                SigV4Exception.Reason.SIGNATURE_MISMATCH);
        assertReason(
                verifier,
                withHeader(
                        signed,
                        "Authorization",
                        authorization.replace("content-type;host;x-amz-date", "host;content-type;x-amz-date")),
                "appsync",
                SigV4Exception.Reason.SIGNATURE_MISMATCH);
        assertReason(
                verifier,
                withHeader(
                        signed,
                        "Authorization",
                        authorization.replace(
                                "content-type;host;x-amz-date", "content-type;host;user-agent;x-amz-date")),
                "appsync",
                SigV4Exception.Reason.SIGNATURE_MISMATCH);
    }

    // ----------------------------------------------------------------------------------------------- helpers

    private AwsCredentialsIdentity adminIdentity() {
        return AwsCredentialsIdentity.create(
                registry.administrator().accessKeyId(), registry.administrator().secretAccessKey());
    }

    /**
     * The SDK's AwsV4HttpSigner as it signs over HTTPS with payload signing off: {@code x-amz-content-sha256:
     * UNSIGNED-PAYLOAD}, signed; received here over plain HTTP.
     */
    private SignedHttpRequest signUnsignedPayload() {
        SignedRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(adminIdentity())
                        .request(SdkHttpRequest.builder()
                                .method(SdkHttpMethod.POST)
                                .uri(URI.create("https://127.0.0.1:8787/graphql"))
                                .putHeader("Content-Type", "application/json")
                                .build())
                        .payload(ContentStreamProvider.fromUtf8String(BODY))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "appsync")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                        .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        assertThat(signed.request().firstMatchingHeader("x-amz-content-sha256")).hasValue("UNSIGNED-PAYLOAD");
        return received(signed.request(), BODY);
    }

    /** Signs with the SDK's earlier SigV4 signer, which adds no x-amz-content-sha256 header to a request. */
    @SuppressWarnings("deprecation")
    private static SignedHttpRequest signWithoutContentHash(
            AwsCredentials credentials, String service, String body, Instant at) {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create("http://127.0.0.1:8787/graphql"))
                .putHeader("Content-Type", "application/json")
                .contentStreamProvider(ContentStreamProvider.fromUtf8String(body))
                .build();
        SdkHttpFullRequest signed = Aws4Signer.create()
                .sign(
                        request,
                        Aws4SignerParams.builder()
                                .awsCredentials(credentials)
                                .signingName(service)
                                .signingRegion(Region.US_EAST_1)
                                .signingClockOverride(Clock.fixed(at, ZoneOffset.UTC))
                                .build());
        return received(signed, body);
    }

    /** What the server receives for a signed request: its headers, Host as the client sends it, the body. */
    private static SignedHttpRequest received(SdkHttpRequest signed, String body) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        signed.forEachHeader((name, values) -> values.forEach(v -> headers.add(Map.entry(name, v))));
        if (signed.firstMatchingHeader("Host").isEmpty()) {
            headers.add(Map.entry("Host", "127.0.0.1:8787"));
        }
        headers.add(Map.entry("Content-Length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length)));
        return new SignedHttpRequest("POST", "/graphql", null, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String signedHeaders(SignedHttpRequest request) {
        String authorization = request.header("Authorization").orElseThrow();
        int start = authorization.indexOf("SignedHeaders=") + "SignedHeaders=".length();
        return authorization.substring(start, authorization.indexOf(',', start));
    }

    private static void assertReason(
            SigV4Verifier verifier, SignedHttpRequest request, String service, SigV4Exception.Reason reason) {
        assertThatThrownBy(() -> verifier.verify(request, service, "us-east-1"))
                .isInstanceOf(SigV4Exception.class)
                .satisfies(e -> assertThat(((SigV4Exception) e).reason()).isEqualTo(reason));
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
