package dev.fieldgate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fieldgate.config.AppConfig;
import dev.fieldgate.config.OutputsFile;
import dev.fieldgate.config.StorageOutputs;
import dev.fieldgate.local.cognito.Clients;
import dev.fieldgate.local.cognito.TestUsers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * S3 on the stack's port with the AWS SDK for Java v2, for a bucket declared in fieldgate.json: guests read the public
 * path and cannot write it, each signed-in identity owns its private path, listing is limited to the declared
 * prefixes, presigned URLs work until they expire, forged, skewed and unknown-key requests get S3's errors, and a
 * 20 MB file goes up in parts.
 */
class S3StorageTest {

    static final String STORAGE = """
            {"buckets": [{"name": "files", "paths": {
               "public/*": {"guest": ["read"], "authenticated": ["read", "write", "delete"]},
               "protected/{identity}/*": {"authenticated": ["read"], "owner": ["read", "write", "delete"]},
               "private/{identity}/*": {"owner": ["read", "write", "delete"]}}}],
             "corsOrigins": ["http://localhost:3000"]}""";

    /** The stack's clock, moved on by tests that need time to pass. */
    static final class MovableClock extends Clock {
        volatile Duration offset = Duration.ZERO;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    private static final MovableClock CLOCK = new MovableClock();
    private static LocalStack stack;
    private static String bucket;
    private static AwsSessionCredentialsIdentity guest;
    private static AwsSessionCredentialsIdentity alice;
    private static AwsSessionCredentialsIdentity bob;
    private static String aliceId;
    private static String bobId;

    @TempDir
    static Path state;

    @BeforeAll
    static void start() {
        AppConfig pins = AppConfig.read(Path.of(pinsDirectory(), "fieldgate.json"));
        stack = LocalStack.builder()
                .config(pins.toBuilder().storageJson(STORAGE).build())
                .withoutFunction()
                .stateDirectory(state)
                .clock(CLOCK)
                .start();
        bucket = "pins-local-files";
        TestUsers users = new TestUsers(stack.cognito());
        guest = users.guest();
        TestUsers.User a = users.create("alice@example.com");
        TestUsers.User b = users.create("bob@example.com");
        alice = users.identityPoolUser(a);
        bob = users.identityPoolUser(b);
        aliceId = identityId(a);
        bobId = identityId(b);
    }

    private static String pinsDirectory() {
        return Files.isDirectory(Path.of("samples/pins")) ? "samples/pins" : "../../samples/pins";
    }

