package dev.fieldgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fieldgate.local.bench.PinsLoad;
import dev.fieldgate.local.cognito.TestUsers;
import dev.fieldgate.local.core.LocalAdminCredentials;
import dev.fieldgate.policy.AccessMatrix;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The pins sample as it ships — {@code samples/pins/fieldgate.json}, its schema, and its resolver function jar run
 * through the Lambda handler string (Spring Cloud Function's {@code FunctionInvoker}) — on one local stack shared by
 * every test here, exercised over HTTP and the real-time endpoint by each kind of caller: anonymous, an identity-pool
 * guest (SigV4), user A (the owner), user B, an Admin, and user B through the identity pool (SigV4, authenticated
 * role). What the callers observe must be the policy's access matrix, cell for cell; effects are checked in
 * DynamoDB.
 */
class PinsAppTest {

    private static final String IMAGE = "https://img.example.com/p.jpg";

    private static LocalStack stack;
    private static GraphQlClient http;
    private static DynamoDbClient dynamo;
    private static TestUsers.User userA;
    private static TestUsers.User userB;
    private static TestUsers.User admin;
    private static AwsSessionCredentialsIdentity guest;
    private static AwsSessionCredentialsIdentity identityPoolB;

    @BeforeAll
    static void start() {
        stack = LocalStack.builder()
                .appConfigFile(PinsLoad.pinsConfig())
                .inMemory()
                .start();
        http = new GraphQlClient(stack.graphqlEndpoint());
        TestUsers users = new TestUsers(stack.cognito());
        userA = users.create("ann@example.com");
        userB = users.create("bob@example.com");
        admin = users.create("mod@example.com", "Admins");
        guest = users.guest();
        identityPoolB = users.identityPoolUser(userB);
        LocalAdminCredentials key = stack.adminCredentials();
        dynamo = DynamoDbClient.builder()
                .endpointOverride(stack.dynamoDbEndpoint())
                .region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))
                .build();
        stack.functionReady().join();
    }

    @AfterAll
    static void stop() {
        if (dynamo != null) {
            dynamo.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    // ------------------------------------------------------------------------------------------ callers

    /** The access matrix's columns, each a real caller. */
    private static GraphQlClient.Response call(String column, String query, Map<String, ?> variables) {
        return switch (column) {
            case "anonymous" -> http.send(Map.of(), GraphQlClient.body(query, variables));
            case "guest" -> http.signed(guest, "us-east-1", query, variables);
            case "user" -> http.withToken(userB.idToken(), query, variables);
            case "owner" -> http.withToken(userA.idToken(), query, variables);
            case "group:Admins" -> http.withToken(admin.idToken(), query, variables);
            case "identityPoolUser" -> http.signed(identityPoolB, "us-east-1", query, variables);
            default -> throw new IllegalArgumentException(column);
        };
    }

    /** The real-time handshake and a subscription's own credentials for a column. */
    private static boolean canSubscribe(String column, String subscription) {
        URI realtime = stack.realtimeEndpoint();
        String data = GraphQlClient.body(subscription, Map.of());
        Map<String, String> connect;
        Map<String, String> start;
        switch (column) {
            case "anonymous" -> {
                connect = Map.of("host", realtime.getAuthority());
                start = connect;
            }
            case "guest", "identityPoolUser" -> {
                AwsSessionCredentialsIdentity creds = column.equals("guest") ? guest : identityPoolB;
                connect = RealtimeClient.signed(realtime, "/graphql/connect", "{}", creds);
                start = RealtimeClient.signed(realtime, "/graphql", data, creds);
            }
            default -> {
                TestUsers.User user = column.equals("user") ? userB : column.equals("owner") ? userA : admin;
                connect = RealtimeClient.headers(realtime, "Authorization", user.idToken());
                start = connect;
            }
        }
        try (RealtimeClient client = RealtimeClient.connect(realtime, connect)) {
            try {
                client.init();
            } catch (java.util.concurrent.CompletionException closed) {
                // A refused handshake: the endpoint sent connection_error and closed before connection_init.
            }
            JsonNode first = client.next();
            if (!first.path("type").asText().equals("connection_ack")) {
                assertThat(first.path("type").asText()).isEqualTo("connection_error");
                return false;
            }
            client.send(Map.of(
                    "id",
                    "s",
                    "type",
                    "start",
                    "payload",
                    Map.of("data", data, "extensions", Map.of("authorization", start))));
            JsonNode answer = client.next();
            if (answer.path("type").asText().equals("start_ack")) {
                client.send(Map.of("type", "stop", "id", "s"));
                assertThat(client.next().path("type").asText()).isEqualTo("complete");
                return true;
            }
            assertThat(answer.path("type").asText()).isEqualTo("error");
            return false;
        }
    }

    private static boolean ok(GraphQlClient.Response response) {
        return response.status() == 200 && response.errors().isMissingNode();
    }

    // ------------------------------------------------------------------------------------------ the store

    private static Map<String, AttributeValue> storedPin(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(stack.tableName("Pin"))
                        .consistentRead(true)
                        .key(Map.of("id", AttributeValue.fromS(id))))
                .item();
        return item == null || item.isEmpty() ? null : item;
    }

    private static Map<String, AttributeValue> storedProfile(String owner) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(stack.tableName("Profile"))
                        .consistentRead(true)
                        .key(Map.of("owner", AttributeValue.fromS(owner))))
                .item();
        return item == null || item.isEmpty() ? null : item;
    }

    private static String text(Map<String, AttributeValue> item, String attribute) {
        return item == null || item.get(attribute) == null
                ? null
                : item.get(attribute).s();
    }

    /** A new pin of user A's, with a contact address and a description. */
    private static String pinOfA() {
        GraphQlClient.Response created = http.withToken(
                userA.idToken(),
                "mutation C($in: CreatePinInput!) " + "{ createPin(input: $in) { id } }",
                Map.of(
                        "in",
                        Map.of(
                                "title",
                                "A's pin",
                                "description",
                                "d",
                                "imageUrl",
                                IMAGE,
                                "ownerContact",
                                "ann@example.com")));
        assertThat(ok(created)).as(created.body().toString()).isTrue();
        return created.data().at("/createPin/id").asText();
    }

    /** User A's profile, created once and reset to a known display name. */
    private static void profileOfA(String displayName) {
        String mutation = storedProfile(userA.sub()) == null ? "createProfile" : "updateProfile";
        GraphQlClient.Response saved = http.withToken(
                userA.idToken(),
                "mutation S($in: SaveProfileInput!) { " + mutation + "(input: $in) { owner } }",
                Map.of("in", Map.of("displayName", displayName, "avatarUrl", "https://img.example.com/ann.png")));
        assertThat(ok(saved)).as(saved.body().toString()).isTrue();
    }

    // ------------------------------------------------------------------------------------------ the matrix

    @Test
    void everyCellOfThePoliciesMatrixHoldsOverHttp() {
        AccessMatrix matrix = AccessMatrix.of(stack.policy());
        List<String> columns =
                matrix.columns().stream().map(AccessMatrix.Column::id).toList();
        assertThat(columns).containsExactly("anonymous", "guest", "user", "owner", "group:Admins", "identityPoolUser");
        Map<String, Function<String, Boolean>> scenarios = scenarios();
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (AccessMatrix.Row row : matrix.rows()) {
            String name = row.type() + "." + row.field() + " " + row.operation();
            Function<String, Boolean> scenario = scenarios.get(name);
            assertThat(scenario).as("a scenario for " + name).isNotNull();
            StringBuilder want = new StringBuilder(String.format("%-28s", name));
            StringBuilder got = new StringBuilder(String.format("%-28s", name));
            for (String column : columns) {
                want.append(row.allowed().get(column) ? " ✓" : " ✗");
                got.append(scenario.apply(column) ? " ✓" : " ✗");
            }
            expected.add(want.toString());
            actual.add(got.toString());
        }
        assertThat(String.join("\n", actual)).isEqualTo(String.join("\n", expected));
    }

    /** One request per cell (after whatever set-up it needs); each reports whether it had its effect. */
    private static Map<String, Function<String, Boolean>> scenarios() {
        Map<String, Function<String, Boolean>> s = new LinkedHashMap<>();
        s.put("Query.getPin get", c -> {
            String id = pinOfA();
            GraphQlClient.Response r = call(c, "query G($id: ID!) { getPin(id: $id) { id } }", Map.of("id", id));
            return ok(r) && id.equals(r.data().at("/getPin/id").asText());
        });
        s.put("Query.listPins list", c -> {
            pinOfA();
            GraphQlClient.Response r = call(c, "{ listPins(limit: 5) { items { id } } }", Map.of());
            return ok(r) && r.data().at("/listPins/items").size() > 0;
        });
        s.put("Query.getProfile get", c -> {
            profileOfA("Ann");
            GraphQlClient.Response r =
                    call(c, "query P($o: ID!) { getProfile(owner: $o) { owner } }", Map.of("o", userA.sub()));
            return ok(r) && userA.sub().equals(r.data().at("/getProfile/owner").asText());
        });
        s.put("Mutation.createPin create", c -> {
            GraphQlClient.Response r = call(
                    c,
                    "mutation C($in: CreatePinInput!) { createPin(input: $in) { id } }",
                    Map.of("in", Map.of("title", "by " + c, "imageUrl", IMAGE)));
            return ok(r) && storedPin(r.data().at("/createPin/id").asText()) != null;
        });
        s.put("Mutation.updatePin update", c -> {
            String id = pinOfA();
            call(
                    c,
                    "mutation U($in: UpdatePinInput!) { updatePin(input: $in) { id } }",
                    Map.of("in", Map.of("id", id, "title", "changed")));
            return "changed".equals(text(storedPin(id), "title"));
        });
        s.put("Mutation.deletePin delete", c -> {
            String id = pinOfA();
            call(c, "mutation D($id: ID!) { deletePin(id: $id) { id } }", Map.of("id", id));
            return storedPin(id) == null;
        });
        s.put("Mutation.createProfile create", c -> {
            String sub = switch (c) {
                case "user" -> userB.sub();
                case "owner" -> userA.sub();
                case "group:Admins" -> admin.sub();
                default -> null;
            };
            if (sub != null) {
                dynamo.deleteItem(
                        r -> r.tableName(stack.tableName("Profile")).key(Map.of("owner", AttributeValue.fromS(sub))));
            }
            GraphQlClient.Response r = call(
                    c,
                    "mutation P($in: SaveProfileInput!) { createProfile(input: $in) " + "{ owner } }",
                    Map.of("in", Map.of("displayName", "New " + c)));
            return ok(r) && sub != null && ("New " + c).equals(text(storedProfile(sub), "displayName"));
        });
        s.put("Mutation.updateProfile update", c -> {
            // The record in question is user A's profile; the API only ever updates the caller's own.
            profileOfA("Ann");
            call(
                    c,
                    "mutation P($in: SaveProfileInput!) { updateProfile(input: $in) { owner } }",
                    Map.of("in", Map.of("displayName", "Changed")));
            return "Changed".equals(text(storedProfile(userA.sub()), "displayName"));
        });
        s.put("Subscription.onCreatePin listen", c -> canSubscribe(c, "subscription { onCreatePin { id } }"));
        s.put("Subscription.onDeletePin listen", c -> canSubscribe(c, "subscription { onDeletePin { id } }"));
        for (String field : List.of(
                "id",
                "title",
                "description",
                "imageUrl",
                "owner",
                "ownerContact",
                "createdAt",
                "updatedAt",
                "author")) {
            String selection = field.equals("author") ? "author { owner }" : field;
            s.put("Pin." + field + " read", c -> {
                profileOfA("Ann");
                GraphQlClient.Response r = call(
                        c, "query G($id: ID!) { getPin(id: $id) { id " + selection + " } }", Map.of("id", pinOfA()));
                return ok(r) && !r.data().at("/getPin/" + field).isNull();
            });
        }
        for (String field : List.of("owner", "displayName", "avatarUrl")) {
            s.put("Profile." + field + " read", c -> {
                profileOfA("Ann");
                GraphQlClient.Response r = call(
                        c,
                        "query P($o: ID!) { getProfile(owner: $o) { owner " + field + " } }",
                        Map.of("o", userA.sub()));
                return ok(r) && !r.data().at("/getProfile/" + field).isNull();
            });
        }
        s.put("Pin.ownerContact create", c -> {
            String contact = "contact-" + UUID.randomUUID() + "@example.com";
            GraphQlClient.Response r = call(
                    c,
                    "mutation C($in: CreatePinInput!) { createPin(input: $in) { id } }",
                    Map.of("in", Map.of("title", "with contact", "imageUrl", IMAGE, "ownerContact", contact)));
            return ok(r)
                    && contact.equals(
                            text(storedPin(r.data().at("/createPin/id").asText()), "ownerContact"));
        });
        s.put("Pin.ownerContact update", c -> {
            String id = pinOfA();
            String contact = "new-" + UUID.randomUUID() + "@example.com";
            call(
                    c,
                    "mutation U($in: UpdatePinInput!) { updatePin(input: $in) { id } }",
                    Map.of("in", Map.of("id", id, "ownerContact", contact)));
            return contact.equals(text(storedPin(id), "ownerContact"));
        });
        return s;
    }

    // ------------------------------------------------------------------------------------------ denials

    @Test
    void anonymousCallersGetAppSyncs401() {
        GraphQlClient.Response r = call("anonymous", "{ listPins { items { id } } }", Map.of());
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body().toString())
                .isEqualTo("{\"errors\":[{\"errorType\":\"UnauthorizedException\","
                        + "\"message\":\"Valid authorization header not provided.\"}]}");
    }

    @Test
    void nestedFieldsAreDeniedOneByOneAtEveryDepth() {
        String id = pinOfA();
        // User B reads A's pin: everything but the owner's contact address.
        GraphQlClient.Response b = http.withToken(
                userB.idToken(),
                "query G($id: ID!) { getPin(id: $id) " + "{ id title ownerContact } }",
                Map.of("id", id));
        assertThat(b.status()).isEqualTo(200);
        assertThat(b.data().at("/getPin/title").asText()).isEqualTo("A's pin");
        assertThat(b.data().at("/getPin/ownerContact").isNull()).isTrue();
        assertThat(b.errors()).hasSize(1);
        AppSyncEndpointTest.assertFieldError(
                b.errors().get(0), List.of("getPin", "ownerContact"), "ownerContact", "Pin");

        // A guest lists pins one level deeper: one denial per item, each with its index in the path.
        GraphQlClient.Response g = http.signed(
                guest,
                "us-east-1",
                "{ listPins(limit: 100) { items { id " + "ownerContact author { displayName } } } }");
        assertThat(g.status()).isEqualTo(200);
        JsonNode items = g.data().at("/listPins/items");
        assertThat(items.size()).isGreaterThan(0);
        assertThat(g.errors()).hasSize(items.size());
        for (int i = 0; i < items.size(); i++) {
            assertThat(items.get(i).get("ownerContact").isNull()).isTrue();
            AppSyncEndpointTest.assertFieldError(
                    g.errors().get(i),
                    List.of("listPins", "items", String.valueOf(i), "ownerContact"),
                    "ownerContact",
                    "Pin");
        }

        // The owner and an Admin see it.
        for (TestUsers.User reader : List.of(userA, admin)) {
            GraphQlClient.Response r = http.withToken(
                    reader.idToken(), "query G($id: ID!) { getPin(id: $id) " + "{ ownerContact } }", Map.of("id", id));
            assertThat(ok(r)).as(r.body().toString()).isTrue();
            assertThat(r.data().at("/getPin/ownerContact").asText()).isEqualTo("ann@example.com");
        }
    }

    @Test
    void theGuestRolesIamPolicyDecidesToo() {
        String id = pinOfA();
        String fieldArn = stack.apiArn() + "/types/Pin/fields/description";
        String rootArn = stack.apiArn() + "/types/Query/fields/listPins";
        String deny = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":"
                + "\"appsync:GraphQL\",\"Resource\":[\"" + fieldArn + "\",\"" + rootArn + "\"]}]}";
        try (IamClient iam = ControlPlaneClients.iam(stack, ControlPlaneClients.admin(stack))) {
            iam.putRolePolicy(
                    r -> r.roleName("pins-guest").policyName("no-descriptions").policyDocument(deny));
            try {
                // A nested field the guest role is denied: null with AppSync's field error, the rest still served.
                GraphQlClient.Response nested = http.signed(
                        guest,
                        "us-east-1",
                        "query G($id: ID!) { getPin(id: $id)" + " { id title description } }",
                        Map.of("id", id));
                assertThat(nested.status()).isEqualTo(200);
                assertThat(nested.data().at("/getPin/title").asText()).isEqualTo("A's pin");
                assertThat(nested.data().at("/getPin/description").isNull()).isTrue();
                assertThat(nested.errors()).hasSize(1);
                AppSyncEndpointTest.assertFieldError(
                        nested.errors().get(0), List.of("getPin", "description"), "description", "Pin");
                // A root field the role is denied: the whole request is refused.
                GraphQlClient.Response root = http.signed(guest, "us-east-1", "{ listPins { items { id } } }");
                assertThat(root.status()).isEqualTo(401);
                assertThat(root.body().toString())
                        .isEqualTo("{\"errors\":[{\"errorType\":\"UnauthorizedException\","
                                + "\"message\":\"Permission denied\"}]}");
                // The authenticated role is another role: untouched.
                GraphQlClient.Response other = http.signed(
                        identityPoolB,
                        "us-east-1",
                        "query G($id: ID!) " + "{ getPin(id: $id) { description } }",
                        Map.of("id", id));
                assertThat(ok(other)).as(other.body().toString()).isTrue();
                assertThat(other.data().at("/getPin/description").asText()).isEqualTo("d");
            } finally {
                iam.deleteRolePolicy(r -> r.roleName("pins-guest").policyName("no-descriptions"));
            }
        }
        GraphQlClient.Response restored = http.signed(guest, "us-east-1", "{ listPins { items { id description } } }");
        assertThat(ok(restored)).as(restored.body().toString()).isTrue();
    }

    // ------------------------------------------------------------------------------------------ load

    @Test
    void concurrentClientsLoseAndDuplicateNoWrite() {
        PinsLoad.Result result = PinsLoad.run(stack, PinsLoad.Settings.counted(16, 12));
        assertThat(result.requests()).isEqualTo(16 * 12);
        assertThat(result.serverErrors()).as(result.report()).isZero();
        assertThat(result.non200()).as(result.report()).isZero();
        assertThat(result.graphQlErrors()).as(result.report()).isZero();
        // 13 writer clients (all but every fifth) create on every second request: 13 × 6 pins.
        assertThat(result.acknowledged()).as(result.report()).isEqualTo(13 * 6);
        assertThat(result.stored()).isEqualTo(result.acknowledged());
        assertThat(result.lost()).isZero();
        assertThat(result.duplicateAcks()).isZero();
        assertThat(result.unacknowledged()).isZero();
    }
}
