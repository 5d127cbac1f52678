package dev.fieldgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fieldgate.local.cognito.TestUsers;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The GraphQL endpoint over HTTP with user-pool tokens and the API key: the Direct Lambda event the function gets,
 * BatchInvoke, the response envelope and template, AppSync's field denials at every depth, its error shapes for
 * bad requests, and its limits.
 */
class AppSyncEndpointTest {

    private static LocalStack stack;
    private static GraphQlClient client;
    private static TestUsers.User ann;
    private static TestUsers.User bob;
    private static TestUsers.User admin;

    @BeforeAll
    static void start() {
        stack = NotesStack.builder().start();
        client = new GraphQlClient(stack.graphqlEndpoint());
        TestUsers users = new TestUsers(stack.cognito());
        ann = users.create("ann@example.com");
        bob = users.create("bob@example.com");
        admin = users.create("admin@example.com", "Admins");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static JsonNode echo(GraphQlClient.Response response) throws Exception {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        assertThat(response.errors().isMissingNode())
                .as(response.body().toString())
                .isTrue();
        return GraphQlClient.JSON.readTree(response.data().path("echo").asText());
    }

    private static String createNote(TestUsers.User user, String text, String secret) {
        GraphQlClient.Response created = client.withToken(
                user.idToken(),
                "mutation C($i: CreateNoteInput!) { createNote(input: $i) { id owner } }",
                Map.of("i", Map.of("text", text, "secret", secret, "internal", "internal " + text)));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.data().at("/createNote/owner").asText()).isEqualTo(user.sub());
        return created.data().at("/createNote/id").asText();
    }

    @Test
    void idAndAccessTokensWorkRawOrAfterBearer() throws Exception {
        for (String token :
                List.of(ann.idToken(), ann.accessToken(), "Bearer " + ann.idToken(), "Bearer " + ann.accessToken())) {
            JsonNode echo = echo(client.withToken(token, "{ echo(value: \"hi\") }"));
            assertThat(echo.at("/event/identity/sub").asText()).isEqualTo(ann.sub());
        }
        JsonNode access = echo(client.withToken(ann.accessToken(), "{ echo }"));
        assertThat(access.at("/event/identity/claims/token_use").asText()).isEqualTo("access");
        assertThat(access.at("/event/identity/username").asText())
                .isEqualTo(access.at("/event/identity/claims/username").asText());
    }

    @Test
    void theFunctionGetsAppSyncsDirectLambdaEvent() throws Exception {
        JsonNode echo = echo(client.withToken(
                admin.idToken(),
                "query Q($v: String) { echo(value: $v, input: {when: \"2025-01-02T03:04:05Z\", "
                        + "site: \"https://example.com/a\", mail: \"a@example.com\"}) }",
                Map.of("v", "hello")));
        JsonNode event = echo.get("event");
        List<String> keys = new ArrayList<>();
        event.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("arguments", "identity", "source", "request", "prev", "info", "stash");
        assertThat(event.at("/arguments/value").asText()).isEqualTo("hello");
        assertThat(event.at("/arguments/input/when").asText()).isEqualTo("2025-01-02T03:04:05Z");

        JsonNode identity = event.get("identity");
        assertThat(identity.at("/claims/sub").asText()).isEqualTo(admin.sub());
        assertThat(identity.at("/claims/token_use").asText()).isEqualTo("id");
        assertThat(identity.at("/claims/cognito:username").asText())
                .isEqualTo(identity.get("username").asText());
        assertThat(identity.get("defaultAuthStrategy").asText()).isEqualTo("ALLOW");
        assertThat(identity.get("groups"))
                .containsExactly(GraphQlClient.JSON.getNodeFactory().textNode("Admins"));
        assertThat(identity.get("issuer").asText())
                .isEqualTo("https://cognito-idp.us-east-1.amazonaws.com/"
                        + stack.cognito().userPoolId());
        assertThat(identity.get("sourceIp").isArray()).isTrue();
        assertThat(identity.get("sourceIp").get(0).asText()).isEqualTo("127.0.0.1");
        assertThat(identity.get("sub").asText()).isEqualTo(admin.sub());

        JsonNode headers = event.at("/request/headers");
        headers.fieldNames().forEachRemaining(name -> assertThat(name).isLowerCase());
        assertThat(headers.get("authorization").asText()).isEqualTo(admin.idToken());
        assertThat(headers.get("host").asText()).isEqualTo(stack.endpoint().getAuthority());
        assertThat(event.at("/request/domainName").isNull()).isTrue();
        assertThat(event.get("source").isNull()).isTrue();
        assertThat(event.get("prev").isNull()).isTrue();
        assertThat(event.get("stash").isObject() && event.get("stash").isEmpty())
                .isTrue();
        assertThat(event.at("/info/parentTypeName").asText()).isEqualTo("Query");
        assertThat(event.at("/info/fieldName").asText()).isEqualTo("echo");
        assertThat(event.at("/info/variables/v").asText()).isEqualTo("hello");
        assertThat(event.at("/info/selectionSetList").isArray()
                        && event.at("/info/selectionSetList").isEmpty())
                .isTrue();

        // A user in no group: groups is null, as AppSync sends it.
        assertThat(echo(client.withToken(ann.idToken(), "{ echo }"))
                        .at("/event/identity/groups")
                        .isNull())
                .isTrue();
    }

