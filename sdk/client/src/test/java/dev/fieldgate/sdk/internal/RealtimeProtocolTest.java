package dev.fieldgate.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.sdk.AuthMode;
import dev.fieldgate.sdk.GraphQLError;
import dev.fieldgate.sdk.NotAuthenticatedException;
import dev.fieldgate.sdk.RetryPolicy;
import dev.fieldgate.sdk.ServiceException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real-time protocol's messages and the reconnect policy, without a connection. */
class RealtimeProtocolTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final RealtimeProtocol protocol = new RealtimeProtocol(JSON);

    @Test
    void startAndStopMessagesHaveAppSyncsShape() {
        Map<String, String> auth = new LinkedHashMap<>();
        auth.put("host", "example.appsync-api.us-east-1.amazonaws.com");
        auth.put("Authorization", "jwt");
        assertThat(protocol.start("s-1", "{\"query\":\"subscription { a }\"}", auth))
                .isEqualTo("{\"id\":\"s-1\","
                        + "\"type\":\"start\",\"payload\":{\"data\":\"{\\\"query\\\":\\\"subscription { a }\\\"}\","
                        + "\"extensions\":{\"authorization\":{\"host\":\"example.appsync-api.us-east-1.amazonaws.com\","
                        + "\"Authorization\":\"jwt\"}}}}");
        assertThat(protocol.stop("s-1")).isEqualTo("{\"type\":\"stop\",\"id\":\"s-1\"}");
    }

    @Test
    void incomingMessagesAreParsedAndTextThatIsNotJsonIsNot() {
        RealtimeProtocol.Message ack =
                protocol.parse("{\"type\":\"connection_ack\",\"payload\":" + "{\"connectionTimeoutMs\":300000}}");
        assertThat(ack.type()).isEqualTo("connection_ack");
        assertThat(ack.id()).isNull();
        assertThat(RealtimeProtocol.keepAliveTimeoutMs(ack.payload())).isEqualTo(300_000);
        RealtimeProtocol.Message ka = protocol.parse("{\"type\":\"ka\"}");
        assertThat(ka.payload().isMissingNode()).isTrue();
        assertThat(RealtimeProtocol.keepAliveTimeoutMs(ka.payload())).isEqualTo(300_000);
        assertThat(protocol.parse("{\"id\":\"s-1\",\"type\":\"data\",\"payload\":{}}")
                        .id())
                .isEqualTo("s-1");
        assertThat(protocol.parse("{\"payload\":{}}").type()).isEmpty();
        assertThat(protocol.parse("not json {")).isNull();
    }

    @Test
    void refusedConnectionsAreNotAuthenticatedOnlyForAuthorizationErrors() {
        List<GraphQLError> unauthorized = List.of(new GraphQLError(
                "You are not authorized to make this call.",
                "UnauthorizedException",
                List.of(),
                List.of(),
                null,
                null));
        assertThat(RealtimeProtocol.connectionError(unauthorized, AuthMode.AMAZON_COGNITO_USER_POOLS))
                .isInstanceOf(NotAuthenticatedException.class)
                .hasMessageContaining("not authorized");
        List<GraphQLError> limit = List.of(
                new GraphQLError("Too many connections.", "LimitExceededError", List.of(), List.of(), null, null));
        assertThat(RealtimeProtocol.connectionError(limit, AuthMode.AWS_IAM))
                .isInstanceOf(ServiceException.class)
                .hasMessageContaining("Too many connections. (LimitExceededError)");
        assertThat(RealtimeProtocol.connectionError(List.of(), AuthMode.AWS_IAM))
                .hasMessageContaining("no reason given");
        assertThat(RealtimeProtocol.subscriptionError(List.of(), AuthMode.AWS_IAM))
                .isInstanceOf(ServiceException.class)
                .hasMessageContaining("without saying why");
    }

    @Test
    void theHostIsNamedWithItsPortOnlyWhenThePortIsNotTheSchemesDefault() {
        assertThat(RealtimeAuthorization.hostOf(URI.create("https://api.example.com/graphql")))
                .isEqualTo("api.example.com");
        assertThat(RealtimeAuthorization.hostOf(URI.create("https://api.example.com:443/graphql")))
                .isEqualTo("api.example.com");
        assertThat(RealtimeAuthorization.hostOf(URI.create("http://127.0.0.1:4000/graphql")))
                .isEqualTo("127.0.0.1:4000");
    }

    @Test
    void reconnectsStopAfterTheMaximumUntilAnAckResetsTheCount() {
        Reconnects reconnects = new Reconnects(
                RetryPolicy.builder()
                        .baseDelay(Duration.ofMillis(10))
                        .maxBackoff(Duration.ofMillis(50))
                        .build(),
                2);
        assertThat(reconnects.next()).isPresent();
        assertThat(reconnects.next()).isPresent();
        assertThat(reconnects.attempts()).isEqualTo(2);
        assertThat(reconnects.next()).isEmpty();
        reconnects.reset();
        assertThat(reconnects.next()).isPresent();
        assertThat(reconnects.attempts()).isEqualTo(1);
    }
}
