package dev.fieldgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fieldgate.local.bench.PinsLoad;
import dev.fieldgate.local.cognito.TestUsers;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * What the pins sample's subscribers receive, over the real-time endpoint with the sample's own resolver function:
 * a pin's contact address is for its owner and the Admins only, and every caller kind that may listen (guest,
 * signed-in user, the owner, an Admin, an identity-pool user), selecting the address or not, receives new and
 * deleted pins without it. Queries still give it to those who may read it.
 */
class PinsSubscriptionTest {

    private static final String CONTACT = "ann.contact@example.com";
    private static final List<String> LISTENERS = List.of("guest", "user", "owner", "group:Admins", "identityPoolUser");

    private static LocalStack stack;
    private static GraphQlClient http;
    private static URI realtime;
    private static TestUsers.User ann;
    private static TestUsers.User bob;
    private static TestUsers.User admin;
    private static AwsSessionCredentialsIdentity guest;
    private static AwsSessionCredentialsIdentity identityPoolBob;

    private final List<RealtimeClient> open = new ArrayList<>();

    @BeforeAll
    static void start() {
        stack = LocalStack.builder()
                .appConfigFile(PinsLoad.pinsConfig())
                .inMemory()
                .start();
        http = new GraphQlClient(stack.graphqlEndpoint());
        realtime = stack.realtimeEndpoint();
        TestUsers users = new TestUsers(stack.cognito());
        ann = users.create("ann@example.com");
        bob = users.create("bob@example.com");
        admin = users.create("mod@example.com", "Admins");
        guest = users.guest();
        identityPoolBob = users.identityPoolUser(bob);
        stack.functionReady().join();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @AfterEach
    void closeListeners() {
        open.forEach(RealtimeClient::close);
        open.clear();
    }

    /** A started subscription of {@code column}'s caller; its {@code start} answer is checked by the caller. */
    private RealtimeClient listen(String column, String subscription) {
        String data = GraphQlClient.body(subscription, Map.of());
        Map<String, String> connect;
        Map<String, String> start;
        switch (column) {
            case "guest", "identityPoolUser" -> {
                AwsSessionCredentialsIdentity credentials = column.equals("guest") ? guest : identityPoolBob;
                connect = RealtimeClient.signed(realtime, "/graphql/connect", "{}", credentials);
                start = RealtimeClient.signed(realtime, "/graphql", data, credentials);
            }
            default -> {
                TestUsers.User user = column.equals("user") ? bob : column.equals("owner") ? ann : admin;
                connect = RealtimeClient.headers(realtime, "Authorization", user.idToken());
                start = connect;
            }
        }
        RealtimeClient client = RealtimeClient.connect(realtime, connect);
        open.add(client);
        client.init();
        assertThat(client.next().path("type").asText()).isEqualTo("connection_ack");
        client.start(column, subscription, Map.of(), start);
        assertThat(client.next().path("type").asText()).as(column).isEqualTo("start_ack");
        return client;
    }

    /** Every listener kind, once selecting the contact address and once not. */
    private Map<String, RealtimeClient> everyListener(String field) {
        Map<String, RealtimeClient> listeners = new LinkedHashMap<>();
        for (String column : LISTENERS) {
            listeners.put(
                    column + " with the address",
                    listen(column, "subscription { " + field + " { id title owner ownerContact } }"));
            listeners.put(column + " without it", listen(column, "subscription { " + field + " { id title } }"));
        }
        return listeners;
    }

    private static GraphQlClient.Response createPinOfAnn() {
        return http.withToken(
                ann.idToken(),
                "mutation C($in: CreatePinInput!) { createPin(input: $in) { id title owner ownerContact } }",
                Map.of(
                        "in",
                        Map.of(
                                "title",
                                "Ann's pin",
                                "imageUrl",
                                "https://img.example.com/a.jpg",
                                "ownerContact",
                                CONTACT)));
    }

    @Test
    void noListenerReceivesTheContactAddressOfANewPin() {
        Map<String, RealtimeClient> listeners = everyListener("onCreatePin");

        GraphQlClient.Response created = createPinOfAnn();

        assertThat(created.errors().isMissingNode())
                .as(created.body().toString())
                .isTrue();
        String id = created.data().at("/createPin/id").asText();
        // The response feeds the listeners, so it carries the address to no one, Ann included.
        assertThat(created.data().at("/createPin/ownerContact").isNull()).isTrue();
        listeners.forEach((listener, client) -> {
            JsonNode event = client.next();
            assertThat(event.path("type").asText()).as(listener).isEqualTo("data");
            assertThat(event.at("/payload/data/onCreatePin/id").asText())
                    .as(listener)
                    .isEqualTo(id);
            assertThat(event.toString()).as(listener).doesNotContain(CONTACT).doesNotContain("__mutation");
            if (listener.endsWith("with the address")) {
                assertThat(event.at("/payload/data/onCreatePin/ownerContact").isNull())
                        .as(listener)
                        .isTrue();
            }
        });
        // A query still gives the address to whoever may read it.
        GraphQlClient.Response read = http.withToken(
                ann.idToken(), "query G($id: ID!) { getPin(id: $id) { ownerContact } }", Map.of("id", id));
        assertThat(read.data().at("/getPin/ownerContact").asText()).isEqualTo(CONTACT);
    }

    @Test
    void noListenerReceivesTheContactAddressOfAPinAnAdminDeletes() {
        String id = createPinOfAnn().data().at("/createPin/id").asText();
        Map<String, RealtimeClient> listeners = everyListener("onDeletePin");

        GraphQlClient.Response deleted = http.withToken(
                admin.idToken(),
                "mutation D($id: ID!) { deletePin(id: $id) { id title owner ownerContact } }",
                Map.of("id", id));

        assertThat(deleted.errors().isMissingNode())
                .as(deleted.body().toString())
                .isTrue();
        assertThat(deleted.data().at("/deletePin/ownerContact").isNull()).isTrue();
        listeners.forEach((listener, client) -> {
            JsonNode event = client.next();
            assertThat(event.at("/payload/data/onDeletePin/id").asText())
                    .as(listener)
                    .isEqualTo(id);
            assertThat(event.toString()).as(listener).doesNotContain(CONTACT);
        });
    }
}