    @Test
    void selectionSetsArriveAsNestedPathsAndAsGraphQl() throws Exception {
        GraphQlClient.Response response = client.withToken(
                ann.idToken(),
                "{ getNote(id: \"echo\") { id text author { name ...A } } } fragment A on Author { batch }");
        assertThat(response.status()).isEqualTo(200);
        JsonNode info =
                GraphQlClient.JSON.readTree(response.data().at("/getNote/text").asText());
        assertThat(info.get("selectionSetList"))
                .extracting(JsonNode::asText)
                .containsExactly("id", "text", "author", "author/name", "author/batch");
        assertThat(info.get("selectionSetGraphQL").asText())
                .isEqualTo("{\n  id\n  text\n  author {\n    name\n"
                        + "    ...A\n  }\n}\n\nfragment A on Author {\n  batch\n}");
        // The nested resolver got the parent's data as its source.
        assertThat(response.data().at("/getNote/author/name").asText()).isEqualTo("author of echo");
    }

    @Test
    void nestedResolverFieldsAreBatchInvokedWithTheirMaxBatchSize() {
        for (int i = 0; i < 5; i++) {
            createNote(ann, "batch " + i, "s");
        }
        GraphQlClient.Response response = client.withToken(bob.idToken(), "{ listNotes { id author { name batch } } }");
        assertThat(response.status()).isEqualTo(200);
        JsonNode notes = response.data().get("listNotes");
        int twos = 0;
        int ones = 0;
        for (JsonNode note : notes) {
            assertThat(note.at("/author/name").asText())
                    .isEqualTo("author of " + note.get("id").asText());
            int batch = note.at("/author/batch").asInt();
            assertThat(batch).isBetween(1, 2);
            if (batch == 2) {
                twos++;
            } else {
                ones++;
            }
        }
        // maxBatchSize 2: every pair of parents shares one BatchInvoke, an odd one out goes alone.
        assertThat(twos).isEqualTo(notes.size() - notes.size() % 2);
        assertThat(ones).isEqualTo(notes.size() % 2);
    }

    @Test
    void fieldDenialsAtAnyDepthHaveAppSyncsShape() {
        String id = createNote(ann, "private", "ann's secret");
        String query = "query { getNote(id: \"" + id + "\") { id text secret internal } }";

        GraphQlClient.Response owner = client.withToken(ann.idToken(), query);
        assertThat(owner.data().at("/getNote/secret").asText()).isEqualTo("ann's secret");
        assertThat(owner.data().at("/getNote/internal").asText()).isEqualTo("internal private");
        assertThat(owner.errors().isMissingNode()).isTrue();

        // The resolver (the kit's rules) withholds another user's secret; the envelope's error passes through.
        GraphQlClient.Response other = client.withToken(bob.idToken(), query);
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.data().at("/getNote/secret").isNull()).isTrue();
        assertThat(other.data().at("/getNote/text").asText()).isEqualTo("private");
        assertThat(other.errors()).hasSize(1);
        assertFieldError(other.errors().get(0), List.of("getNote", "secret"), "secret", "Note");

