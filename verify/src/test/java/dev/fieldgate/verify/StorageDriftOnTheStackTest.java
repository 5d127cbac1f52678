package dev.fieldgate.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.fieldgate.config.AppConfig;
import dev.fieldgate.local.LocalStack;
import dev.fieldgate.policy.StoragePolicy;
import dev.fieldgate.policy.StorageRole;
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
 * The storage check against the local stack's IAM: the roles' S3 statements are read with ListRolePolicies and
 * GetRolePolicy as on AWS, and compared with what the pins sample's storage section derives. The local stack answers
 * no S3 control-plane calls yet, so the bucket half reads S3's documented answers from an endpoint that serves them;
 * the outputs file names it, and the bucket, as Terraform's would.
 */
class StorageDriftOnTheStackTest {

    static final String BUCKET = "pins-local-pictures-000000000000";
    static final String ARN = "arn:aws:s3:::" + BUCKET;
    static final String SUB = "${cognito-identity.amazonaws.com:sub}";

    private static LocalStack stack;
    private static HttpServer s3;
    private static IamClient iam;
    private static String outputs;
    private static String guestRole;
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
        guestRole = roleName(fieldgate.path("guest_role_arn").asText());
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
    void rolesWithoutTheirGrantsThenWithThemThenWidened() {
        StoragePolicy declared = StoragePolicy.parse(
                AppConfig.read(PinsStack.APP_CONFIG).storageJson().orElseThrow());

        // Nothing attached yet: every declared grant is missing.
        CheckResult bare = storageCheck();
        assertThat(bare.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(bare.details())
                .contains("guest role: missing grant s3:GetObject on " + ARN + "/public/*")
                .contains("authenticated role: missing grant s3:PutObject on " + ARN + "/private/" + SUB + "/*");

        // What Terraform's storage module attaches: the policy module's documents, one inline policy per role.
        for (StorageRole role : StorageRole.values()) {
            String document = declared.iamPolicyJson(role, name -> ARN).orElseThrow();
            String name = role == StorageRole.GUEST ? guestRole : authenticatedRole;
            iam.putRolePolicy(
                    r -> r.roleName(name).policyName("pins-local-storage").policyDocument(document));
        }
        CheckResult deployed = storageCheck();
        assertThat(deployed.status()).as(deployed.details().toString()).isEqualTo(CheckStatus.PASS);
        assertThat(deployed.summary()).contains("1 of 1 declared bucket(s) checked");

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
