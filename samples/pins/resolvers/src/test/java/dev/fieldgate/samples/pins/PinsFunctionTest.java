package dev.fieldgate.samples.pins;

import static dev.fieldgate.samples.pins.Callers.event;
import static dev.fieldgate.samples.pins.Callers.guest;
import static dev.fieldgate.samples.pins.Callers.identityPoolUser;
import static dev.fieldgate.samples.pins.Callers.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The pins resolvers through the real FunctionInvoker, against DynamoDB Local. */
class PinsFunctionTest {

    final PinsFunction function = PinsFunction.get();
    final String alice = "alice-" + UUID.randomUUID();
    final String bob = "bob-" + UUID.randomUUID();

    Map<String, Object> createPin(String sub, String title) {
        return createPin(sub, Map.of("title", title, "imageUrl", "https://img.example.com/" + title + ".jpg",
                "ownerContact", sub + "@example.com"));
    }

    Map<String, Object> createPin(String sub, Map<String, ?> input) {
        return function.invoke(event("Mutation", "createPin", user(sub), Map.of("input", input), null));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Map<String, Object> response) {
        assertThat(response).as("an envelope without an error").doesNotContainKey("errorType");
        return (Map<String, Object>) response.get("data");
    }

    @Test
    void aPinsLifeFromCreateToDelete() {
        Map<String, Object> created = data(createPin(alice, "sunset"));
        String id = (String) created.get("id");
        assertThat(created).containsEntry("owner", alice).containsEntry("title", "sunset")
                .containsEntry("imageUrl", "https://img.example.com/sunset.jpg");
        assertThat((String) created.get("createdAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");

        assertThat(data(function.invoke(event("Query", "getPin", guest(), Map.of("id", id), null))))
                .containsEntry("title", "sunset");

        Map<String, Object> updated = data(function.invoke(event("Mutation", "updatePin", user(alice),
                Map.of("input", Map.of("id", id, "title", "sunrise")), null)));
        assertThat(updated).containsEntry("title", "sunrise").containsEntry("owner", alice)
                .containsEntry("imageUrl", "https://img.example.com/sunset.jpg");

        assertThat(data(function.invoke(event("Mutation", "deletePin", user(alice), Map.of("id", id), null))))
                .containsEntry("id", id);
        assertThat(function.invoke(event("Query", "getPin", guest(), Map.of("id", id), null)))
                .containsOnlyKeys("data").containsEntry("data", null);
    }

    @Test
    void theRecordedEventsOfEachIdentityKind() {
        String id = (String) data(createPin(alice, "recorded")).get("id");
        Map<String, Object> args = Map.of("id", id);

        assertThat(data(function.invoke(PinsFunction.fromFixture("user-pool-no-groups.json", "Query", "getPin", args,
                null)))).containsEntry("id", id);
        assertThat(data(function.invoke(PinsFunction.fromFixture("iam-authenticated.json", "Query", "getPin", args,
                null)))).containsEntry("id", id);
        assertThat(data(function.invoke(PinsFunction.fromFixture("iam-guest.json", "Query", "listPins",
                Map.of("limit", 5), null)))).containsKey("items");
        assertThat(function.invoke(PinsFunction.fromFixture("api-key.json", "Query", "getPin", args, null)))
                .containsEntry("errorType", "Unauthorized")
                .containsEntry("errorMessage", "Not Authorized to access getPin on type Query");
        // The recorded moderator (group Admins) deletes a pin that is not theirs.
        assertThat(data(function.invoke(PinsFunction.fromFixture("user-pool-admins.json", "Mutation", "deletePin",
                args, null)))).containsEntry("owner", alice);
    }

    @Test
    void theOwnerOnlyContactIsHandedOutByTheRuntime() {
        Map<String, Object> pin = data(createPin(alice, "contact"));

        assertThat(function.invoke(event("Pin", "ownerContact", user(alice), Map.of(), pin)))
                .isEqualTo(Map.of("data", alice + "@example.com"));
        assertThat(function.invoke(event("Pin", "ownerContact", user("mod", "Admins"), Map.of(), pin)))
                .isEqualTo(Map.of("data", alice + "@example.com"));
        assertThat(function.invoke(event("Pin", "ownerContact", user(bob), Map.of(), pin)))
                .containsEntry("errorType", "Unauthorized")
                .containsEntry("errorMessage", "Not Authorized to access ownerContact on type Pin");
        assertThat(function.invoke(event("Pin", "ownerContact", guest(), Map.of(), pin)))
                .containsEntry("errorType", "Unauthorized");
    }

    @Test
    void authorsComeInOneBatchGetItemPerHundredKeysInTheBatchsOrder() {
        String carol = "carol-" + UUID.randomUUID();
        for (String sub : List.of(alice, bob)) {
            data(function.invoke(event("Mutation", "createProfile", user(sub),
                    Map.of("input", Map.of("displayName", "Name of " + sub)), null)));
        }
        List<Map<String, Object>> items = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String owner = List.of(alice, bob, carol).get(i % 3);
            owners.add(owner);
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("id", "p" + i);
            source.put("owner", owner);
            items.add(event("Pin", "author", guest(), Map.of(), source));
        }
        int before = CallCounter.calls("BatchGetItem");

        List<Map<String, Object>> response = function.invokeBatch(items);

        assertThat(CallCounter.calls("BatchGetItem") - before).isEqualTo(1);
        assertThat(response).hasSize(25);
        for (int i = 0; i < 25; i++) {
            if (owners.get(i).equals(carol)) {
                assertThat(response.get(i)).as("item %d", i).containsOnlyKeys("data").containsEntry("data", null);
            } else {
                Map<String, Object> profile = new LinkedHashMap<>();
                profile.put("owner", owners.get(i));
                profile.put("displayName", "Name of " + owners.get(i));
                profile.put("avatarUrl", null);
                assertThat(data(response.get(i))).as("item %d", i).isEqualTo(profile);
            }
        }
    }

