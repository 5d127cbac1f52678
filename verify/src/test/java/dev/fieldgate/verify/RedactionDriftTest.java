package dev.fieldgate.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.local.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.appsync.AppSyncClient;

/**
 * Without the resolver of a redacted field, a mutation's response carries the field to every listener: the
 * subscriptions check says which field, which mutation and which subscription. Its own stack, since the plant also
 * changes what the resolvers check counts.
 */
class RedactionDriftTest {

    private static LocalStack stack;
    private static AppSyncClient appSync;

    @BeforeAll
    static void start() {
        stack = PinsStack.start();
        appSync = AppSyncClient.builder()
                .endpointOverride(stack.endpoint())
                .region(Region.of(stack.region()))
                .credentialsProvider(PinsStack.admin(stack))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @AfterAll
    static void stop() {
        appSync.close();
        stack.close();
    }

    @Test
    void aRedactedFieldWithoutItsResolverIsReportedAsALeak() {
        appSync.deleteResolver(r -> r.apiId(stack.apiId()).typeName("Pin").fieldName("ownerContact"));

        VerificationReport report =
                PinsStack.verifier(stack).guestCall(false).build().verify();

        CheckResult subscriptions = report.check("subscriptions").orElseThrow();
        assertThat(subscriptions.status()).as(report.toTable()).isEqualTo(CheckStatus.FAIL);
        assertThat(subscriptions.details())
                .contains("Pin.ownerContact: expected a resolver that answers it null in createPin's response, "
                        + "deployed none; createPin's response would carry Pin.ownerContact to every listener of "
                        + "onCreatePin")
                .hasSize(2);
        assertThat(report.passed()).isFalse();
    }
}