    private static String identityId(TestUsers.User user) {
        String login = "cognito-idp." + stack.region() + ".amazonaws.com/"
                + stack.cognito().userPoolId();
        try (var identity = Clients.identity(stack.cognito())) {
            return identity.getId(r -> r.identityPoolId(
                                    stack.cognito().identityPoolId().orElseThrow())
                            .logins(Map.of(login, user.idToken())))
                    .identityId();
        }
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @AfterEach
    void resetClock() {
        CLOCK.offset = Duration.ZERO;
    }

    static S3Client s3(AwsCredentialsProvider credentials) {
        return S3Client.builder()
                .endpointOverride(stack.endpoint())
                .forcePathStyle(true)
                .region(Region.of(stack.region()))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    static S3Client s3(AwsSessionCredentialsIdentity session) {
        return s3(ControlPlaneClients.session(session));
    }

    static S3Exception refused(ThrowableAssert.ThrowingCallable call, int status, String code) {
        S3Exception e = catchThrowableOfType(S3Exception.class, call);
        assertThat(e).as("refused with " + code).isNotNull();
        assertThat(e.statusCode()).isEqualTo(status);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        return e;
    }

    @Test
    void guestsReadThePublicPathAndCannotWriteIt() {
        try (S3Client admin = s3(ControlPlaneClients.admin(stack));
                S3Client asGuest = s3(guest)) {
            admin.putObject(r -> r.bucket(bucket).key("public/welcome.txt"), RequestBody.fromString("hello"));

            assertThat(asGuest.getObjectAsBytes(r -> r.bucket(bucket).key("public/welcome.txt"))
                            .asUtf8String())
                    .isEqualTo("hello");
            refused(
                    () -> asGuest.putObject(
                            r -> r.bucket(bucket).key("public/defaced.txt"), RequestBody.fromString("x")),
                    403,
                    "AccessDenied");
            refused(() -> asGuest.deleteObject(r -> r.bucket(bucket).key("public/welcome.txt")), 403, "AccessDenied");
            assertThat(asGuest.listObjectsV2(r -> r.bucket(bucket).prefix("public/"))
                            .contents())
                    .extracting(S3Object::key)
                    .contains("public/welcome.txt");
        }
    }

    @Test
    void eachIdentityOwnsItsPrivatePath() {
        try (S3Client asAlice = s3(alice);
                S3Client asBob = s3(bob)) {
            String key = "private/" + aliceId + "/notes/first note.txt";
            asAlice.putObject(
                    r -> r.bucket(bucket).key(key).contentType("text/plain").metadata(Map.of("kind", "note")),
                    RequestBody.fromString("alice's"));

            ResponseBytes<GetObjectResponse> read =
                    asAlice.getObjectAsBytes(r -> r.bucket(bucket).key(key));
            assertThat(read.asUtf8String()).isEqualTo("alice's");
            assertThat(read.response().contentType()).isEqualTo("text/plain");
            assertThat(read.response().metadata()).containsEntry("kind", "note");
            assertThat(asAlice.getObjectAsBytes(r -> r.bucket(bucket).key(key).range("bytes=2-4"))
                            .asUtf8String())
                    .isEqualTo("ice");

            S3Exception denied =
                    refused(() -> asBob.getObjectAsBytes(r -> r.bucket(bucket).key(key)), 403, "AccessDenied");
            assertThat(denied.awsErrorDetails().errorMessage()).isEqualTo("Access Denied");
            refused(
                    () -> asBob.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("bob's")),
                    403,
                    "AccessDenied");
            refused(() -> asBob.deleteObject(r -> r.bucket(bucket).key(key)), 403, "AccessDenied");
            // Bob's own private path is his.
            asBob.putObject(r -> r.bucket(bucket).key("private/" + bobId + "/b.txt"), RequestBody.fromString("b"));
            refused(
                    () -> asAlice.getObjectAsBytes(r -> r.bucket(bucket).key("private/" + aliceId + "/missing")),
                    404,
                    "NoSuchKey");

            asAlice.deleteObject(r -> r.bucket(bucket).key(key));
            refused(() -> asAlice.getObjectAsBytes(r -> r.bucket(bucket).key(key)), 404, "NoSuchKey");
        }
    }

    @Test
    void protectedFilesAreReadByEverySignedInUserAndWrittenByTheOwnerOnly() {
        try (S3Client asAlice = s3(alice);
                S3Client asBob = s3(bob);
                S3Client asGuest = s3(guest)) {
            String key = "protected/" + aliceId + "/avatar.png";
            asAlice.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("png"));

            assertThat(asBob.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String())
                    .isEqualTo("png");
            refused(
                    () -> asBob.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("x")),
                    403,
                    "AccessDenied");
            refused(() -> asGuest.getObjectAsBytes(r -> r.bucket(bucket).key(key)), 403, "AccessDenied");
        }
    }

    @Test
    void listingIsLimitedToTheCallersPrefix() {
        String base = "private/" + aliceId + "/listing/";
        try (S3Client asAlice = s3(alice)) {
            asAlice.putObject(r -> r.bucket(bucket).key(base + "a/1.txt"), RequestBody.fromString("1"));
            asAlice.putObject(r -> r.bucket(bucket).key(base + "a/2.txt"), RequestBody.fromString("2"));
            asAlice.putObject(r -> r.bucket(bucket).key(base + "top.txt"), RequestBody.fromString("t"));

            ListObjectsV2Response own =
                    asAlice.listObjectsV2(r -> r.bucket(bucket).prefix(base).delimiter("/"));
            assertThat(own.contents()).extracting(S3Object::key).containsExactly(base + "top.txt");
            assertThat(own.commonPrefixes()).extracting(p -> p.prefix()).containsExactly(base + "a/");

            ListObjectsV2Response paged = asAlice.listObjectsV2(
                    r -> r.bucket(bucket).prefix(base + "a/").maxKeys(1));
            assertThat(paged.isTruncated()).isTrue();
            assertThat(asAlice.listObjectsV2(r -> r.bucket(bucket)
                                    .prefix(base + "a/")
                                    .continuationToken(paged.nextContinuationToken()))
                            .contents())
                    .extracting(S3Object::key)
                    .containsExactly(base + "a/2.txt");

            refused(() -> asAlice.listObjectsV2(r -> r.bucket(bucket).prefix("private/")), 403, "AccessDenied");
            refused(() -> asAlice.listObjectsV2(r -> r.bucket(bucket)), 403, "AccessDenied");
            refused(
                    () -> asAlice.listObjectsV2(r -> r.bucket(bucket).prefix("private/" + bobId + "/")),
                    403,
                    "AccessDenied");
            refused(() -> asAlice.listObjectsV2(r -> r.bucket("pins-local-other")), 404, "NoSuchBucket");
        }
    }