    @Test
    void aBatchInvokeFailsOnlyTheItemsThatFailInTheirPlaces() {
        Map<String, Object> pin = data(createPin(alice, "batch-errors"));
        Map<String, Object> noInfo = new LinkedHashMap<>(event("Pin", "ownerContact", user(alice), Map.of(), pin));
        noInfo.remove("info");
        List<Map<String, Object>> items = List.of(
                event("Pin", "ownerContact", user(alice), Map.of(), pin),
                event("Pin", "ownerContact", user(bob), Map.of(), pin),
                noInfo,
                event("Pin", "ownerContact", guest(), Map.of(), pin),
                event("Pin", "ownerContact", user("mod-" + UUID.randomUUID(), "Admins"), Map.of(), pin));

        List<Map<String, Object>> response = function.invokeBatch(items);

        assertThat(response).hasSize(5);
        assertThat(response.get(0)).isEqualTo(Map.of("data", alice + "@example.com"));
        assertThat(response.get(1)).containsEntry("data", null).containsEntry("errorType", "Unauthorized")
                .containsEntry("errorMessage", "Not Authorized to access ownerContact on type Pin");
        assertThat(response.get(2)).containsEntry("data", null).containsEntry("errorType", "InvalidEventException");
        assertThat(response.get(3)).containsEntry("errorType", "Unauthorized");
        assertThat(response.get(4)).isEqualTo(Map.of("data", alice + "@example.com"));
    }

    @Test
    void snapStartPrimingSendsNothingToDynamoDb() {
        PinsStore store = PinsStore.create(function.manifest, function.settings);
        int before = CallCounter.total();

        store.prime();

        assertThat(CallCounter.total()).isEqualTo(before);
        // ... and the primed store serves as usual.
        assertThat(store.pins().get(software.amazon.awssdk.enhanced.dynamodb.Key.builder()
                .partitionValue("no-such-pin").build())).isEmpty();
        assertThat(CallCounter.total()).isEqualTo(before + 1);
    }

    @Test
    void profilesAreTheirOwnersToCreateAndUpdate() {
        Map<String, Object> created = data(function.invoke(event("Mutation", "createProfile", user(alice),
                Map.of("input", Map.of("displayName", "Alice")), null)));
        assertThat(created).containsEntry("owner", alice).containsEntry("displayName", "Alice");

        assertThat(function.invoke(event("Mutation", "createProfile", user(alice),
                Map.of("input", Map.of("displayName", "Alice again")), null)))
                .containsEntry("errorType", "ConflictException");
        assertThat(data(function.invoke(event("Mutation", "updateProfile", user(alice),
                Map.of("input", Map.of("displayName", "Alice B.", "avatarUrl", "https://img.example.com/a.png")),
                null)))).containsEntry("displayName", "Alice B.").containsEntry("owner", alice);
        // Bob's update can only ever reach Bob's own profile, which does not exist.
        assertThat(function.invoke(event("Mutation", "updateProfile", user(bob),
                Map.of("input", Map.of("displayName", "Mallory")), null)))
                .containsEntry("errorType", "NotFoundException");
        assertThat(data(function.invoke(event("Query", "getProfile", identityPoolUser(bob),
                Map.of("owner", alice), null)))).containsEntry("displayName", "Alice B.");
    }

    @Test
    void aClientSentOwnerIsRefusedAndCaseVariantsAreJustUnknownFields() {
        Map<String, Object> spoofed = createPin(bob, Map.of("title", "mine", "imageUrl", "https://x.example/1.png",
                "owner", alice));
        assertThat(spoofed).containsEntry("errorType", "Unauthorized")
                .containsEntry("errorMessage", "Not Authorized to access createPin on type Mutation");

        Map<String, Object> cased = data(createPin(bob, Map.of("title", "mine", "imageUrl",
                "https://x.example/1.png", "Owner", alice)));
        assertThat(cased).containsEntry("owner", bob);
        assertThat(function.invoke(event("Mutation", "updatePin", user(bob),
                Map.of("input", Map.of("id", cased.get("id"), "owner", alice)), null)))
                .containsEntry("errorType", "Unauthorized");
    }

