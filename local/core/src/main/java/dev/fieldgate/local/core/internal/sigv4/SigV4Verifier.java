package dev.fieldgate.local.core.internal.sigv4;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.internal.signer.CredentialScope;
import software.amazon.awssdk.http.auth.aws.internal.signer.V4Properties;
import software.amazon.awssdk.http.auth.aws.internal.signer.V4RequestSigner;
import software.amazon.awssdk.http.auth.aws.internal.signer.V4RequestSigningResult;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Verifies AWS Signature Version 4 on incoming requests the way AWS does: the canonical request is built from
 * exactly the headers the client names in {@code SignedHeaders}, with the values it sent, and the payload hash of
 * the body that arrived; it is signed with the secret the {@link CredentialsRegistry} holds for the access key, at the
 * request's own {@code X-Amz-Date}, and the two signatures are compared in constant time.
 *
 * <p>The canonical request, the string to sign and the key derivation are the AWS SDK's own: the request signer that
 * {@link software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner AwsV4HttpSigner} delegates to, given the payload
 * hash directly. {@code AwsV4HttpSigner} itself cannot be used as it stands: before signing it always adds an
 * {@code x-amz-content-sha256} header (none of its properties turns that off; {@code PAYLOAD_SIGNING_ENABLED=false}
 * only changes the value to {@code UNSIGNED-PAYLOAD}), so it signs that header whatever the client did. curl's
 * {@code --aws-sigv4}, botocore, the AWS CLI and Amplify JS sign without it, as AppSync, Cognito, STS and DynamoDB
 * allow. So:
 * <ul>
 *   <li>{@code x-amz-content-sha256} among the signed headers: its value is part of the canonical request and must
 *       be the SHA-256 of the body (else {@code InvalidSignatureException}, as AWS answers a mismatch);</li>
 *   <li>not signed: the canonical request has no such header and its payload hash is the body's SHA-256, so a
 *       changed body still breaks the signature.</li>
 * </ul>
 * {@code host} and {@code x-amz-date} must be signed, and so must {@code x-amz-security-token} with temporary
 * credentials (every client this stack serves signs it). A header the SDK never signs ({@code user-agent},
 * {@code expect}, ...) in {@code SignedHeaders}, or a list that is not sorted, is refused as a mismatch.
 *
 * <p>Use: {@code VerifiedCaller caller = verifier.verify(SignedHttpRequest.from(exchange), "cognito-idp", region);}
 * Every failure is a {@link SigV4Exception} whose reason a service maps to its own error.
 */
public final class SigV4Verifier {