    @Test
    void presignedUrlsWorkUntilTheyExpire() throws Exception {
        String key = "private/" + aliceId + "/shared.txt";
        HttpClient http = HttpClient.newHttpClient();
        try (S3Presigner presigner = S3Presigner.builder()
                .endpointOverride(stack.endpoint())
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder()
                        .pathStyleAccessEnabled(true)
                        .build())
                .region(Region.of(stack.region()))
                .credentialsProvider(ControlPlaneClients.session(alice))
                .build()) {
            URI put = presigner
                    .presignPutObject(r -> r.signatureDuration(Duration.ofMinutes(1))
                            .putObjectRequest(o -> o.bucket(bucket).key(key)))
                    .url()
                    .toURI();
            HttpResponse<String> uploaded = http.send(
                    HttpRequest.newBuilder(put)
                            .PUT(HttpRequest.BodyPublishers.ofString("via url"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(uploaded.statusCode()).isEqualTo(200);

            URI get = presigner
                    .presignGetObject(r -> r.signatureDuration(Duration.ofMinutes(1))
                            .getObjectRequest(o -> o.bucket(bucket).key(key)))
                    .url()
                    .toURI();
            assertThat(http.send(HttpRequest.newBuilder(get).build(), HttpResponse.BodyHandlers.ofString())
                            .body())
                    .isEqualTo("via url");

            // The URL names the key it was signed for: another key under it is a mismatch.
            URI other = URI.create(get.toString().replace("shared.txt", "other.txt"));
            HttpResponse<String> forged =
                    http.send(HttpRequest.newBuilder(other).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(forged.statusCode()).isEqualTo(403);
            assertThat(forged.body()).contains("<Code>SignatureDoesNotMatch</Code>");

            CLOCK.offset = Duration.ofMinutes(2);
            HttpResponse<String> expired =
                    http.send(HttpRequest.newBuilder(get).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(expired.statusCode()).isEqualTo(403);
            assertThat(expired.body())
                    .contains("<Code>AccessDenied</Code>")
                    .contains("<Message>Request has expired</Message>");
        }
    }

    @Test
    void forgedSkewedAndUnknownSignaturesAreRefused() {
        try (S3Client forged = s3(StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(
                                alice.accessKeyId(), "not-the-secret", alice.sessionToken())));
                S3Client unknown = s3(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIAUNKNOWNKEY000000", "secret")));
                S3Client asAlice = s3(alice)) {
            String key = "private/" + aliceId + "/x.txt";
            refused(
                    () -> forged.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("x")),
                    403,
                    "SignatureDoesNotMatch");
            refused(() -> unknown.getObjectAsBytes(r -> r.bucket(bucket).key(key)), 403, "InvalidAccessKeyId");
            CLOCK.offset = Duration.ofMinutes(10);
            refused(() -> asAlice.getObjectAsBytes(r -> r.bucket(bucket).key(key)), 403, "RequestTimeTooSkewed");
        }
    }

    @Test
    void aTwentyMegabyteFileGoesUpInPartsAndComesBackWhole() throws Exception {
        byte[] file = new byte[20 << 20];
        new Random(15).nextBytes(file);
        String key = "private/" + aliceId + "/video.bin";
        try (S3Client asAlice = s3(alice)) {
            String uploadId = asAlice.createMultipartUpload(
                            r -> r.bucket(bucket).key(key))
                    .uploadId();
            List<CompletedPart> parts = new ArrayList<>();
            int partSize = 5 << 20;
            for (int i = 0; i * partSize < file.length; i++) {
                int from = i * partSize;
                int number = i + 1;
                byte[] part = java.util.Arrays.copyOfRange(file, from, Math.min(file.length, from + partSize));
                String etag = asAlice.uploadPart(
                                r -> r.bucket(bucket)
                                        .key(key)
                                        .uploadId(uploadId)
                                        .partNumber(number),
                                RequestBody.fromBytes(part))
                        .eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            String etag = asAlice.completeMultipartUpload(
                            r -> r.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)))
                    .eTag();
            assertThat(etag).endsWith("-4\"");

            byte[] back =
                    asAlice.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
            assertThat(MessageDigest.getInstance("SHA-256").digest(back))
                    .isEqualTo(MessageDigest.getInstance("SHA-256").digest(file));
            assertThat(asAlice.headObject(r -> r.bucket(bucket).key(key)).contentLength())
                    .isEqualTo(file.length);
        }
    }

    @Test
    void virtualHostedStyleAddressesTheBucketByItsHost() {
        // Browsers resolve every name under localhost to the loopback address; the JDK does not, so this client
        // is told to, as a browser would.
        URI endpoint = URI.create("http://localhost:" + stack.endpoint().getPort());
        try (S3Client virtual = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(stack.region()))
                .credentialsProvider(ControlPlaneClients.session(alice))
                .httpClient(ApacheHttpClient.builder()
                        .dnsResolver(host -> host.endsWith(".localhost")
                                ? new InetAddress[] {InetAddress.getLoopbackAddress()}
                                : InetAddress.getAllByName(host))
                        .build())
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build()) {
            String key = "private/" + aliceId + "/virtual/hosted.txt";
            virtual.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("by host"));

            assertThat(virtual.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String())
                    .isEqualTo("by host");
            assertThat(virtual.listObjectsV2(r -> r.bucket(bucket).prefix("private/" + aliceId + "/virtual/"))
                            .contents())
                    .extracting(S3Object::key)
                    .containsExactly(key);
            refused(
                    () -> virtual.getObjectAsBytes(r -> r.bucket(bucket).key("private/" + bobId + "/b.txt")),
                    403,
                    "AccessDenied");
        }
    }