    @Test
    void badArgumentsAreValidationErrors() {
        assertThat(createPin(alice, Map.of("title", "  ", "imageUrl", "https://x.example/1.png")))
                .containsEntry("errorType", "ValidationException")
                .containsEntry("errorMessage", "Argument 'input.title' must not be blank");
        assertThat(createPin(alice, Map.of("title", "t", "imageUrl", "javascript:alert(1)")))
                .containsEntry("errorMessage", "Argument 'input.imageUrl' must be an http or https URL");
        assertThat(createPin(alice, Map.of("title", "t", "imageUrl", "https://x.example/1.png",
                "ownerContact", "not-an-address"))).containsEntry("errorMessage",
                "Argument 'input.ownerContact' must be an email address");
        assertThat(function.invoke(event("Query", "listPins", guest(), Map.of("limit", 0), null)))
                .containsEntry("errorMessage", "Argument 'limit' must be between 1 and 100");
        assertThat(function.invoke(event("Query", "listPins", guest(), Map.of("limit", "ten"), null)))
                .containsEntry("errorType", "ValidationException")
                .containsEntry("errorMessage", "Argument 'limit' must be an Int");
        assertThat(function.invoke(event("Query", "listPins", guest(), Map.of("nextToken", "forged"), null)))
                .containsEntry("errorMessage", "Argument 'nextToken' is not a token this API issued");
        assertThat(function.invoke(event("Mutation", "createPin", user(alice), Map.of(), null)))
                .containsEntry("errorMessage", "Argument 'input' is required");
    }

    @Test
    void listsPageWithATokenNewestFirstWithinAPage() {
        for (int i = 0; i < 3; i++) {
            data(createPin(alice, "list-" + i));
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> firstPage = (List<Map<String, Object>>) data(function.invoke(event("Query",
                "listPins", guest(), Map.of("limit", 2), null))).get("items");
        Map<String, Object> first = data(function.invoke(event("Query", "listPins", guest(), Map.of("limit", 2),
                null)));

        assertThat(firstPage).hasSizeLessThanOrEqualTo(2);
        assertThat(first.get("nextToken")).isNotNull();
        assertThat(firstPage).extracting(p -> (String) p.get("createdAt"))
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(data(function.invoke(event("Query", "listPins", guest(),
                Map.of("limit", 2, "nextToken", first.get("nextToken")), null)))).containsKey("items");
    }

    @Test
    void subscribingIsAuthorizedAndAnsweredWithNull() {
        for (Map<String, Object> caller : List.of(guest(), user(alice), identityPoolUser(alice))) {
            assertThat(function.invoke(event("Subscription", "onCreatePin", caller, Map.of(), null)))
                    .containsOnlyKeys("data").containsEntry("data", null);
        }
        assertThat(function.invoke(event("Subscription", "onDeletePin", null, Map.of(), null)))
                .containsEntry("errorType", "Unauthorized");
    }

    @Test
    void badEventsGetClearErrorsAndTheFunctionKeepsServing() {
        assertThat(PinsFunction.map(function.invokeBytes("{\"info\": {".getBytes(StandardCharsets.UTF_8))))
                .containsEntry("errorType", "InvalidEventException");
        Map<String, Object> noInfo = new LinkedHashMap<>(event("Query", "getPin", guest(), Map.of("id", "x"), null));
        noInfo.remove("info");
        assertThat(function.invoke(noInfo)).containsEntry("errorType", "InvalidEventException");
        assertThat(function.invoke(event("Query", "getEverything", guest(), Map.of(), null)))
                .containsEntry("errorType", "ResolverNotFoundException");
        Map<String, Object> oddIdentity = event("Query", "getPin", Map.of("tenant", "acme-but-no-kind"),
                Map.of("id", "x"), null);
        assertThat(function.invoke(oddIdentity)).containsEntry("errorType", "InvalidEventException");
        assertThat(PinsFunction.map(function.invokeBytes("[]".getBytes(StandardCharsets.UTF_8))))
                .containsEntry("errorType", "InvalidEventException");
        List<Map<String, Object>> oversized = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            oversized.add(event("Pin", "author", guest(), Map.of(), Map.of("id", "p" + i, "owner", alice)));
        }
        assertThat(function.invokeBatch(oversized)).hasSize(26)
                .allSatisfy(item -> assertThat(item).containsEntry("errorType", "InvalidEventException"));

        assertThat(data(createPin(alice, "still-serving"))).containsEntry("owner", alice);
    }
}
