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

        Resolved resolved =
                resolve(accessKeyId, request.header("X-Amz-Security-Token").orElse(null), now);
        AwsCredentialsIdentity identity = resolved.identity();
        VerifiedCaller caller = resolved.caller();

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

    /** The credentials an access key id stands for, and who signs with them. */
    private record Resolved(AwsCredentialsIdentity identity, VerifiedCaller caller) {}

    private Resolved resolve(String accessKeyId, String token, Instant now) {
        if (accessKeyId.equals(registry.administrator().accessKeyId())) {
            return new Resolved(
                    AwsCredentialsIdentity.create(
                            accessKeyId, registry.administrator().secretAccessKey()),
                    new VerifiedCaller(
                            accessKeyId,
                            registry.accountId(),
                            "arn:aws:iam::" + registry.accountId() + ":user/fieldgate-local-admin",
                            VerifiedCaller.Kind.ADMINISTRATOR,
                            Optional.empty()));
        }
        IssuedCredentials issued = registry.findIssued(accessKeyId).orElseThrow(this::unrecognized);
        if (!registry.sessionTokenMatches(issued, token)) {
            throw unrecognized();
        }
        if (!issued.expiration().isAfter(now)) {
            throw new SigV4Exception(
                    SigV4Exception.Reason.EXPIRED_TOKEN, "The security token included in the request is expired");
        }
        return new Resolved(
                AwsSessionCredentialsIdentity.create(accessKeyId, issued.secretAccessKey(), token),
                new VerifiedCaller(
                        accessKeyId,
                        issued.accountId(),
                        issued.assumedRoleArn(),
                        issued.isServiceRoleSession()
                                ? VerifiedCaller.Kind.SERVICE_ROLE
                                : VerifiedCaller.Kind.COGNITO_IDENTITY,
                        Optional.of(issued)));
    }

    /**
     * What S3 needs of a verified signature to go on checking a streamed body: the payload hash that was signed
     * ({@code x-amz-content-sha256}: a hex SHA-256, {@code UNSIGNED-PAYLOAD} or a {@code STREAMING-…} mode), and for
     * signed chunks the signing key, the seed signature, the request time and the credential scope.
     */
    public static final class S3Signature {
        private final VerifiedCaller caller;
        private final String payloadHash;
        private final byte[] signingKey;
        private final String seedSignature;
        private final String amzDate;
        private final String scope;

        S3Signature(
                VerifiedCaller caller,
                String payloadHash,
                byte[] signingKey,
                String seedSignature,
                String amzDate,
                String scope) {
            this.caller = caller;
            this.payloadHash = payloadHash;
            this.signingKey = signingKey.clone();
            this.seedSignature = seedSignature;
            this.amzDate = amzDate;
            this.scope = scope;
        }

        /** Who signed. */
        public VerifiedCaller caller() {
            return caller;
        }

        /** The signed {@code x-amz-content-sha256}, or {@code UNSIGNED-PAYLOAD} for a presigned URL. */
        public String payloadHash() {
            return payloadHash;
        }

        /** The SigV4 signing key of the request's scope (a copy), for chunk signatures. */
        public byte[] signingKey() {
            return signingKey.clone();
        }

        /** The request's own signature, the seed of the chunk signatures. */
        public String seedSignature() {
            return seedSignature;
        }

        /** The request's {@code X-Amz-Date}. */
        public String amzDate() {
            return amzDate;
        }

        /** The credential scope, {@code <date>/<region>/s3/aws4_request}. */
        public String scope() {
            return scope;
        }

        @Override
        public String toString() {
            return "S3Signature[" + caller.arn() + ", " + payloadHash + "]";
        }
    }

    /**
     * Verifies an S3 request signed in the {@code Authorization} header, without its body: the body is streamed
     * afterwards and checked against {@link S3Signature#payloadHash()} by the caller. S3 signs paths as sent (no
     * double encoding, no normalisation) and requires {@code x-amz-content-sha256}.
     */
    public S3Signature verifyS3Header(SignedHttpRequest request, String region) {
        String authorization = request.header("Authorization")
                .orElseThrow(() -> new SigV4Exception(
                        SigV4Exception.Reason.MISSING_AUTHENTICATION, "Missing Authentication Token"));
        Matcher auth = AUTHORIZATION.matcher(authorization.trim());
        if (!auth.matches()) {
            throw new SigV4Exception(
                    SigV4Exception.Reason.INCOMPLETE_SIGNATURE,
                    "The authorization header is malformed; it must be AWS4-HMAC-SHA256 Credential=…,"
                            + " SignedHeaders=…, Signature=….");
        }
        String payloadHash = request.header(CONTENT_SHA256)
                .orElseThrow(() -> new SigV4Exception(
                        SigV4Exception.Reason.INCOMPLETE_SIGNATURE,
                        "Missing required header for this request: x-amz-content-sha256"));
        String amzDate = request.header("X-Amz-Date")
                .orElseThrow(() -> new SigV4Exception(
                        SigV4Exception.Reason.INCOMPLETE_SIGNATURE,
                        "AWS authentication requires a valid Date or x-amz-date header"));
        List<String> signedHeaders = List.of(auth.group(5).split(";"));
        if (!signedHeaders.contains("x-amz-date") || !signedHeaders.contains(CONTENT_SHA256)) {
            throw mismatch();
        }
        Instant signedAt = checkTimeAndScope(auth, amzDate, "s3", region, false, null);
        Resolved resolved =
                resolve(auth.group(1), request.header("X-Amz-Security-Token").orElse(null), clock.instant());
        if (resolved.identity() instanceof AwsSessionCredentialsIdentity
                && !signedHeaders.contains("x-amz-security-token")) {
            throw mismatch();
        }
        V4RequestSigningResult signed = resignS3(
                request, request.rawQuery(), signedHeaders, resolved.identity(), region, signedAt, payloadHash);
        if (!MessageDigest.isEqual(
                signed.getSignature().getBytes(StandardCharsets.US_ASCII),
                auth.group(6).getBytes(StandardCharsets.US_ASCII))) {
            throw mismatch();
        }
        return new S3Signature(
                resolved.caller(),
                payloadHash,
                signed.getSigningKey(),
                signed.getSignature(),
                amzDate,
                auth.group(2) + "/" + region + "/s3/aws4_request");
    }

    /** The longest a presigned URL may be valid: seven days. */
    public static final long MAX_PRESIGNED_SECONDS = 604_800;

    /**
     * Verifies an S3 presigned URL ({@code X-Amz-Algorithm}, {@code X-Amz-Credential}, {@code X-Amz-Date},
     * {@code X-Amz-Expires}, {@code X-Amz-SignedHeaders}, {@code X-Amz-Signature} in the query); the payload is
     * unsigned. An expired URL is {@link SigV4Exception.Reason#PRESIGNED_EXPIRED}.
     */
    public S3Signature verifyS3Presigned(
            SignedHttpRequest request, String region, java.util.Map<String, String> query) {
        String credential = query.getOrDefault("X-Amz-Credential", "");
        String amzDate = query.getOrDefault("X-Amz-Date", "");
        String signature = query.getOrDefault("X-Amz-Signature", "");
        String signedHeaderList = query.getOrDefault("X-Amz-SignedHeaders", "");
        String expiresText = query.getOrDefault("X-Amz-Expires", "");
        if (!"AWS4-HMAC-SHA256".equals(query.get("X-Amz-Algorithm"))
                || !expiresText.matches("[0-9]{1,7}")
                || !signature.matches("[0-9a-f]{64}")
                || !signedHeaderList.matches("[a-z0-9\\-;._]+")) {
            throw new SigV4Exception(
                    SigV4Exception.Reason.INCOMPLETE_SIGNATURE,
                    "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential,"
                            + " X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
        }
        long expires = Long.parseLong(expiresText);
        if (expires > MAX_PRESIGNED_SECONDS) {
            throw new SigV4Exception(
                    SigV4Exception.Reason.INCOMPLETE_SIGNATURE,
                    "X-Amz-Expires must be less than a week (in seconds) that is 604800");
        }
        Matcher auth = AUTHORIZATION.matcher("AWS4-HMAC-SHA256 Credential=" + credential + ", SignedHeaders="
                + signedHeaderList + ", Signature=" + signature);
        if (!auth.matches()) {
            throw new SigV4Exception(
                    SigV4Exception.Reason.INCOMPLETE_SIGNATURE, "Error parsing the X-Amz-Credential parameter.");
        }
        List<String> signedHeaders = List.of(signedHeaderList.split(";"));
        Instant signedAt = checkTimeAndScope(auth, amzDate, "s3", region, true, Duration.ofSeconds(expires));
        Resolved resolved = resolve(auth.group(1), query.get("X-Amz-Security-Token"), clock.instant());
        StringBuilder canonicalQuery = new StringBuilder();
        String rawQuery = request.rawQuery() == null ? "" : request.rawQuery();
        for (String pair : rawQuery.split("&", -1)) {
            if (!pair.isEmpty() && !pair.startsWith("X-Amz-Signature=")) {
                canonicalQuery.append(canonicalQuery.length() == 0 ? "" : "&").append(pair);
            }
        }
        V4RequestSigningResult signed = resignS3(
                request,
                canonicalQuery.toString(),
                signedHeaders,
                resolved.identity(),
                region,
                signedAt,
                query.getOrDefault(CONTENT_SHA256, "UNSIGNED-PAYLOAD"));
        if (!MessageDigest.isEqual(
                signed.getSignature().getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII))) {
            throw mismatch();
        }
        return new S3Signature(
                resolved.caller(),
                "UNSIGNED-PAYLOAD",
                signed.getSigningKey(),
                signed.getSignature(),
                amzDate,
                auth.group(2) + "/" + region + "/s3/aws4_request");
    }

    private Instant checkTimeAndScope(
            Matcher auth, String amzDate, String service, String region, boolean presigned, Duration validFor) {
        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(amzDate));
        } catch (DateTimeParseException e) {
            throw new SigV4Exception(
                    SigV4Exception.Reason.INCOMPLETE_SIGNATURE,
                    "X-Amz-Date '" + amzDate + "' is not in the form yyyyMMdd'T'HHmmss'Z'.");
        }
        Instant now = clock.instant();
        if (presigned) {
            if (now.isAfter(signedAt.plus(validFor))) {
                throw new SigV4Exception(SigV4Exception.Reason.PRESIGNED_EXPIRED, "Request has expired");
            }
            if (signedAt.isAfter(now.plus(MAX_CLOCK_SKEW))) {
                throw new SigV4Exception(
                        SigV4Exception.Reason.SIGNATURE_EXPIRED, "Request is not valid yet (X-Amz-Date is ahead).");
            }
        } else if (Duration.between(signedAt, now).abs().compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new SigV4Exception(
                    SigV4Exception.Reason.SIGNATURE_EXPIRED,
                    "The difference between the request time and the current time is too large.");
        }
        if (!auth.group(2).equals(amzDate.substring(0, 8))
                || !auth.group(4).equals(service)
                || !auth.group(3).equals(region)) {
            throw new SigV4Exception(
                    SigV4Exception.Reason.WRONG_SCOPE,
                    "The authorization header is malformed; the Credential is mal-formed; expecting \"<YOUR-AKID>/"
                            + amzDate.substring(0, 8) + "/" + region + "/" + service + "/aws4_request\".");
        }
        return signedAt;
    }

    private V4RequestSigningResult resignS3(
            SignedHttpRequest request,
            String rawQuery,
            List<String> signedHeaders,
            AwsCredentialsIdentity identity,
            String region,
            Instant signedAt,
            String payloadHash) {
        if (!signedHeaders.contains("host")) {
            throw mismatch();
        }
        String host = request.header("Host").orElseThrow(SigV4Verifier::mismatch);
        URI uri;
        try {
            uri = URI.create("http://" + host + request.rawPath()
                    + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery));
        } catch (IllegalArgumentException e) {
            throw mismatch();
        }
        SdkHttpMethod method;
        try {
            method = SdkHttpMethod.fromValue(request.method().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw mismatch();
        }
        SdkHttpRequest.Builder rebuilt = SdkHttpRequest.builder().method(method).uri(uri);
        for (String name : signedHeaders) {
            Optional<String> value = request.header(name);
            if (value.isEmpty()) {
                throw mismatch();
            }
            rebuilt.putHeader(name, value.get());
        }
        V4Properties properties = V4Properties.builder()
                .credentials(identity)
                .credentialScope(new CredentialScope(region, "s3", signedAt))
                .signingClock(Clock.fixed(signedAt, ZoneOffset.UTC))
                .doubleUrlEncode(false)
                .normalizePath(false)
                .build();
        V4RequestSigningResult signed;
        try {
            signed = V4RequestSigner.create(properties, payloadHash).sign(rebuilt);
        } catch (RuntimeException e) {
            throw mismatch();
        }
        if (!signed.getCanonicalRequest().getSignedHeadersString().equals(String.join(";", signedHeaders))) {
            throw mismatch();
        }
        return signed;
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
