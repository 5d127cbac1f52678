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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Verifies AWS Signature Version 4 on incoming requests by signing them again with the AWS SDK's own
 * {@link AwsV4HttpSigner}: the request is rebuilt from the headers the client says it signed, signed with the
 * secret the {@link CredentialsRegistry} holds for the access key, at the request's own {@code X-Amz-Date}, and the
 * two signatures are compared in constant time. Nothing about the canonical request is reimplemented here.
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
    private static final Pattern SIGNATURE_IN_HEADER = Pattern.compile("Signature=([0-9a-f]{64})");

    private final CredentialsRegistry registry;
    private final Clock clock;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

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
                    VerifiedCaller.Kind.COGNITO_IDENTITY,
                    Optional.of(issued));
        }

        checkDeclaredPayloadHash(request);
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
        SdkHttpRequest.Builder rebuilt = SdkHttpRequest.builder().method(method).uri(uri);
        for (String name : signedHeaders) {
            // The signer adds these itself from the signing clock and the identity.
            if (name.equals("host") || name.equals("x-amz-date") || name.equals("x-amz-security-token")) {
                continue;
            }
            Optional<String> value = request.header(name);
            if (value.isEmpty()) {
                throw mismatch();
            }
            rebuilt.putHeader(name, value.get());
        }
        byte[] body = request.body();
        SignedRequest signed = signer.sign(r -> r.identity(identity)
                .request(rebuilt.build())
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)));
        String authorization =
                signed.request().firstMatchingHeader("Authorization").orElse("");
        Matcher signature = SIGNATURE_IN_HEADER.matcher(authorization);
        if (!signature.find()) {
            throw mismatch();
        }
        List<String> resignedHeaders = new ArrayList<>();
        Matcher headersPart = Pattern.compile("SignedHeaders=([a-z0-9\\-;._]+)").matcher(authorization);
        if (headersPart.find()) {
            resignedHeaders.addAll(List.of(headersPart.group(1).split(";")));
        }
        if (!resignedHeaders.equals(signedHeaders.stream().sorted().toList())) {
            // The client left out a header the signer always signs (e.g. the session token): not a match.
            throw mismatch();
        }
        return signature.group(1);
    }

    private void checkDeclaredPayloadHash(SignedHttpRequest request) {
        Optional<String> declared = request.header("x-amz-content-sha256");
        if (declared.isEmpty() || declared.get().equals("UNSIGNED-PAYLOAD")) {
            return;
        }
        try {
            String actual = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(request.body()));
            if (!actual.equalsIgnoreCase(declared.get().trim())) {
                throw new SigV4Exception(
                        SigV4Exception.Reason.SIGNATURE_MISMATCH,
                        "The provided 'x-amz-content-sha256' header does not match what was computed.");
            }
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
