package dev.fieldgate.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.fieldgate.local.LocalStack;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The storage check against the local stack's IAM: the roles' S3 statements are read as on AWS and compared with what
 * the pins sample's storage section derives. The local stack's own S3 has no bucket settings, so the bucket half reads
 * S3's documented answers from an endpoint that serves them; the outputs file names it, as Terraform's would.
 */
class StorageDriftOnTheStackTest {

    /** The local stack's bucket for the pins sample's declared {@code pictures}. */
    static final String BUCKET = "pins-local-pictures";

    static final String ARN = "arn:aws:s3:::" + BUCKET;
    static final String SUB = "${cognito-identity.amazonaws.com:sub}";

    private static LocalStack stack;
    private static HttpServer s3;
    private static IamClient iam;
    private static String outputs;
    private static String authenticatedRole;

    @BeforeAll
    static void start() throws Exception {
        stack = PinsStack.start();
        s3 = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s3.createContext("/" + BUCKET, exchange -> {
            String query =
                    String.valueOf(exchange.getRequestURI().getRawQuery()).replace("=", "");
            String body = switch (query) {
                case "publicAccessBlock" ->
                    "<PublicAccessBlockConfiguration xmlns=\"http://s3.amazonaws.com/doc/"
                            + "2006-03-01/\"><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true"
                            + "</IgnorePublicAcls><BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true"
                            + "</RestrictPublicBuckets></PublicAccessBlockConfiguration>";
                case "encryption" ->
                    "<ServerSideEncryptionConfiguration xmlns=\"http://s3.amazonaws.com/doc/"
                            + "2006-03-01/\"><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm>"
                            + "</ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>";
                default ->
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\","
                            + "\"Action\":\"s3:*\",\"Resource\":[\"" + ARN + "\",\"" + ARN + "/*\"],\"Condition\":"
                            + "{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}";
            };
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders()
                    .add("Content-Type", query.equals("policy") ? "application/json" : "application/xml");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        s3.start();
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(stack.outputs().toJson());
        ObjectNode fieldgate = (ObjectNode) root.path("custom").path("fieldgate");
        ((ObjectNode) fieldgate.path("endpoints"))
                .put(
                        "s3",
                        "http://" + s3.getAddress().getAddress().getHostAddress() + ":"
                                + s3.getAddress().getPort());
        ObjectNode storage = root.putObject("storage");
        storage.put("aws_region", stack.region()).put("bucket_name", BUCKET);
        storage.putArray("buckets")
                .addObject()
                .put("name", "pictures")
                .put("bucket_name", BUCKET)
                .put("aws_region", stack.region());
        outputs = json.writeValueAsString(root);
        authenticatedRole = roleName(fieldgate.path("authenticated_role_arn").asText());
        iam = IamClient.builder()
                .endpointOverride(stack.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(PinsStack.admin(stack))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @AfterAll
    static void stop() {
        iam.close();
        s3.stop(0);
        stack.close();
    }

    static String roleName(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    static CheckResult storageCheck() {
        VerificationReport report = PinsStack.verifier(stack)
                .outputsJson(outputs)
                .guestCall(false)
                .build()
                .verify();
        return report.check("storage").orElseThrow();
    }

    @Test
    void theRolesGrantsAsDeclaredThenWidenedByHand() {
        // The local stack gives each role the policy module's statements, as Terraform's storage module does; the
        // bucket half reads S3's answers from the endpoint the outputs file names.
        CheckResult deployed = storageCheck();
        assertThat(deployed.status()).as(deployed.details().toString()).isEqualTo(CheckStatus.PASS);
        assertThat(deployed.summary())
                .startsWith("1 of 1 declared bucket(s) checked; guest role ")
                .endsWith("; authenticated role 15 S3 grant(s)");

        // A hand-made change that lets every signed-in user write anyone's private files.
        iam.putRolePolicy(r -> r.roleName(authenticatedRole)
                .policyName("hand-added-uploads")
                .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                        + "\"s3:PutObject\",\"Resource\":\"" + ARN + "/private/*\"}]}"));
        CheckResult widened = storageCheck();
        assertThat(widened.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(widened.details())
                .containsExactly("authenticated role: extra grant s3:putobject on " + ARN + "/private/* (inline"
                        + " policy hand-added-uploads): the storage declaration does not give it to the authenticated"
                        + " role");
    }
}
