package dev.fieldgate.resolvers;

import static dev.fieldgate.resolvers.Fixtures.ALICE;
import static dev.fieldgate.resolvers.Fixtures.bytes;
import static dev.fieldgate.resolvers.Fixtures.event;
import static dev.fieldgate.resolvers.Fixtures.map;
import static dev.fieldgate.testing.Callers.userPool;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kind of bad input gets a clear AppSync-shaped error, and the function keeps serving afterwards. */
class BadInputTest {

    record ListPins(Integer limit, String nextToken) {}

    record CreatePinInput(String title, String imageUrl, List<String> tags) {}

    record CreatePin(CreatePinInput input) {}

    record Paging(int limit) {}

    /** As the Maven plugin's generate-model goal writes a non-null argument ({@code id: ID!}). */
    record RequiredId(
            @com.fasterxml.jackson.annotation.JsonProperty(value = "id", required = true)
            @com.fasterxml.jackson.annotation.JsonSetter(nulls = com.fasterxml.jackson.annotation.Nulls.FAIL)
            String id) {}

    private final AppSyncResolver resolver = AppSyncResolver.builder()
            .manifest(Fixtures.pins())
            .include(Router.create()
                    .query("getPin", ctx -> Map.of("id", ctx.arguments().get("id")))
                    .query(
                            "listPins",
                            ListPins.class,
                            (args, ctx) ->
                                    Map.of("items", List.of(), "limit", args.limit() == null ? -1 : args.limit()))
                    .query("getProfile", Paging.class, (args, ctx) -> null)
                    .mutation("deletePin", RequiredId.class, (args, ctx) -> null)
                    .mutation("createPin", CreatePin.class, (args, ctx) -> Map.of("id", "p", "owner", ALICE)))
            .build();

    @AfterEach
    void stillServes() {
        Map<String, Object> response = call(event("Query", "getPin", userPool(ALICE), Map.of("id", "ok"), null));
        assertThat(response).isEqualTo(Map.of("data", Map.of("id", "ok")));
    }

    private Map<String, Object> call(Object event) {
        return map(resolver.handle(bytes(event), null));
    }

    private Map<String, Object> raw(String text) {
        return map(resolver.handle(text.getBytes(StandardCharsets.UTF_8), null));
    }

    private static void assertError(Map<String, Object> response, String type, String message) {
        assertThat(response)
                .containsEntry("data", null)
                .containsEntry("errorType", type)
                .containsEntry("errorMessage", message)
                .containsKey("errorInfo");
    }

    @Test
    void malformedJson() {
        assertError(
                raw("{\"arguments\": {\"id\": \"p\"}, \"info\": "),
                "InvalidEventException",
                "The event is not valid JSON at line 1, column 36");
        assertError(
                raw("{'single': 'quotes'}"),
                "InvalidEventException",
                "The event is not valid JSON at line 1, column 2");
        assertError(
                raw(""),
                "InvalidEventException",
                "The event is empty: expected an AppSync resolver event "
                        + "(a JSON object) or a BatchInvoke (a JSON array)");
        assertError(
                raw("\"just a string\""),
                "InvalidEventException",
                "The event must be a JSON object (one field) " + "or a JSON array (a BatchInvoke), not a string");
    }

    @Test
    void absurdNestingIsRefusedWithoutBlowingTheStack() {
        String deep = "[".repeat(100_000);
        assertThat(raw(deep)).containsEntry("errorType", "InvalidEventException");
    }

    @Test
    void duplicateKeysAreRefused() {
        String event = new String(
                bytes(event("Query", "getPin", userPool(ALICE), Map.of("id", "p"), null)), StandardCharsets.UTF_8);
        String twice = event.replaceFirst("\\{", "{\"identity\":null,");
        assertThat(raw(twice)).containsEntry("errorType", "InvalidEventException");
    }

    @Test
    void missingInfo() {
        Map<String, Object> event = event("Query", "getPin", userPool(ALICE), Map.of("id", "p"), null);
        event.remove("info");
        assertError(
                call(event),
                "InvalidEventException",
                "The event has no info (parentTypeName, fieldName): is "
                        + "this function attached to AppSync as a Direct Lambda resolver?");

        Map<String, Object> noField = event("Query", "getPin", userPool(ALICE), Map.of("id", "p"), null);
        noField.put("info", Map.of("parentTypeName", "Query"));
        assertError(call(noField), "InvalidEventException", "The event's info has no parentTypeName or fieldName");

        Map<String, Object> infoIsText = event("Query", "getPin", userPool(ALICE), Map.of("id", "p"), null);
        infoIsText.put("info", "Query.getPin");
        assertError(call(infoIsText), "InvalidEventException", "The event's info must be an object, not a string");
    }

