package dev.fieldgate.verify.internal.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The bucket half of the storage check, through the real S3 client, against an endpoint that answers
 * GetPublicAccessBlock, GetBucketEncryption and GetBucketPolicy with the bodies and error codes S3 returns (the local
 * stack answers no S3 control-plane calls, so these are S3's documented responses, served as S3 serves them).
 */
class StorageCheckBucketsTest {

    static final String BUCKET = "pins-dev-pictures-123456789012";
    static final String ARN = "arn:aws:s3:::" + BUCKET;
    static final String NS = "http://s3.amazonaws.com/doc/2006-03-01/";

    static final String BLOCK_ALL =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PublicAccessBlockConfiguration xmlns=\""
                    + NS + "\"><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls>"
                    + "<BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets>"
                    + "</PublicAccessBlockConfiguration>";
    static final String AES256 =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ServerSideEncryptionConfiguration xmlns=\""
                    + NS + "\"><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm>"
                    + "</ApplyServerSideEncryptionByDefault><BucketKeyEnabled>false</BucketKeyEnabled></Rule>"
                    + "</ServerSideEncryptionConfiguration>";
    static final String TLS_ONLY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyInsecureTransport\","
            + "\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":[\"" + ARN + "\",\"" + ARN
            + "/*\"],\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}";

    record Answer(int status, String contentType, String body) {}

    final Map<String, Answer> answers = new ConcurrentHashMap<>();
    HttpServer server;
    S3Client s3;

    static Answer error(int status, String code, String message) {
        return new Answer(
                status,
                "application/xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                        + "</Message><BucketName>" + BUCKET + "</BucketName><RequestId>4442587FB7D0A2F9</RequestId>"
                        + "<HostId>Uuag1LuByRx9e6j5Onimru9pO4ZVKnJ2Qz7/C1NPcfTWAtRPfTaOFg==</HostId></Error>");
    }

    @BeforeEach
    void start() throws Exception {
        answers.put("publicAccessBlock", new Answer(200, "application/xml", BLOCK_ALL));
        answers.put("encryption", new Answer(200, "application/xml", AES256));
        answers.put("policy", new Answer(200, "application/json", TLS_ONLY));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            String path = exchange.getRequestURI().getPath();
            Answer answer = path.equals("/" + BUCKET) && query != null
                    ? answers.getOrDefault(query.replace("=", ""), error(400, "InvalidRequest", "unexpected"))
                    : error(404, "NoSuchBucket", "The specified bucket does not exist");
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            exchange.getResponseHeaders().add("x-amz-request-id", "4442587FB7D0A2F9");
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        s3 = S3Client.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "s")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @AfterEach
    void stop() {
        s3.close();
        server.stop(0);
    }

    List<String> failures(List<String> warnings) {
        List<String> failures = new ArrayList<>();
        StorageCheck.buckets(s3, BUCKET, ARN, failures, warnings);
        return failures;
    }

    @Test
    void aPrivateEncryptedHttpsOnlyBucketPasses() {
        List<String> warnings = new ArrayList<>();
        assertThat(failures(warnings)).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void eachDriftIsAFailureNamingTheBucket() {
        answers.put(
                "publicAccessBlock",
                new Answer(
                        200,
                        "application/xml",
                        BLOCK_ALL.replace(
                                "<BlockPublicPolicy>true</BlockPublicPolicy>",
                                "<BlockPublicPolicy>false</BlockPublicPolicy>")));
        answers.put(
                "encryption",
                error(
                        404,
                        "ServerSideEncryptionConfigurationNotFoundError",
                        "The server side encryption configuration was not found"));
        answers.put("policy", error(404, "NoSuchBucketPolicy", "The bucket policy does not exist"));

        assertThat(failures(new ArrayList<>()))
                .containsExactly(
                        BUCKET + "'s public access block has BlockPublicPolicy off",
                        BUCKET + " has no default encryption",
                        BUCKET
                                + " accepts requests over plain HTTP: its bucket policy needs a Deny of s3:* to \"*\" on "
                                + ARN + " and " + ARN + "/* when aws:SecureTransport is false");
    }

    @Test
    void noPublicAccessBlockAtAllFails() {
        answers.put(
                "publicAccessBlock",
                error(
                        404,
                        "NoSuchPublicAccessBlockConfiguration",
                        "The public access block configuration was not found"));

        assertThat(failures(new ArrayList<>())).singleElement().asString().contains("has no public access block");
    }

    @Test
    void aMissingBucketFailsOnceAndAnEndpointThatDoesNotImplementACallWarns() {
        answers.put("publicAccessBlock", error(404, "NoSuchBucket", "The specified bucket does not exist"));
        assertThat(failures(new ArrayList<>())).containsExactly(BUCKET + " does not exist");

        answers.put("publicAccessBlock", new Answer(200, "application/xml", BLOCK_ALL));
        answers.put(
                "policy",
                error(
                        501,
                        "NotImplemented",
                        "A header you provided implies functionality that is not" + " implemented"));
        List<String> warnings = new ArrayList<>();
        assertThat(failures(warnings)).isEmpty();
        assertThat(warnings)
                .containsExactly(
                        BUCKET + " (GetBucketPolicy) is not answered by this endpoint (NotImplemented); not compared");
    }

    @Test
    void anyOtherS3ErrorPropagatesForTheGuardToReport() {
        answers.put("encryption", error(403, "AccessDenied", "Access Denied"));

        assertThatThrownBy(() -> failures(new ArrayList<>()))
                .isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(Checks.denied((S3Exception) e)).isTrue());
    }
}
