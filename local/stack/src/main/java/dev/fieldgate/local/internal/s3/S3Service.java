package dev.fieldgate.local.internal.s3;

import dev.fieldgate.local.core.internal.http.HttpExchange;
import dev.fieldgate.local.core.internal.http.Router;
import dev.fieldgate.local.core.internal.iam.PolicyDocument;
import dev.fieldgate.local.core.internal.iam.RolePolicies;
import dev.fieldgate.local.core.internal.sigv4.IssuedCredentials;
import dev.fieldgate.local.core.internal.sigv4.SigV4Exception;
import dev.fieldgate.local.core.internal.sigv4.SigV4Verifier;
import dev.fieldgate.local.core.internal.sigv4.SignedHttpRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * S3 on the stack's port for the buckets the app declares, path-style ({@code /<bucket>/<key>}) and
 * virtual-hosted-style ({@code <bucket>.localhost:<port>/<key>}): PutObject,
 * GetObject (with {@code Range}), HeadObject, DeleteObject, HeadBucket, ListObjectsV2 (prefix, delimiter, pages),
 * multipart uploads (create, upload part, complete, abort), presigned GET and PUT, and CORS for the declared origins.
 *
 * <p>Every request is verified as S3 verifies it: SigV4 in the {@code Authorization} header (payload hash, unsigned
 * payload, or {@code aws-chunked} streaming with signed or unsigned chunks and trailers) or in a presigned query, by
 * the stack's {@link SigV4Verifier}; then IAM decides with the caller's role policies, the identity id as
 * {@code ${cognito-identity.amazonaws.com:sub}} and listing's {@code s3:prefix}, {@code s3:delimiter} and
 * {@code s3:max-keys}. The answers are S3's XML, error codes included. Bodies stream to disk: memory holds one
 * buffer (or one signed chunk) per request, never an object.
 */
public final class S3Service extends Handler.Abstract {

    private static final String XMLNS = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private static final Pattern PART = Pattern.compile(
            "<Part>\\s*(?:<ETag>([^<]*)</ETag>\\s*<PartNumber>(\\d+)</PartNumber>|<PartNumber>(\\d+)</PartNumber>\\s*"
                    + "<ETag>([^<]*)</ETag>)[^/]*?(?:<Checksum[^>]*>[^<]*</Checksum[^>]*>\\s*)*</Part>");
    private static final long MIN_PART = 5L << 20;
    private static final long MAX_OBJECT = 5L << 30;

    private final S3Store store;
    private final Map<String, String> bucketsByPhysical;
    private final SigV4Verifier verifier;
    private final String region;
    private final Supplier<RolePolicies> policies;
    private final Set<String> corsOrigins;
    private final Clock clock;
    private final boolean temporary;