    @Test
    void unknownTypeAndField() {
        assertError(
                call(event("Query", "getEverything", userPool(ALICE), Map.of(), null)),
                "ResolverNotFoundException",
                "No resolver for Query.getEverything in this function");
        assertError(
                call(event("Pin", "title", userPool(ALICE), Map.of(), Fixtures.pin("p", ALICE))),
                "ResolverNotFoundException",
                "No resolver for Pin.title in this function");
    }

    @Test
    void wrongArgumentTypes() {
        assertError(
                call(event("Query", "listPins", userPool(ALICE), Map.of("limit", "ten"), null)),
                "ValidationException",
                "Argument 'limit' must be an Int");
        assertError(
                call(event("Query", "listPins", userPool(ALICE), Map.of("limit", "10"), null)),
                "ValidationException",
                "Argument 'limit' must be an Int");
        assertError(
                call(event("Query", "listPins", userPool(ALICE), Map.of("limit", Map.of("n", 1)), null)),
                "ValidationException",
                "Argument 'limit' must be an Int");
        assertError(
                call(event("Mutation", "createPin", userPool(ALICE), Map.of("input", "title"), null)),
                "ValidationException",
                "Argument 'input' must be an object");
        assertError(
                call(event(
                        "Mutation",
                        "createPin",
                        userPool(ALICE),
                        Map.of("input", Map.of("title", "t", "tags", "not-a-list")),
                        null)),
                "ValidationException",
                "Argument 'input.tags' must be a list");
        assertError(
                call(event(
                        "Mutation",
                        "createPin",
                        userPool(ALICE),
                        Map.of("input", Map.of("title", List.of("t"))),
                        null)),
                "ValidationException",
                "Argument 'input.title' must be a String");
        Map<String, Object> nullLimit = new LinkedHashMap<>();
        nullLimit.put("limit", null);
        assertError(
                call(event("Query", "getProfile", userPool(ALICE), nullLimit, null)),
                "ValidationException",
                "Argument 'limit' must not be null");
        assertError(
                call(event("Mutation", "deletePin", userPool(ALICE), Map.of(), null)),
                "ValidationException",
                "Argument 'id' is required");
        Map<String, Object> nullId = new LinkedHashMap<>();
        nullId.put("id", null);
        assertError(
                call(event("Mutation", "deletePin", userPool(ALICE), nullId, null)),
                "ValidationException",
                "Argument 'id' must not be null");
        assertError(
                call(event("Query", "listPins", userPool(ALICE), Map.of("limit", 1.5), null)),
                "ValidationException",
                "Argument 'limit' must be an Int");
    }

    @Test
    void validationMessagesNeverEchoTheValueSent() {
        Map<String, Object> response =
                call(event("Query", "listPins", userPool(ALICE), Map.of("limit", "SECRET-VALUE"), null));
        assertThat(response.toString()).doesNotContain("SECRET-VALUE");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"a string\"",
                "42",
                "[1, 2]",
                "{\"foo\": \"bar\"}",
                "{\"sub\": 5}",
                "{\"sub\": \"   \", \"username\": \"x\"}",
                "{\"userArn\": \"arn:aws:sts::1:assumed-role/r/s\", \"cognitoIdentityAuthType\": \"weird\", "
                        + "\"cognitoIdentityId\": \"x\"}",
                "{\"userArn\": \"arn:aws:sts::1:assumed-role/r/s\", \"cognitoIdentityAuthType\": \"unauthenticated\"}",
                "{\"accountId\": \"123456789012\"}",
                "{\"sub\": \"s\", \"username\": \"u\", \"groups\": \"Admins\", \"claims\": [1]}"
            })
    void identitiesOfAnUnexpectedKind(String identity) {
        String event = new String(
                bytes(event("Query", "getPin", userPool(ALICE), Map.of("id", "p"), null)), StandardCharsets.UTF_8);
        int start = event.indexOf("\"identity\":");
        int end = event.indexOf(",\"source\"");
        String broken = event.substring(0, start) + "\"identity\":" + identity + event.substring(end);

        Map<String, Object> response = raw(broken);

        assertThat(response).containsEntry("data", null).containsEntry("errorType", "InvalidEventException");
        assertThat((String) response.get("errorMessage")).startsWith("The event");
    }

    @Test
    void aBatchItemThatIsNotAnObject() {
        List<Map<String, Object>> response = Fixtures.list(resolver.handle(
                ("["
                                + new String(
                                        bytes(event(
                                                "Pin",
                                                "ownerContact",
                                                userPool(ALICE),
                                                Map.of(),
                                                Fixtures.pin("p", ALICE))),
                                        StandardCharsets.UTF_8)
                                + ", 42, null]")
                        .getBytes(StandardCharsets.UTF_8),
                null));

        assertThat(response).hasSize(3);
        assertThat(response.get(0)).containsEntry("data", ALICE + "@example.com");
        assertThat(response.get(1))
                .containsEntry("errorType", "InvalidEventException")
                .containsEntry("errorMessage", "Each event must be a JSON object, not a number");
        assertThat(response.get(2)).containsEntry("errorMessage", "Each event must be a JSON object, not null");
    }
}