    /** AWS refuses requests whose time differs from its clock by more than this. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request\\s*,\\s*"
                    + "SignedHeaders=([a-z0-9\\-;._]+)\\s*,\\s*Signature=([0-9a-f]{64})\\s*");
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String CONTENT_SHA256 = "x-amz-content-sha256";

    private final CredentialsRegistry registry;
    private final Clock clock;

    public SigV4Verifier(CredentialsRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * Verifies a request signed for {@code service} in {@code region}.
     *
     * @throws SigV4Exception if it is unsigned, malformed, stale, signed for another scope, signed with an unknown
     *                        or expired key, or if the signature does not match
     */
    public VerifiedCaller verify(SignedHttpRequest request, String service, String region) {
        String authorization = request.header("Authorization")
                .orElseThrow(() -> new SigV4Exception(
                        SigV4Exception.Reason.MISSING_AUTHENTICATION, "Missing Authentication Token"));
        Matcher auth = AUTHORIZATION.matcher(authorization.trim());
        if (!auth.matches()) {
            throw new SigV4Exception(
                    SigV4Exception.Reason.INCOMPLETE_SIGNATURE,
                    "Authorization header requires"
                            + " 'Credential', 'SignedHeaders' and 'Signature' parameters in AWS4-HMAC-SHA256 form.");
        }
        String accessKeyId = auth.group(1);
        String scopeDate = auth.group(2);
        String scopeRegion = auth.group(3);
        String scopeService = auth.group(4);
        List<String> signedHeaders = List.of(auth.group(5).split(";"));

        String amzDate = request.header("X-Amz-Date")
                .orElseThrow(() -> new SigV4Exception(
                        SigV4Exception.Reason.INCOMPLETE_SIGNATURE,
                        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."));
        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(amzDate));
        } catch (DateTimeParseException e) {
            throw new SigV4Exception(
                    SigV4Exception.Reason.INCOMPLETE_SIGNATURE,
                    "X-Amz-Date '" + amzDate + "' is not in the form yyyyMMdd'T'HHmmss'Z'.");
        }
        Instant now = clock.instant();
        if (Duration.between(signedAt, now).abs().compareTo(MAX_CLOCK_SKEW) > 0) {
            String limit = signedAt.isBefore(now)
                    ? AMZ_DATE.format(now.minus(MAX_CLOCK_SKEW)) + " (" + AMZ_DATE.format(now) + " - 5 min.)"
                    : AMZ_DATE.format(now.plus(MAX_CLOCK_SKEW)) + " (" + AMZ_DATE.format(now) + " + 5 min.)";
            throw new SigV4Exception(
                    SigV4Exception.Reason.SIGNATURE_EXPIRED,
                    "Signature expired: " + amzDate + " is now " + (signedAt.isBefore(now) ? "earlier" : "later")
                            + " than " + limit);
        }
        if (!scopeDate.equals(amzDate.substring(0, 8))) {
            throw new SigV4Exception(
                    SigV4Exception.Reason.WRONG_SCOPE,
                    "Date in Credential scope does not match"
                            + " YYYYMMDD from ISO-8601 version of date from HTTP: '" + scopeDate + "' != '"
                            + amzDate.substring(0, 8) + "', from '" + amzDate + "'.");
        }
        if (!scopeService.equals(service)) {
            throw new SigV4Exception(
                    SigV4Exception.Reason.WRONG_SCOPE,
                    "Credential should be scoped to correct service: '" + service + "'. ");
        }
        if (!scopeRegion.equals(region)) {
            throw new SigV4Exception(
                    SigV4Exception.Reason.WRONG_SCOPE, "Credential should be scoped to a valid region. ");
        }
        if (!signedHeaders.contains("host")) {
            throw new SigV4Exception(
                    SigV4Exception.Reason.INCOMPLETE_SIGNATURE,
                    "The Host header must be signed (SignedHeaders lacks 'host').");
        }

        AwsCredentialsIdentity identity;
        VerifiedCaller caller;
        if (accessKeyId.equals(registry.administrator().accessKeyId())) {
            identity = AwsCredentialsIdentity.create(
                    accessKeyId, registry.administrator().secretAccessKey());
            caller = new VerifiedCaller(
                    accessKeyId,
                    registry.accountId(),
                    "arn:aws:iam::" + registry.accountId() + ":user/fieldgate-local-admin",
                    VerifiedCaller.Kind.ADMINISTRATOR,
                    Optional.empty());
        } else {
            IssuedCredentials issued = registry.findIssued(accessKeyId).orElseThrow(this::unrecognized);
            String token = request.header("X-Amz-Security-Token").orElse(null);
            if (!registry.sessionTokenMatches(issued, token)) {
                throw unrecognized();
            }
            if (!issued.expiration().isAfter(now)) {
                throw new SigV4Exception(
                        SigV4Exception.Reason.EXPIRED_TOKEN, "The security token included in the request is expired");
            }
            identity = AwsSessionCredentialsIdentity.create(accessKeyId, issued.secretAccessKey(), token);
            caller = new VerifiedCaller(
                    accessKeyId,
                    issued.accountId(),
                    issued.assumedRoleArn(),
                    issued.isServiceRoleSession()
                            ? VerifiedCaller.Kind.SERVICE_ROLE
                            : VerifiedCaller.Kind.COGNITO_IDENTITY,
                    Optional.of(issued));
        }

        String expected = resign(request, signedHeaders, identity, service, region, signedAt);
        String presented = auth.group(6);
        if (!MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII))) {
            throw mismatch();
        }
        return caller;
    }

    private String resign(
            SignedHttpRequest request,
            List<String> signedHeaders,
            AwsCredentialsIdentity identity,
            String service,
            String region,
            Instant signedAt) {
        if (!signedHeaders.contains("x-amz-date")) {
            // The date is not a header this verifier accepts unsigned: the signature would not pin the request time.
            throw mismatch();
        }
        if (identity instanceof AwsSessionCredentialsIdentity && !signedHeaders.contains("x-amz-security-token")) {
            // Every client this stack serves signs the session token; one that does not is refused, as before.
            throw mismatch();
        }
        String host = request.header("Host")
                .orElseThrow(() -> new SigV4Exception(
                        SigV4Exception.Reason.INCOMPLETE_SIGNATURE, "The request has no Host header."));
        URI uri;
        try {
            uri = URI.create("http://" + host + request.rawPath()
                    + (request.rawQuery() == null || request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery()));
        } catch (IllegalArgumentException e) {
            throw mismatch();
        }
        if (uri.getHost() == null) {
            // Not a host[:port] (e.g. two Host values joined by a comma): nothing was signed for such a request.
            throw mismatch();
        }
        SdkHttpMethod method;
        try {
            method = SdkHttpMethod.fromValue(request.method().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw mismatch();
        }
        // Exactly the headers the client signed, with the values it sent (Host and X-Amz-Date included): the
        // canonical request is built from these and nothing else, as AWS builds it.
        SdkHttpRequest.Builder rebuilt = SdkHttpRequest.builder().method(method).uri(uri);
        for (String name : signedHeaders) {
            Optional<String> value = request.header(name);
            if (value.isEmpty()) {
                throw mismatch();
            }
            rebuilt.putHeader(name, value.get());
        }
        String payloadHash = sha256Hex(request.body());
        if (signedHeaders.contains(CONTENT_SHA256)) {
            // Signed, its value is part of the canonical request; it must be the hash of the body that came.
            String declared = request.header(CONTENT_SHA256).orElse("").trim();
            if (!declared.equalsIgnoreCase(payloadHash)) {
                throw new SigV4Exception(
                        SigV4Exception.Reason.SIGNATURE_MISMATCH,
                        "The provided 'x-amz-content-sha256' header does not match what was computed.");
            }
        }
        // The signing step of the SDK's AwsV4HttpSigner without its first step, which adds (and so signs)
        // x-amz-content-sha256 whatever the client did: the payload hash is given, the request is signed as it is.
        V4Properties properties = V4Properties.builder()
                .credentials(identity)
                .credentialScope(new CredentialScope(region, service, signedAt))
                .signingClock(Clock.fixed(signedAt, ZoneOffset.UTC))
                .doubleUrlEncode(true)
                .normalizePath(true)
                .build();
        V4RequestSigningResult signed;
        try {
            signed = V4RequestSigner.create(properties, payloadHash).sign(rebuilt);
        } catch (RuntimeException e) {
            throw mismatch();
        }
        if (!signed.getCanonicalRequest().getSignedHeadersString().equals(String.join(";", signedHeaders))) {
            // Unsorted, duplicated, or a header the SDK never signs (user-agent, expect, ...): not a match.
            throw mismatch();
        }
        return signed.getSignature();
    }

    private static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private SigV4Exception unrecognized() {
        return new SigV4Exception(
                SigV4Exception.Reason.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid.");
    }

    private static SigV4Exception mismatch() {
        return new SigV4Exception(
                SigV4Exception.Reason.SIGNATURE_MISMATCH,
                "The request signature we calculated"
                        + " does not match the signature you provided. Check your AWS Secret Access Key and signing method."
                        + " Consult the service documentation for details.");
    }
}
