package dev.fieldgate.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;

/**
 * AppSync's real-time protocol against a scripted endpoint: the handshake and its authorization, per-subscription
 * authorization (IAM signatures checked with the SDK's signer), events, refusals, and the keep-alive watchdog
 * that reconnects and restarts subscriptions. The end-to-end path runs against the local stack.
 */
class SubscriptionTest {

    /** An event's result type. */
    public static final class Pin {
        public String id;
        public String title;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2ln";
    private static final GraphQLOperation<Pin> ON_CREATE =
            GraphQLOperation.subscription("subscription { onCreatePin { id title } }", "onCreatePin", Pin.class);

    private ScriptedRealtime realtime;
    private FieldgateClient client;

    /** Records what a subscription's listener was told. */
    static final class Recorder implements SubscriptionListener<Pin> {
        final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

        @Override
        public void onEvent(GraphQLResponse<Pin> event) {
            events.add(event.data());
        }

        @Override
        public void onStarted() {
            events.add("started");
        }

        @Override
        public void onInterrupted(FieldgateException cause) {
            events.add("interrupted");
        }

        @Override
        public void onError(FieldgateException error) {
            events.add(error);
        }

        @Override
        public void onComplete() {
            events.add("complete");
        }

        Object next() throws InterruptedException {
            Object event = events.poll(10, TimeUnit.SECONDS);
            assertThat(event).as("an event within 10 s").isNotNull();
            return event;
        }
    }

    @BeforeEach
    void start() throws Exception {
        realtime = new ScriptedRealtime();
        client = FieldgateClient.builder()
                .config(FieldgateConfig.builder()
                        .region("us-east-1")
                        .graphqlEndpoint(realtime.graphqlEndpoint())
                        .build())
                .authorizer(AppSyncAuthorizer.userPool(() -> JWT))
                .reconnectPolicy(RetryPolicy.builder()
                        .baseDelay(Duration.ofMillis(10))
                        .maxBackoff(Duration.ofMillis(50))
                        .build())
                .realtimeProbeInterval(Duration.ofMillis(200))
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        realtime.close();
    }

    @Test
    void aSubscriptionHandshakesStartsReceivesEventsAndStops() throws Exception {
        Recorder recorder = new Recorder();
        Subscription subscription = client.subscribe(ON_CREATE, recorder);
        subscription.awaitStarted(Duration.ofSeconds(10));
        assertThat(recorder.next()).isEqualTo("started");

        ScriptedRealtime.Connection connection = realtime.connections().get(0);
        String host = "127.0.0.1:" + realtime.graphqlEndpoint().getPort();
        assertThat(connection.header().get("host").asText()).isEqualTo(host);
        assertThat(connection.header().get("Authorization").asText()).isEqualTo(JWT);
        JsonNode start = realtime.next(connection, "start");
        assertThat(start.get("id").asText()).isEqualTo(subscription.id());
        JsonNode data = JSON.readTree(start.at("/payload/data").asText());
        assertThat(data.get("query").asText()).isEqualTo("subscription { onCreatePin { id title } }");
        assertThat(start.at("/payload/extensions/authorization/Authorization").asText())
                .isEqualTo(JWT);
        assertThat(start.at("/payload/extensions/authorization/host").asText()).isEqualTo(host);

        realtime.publish(subscription.id(), "{\"onCreatePin\":{\"id\":\"p-9\",\"title\":\"Heron\"}}");
        Pin pin = (Pin) recorder.next();
        assertThat(pin.title).isEqualTo("Heron");

        subscription.close();
        assertThat(realtime.next(connection, "stop").get("id").asText()).isEqualTo(subscription.id());
        assertThat(recorder.next()).isEqualTo("complete");
        assertThat(subscription.isActive()).isFalse();
    }

    @Test
    void iamSubscriptionsSignTheConnectAndStartRequestsAsAppSyncExpects() throws Exception {
        AwsSessionCredentials credentials =
                AwsSessionCredentials.create("ASIAEXAMPLEKEY0000002", "secret/value", "token-value");
        AppSyncAuthorizer iam = AppSyncAuthorizer.iam(StaticCredentialsProvider.create(credentials), "us-east-1");
        Subscription subscription = client.subscribe(ON_CREATE, new Recorder(), o -> o.authorizer(iam));
        subscription.awaitStarted(Duration.ofSeconds(10));

        ScriptedRealtime.Connection connection = realtime.connections().get(0);
        URI graphql = realtime.graphqlEndpoint();
        verifySignature(connection.header(), URI.create(graphql + "/connect"), "{}", credentials);
        JsonNode start = realtime.next(connection, "start");
        verifySignature(
                start.at("/payload/extensions/authorization"),
                graphql,
                start.at("/payload/data").asText(),
                credentials);
    }

    @Test
    void aRefusedSubscriptionReportsAppSyncsErrorAndTheOthersCarryOn() throws Exception {
        realtime.answerStarts(start -> start.at("/payload/data").asText().contains("onDeletePin")
                ? json("{\"type\":\"error\",\"id\":\"" + start.get("id").asText() + "\",\"payload\":{\"errors\":"
                        + "[{\"errorType\":\"Unauthorized\",\"message\":\"Not Authorized to access onDeletePin on "
                        + "type Subscription\"}]}}")
                : null);
        Recorder allowed = new Recorder();
        Subscription ok = client.subscribe(ON_CREATE, allowed);
        Recorder denied = new Recorder();
        Subscription refused = client.subscribe(
                GraphQLOperation.subscription("subscription { onDeletePin { id } }", "onDeletePin", Pin.class), denied);

        assertThatThrownBy(() -> refused.awaitStarted(Duration.ofSeconds(10)))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("onDeletePin");
        assertThat(denied.next()).isInstanceOf(NotAuthorizedException.class);
        assertThat(refused.isActive()).isFalse();
        ok.awaitStarted(Duration.ofSeconds(10));
        assertThat(ok.isActive()).isTrue();
    }

