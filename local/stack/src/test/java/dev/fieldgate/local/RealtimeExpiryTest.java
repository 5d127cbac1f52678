package dev.fieldgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import dev.fieldgate.local.cognito.MutableClock;
import dev.fieldgate.local.cognito.TestUsers;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Nothing on a real-time connection outlives its credentials: a subscription whose token or IAM session credentials
 * expired gets an {@code error} and ends, a connection whose handshake credentials expired is closed. The stack's
 * clock is moved past the expiry instead of waiting for it.
 */
class RealtimeExpiryTest {

    private static final String ON_CREATE = "subscription { onCreateNote { id } }";
    /** Past the identity pool's one-hour credentials. */
    private static final Duration PAST_THE_CREDENTIALS = Duration.ofMinutes(61);

    private static final MutableClock CLOCK = new MutableClock();
    private static LocalStack stack;
    private static URI realtime;
    private static Map<String, String> apiKey;
    private static TestUsers.User ann;
    private static AwsSessionCredentialsIdentity guest;

    @BeforeAll
    static void start() {
        stack = NotesStack.builder()
                .clock(CLOCK)
                .keepAliveInterval(Duration.ofMillis(200))
                .start();
        realtime = stack.realtimeEndpoint();
        apiKey = RealtimeClient.headers(realtime, "x-api-key", stack.apiKey().orElseThrow());
        TestUsers users = new TestUsers(stack.cognito());
        ann = users.create("ann@example.com");
        guest = users.guest();
    }

    @BeforeEach
    void now() {
        CLOCK.set(Instant.now());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    /** A second past the token's {@code exp}. */
    private static Instant pastTheExpiryOf(String token) {
        try {
            return SignedJWT.parse(token)
                    .getJWTClaimsSet()
                    .getExpirationTime()
                    .toInstant()
                    .plusSeconds(1);
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static RealtimeClient connected(Map<String, String> headers) {
        RealtimeClient client = RealtimeClient.connect(realtime, headers);
        client.init();
        assertThat(client.next().get("type").asText()).isEqualTo("connection_ack");
        return client;
    }

    private static void started(RealtimeClient client, String id) {
        JsonNode ack = client.next();
        assertThat(ack.toString()).isEqualTo("{\"type\":\"start_ack\",\"id\":\"" + id + "\"}");
    }

    @Test
    void aSubscriptionEndsWhenItsTokenExpires() {
        try (RealtimeClient client = connected(apiKey)) {
            client.start(
                    "as-ann", ON_CREATE, Map.of(), RealtimeClient.headers(realtime, "Authorization", ann.idToken()));
            started(client, "as-ann");
            client.start("with-the-key", ON_CREATE, Map.of(), apiKey);
            started(client, "with-the-key");
            int open = stack.openSubscriptions();

            CLOCK.set(pastTheExpiryOf(ann.idToken()));
            assertThat(client.next().toString())
                    .isEqualTo("{\"type\":\"error\",\"id\":\"as-ann\",\"payload\":{\"errors\":[{\"errorType\":"
                            + "\"UnauthorizedException\",\"message\":\"Token has expired.\",\"errorCode\":401}]}}");
            assertThat(stack.openSubscriptions()).isEqualTo(open - 1);

            // The connection and its API-key subscription stay.
            client.send(Map.of("type", "stop", "id", "with-the-key"));
            assertThat(client.next().toString()).isEqualTo("{\"type\":\"complete\",\"id\":\"with-the-key\"}");
            assertThat(client.closed).isNotDone();
        }
    }

    @Test
    void aSubscriptionEndsWhenItsIamCredentialsExpire() {
        try (RealtimeClient client = connected(apiKey)) {
            String data = GraphQlClient.body(ON_CREATE, Map.of());
            client.send(Map.of(
                    "id",
                    "as-guest",
                    "type",
                    "start",
                    "payload",
                    Map.of(
                            "data",
                            data,
                            "extensions",
                            Map.of("authorization", RealtimeClient.signed(realtime, "/graphql", data, guest)))));
            started(client, "as-guest");

            CLOCK.advance(PAST_THE_CREDENTIALS);
            assertThat(client.next().toString())
                    .isEqualTo("{\"type\":\"error\",\"id\":\"as-guest\",\"payload\":{\"errors\":[{\"errorType\":"
                            + "\"ExpiredTokenException\",\"message\":\"The security token included in the request is "
                            + "expired\",\"errorCode\":403}]}}");
            assertThat(client.closed).isNotDone();
        }
    }

    @Test
    void theConnectionClosesWhenItsHandshakeTokenExpires() throws Exception {
        RealtimeClient client = connected(RealtimeClient.headers(realtime, "Authorization", ann.idToken()));
        client.start("as-ann", ON_CREATE, Map.of(), apiKey);
        started(client, "as-ann");

        CLOCK.set(pastTheExpiryOf(ann.idToken()));
        assertThat(client.closed.get(15, TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(client.closeReason).isEqualTo("Token has expired.");
    }
}