        // AppSync's own layer: the API key is not admitted on secret or internal (user pools and IAM only).
        GraphQlClient.Response apiKey = client.withApiKey(stack.apiKey().orElseThrow(), query);
        assertThat(apiKey.status()).isEqualTo(200);
        assertThat(apiKey.data().at("/getNote/text").asText()).isEqualTo("private");
        assertThat(apiKey.data().at("/getNote/secret").isNull()).isTrue();
        assertThat(apiKey.data().at("/getNote/internal").isNull()).isTrue();
        assertThat(apiKey.errors()).hasSize(2);
        assertFieldError(apiKey.errors().get(0), List.of("getNote", "secret"), "secret", "Note");
        assertFieldError(apiKey.errors().get(1), List.of("getNote", "internal"), "internal", "Note");
        assertThat(apiKey.errors().get(0).at("/locations/0/line").asInt()).isEqualTo(1);
        assertThat(apiKey.errors().get(0).at("/locations/0/column").asInt()).isEqualTo(query.indexOf("secret") + 1);

        // A root field the API key may not call: null, with the error on the root field.
        GraphQlClient.Response root = client.withApiKey(stack.apiKey().orElseThrow(), "{ deep { value } }");
        assertThat(root.data().get("deep").isNull()).isTrue();
        assertFieldError(root.errors().get(0), List.of("deep"), "deep", "Query");
    }

    static void assertFieldError(JsonNode error, List<String> path, String field, String type) {
        List<String> keys = new ArrayList<>();
        error.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("path", "data", "errorType", "errorInfo", "locations", "message");
        assertThat(error.get("path")).extracting(JsonNode::asText).containsExactlyElementsOf(path);
        assertThat(error.get("data").isNull()).isTrue();
        assertThat(error.get("errorType").asText()).isEqualTo("Unauthorized");
        assertThat(error.get("errorInfo").isNull()).isTrue();
        assertThat(error.at("/locations/0/sourceName").isNull()).isTrue();
        assertThat(error.get("message").asText()).isEqualTo("Not Authorized to access " + field + " on type " + type);
    }

    @Test
    void functionFailuresBecomeErrorsOnTheirField() {
        GraphQlClient.Response thrown = client.withToken(ann.idToken(), "{ fail(message: \"kaput\") echo }");
        assertThat(thrown.status()).isEqualTo(200);
        assertThat(thrown.data().get("fail").isNull()).isTrue();
        assertThat(thrown.data().get("echo").isTextual()).isTrue();
        assertThat(thrown.errors()).hasSize(1);
        assertThat(thrown.errors().get(0).get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(thrown.errors().get(0).get("message").asText()).isEqualTo("kaput");
        assertThat(thrown.errors().get(0).get("path"))
                .extracting(JsonNode::asText)
                .containsExactly("fail");

        // $util.error(errorMessage, errorType, data, errorInfo) from the envelope.
        GraphQlClient.Response refused = client.withToken(ann.idToken(), "{ refuse }");
        JsonNode error = refused.errors().get(0);
        assertThat(refused.data().get("refuse").isNull()).isTrue();
        assertThat(error.get("errorType").asText()).isEqualTo("Unauthorized");
        assertThat(error.get("message").asText()).isEqualTo("Not Authorized to access refuse on type Query");
        assertThat(error.get("data").asText()).isEqualTo("partial");
        assertThat(error.at("/errorInfo/reason").asText()).isEqualTo("the test refuses");

        GraphQlClient.Response slow = client.withToken(ann.idToken(), "{ slow }");
        assertThat(slow.errors().get(0).get("errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(slow.errors().get(0).get("message").asText()).isEqualTo("Task timed out after 2.00 seconds");
    }

    @Test
    void apiKeyCallersHaveNoIdentity() throws Exception {
        JsonNode echo = echo(client.withApiKey(stack.apiKey().orElseThrow(), "{ echo }"));
        assertThat(echo.at("/event/identity").isNull()).isTrue();
        assertThat(echo.at("/event/request/headers/x-api-key").asText())
                .isEqualTo(stack.apiKey().orElseThrow());

        GraphQlClient.Response wrong = client.withApiKey("da2-notthekey", "{ echo }");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body().toString())
                .isEqualTo("{\"errors\":[{\"errorType\":\"UnauthorizedException\","
                        + "\"message\":\"You are not authorized to make this call.\"}]}");
    }

    @Test
    void malformedRequestsGetAppSyncsAnswers() {
        assertRequestError(
                client.send(Map.of("Authorization", ann.idToken()), ""),
                400,
                "MalformedHttpRequestException",
                "Request body is empty.");
        for (String body : List.of("meow", "{}", "{}}", "[]", "{\"query\": 3}", "{\"query\": \"{ echo \"}")) {
            assertRequestError(
                    client.send(Map.of("Authorization", ann.idToken()), body),
                    400,
                    "MalformedHttpRequestException",
                    "Unable to parse GraphQL query.");
        }
        // Credentials are checked before the body is read.
        assertRequestError(
                client.send(Map.of(), "meow"),
                401,
                "UnauthorizedException",
                "Valid authorization header not provided.");
    }

    private static void assertRequestError(GraphQlClient.Response response, int status, String type, String message) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.body().toString())
                .isEqualTo("{\"errors\":[{\"errorType\":\"" + type + "\",\"message\":\"" + message + "\"}]}");
    }

    @Test
    void invalidGraphQlIsReportedAsAppSyncValidationErrors() {
        GraphQlClient.Response response = client.withToken(ann.idToken(), "{ badfield }");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().toString())
                .isEqualTo("{\"data\":null,\"errors\":[{\"path\":null,\"locations\":"
                        + "[{\"line\":1,\"column\":3,\"sourceName\":null}],\"message\":\"Validation error of type "
                        + "FieldUndefined: Field 'badfield' in type 'Query' is undefined @ 'badfield'\"}]}");

        GraphQlClient.Response scalar = client.withToken(ann.idToken(), "{ echo(input: {site: \"not a url\"}) }");
        assertThat(scalar.data().isNull()).isTrue();
        assertThat(scalar.errors().get(0).get("message").asText())
                .startsWith("Validation error of type WrongType")
                .contains("AWSURL");

        GraphQlClient.Response variables = client.withToken(
                ann.idToken(), "query Q($i: EchoInput) { echo(input: $i) }", Map.of("i", Map.of("mail", "nobody")));
        assertThat(variables.status()).isEqualTo(200);
        assertThat(variables.data().isNull()).isTrue();
        assertThat(variables.errors().get(0).get("message").asText()).contains("AWSEmail");
    }

    @Test
    void fieldsBelowTheDepthLimitAreRefused() {
        // Depth counts nested selection levels: with a limit of 4, deep/next/next/next/value (5) is too deep.
        GraphQlClient.Response response =
                client.withToken(ann.idToken(), "{ deep { value next { value next { value next { value } } } } }");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.data().at("/deep/next/next/value").asInt()).isEqualTo(3);
        assertThat(response.data().at("/deep/next/next/next/value").isNull()).isTrue();
        assertThat(response.errors()).hasSize(1);
        assertThat(response.errors().get(0).get("path"))
                .extracting(JsonNode::asText)
                .containsExactly("deep", "next", "next", "next", "value");
        assertThat(response.errors().get(0).get("message").asText()).contains("maximum depth of 4");
    }

    @Test
    void requestsPastTheSizeLimitsAreRefused() {
        String huge = "{\"query\":\"{ echo(value: \\\"" + "x".repeat(1 << 20) + "\\\") }\"}";
        GraphQlClient.Response tooLarge = client.send(Map.of("Authorization", ann.idToken()), huge);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.errors().get(0).get("errorType").asText()).isEqualTo("PayloadTooLargeException");

        String manyTokens = "{ " + "echo ".repeat(16_000) + "}";
        GraphQlClient.Response tooLong = client.withToken(ann.idToken(), manyTokens);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.errors().get(0).get("message").asText()).contains("15000 tokens");
    }

    @Test
    void introspectionWorksWhenTheApiAllowsIt() {
        GraphQlClient.Response response = client.withToken(ann.idToken(), "{ __schema { queryType { name } } }");
        assertThat(response.data().at("/__schema/queryType/name").asText()).isEqualTo("Query");
    }

    @Test
    void badFaithIntrospectionIsRefusedAsABadRequest() {
        // graphql-java's good-faith introspection check: __schema twice, or __Type.fields nested in itself.
        for (String query : List.of(
                "{ __schema { queryType { name } } again: __schema { queryType { name } } }",
                "{ __type(name: \"Note\") { fields { type { fields { name } } } } }")) {
            GraphQlClient.Response response = client.withToken(ann.idToken(), query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.raw().headers().firstValue("content-type").orElse(""))
                    .startsWith("application/json");
            assertThat(response.errors()).hasSize(1);
            assertThat(response.errors().get(0).get("errorType").asText()).isEqualTo("BadRequestException");
            assertThat(response.errors().get(0).get("message").asText())
                    .startsWith("This request is not asking for introspection in good faith");
        }
    }

    @Test
    void introspectionIsAnUnknownFieldWhenTheApiTurnsItOff() {
        try (LocalStack closed =
                NotesStack.builder().withoutFunction().introspection(false).start()) {
            GraphQlClient other = new GraphQlClient(closed.graphqlEndpoint());
            String key = closed.apiKey().orElseThrow();
            GraphQlClient.Response schema = other.withApiKey(key, "{ __schema { queryType { name } } }");
            assertThat(schema.status()).isEqualTo(200);
            assertThat(schema.body().toString())
                    .isEqualTo(
                            "{\"data\":null,\"errors\":[{\"path\":null,"
                                    + "\"locations\":[{\"line\":1,\"column\":3,\"sourceName\":null}],\"message\":\"Validation "
                                    + "error of type FieldUndefined: Field '__schema' in type 'Query' is undefined @ '__schema'\"}]}");
            GraphQlClient.Response type = other.withApiKey(key, "{ __type(name: \"Note\") { name } }");
            assertThat(type.errors().get(0).get("message").asText()).contains("Field '__type' in type 'Query'");
            // Also when the query would be refused as bad-faith introspection with introspection on.
            GraphQlClient.Response twice =
                    other.withApiKey(key, "{ __schema { queryType { name } } again: __schema { queryType { name } } }");
            assertThat(twice.status()).isEqualTo(200);
            assertThat(twice.errors()).hasSize(2);
            assertThat(twice.errors().get(1).get("message").asText()).contains("Field '__schema' in type 'Query'");
            // __typename is not introspection: it still answers.
            GraphQlClient.Response typename = other.withApiKey(key, "{ __typename }");
            assertThat(typename.body().toString()).isEqualTo("{\"data\":{\"__typename\":\"Query\"}}");
        }
    }

    @Test
    void getRequestsAndCorsPreflightsWorkAsOnAppSync() {
        URI get = URI.create(stack.graphqlEndpoint() + "?query="
                + URLEncoder.encode("{ echo(value: \"g\") }", StandardCharsets.UTF_8));
        GraphQlClient.Response viaGet = GraphQlClient.send(HttpRequest.newBuilder(get)
                .header("Authorization", ann.idToken())
                .GET()
                .build());
        assertThat(viaGet.status()).isEqualTo(200);
        assertThat(viaGet.data().get("echo").asText()).contains("\"value\":\"g\"");

        GraphQlClient.Response preflight = GraphQlClient.send(HttpRequest.newBuilder(stack.graphqlEndpoint())
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .build());
        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.raw().headers().firstValue("Access-Control-Allow-Origin"))
                .contains("*");
        assertThat(preflight.raw().headers().firstValue("Access-Control-Allow-Headers"))
                .contains("authorization,content-type");
    }

    @Test
    void subscriptionsAreNotServedOverHttp() {
        GraphQlClient.Response response = client.withToken(ann.idToken(), "subscription { onCreateNote { id } }");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.data().isNull()).isTrue();
        assertThat(response.errors().get(0).get("message").asText()).contains("/graphql/realtime");
    }

    @Test
    void responsesCarryARequestIdAndJson() {
        GraphQlClient.Response response = client.withToken(ann.idToken(), "{ echo }");
        assertThat(response.raw().headers().firstValue("x-amzn-RequestId").orElseThrow())
                .matches("[0-9a-f-]{36}");
        assertThat(response.raw().headers().firstValue("content-type").orElseThrow())
                .startsWith("application/json");
        Iterator<String> top = response.body().fieldNames();
        assertThat(top.next()).isEqualTo("data");
        assertThat(top.hasNext()).isFalse();
    }
}