    @Test
    void aConnectionTheServerRefusesFailsItsSubscriptionsWithoutRetrying() throws Exception {
        realtime.refuseConnections("[{\"errorType\":\"UnauthorizedException\",\"message\":\"You are not authorized "
                + "to make this call.\",\"errorCode\":401}]");
        Recorder recorder = new Recorder();
        Subscription subscription = client.subscribe(ON_CREATE, recorder);
        assertThatThrownBy(() -> subscription.awaitStarted(Duration.ofSeconds(10)))
                .isInstanceOf(NotAuthenticatedException.class)
                .hasMessageContaining("not authorized");
        assertThat(realtime.connections()).hasSize(1);
    }

    @Test
    void withoutKeepAlivesTheConnectionIsReopenedAndTheSubscriptionRestarted() throws Exception {
        realtime.connectionTimeoutMs(1000);
        Recorder recorder = new Recorder();
        Subscription subscription = client.subscribe(ON_CREATE, recorder);
        assertThat(recorder.next()).isEqualTo("started");
        // No "ka" arrives: after the announced 1 s the client gives the connection up, opens a new one and
        // starts the same subscription on it.
        assertThat(recorder.next()).isEqualTo("interrupted");
        assertThat(recorder.next()).isEqualTo("started");
        assertThat(realtime.connections()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(realtime.next(realtime.connections().get(1), "start")
                        .get("id")
                        .asText())
                .isEqualTo(subscription.id());

        realtime.publish(subscription.id(), "{\"onCreatePin\":{\"id\":\"p-1\",\"title\":\"After\"}}");
        assertThat(((Pin) recorder.next()).title).isEqualTo("After");
    }

    @Test
    void aDroppedConnectionIsReopenedEveryTime() throws Exception {
        // The JDK's WebSocket misses about one drop in fifty (neither onClose nor onError follows); the ping probe
        // must notice those, so thirty drops in a row all end in a restarted subscription.
        Recorder recorder = new Recorder();
        Subscription subscription = client.subscribe(ON_CREATE, recorder);
        assertThat(recorder.next()).isEqualTo("started");
        for (int drop = 1; drop <= 30; drop++) {
            realtime.dropAll();
            assertThat(recorder.next()).as("drop " + drop).isEqualTo("interrupted");
            assertThat(recorder.next()).as("drop " + drop).isEqualTo("started");
        }
        assertThat(subscription.isActive()).isTrue();
        assertThat(realtime.connections()).hasSize(31);
    }

    @Test
    void aQuietConnectionIsProbedWithPingsWhichDoNotStandInForKeepAlives() throws Exception {
        Recorder recorder = new Recorder();
        client.subscribe(ON_CREATE, recorder);
        assertThat(recorder.next()).isEqualTo("started");
        ScriptedRealtime.Connection connection = realtime.connections().get(0);
        assertThat(connection.pings().poll(10, TimeUnit.SECONDS))
                .as("a first ping")
                .isNotNull();
        assertThat(connection.pings().poll(10, TimeUnit.SECONDS))
                .as("a second ping")
                .isNotNull();
        assertThat(realtime.connections())
                .as("answered pings keep the connection")
                .hasSize(1);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Re-signs the request AppSync reconstructs from the authorization object and compares signatures. */
    private static void verifySignature(JsonNode headers, URI uri, String body, AwsSessionCredentials credentials) {
        String authorization = headers.get("Authorization").asText();
        Matcher m = Pattern.compile(".*Credential=[^/]+/\\d{8}/us-east-1/appsync/aws4_request, SignedHeaders=([^,]+),"
                        + " Signature=[0-9a-f]{64}")
                .matcher(authorization);
        assertThat(m.matches()).as(authorization).isTrue();
        assertThat(headers.get("X-Amz-Security-Token").asText()).isEqualTo("token-value");
        for (String required : new String[] {"accept", "content-encoding", "content-type", "host"}) {
            assertThat(m.group(1).split(";")).contains(required);
        }
        SdkHttpRequest.Builder rebuilt =
                SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri);
        for (String name : m.group(1).split(";", -1)) {
            if (!name.equals("x-amz-date") && !name.equals("x-amz-security-token") && !name.equals("host")) {
                rebuilt.putHeader(name, headers.get(name).asText());
            }
        }
        Instant signedAt = LocalDateTime.parse(
                        headers.get("X-Amz-Date").asText(), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
                .toInstant(ZoneOffset.UTC);
        String expected = AwsV4HttpSigner.create()
                .sign(r -> r.identity(credentials)
                        .request(rebuilt.build())
                        .payload(ContentStreamProvider.fromUtf8String(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "appsync")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
                .request()
                .firstMatchingHeader("Authorization")
                .orElseThrow();
        assertThat(authorization).isEqualTo(expected);
        assertThat(Map.of()).isEmpty();
    }
}
