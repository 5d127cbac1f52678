package dev.fieldgate.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.local.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.appsync.AppSyncClient;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Drift planted with the AWS SDK's own control-plane clients, as someone would make it by hand on AWS; each is
 * reported by the check that owns it. The plants touch different checks, so the tests do not depend on their order.
 */
class PlantedDriftTest {

    private static LocalStack stack;
    private static String guestRoleName;
    private static AppSyncClient appSync;
    private static IamClient iam;

    @BeforeAll
    static void start() throws Exception {
        stack = PinsStack.start();
        JsonNode outputs = new ObjectMapper().readTree(stack.outputs().toJson());
        String guestRoleArn =
                outputs.path("custom").path("fieldgate").path("guest_role_arn").asText();
        guestRoleName = guestRoleArn.substring(guestRoleArn.lastIndexOf('/') + 1);
        appSync = AppSyncClient.builder()
                .endpointOverride(stack.endpoint())
                .region(Region.of(stack.region()))
                .credentialsProvider(PinsStack.admin(stack))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        iam = IamClient.builder()
                .endpointOverride(stack.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(PinsStack.admin(stack))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @AfterAll
    static void stop() {
        appSync.close();
        iam.close();
        stack.close();
    }

    @Test
    void aDeletedResolverIsReportedMissing() {
        appSync.deleteResolver(r -> r.apiId(stack.apiId()).typeName("Mutation").fieldName("updateProfile"));

        VerificationReport report =
                PinsStack.verifier(stack).guestCall(false).build().verify();

        CheckResult resolvers = report.check("resolvers").orElseThrow();
        assertThat(resolvers.status()).as(report.toTable()).isEqualTo(CheckStatus.FAIL);
        assertThat(resolvers.details())
                .anyMatch(d -> d.startsWith("Mutation.updateProfile: expected a Direct Lambda " + "resolver")
                        && d.endsWith("deployed none"));
        assertThat(resolvers.summary()).startsWith("11 of 12 resolvers");
        assertThat(report.passed()).isFalse();
    }

    @Test
    void anExtraGrantOnTheGuestRoleIsReportedWithItsArn() {
        String extra = stack.apiArn() + "/types/Pin/fields/ownerContact";
        iam.putRolePolicy(
                r -> r.roleName(guestRoleName).policyName("hand-added-contact").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"appsync:GraphQL","Resource":"%s"}]}
                """.formatted(extra)));

        VerificationReport report =
                PinsStack.verifier(stack).guestCall(false).build().verify();

        CheckResult grants = report.check("role-grants").orElseThrow();
        assertThat(grants.status()).as(report.toTable()).isEqualTo(CheckStatus.FAIL);
        assertThat(grants.details())
                .anyMatch(d -> d.startsWith("guest role: extra grant " + extra) && d.contains("hand-added-contact"));
    }

    @Test
    void aWideningWildcardOnTheGuestRoleIsReported() {
        String wildcard = stack.apiArn() + "/types/Profile/*";
        iam.putRolePolicy(r ->
                r.roleName(guestRoleName).policyName("hand-added-wildcard").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["appsync:*"],"Resource":["%s"]}}
                """.formatted(wildcard)));

        VerificationReport report =
                PinsStack.verifier(stack).guestCall(false).build().verify();

        assertThat(report.check("role-grants").orElseThrow().details())
                .anyMatch(d -> d.startsWith("guest role: wildcard " + wildcard)
                        && d.contains("widens the grant")
                        && d.contains("fields the schema does not have"));
    }
}