    @Test
    void theOutputsFileHasAmplifysStorageSectionAndTheS3Endpoint() {
        OutputsFile outputs = stack.outputs();
        StorageOutputs storage = outputs.storage().orElseThrow();
        assertThat(storage.bucketName()).isEqualTo(bucket);
        assertThat(storage.awsRegion()).isEqualTo(stack.region());
        StorageOutputs.Bucket files = storage.bucket("files").orElseThrow();
        assertThat(files.bucketName()).isEqualTo(bucket);
        assertThat(files.paths()).containsOnlyKeys("public/*", "protected/{entity_id}/*", "private/{entity_id}/*");
        assertThat(files.paths().get("public/*"))
                .containsEntry("guest", List.of("get", "list"))
                .containsEntry("authenticated", List.of("get", "list", "write", "delete"));
        assertThat(files.paths().get("private/{entity_id}/*")).containsOnlyKeys("entityidentity");
        assertThat(outputs.fieldgate().orElseThrow().endpoint("s3")).contains(stack.endpoint());
    }

    @Test
    void browsersFromTheDeclaredOriginsPassThePreflightAndOthersDoNot() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI object = URI.create(stack.endpoint() + "/" + bucket + "/public/welcome.txt");
        HttpResponse<String> allowed = http.send(
                HttpRequest.newBuilder(object)
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "http://localhost:3000")
                        .header("Access-Control-Request-Method", "PUT")
                        .header("Access-Control-Request-Headers", "authorization,x-amz-date,x-amz-content-sha256")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains("http://localhost:3000");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods").orElseThrow())
                .contains("PUT");
        assertThat(allowed.headers().firstValue("Access-Control-Expose-Headers").orElseThrow())
                .contains("ETag");

        HttpResponse<String> refused = http.send(
                HttpRequest.newBuilder(object)
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "https://elsewhere.example.com")
                        .header("Access-Control-Request-Method", "PUT")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(refused.body()).contains("<Code>AccessForbidden</Code>");
    }

    @Test
    void objectsAreKeptInTheStateDirectoryForTheOwnerOnly() throws IOException {
        try (S3Client asAlice = s3(alice)) {
            asAlice.putObject(
                    r -> r.bucket(bucket).key("private/" + aliceId + "/kept.txt"),
                    RequestBody.fromString("kept", StandardCharsets.UTF_8));
        }
        Path objects = state.resolve("s3").resolve(bucket).resolve("objects");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(objects)))
                .isEqualTo("rwx------");
        try (var files = Files.list(objects)) {
            assertThat(files.toList())
                    .isNotEmpty()
                    .allSatisfy(f -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                            .isEqualTo("rw-------"));
        }
    }
}
