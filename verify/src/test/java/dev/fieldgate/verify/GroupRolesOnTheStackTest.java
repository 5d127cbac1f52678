package dev.fieldgate.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldgate.local.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * A user-pool group's role, as verify reads it from the local stack's IAM and identity pool: the pins sample with a
 * {@code moderation/*} path its Admins write. The group's role must hold the authenticated role's AppSync grants and
 * exactly the S3 statements the policy module derives for it, and the pool must map roles from the token.
 */
class GroupRolesOnTheStackTest {

    @TempDir
    static Path dir;

    private static LocalStack stack;
    private static Path config;

    @BeforeAll
    static void start() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(Files.readString(PinsStack.APP_CONFIG));
        ((ObjectNode) root.path("storage").path("buckets").get(0).path("paths"))
                .putObject("moderation/*")
                .putObject("groups")
                .putArray("Admins")
                .add("read")
                .add("write")
                .add("delete");
        root.put("schema", PinsStack.SCHEMA.toAbsolutePath().toString());
        ((ObjectNode) root.path("function"))
                .put("artifact", PinsStack.FUNCTION_JAR.toAbsolutePath().toString());
        config = dir.resolve("fieldgate.json");
        Files.writeString(config, json.writeValueAsString(root));
        stack = LocalStack.builder()
                .appConfigFile(config)
                .inMemory()
                .port(0)
                .withoutFunction()
                .start();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static VerificationReport verify() {
        return EnvironmentVerifier.builder()
                .outputsJson(stack.outputs().toJson())
                .schemaFile(PinsStack.SCHEMA)
                .appConfigFile(config)
                .credentialsProvider(PinsStack.admin(stack))
                .guestCall(false)
                .build()
                .verify();
    }

    @Test
    void theGroupsRoleIsComparedWithWhatTheDeclarationDerivesThenWidenedByHand() {
        VerificationReport report = verify();
        CheckResult grants = report.check("role-grants").orElseThrow();
        assertThat(grants.status()).as(grants.details().toString()).isEqualTo(CheckStatus.PASS);
        assertThat(grants.summary()).contains("group:Admins ");
        CheckResult pool = report.check("identity-pool-roles").orElseThrow();
        assertThat(pool.status()).as(pool.details().toString()).isEqualTo(CheckStatus.PASS);
        CheckResult storage = report.check("storage").orElseThrow();
        assertThat(storage.details()).noneMatch(d -> d.contains("group:Admins"));
        assertThat(storage.summary()).contains("group:Admins role ");

        try (IamClient iam = IamClient.builder()
                .endpointOverride(stack.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(PinsStack.admin(stack))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            iam.putRolePolicy(r -> r.roleName("pins-group-Admins")
                    .policyName("hand-added")
                    .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                            + "\"s3:DeleteObject\",\"Resource\":\"arn:aws:s3:::pins-local-pictures/private/*\"}]}"));
        }
        CheckResult widened = verify().check("storage").orElseThrow();
        assertThat(widened.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(widened.details())
                .anyMatch(d -> d.startsWith("group:Admins role: extra grant s3:deleteobject on"
                        + " arn:aws:s3:::pins-local-pictures/private/*"));
    }
}