    /**
     * @param storeRoot       where objects are kept ({@code <state>/s3})
     * @param physicalBuckets the buckets served, by their physical names
     * @param temporary       whether to delete the store when the stack stops (no state directory)
     */
    public S3Service(
            Path storeRoot,
            List<String> physicalBuckets,
            boolean temporary,
            SigV4Verifier verifier,
            String region,
            Supplier<RolePolicies> policies,
            List<String> corsOrigins,
            Clock clock) {
        this.store = new S3Store(storeRoot, physicalBuckets);
        this.bucketsByPhysical = new LinkedHashMap<>();
        physicalBuckets.forEach(b -> bucketsByPhysical.put(b, b));
        this.temporary = temporary;
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.region = Objects.requireNonNull(region, "region");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.corsOrigins = Set.copyOf(corsOrigins);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The bucket a virtual-hosted-style request names in its host ({@code <bucket>.localhost}), given the host
     * without its port; empty for a path-style request.
     */
    public java.util.Optional<String> virtualHostBucket(String host) {
        if (host == null) {
            return java.util.Optional.empty();
        }
        for (String bucket : bucketsByPhysical.keySet()) {
            if (host.startsWith(bucket + ".") && host.length() > bucket.length() + 1) {
                return java.util.Optional.of(bucket);
            }
        }
        return java.util.Optional.empty();
    }

    /** The path pattern the router sends here: any first segment that could be a bucket name. */
    public static Pattern pathPattern() {
        return Pattern.compile("/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?");
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        if (temporary) {
            store.deleteAll();
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        HttpExchange exchange = new HttpExchange(request, response, callback);
        String requestId =
                UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
        exchange.setHeader("x-amz-request-id", requestId);
        exchange.setHeader("x-amz-id-2", requestId);
        String rawPath = exchange.rawPath();
        String virtualBucket = virtualHostBucket(
                        Router.hostName(exchange.header("Host").orElse(null)))
                .orElse(null);
        String bucket;
        String rawKey;
        if (virtualBucket != null) {
            bucket = virtualBucket;
            rawKey = rawPath.length() <= 1 ? null : rawPath.substring(1);
        } else {
            int slash = rawPath.indexOf('/', 1);
            bucket = slash < 0 ? rawPath.substring(1) : rawPath.substring(1, slash);
            rawKey = slash < 0 || slash == rawPath.length() - 1 ? null : rawPath.substring(slash + 1);
        }
        String key;
        try {
            key = rawKey == null ? null : URLDecoder.decode(rawKey.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            key = null;
            bucket = "";
        }
        String origin = exchange.header("Origin").orElse(null);
        boolean corsAllowed = origin != null && corsOrigins.contains(origin);
        try {
            if (!bucketsByPhysical.containsKey(bucket)) {
                throw new S3Error(404, "NoSuchBucket", "The specified bucket does not exist");
            }
            if ("OPTIONS".equals(exchange.method())) {
                preflight(exchange, origin, corsAllowed);
                return true;
            }
            if (corsAllowed) {
                exchange.setHeader("Access-Control-Allow-Origin", origin);
                exchange.setHeader("Vary", "Origin");
                exchange.setHeader(
                        "Access-Control-Expose-Headers",
                        "ETag,x-amz-request-id,x-amz-id-2,x-amz-version-id,Content-Length,Content-Range");
            }
            Map<String, String> query = query(exchange.rawQuery());
            Caller caller = authenticate(exchange, query);
            dispatch(exchange, request, response, callback, bucket, key, query, caller);
        } catch (S3Error e) {
            error(exchange, e, rawPath, requestId);
        } catch (IOException e) {
            if (!exchange.responded()) {
                error(
                        exchange,
                        new S3Error(500, "InternalError", "We encountered an internal error."),
                        rawPath,
                        requestId);
            }
        }
        return true;
    }

    /** Who signed, and what the body's verification needs. */
    private record Caller(SigV4Verifier.S3Signature signature, boolean presigned) {

        boolean administrator() {
            return signature.caller().isAdministrator();
        }
    }

    private Caller authenticate(HttpExchange exchange, Map<String, String> query) {
        SignedHttpRequest head = new SignedHttpRequest(
                exchange.method(), exchange.rawPath(), exchange.rawQuery(), exchange.headerFields(), new byte[0]);
        try {
            if (query.containsKey("X-Amz-Signature") || query.containsKey("X-Amz-Credential")) {
                return new Caller(verifier.verifyS3Presigned(head, region, query), true);
            }
            if (exchange.header("Authorization").isEmpty()) {
                // An anonymous request: S3 would evaluate it as the public; nothing here is public.
                throw S3Error.accessDenied();
            }
            return new Caller(verifier.verifyS3Header(head, region), false);
        } catch (SigV4Exception e) {
            throw switch (e.reason()) {
                case MISSING_AUTHENTICATION -> S3Error.accessDenied();
                case INCOMPLETE_SIGNATURE -> new S3Error(400, "AuthorizationHeaderMalformed", e.getMessage());
                case WRONG_SCOPE -> new S3Error(400, "AuthorizationHeaderMalformed", e.getMessage());
                case SIGNATURE_EXPIRED -> new S3Error(403, "RequestTimeTooSkewed", e.getMessage());
                case SIGNATURE_MISMATCH ->
                    new S3Error(
                            403,
                            "SignatureDoesNotMatch",
                            "The request signature we calculated does not match the signature you provided. Check your"
                                    + " key and signing method.");
                case UNRECOGNIZED_CLIENT ->
                    new S3Error(
                            403,
                            "InvalidAccessKeyId",
                            "The AWS Access Key Id you provided does not exist in our records.");
                case EXPIRED_TOKEN -> new S3Error(400, "ExpiredToken", "The provided token has expired.");
                case PRESIGNED_EXPIRED -> new S3Error(403, "AccessDenied", "Request has expired");
            };
        }
    }

    private void authorize(Caller caller, String action, String resource, Map<String, String> conditionKeys) {
        if (caller.administrator()) {
            return;
        }
        var credentials = caller.signature().caller().credentials();
        if (credentials.isEmpty()) {
            throw S3Error.accessDenied();
        }
        IssuedCredentials issued = credentials.get();
        Map<String, String> variables = new LinkedHashMap<>();
        if (issued.identityId() != null) {
            variables.put("cognito-identity.amazonaws.com:sub", issued.identityId());
        }
        variables.put("aws:userid", issued.username());
        PolicyDocument.Decision decision = policies.get()
                .evaluate(
                        issued.roleArn(),
                        action,
                        resource,
                        new PolicyDocument.RequestContext(variables, conditionKeys));
        if (!decision.isAllowed()) {
            throw S3Error.accessDenied();
        }
    }

    private void dispatch(
            HttpExchange exchange,
            Request request,
            Response response,
            Callback callback,
            String bucket,
            String key,
            Map<String, String> query,
            Caller caller)
            throws IOException {
        String method = exchange.method();
        String bucketArn = "arn:aws:s3:::" + bucket;
        if (key == null) {
            Map<String, String> keys = new LinkedHashMap<>();
            if (query.containsKey("prefix")) {
                keys.put("s3:prefix", query.get("prefix"));
            }
            if (query.containsKey("delimiter")) {
                keys.put("s3:delimiter", query.get("delimiter"));
            }
            if (query.containsKey("max-keys")) {
                keys.put("s3:max-keys", query.get("max-keys"));
            }
            if ("HEAD".equals(method)) {
                authorize(caller, "s3:ListBucket", bucketArn, keys);
                exchange.setHeader("x-amz-bucket-region", region);
                exchange.respond(200, null, new byte[0]);
                return;
            }
            if ("GET".equals(method) && "2".equals(query.get("list-type"))) {
                authorize(caller, "s3:ListBucket", bucketArn, keys);
                list(exchange, bucket, query);
                return;
            }
            throw new S3Error(
                    501,
                    "NotImplemented",
                    "A header or query you provided implies functionality that is"
                            + " not implemented (this local S3 serves ListObjectsV2: list-type=2).");
        }
        if (key.length() > 1024) {
            throw new S3Error(400, "KeyTooLongError", "Your key is too long");
        }
        String objectArn = bucketArn + "/" + key;
        switch (method) {
            case "GET", "HEAD" -> {
                authorize(caller, "s3:GetObject", objectArn, Map.of());
                get(exchange, response, callback, bucket, key, "HEAD".equals(method));
            }
            case "PUT" -> {
                authorize(caller, "s3:PutObject", objectArn, Map.of());
                if (exchange.header("x-amz-copy-source").isPresent()) {
                    throw new S3Error(501, "NotImplemented", "CopyObject is not served by the local S3.");
                }
                if (query.containsKey("uploadId") || query.containsKey("partNumber")) {
                    uploadPart(exchange, request, caller, bucket, key, query);
                } else {
                    put(exchange, request, caller, bucket, key);
                }
            }
            case "DELETE" -> {
                if (query.containsKey("uploadId")) {
                    authorize(caller, "s3:AbortMultipartUpload", objectArn, Map.of());
                    store.upload(bucket, key, query.get("uploadId"));
                    store.removeUpload(bucket, query.get("uploadId"));
                } else {
                    authorize(caller, "s3:DeleteObject", objectArn, Map.of());
                    store.delete(bucket, key);
                }
                exchange.respond(204, null, new byte[0]);
            }
            case "POST" -> {
                authorize(caller, "s3:PutObject", objectArn, Map.of());
                if (query.containsKey("uploads")) {
                    String uploadId = store.createUpload(bucket, key, contentType(exchange), metadata(exchange));
                    xml(
                            exchange,
                            200,
                            "<InitiateMultipartUploadResult xmlns=\"" + XMLNS + "\"><Bucket>"
                                    + escape(bucket) + "</Bucket><Key>" + escape(key) + "</Key><UploadId>" + uploadId
                                    + "</UploadId></InitiateMultipartUploadResult>");
                } else if (query.containsKey("uploadId")) {
                    complete(exchange, bucket, key, query.get("uploadId"));
                } else {
                    throw new S3Error(
                            405, "MethodNotAllowed", "The specified method is not allowed against this" + " resource.");
                }
            }
            default ->
                throw new S3Error(
                        405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
        }
    }

    /** The body as it was signed: plain, or decoded from {@code aws-chunked}. */
    private InputStream body(Request request, Caller caller) {
        InputStream raw = Content.Source.asInputStream(request);
        String hash = caller.signature().payloadHash();
        if (hash.startsWith("STREAMING-")) {
            boolean signed = hash.startsWith("STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
            if (!signed && !hash.startsWith("STREAMING-UNSIGNED-PAYLOAD-TRAILER")) {
                throw new S3Error(400, "InvalidArgument", "x-amz-content-sha256 '" + hash + "' is not supported.");
            }
            return new AwsChunkedInputStream(
                    raw,
                    signed,
                    caller.signature().signingKey(),
                    caller.signature().seedSignature(),
                    caller.signature().amzDate(),
                    caller.signature().scope());
        }
        return raw;
    }

    /** Streams the body to a temporary file; checks the signed payload hash and the decoded length. */
    private String[] receive(HttpExchange exchange, Request request, Caller caller, Path file) throws IOException {
        long declared = exchange.header("x-amz-decoded-content-length")
                .or(() -> exchange.header("Content-Length"))
                .map(Long::parseLong)
                .orElse(-1L);
        if (declared > MAX_OBJECT) {
            throw new S3Error(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size");
        }
        String hash = caller.signature().payloadHash();
        String[] written;
        try (InputStream in = body(request, caller)) {
            written = S3Store.write(in, file, hash.matches("[0-9a-fA-F]{64}"));
        }
        if (hash.matches("[0-9a-fA-F]{64}") && !hash.equalsIgnoreCase(written[2])) {
            throw S3Error.badDigest();
        }
        if (declared >= 0 && Long.parseLong(written[0]) != declared) {
            throw S3Error.incompleteBody();
        }
        return written;
    }

    private void put(HttpExchange exchange, Request request, Caller caller, String bucket, String key)
            throws IOException {
        Path file = store.temporary(bucket);
        try {
            String[] written = receive(exchange, request, caller, file);
            String etag = "\"" + written[1] + "\"";
            store.commit(
                    bucket,
                    file,
                    new S3Store.ObjectInfo(
                            key,
                            Long.parseLong(written[0]),
                            etag,
                            contentType(exchange),
                            clock.instant(),
                            metadata(exchange)));
            exchange.setHeader("ETag", etag);
            exchange.respond(200, null, new byte[0]);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private void uploadPart(
            HttpExchange exchange, Request request, Caller caller, String bucket, String key, Map<String, String> query)
            throws IOException {
        String uploadId = query.getOrDefault("uploadId", "");
        int number;
        try {
            number = Integer.parseInt(query.getOrDefault("partNumber", ""));
        } catch (NumberFormatException e) {
            number = 0;
        }
        if (number < 1 || number > 10_000) {
            throw new S3Error(
                    400, "InvalidArgument", "Part number must be an integer between 1 and 10000," + " inclusive");
        }
        store.upload(bucket, key, uploadId);
        Path file = store.temporary(bucket);
        try {
            String[] written = receive(exchange, request, caller, file);
            store.putPart(bucket, uploadId, number, file, written[1]);
            exchange.setHeader("ETag", "\"" + written[1] + "\"");
            exchange.respond(200, null, new byte[0]);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private void complete(HttpExchange exchange, String bucket, String key, String uploadId) throws IOException {
        S3Store.ObjectInfo upload = store.upload(bucket, key, uploadId);
        String body = new String(exchange.body(), StandardCharsets.UTF_8);
        List<S3Store.Part> parts = new ArrayList<>();
        Matcher m = PART.matcher(body);
        int previous = 0;
        while (m.find()) {
            String etag = m.group(1) != null ? m.group(1) : m.group(4);
            int number = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(3));
            if (number <= previous) {
                throw new S3Error(
                        400,
                        "InvalidPartOrder",
                        "The list of parts was not in ascending order. The parts"
                                + " list must be specified in order by part number.");
            }
            previous = number;
            S3Store.Part part = store.part(bucket, uploadId, number);
            String expected = part == null ? null : part.etag();
            if (part == null || !etag.replace("&quot;", "").replace("\"", "").equals(expected)) {
                throw new S3Error(
                        400,
                        "InvalidPart",
                        "One or more of the specified parts could not be found. The"
                                + " part may not have been uploaded, or the specified entity tag may not match the part's"
                                + " entity tag.");
            }
            parts.add(part);
        }
        if (parts.isEmpty()) {
            throw new S3Error(
                    400,
                    "MalformedXML",
                    "The XML you provided was not well-formed or did not validate" + " against our published schema");
        }
        for (int i = 0; i < parts.size() - 1; i++) {
            if (parts.get(i).size() < MIN_PART) {
                throw new S3Error(
                        400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed" + " size");
            }
        }
        Path file = store.temporary(bucket);
        try {
            java.security.MessageDigest md5s = S3Store.digest("MD5");
            long size = 0;
            try (OutputStream out = Files.newOutputStream(file)) {
                for (S3Store.Part part : parts) {
                    size += Files.copy(part.file(), out);
                    md5s.update(HexFormat.of().parseHex(part.etag()));
                }
            }
            String etag = "\"" + HexFormat.of().formatHex(md5s.digest()) + "-" + parts.size() + "\"";
            store.commit(
                    bucket,
                    file,
                    new S3Store.ObjectInfo(key, size, etag, upload.contentType(), clock.instant(), upload.metadata()));
            store.removeUpload(bucket, uploadId);
            xml(
                    exchange,
                    200,
                    "<CompleteMultipartUploadResult xmlns=\"" + XMLNS + "\"><Location>"
                            + escape(exchange.baseUri() + "/" + bucket + "/" + key) + "</Location><Bucket>"
                            + escape(bucket)
                            + "</Bucket><Key>" + escape(key) + "</Key><ETag>" + escape(etag)
                            + "</ETag></CompleteMultipartUploadResult>");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private void get(
            HttpExchange exchange, Response response, Callback callback, String bucket, String key, boolean head)
            throws IOException {
        S3Store.ObjectInfo info = store.info(bucket, key);
        long from = 0;
        long to = info.size() - 1;
        boolean partial = false;
        String range = exchange.header("Range").orElse(null);
        if (range != null) {
            Matcher m = RANGE.matcher(range.trim());
            if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
                if (m.group(1).isEmpty()) {
                    from = Math.max(0, info.size() - Long.parseLong(m.group(2)));
                } else {
                    from = Long.parseLong(m.group(1));
                    to = m.group(2).isEmpty() ? to : Math.min(to, Long.parseLong(m.group(2)));
                }
                if (from >= info.size() || from > to) {
                    exchange.setHeader("Content-Range", "bytes */" + info.size());
                    throw new S3Error(416, "InvalidRange", "The requested range is not satisfiable");
                }
                partial = true;
            }
        }
        long length = info.size() == 0 ? 0 : to - from + 1;
        response.setStatus(partial ? 206 : 200);
        var headers = response.getHeaders();
        headers.put("ETag", info.etag());
        headers.put("Last-Modified", HTTP_DATE.format(info.lastModified()));
        headers.put("Content-Type", info.contentType());
        headers.put("Accept-Ranges", "bytes");
        headers.put("Content-Length", length);
        if (partial) {
            headers.put("Content-Range", "bytes " + from + "-" + to + "/" + info.size());
        }
        info.metadata().forEach((name, value) -> headers.put("x-amz-meta-" + name, value));
        if (head || length == 0) {
            response.write(true, null, callback);
            return;
        }
        try (InputStream in = Files.newInputStream(store.data(bucket, key));
                OutputStream out = Content.Sink.asOutputStream(response)) {
            in.skipNBytes(from);
            byte[] buffer = new byte[64 * 1024];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        } catch (IOException e) {
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }

    private void list(HttpExchange exchange, String bucket, Map<String, String> query) {
        String prefix = query.getOrDefault("prefix", "");
        String delimiter = query.get("delimiter");
        boolean urlEncoding = "url".equals(query.get("encoding-type"));
        int maxKeys = 1000;
        if (query.containsKey("max-keys")) {
            try {
                maxKeys = Math.max(0, Math.min(1000, Integer.parseInt(query.get("max-keys"))));
            } catch (NumberFormatException e) {
                throw new S3Error(400, "InvalidArgument", "Provided max-keys not an integer or within integer range");
            }
        }
        String token = query.get("continuation-token");
        String after = query.get("start-after");
        if (token != null) {
            try {
                after = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new S3Error(400, "InvalidArgument", "The continuation token provided is incorrect");
            }
        }
        NavigableMap<String, S3Store.ObjectInfo> keys = store.keys(bucket, prefix, after);
        StringBuilder contents = new StringBuilder();
        Set<String> prefixes = new TreeSet<>();
        int count = 0;
        String last = null;
        boolean truncated = false;
        for (S3Store.ObjectInfo info : keys.values()) {
            if (!info.key().startsWith(prefix)) {
                break;
            }
            if (count >= maxKeys) {
                truncated = true;
                break;
            }
            String rest = info.key().substring(prefix.length());
            int cut = delimiter == null || delimiter.isEmpty() ? -1 : rest.indexOf(delimiter);
            if (cut >= 0) {
                String common = prefix + rest.substring(0, cut + delimiter.length());
                if (prefixes.add(common)) {
                    count++;
                }
                last = info.key();
                continue;
            }
            contents.append("<Contents><Key>")
                    .append(encode(info.key(), urlEncoding))
                    .append("</Key><LastModified>")
                    .append(ISO.format(info.lastModified()))
                    .append("</LastModified><ETag>")
                    .append(escape(info.etag()))
                    .append("</ETag><Size>")
                    .append(info.size())
                    .append("</Size><StorageClass>STANDARD</StorageClass></Contents>");
            count++;
            last = info.key();
        }
        StringBuilder xml = new StringBuilder();
        xml.append("<ListBucketResult xmlns=\"")
                .append(XMLNS)
                .append("\"><Name>")
                .append(escape(bucket));
        xml.append("</Name><Prefix>").append(encode(prefix, urlEncoding)).append("</Prefix>");
        if (delimiter != null) {
            xml.append("<Delimiter>").append(encode(delimiter, urlEncoding)).append("</Delimiter>");
        }
        xml.append("<MaxKeys>")
                .append(maxKeys)
                .append("</MaxKeys><KeyCount>")
                .append(count)
                .append("</KeyCount>");
        xml.append("<IsTruncated>").append(truncated).append("</IsTruncated>");
        if (urlEncoding) {
            xml.append("<EncodingType>url</EncodingType>");
        }
        if (token != null) {
            xml.append("<ContinuationToken>").append(escape(token)).append("</ContinuationToken>");
        }
        if (truncated && last != null) {
            xml.append("<NextContinuationToken>")
                    .append(Base64.getUrlEncoder().encodeToString(last.getBytes(StandardCharsets.UTF_8)))
                    .append("</NextContinuationToken>");
        }
        if (query.containsKey("start-after")) {
            xml.append("<StartAfter>")
                    .append(encode(query.get("start-after"), urlEncoding))
                    .append("</StartAfter>");
        }
        xml.append(contents);
        for (String common : prefixes) {
            xml.append("<CommonPrefixes><Prefix>")
                    .append(encode(common, urlEncoding))
                    .append("</Prefix></CommonPrefixes>");
        }
        xml.append("</ListBucketResult>");
        xml(exchange, 200, xml.toString());
    }

    private void preflight(HttpExchange exchange, String origin, boolean allowed) {
        if (!allowed) {
            throw new S3Error(
                    403,
                    "AccessForbidden",
                    "CORSResponse: This CORS request is not allowed. This is"
                            + " usually because the evalution of Origin, request method / Access-Control-Request-Method or"
                            + " Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.");
        }
        exchange.setHeader("Access-Control-Allow-Origin", origin);
        exchange.setHeader("Vary", "Origin");
        exchange.setHeader("Access-Control-Allow-Methods", "GET, PUT, POST, DELETE, HEAD");
        String requested = exchange.header("Access-Control-Request-Headers").orElse("");
        if (requested.matches("[A-Za-z0-9,\\- ]{1,2000}")) {
            exchange.setHeader("Access-Control-Allow-Headers", requested);
        }
        exchange.setHeader(
                "Access-Control-Expose-Headers",
                "ETag,x-amz-request-id,x-amz-id-2,x-amz-version-id,Content-Length,Content-Range");
        exchange.setHeader("Access-Control-Max-Age", "3000");
        exchange.respond(200, null, new byte[0]);
    }

    private static String contentType(HttpExchange exchange) {
        return exchange.header("Content-Type").orElse("binary/octet-stream");
    }

    private static Map<String, String> metadata(HttpExchange exchange) {
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : exchange.headerFields()) {
            String name = field.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith("x-amz-meta-")) {
                metadata.put(name.substring("x-amz-meta-".length()), field.getValue());
            }
        }
        return metadata;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            query.put(decode(name), decode(value));
        }
        return query;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new S3Error(400, "InvalidArgument", "The query string is not correctly encoded.");
        }
    }

    private static String encode(String text, boolean url) {
        if (!url) {
            return escape(text);
        }
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-_.~/".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            }
        }
        return out.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&apos;");
    }

    private static void xml(HttpExchange exchange, int status, String body) {
        exchange.respond(status, "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + body);
    }

    private static void error(HttpExchange exchange, S3Error error, String resource, String requestId) {
        if (exchange.responded()) {
            return;
        }
        if ("HEAD".equals(exchange.method())) {
            exchange.respond(error.status(), null, new byte[0]);
            return;
        }
        xml(
                exchange,
                error.status(),
                "<Error><Code>" + error.code() + "</Code><Message>" + escape(error.getMessage())
                        + "</Message><Resource>" + escape(resource) + "</Resource><RequestId>" + requestId
                        + "</RequestId><HostId>" + requestId + "</HostId></Error>");
    }

    @Override
    public String toString() {
        return "S3Service" + bucketsByPhysical.keySet();
    }
}
