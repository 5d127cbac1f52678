package dev.fieldgate.resolvers;

import static dev.fieldgate.resolvers.Fixtures.ALICE;
import static dev.fieldgate.resolvers.Fixtures.BOB;
import static dev.fieldgate.resolvers.Fixtures.bytes;
import static dev.fieldgate.resolvers.Fixtures.event;
import static dev.fieldgate.testing.Callers.iamGuest;
import static dev.fieldgate.testing.Callers.userPool;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What reaches the log: the failure's details and request id, and never the caller's tokens, keys or claims. The
 * test logger (slf4j-simple, debug level for Fieldgate) writes to {@code System.err}, captured here.
 */
class LoggingTest {

    @Test
    void failuresDenialsAndBadEventsAreLoggedWithoutCredentials() {
        AppSyncResolver resolver = AppSyncResolver.builder()
                .manifest(Fixtures.pins())
                .include(Router.create()
                        .query("getPin", ctx -> {
                            throw new IllegalStateException("the store refused the connection");
                        })
                        .mutation("deletePin", ctx -> null))
                .build();
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        String log;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            resolver.handle(
                    Fixtures.resource("events/user-pool-no-groups.json"), new RouterTest.TestContext("req-log-1"));
            resolver.handle(Fixtures.resource("events/iam-guest.json"), null);
            resolver.handle(bytes(event("Mutation", "deletePin", iamGuest(), Map.of("id", "p"), null)), null);
            resolver.handle(
                    bytes(event("Mutation", "createPin", userPool(ALICE), Map.of("input", Map.of("owner", BOB)), null)),
                    null);
            byte[] broken = Fixtures.resource("events/api-key.json");
            resolver.handle(
                    new String(broken, StandardCharsets.UTF_8)
                            .replace("\"info\"", "\"inf\"")
                            .getBytes(StandardCharsets.UTF_8),
                    null);
            resolver.handle("{\"authorization\": \"SECRET-IN-BROKEN-JSON\"".getBytes(StandardCharsets.UTF_8), null);
        } finally {
            System.setErr(original);
            log = captured.toString(StandardCharsets.UTF_8);
        }

        assertThat(log)
                .contains("Query.getPin failed (request req-log-1)")
                .contains("java.lang.IllegalStateException: the store refused the connection")
                .contains("Mutation.deletePin denied for Principal[IAM_GUEST")
                .contains("Mutation.createPin refused for Principal[USER_POOL sub=sub-alice]")
                .contains("The event has no info")
                .contains("The event is not valid JSON");
        assertThat(log)
                .doesNotContain("SECRET")
                .doesNotContain("eyJ")
                .doesNotContain("@example.com")
                .doesNotContain("da2-");
    }
}
