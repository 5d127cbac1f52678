package dev.fieldgate.samples.pins;

import static dev.fieldgate.testing.AppSyncEvents.field;
import static dev.fieldgate.testing.AppSyncEvents.mutation;
import static dev.fieldgate.testing.AppSyncEvents.query;
import static dev.fieldgate.testing.AppSyncEvents.subscription;
import static dev.fieldgate.testing.Callers.apiKey;
import static dev.fieldgate.testing.Callers.iamGuest;
import static dev.fieldgate.testing.Callers.iamUser;
import static dev.fieldgate.testing.Callers.userPool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.testing.BatchInvoke;
import dev.fieldgate.testing.Caller;
import dev.fieldgate.testing.EventBuilder;
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
        return function.invoke(mutation("createPin").caller(userPool(sub)).input(input));
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

        assertThat(data(function.invoke(query("getPin").caller(iamGuest()).argument("id", id))))
                .containsEntry("title", "sunset");

        Map<String, Object> updated = data(function.invoke(mutation("updatePin").caller(userPool(alice))
                .input(Map.of("id", id, "title", "sunrise"))));
        assertThat(updated).containsEntry("title", "sunrise").containsEntry("owner", alice)
                .containsEntry("imageUrl", "https://img.example.com/sunset.jpg");

        assertThat(data(function.invoke(mutation("deletePin").caller(userPool(alice)).argument("id", id))))
                .containsEntry("id", id);
        assertThat(function.invoke(query("getPin").caller(iamGuest()).argument("id", id)))
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
        Map<String, Object> created = data(createPin(alice, "contact"));
        Map<String, Object> pin = asQueried(created);

        // createPin's response feeds onCreatePin's listeners, so there the contact is null even for its owner.
        assertThat(function.invoke(field("Pin", "ownerContact").caller(userPool(alice)).source(created)))
                .isEqualTo(java.util.Collections.singletonMap("data", null));
        assertThat(function.invoke(field("Pin", "ownerContact").caller(userPool(alice)).source(pin)))
                .isEqualTo(Map.of("data", alice + "@example.com"));
        assertThat(function.invoke(field("Pin", "ownerContact").caller(userPool("mod").groups("Admins")).source(pin)))
                .isEqualTo(Map.of("data", alice + "@example.com"));
        assertThat(function.invoke(field("Pin", "ownerContact").caller(userPool(bob)).source(pin)))
                .containsEntry("errorType", "Unauthorized")
                .containsEntry("errorMessage", "Not Authorized to access ownerContact on type Pin");
        assertThat(function.invoke(field("Pin", "ownerContact").caller(iamGuest()).source(pin)))
                .containsEntry("errorType", "Unauthorized");
    }

    @Test
    void authorsComeInOneBatchGetItemPerHundredKeysInTheBatchsOrder() {
        String carol = "carol-" + UUID.randomUUID();
        for (String sub : List.of(alice, bob)) {
            data(function.invoke(mutation("createProfile").caller(userPool(sub))
                    .input(Map.of("displayName", "Name of " + sub))));
        }
        List<Map<String, Object>> sources = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String owner = List.of(alice, bob, carol).get(i % 3);
            owners.add(owner);
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("id", "p" + i);
            source.put("owner", owner);
            sources.add(source);
        }
        int before = CallCounter.calls("BatchGetItem");

        List<Map<String, Object>> response = function.invokeBatch(field("Pin", "author").caller(iamGuest())
                .batch(sources));

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
        Map<String, Object> pin = asQueried(data(createPin(alice, "batch-errors")));
        EventBuilder contact = field("Pin", "ownerContact").source(pin);
        Map<String, Object> noInfo = contact.copy().caller(userPool(alice)).toMap();
        noInfo.remove("info");
        List<Map<String, Object>> items = List.of(
                contact.copy().caller(userPool(alice)).toMap(),
                contact.copy().caller(userPool(bob)).toMap(),
                noInfo,
                contact.copy().caller(iamGuest()).toMap(),
                contact.copy().caller(userPool("mod-" + UUID.randomUUID()).groups("Admins")).toMap());

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
        Map<String, Object> created = data(function.invoke(mutation("createProfile").caller(userPool(alice))
                .input(Map.of("displayName", "Alice"))));
        assertThat(created).containsEntry("owner", alice).containsEntry("displayName", "Alice");

        assertThat(function.invoke(mutation("createProfile").caller(userPool(alice))
                .input(Map.of("displayName", "Alice again"))))
                .containsEntry("errorType", "ConflictException");
        assertThat(data(function.invoke(mutation("updateProfile").caller(userPool(alice))
                .input(Map.of("displayName", "Alice B.", "avatarUrl", "https://img.example.com/a.png")))))
                .containsEntry("displayName", "Alice B.").containsEntry("owner", alice);
        // Bob's update can only ever reach Bob's own profile, which does not exist.
        assertThat(function.invoke(mutation("updateProfile").caller(userPool(bob))
                .input(Map.of("displayName", "Mallory"))))
                .containsEntry("errorType", "NotFoundException");
        assertThat(data(function.invoke(query("getProfile").caller(iamUser(bob))
                .argument("owner", alice)))).containsEntry("displayName", "Alice B.");
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
        assertThat(function.invoke(mutation("updatePin").caller(userPool(bob))
                .input(Map.of("id", cased.get("id"), "owner", alice))))
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
        assertThat(function.invoke(query("listPins").caller(iamGuest()).argument("limit", 0)))
                .containsEntry("errorMessage", "Argument 'limit' must be between 1 and 100");
        assertThat(function.invoke(query("listPins").caller(iamGuest()).argument("limit", "ten")))
                .containsEntry("errorType", "ValidationException")
                .containsEntry("errorMessage", "Argument 'limit' must be an Int");
        assertThat(function.invoke(query("listPins").caller(iamGuest()).argument("nextToken", "forged")))
                .containsEntry("errorMessage", "Argument 'nextToken' is not a token this API issued");
        assertThat(function.invoke(mutation("createPin").caller(userPool(alice))))
                .containsEntry("errorMessage", "Argument 'input' is required");
    }

    @Test
    void listsPageWithATokenNewestFirstWithinAPage() {
        for (int i = 0; i < 3; i++) {
            data(createPin(alice, "list-" + i));
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> firstPage = (List<Map<String, Object>>) data(function.invoke(query("listPins")
                .caller(iamGuest()).argument("limit", 2))).get("items");
        Map<String, Object> first = data(function.invoke(query("listPins").caller(iamGuest()).argument("limit", 2)));

        assertThat(firstPage).hasSizeLessThanOrEqualTo(2);
        assertThat(first.get("nextToken")).isNotNull();
        assertThat(firstPage).extracting(p -> (String) p.get("createdAt"))
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(data(function.invoke(query("listPins").caller(iamGuest())
                .arguments(Map.of("limit", 2, "nextToken", first.get("nextToken")))))).containsKey("items");
    }

    @Test
    void subscribingIsAuthorizedAndAnsweredWithNull() {
        for (Caller caller : List.of(iamGuest(), userPool(alice), iamUser(alice))) {
            assertThat(function.invoke(subscription("onCreatePin").caller(caller)))
                    .containsOnlyKeys("data").containsEntry("data", null);
        }
        assertThat(function.invoke(subscription("onDeletePin").caller(apiKey())))
                .containsEntry("errorType", "Unauthorized");
    }

    @Test
    void badEventsGetClearErrorsAndTheFunctionKeepsServing() {
        assertThat(PinsFunction.map(function.invokeBytes("{\"info\": {".getBytes(StandardCharsets.UTF_8))))
                .containsEntry("errorType", "InvalidEventException");
        Map<String, Object> noInfo = query("getPin").caller(iamGuest()).argument("id", "x").toMap();
        noInfo.remove("info");
        assertThat(function.invoke(noInfo)).containsEntry("errorType", "InvalidEventException");
        assertThat(function.invoke(query("getEverything").caller(iamGuest())))
                .containsEntry("errorType", "ResolverNotFoundException");
        Map<String, Object> oddIdentity = query("getPin").argument("id", "x").toMap();
        oddIdentity.put("identity", Map.of("tenant", "acme-but-no-kind"));
        assertThat(function.invoke(oddIdentity)).containsEntry("errorType", "InvalidEventException");
        assertThat(PinsFunction.map(function.invokeBytes("[]".getBytes(StandardCharsets.UTF_8))))
                .containsEntry("errorType", "InvalidEventException");
        List<Map<String, Object>> sources = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            sources.add(Map.of("id", "p" + i, "owner", alice));
        }
        BatchInvoke oversized = field("Pin", "author").caller(iamGuest()).batch(sources);
        assertThat(function.invokeBatch(oversized)).hasSize(26)
                .allSatisfy(item -> assertThat(item).containsEntry("errorType", "InvalidEventException"));

        assertThat(data(createPin(alice, "still-serving"))).containsEntry("owner", alice);
    }

    /** The record as a query hands it to nested resolvers: without the mark of the mutation's response. */
    private static Map<String, Object> asQueried(Map<String, Object> response) {
        Map<String, Object> record = new java.util.LinkedHashMap<>(response);
        record.remove("__mutation");
        return record;
    }
}
