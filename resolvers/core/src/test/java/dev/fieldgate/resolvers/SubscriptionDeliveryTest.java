package dev.fieldgate.resolvers;

import static dev.fieldgate.resolvers.Fixtures.ADMIN;
import static dev.fieldgate.resolvers.Fixtures.ALICE;
import static dev.fieldgate.resolvers.Fixtures.BOB;
import static dev.fieldgate.resolvers.Fixtures.bytes;
import static dev.fieldgate.resolvers.Fixtures.event;
import static dev.fieldgate.resolvers.Fixtures.list;
import static dev.fieldgate.resolvers.Fixtures.map;
import static dev.fieldgate.resolvers.Fixtures.pin;
import static dev.fieldgate.testing.Callers.userPool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.policy.SchemaCompiler;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What reaches subscription listeners. AppSync hands them the response of a mutation as resolved for its caller,
 * so the response of a mutation feeding listeners who may not read a field (the pins' contact address) answers it
 * null, down to nested resolvers; and owners listen only to their own records, through the owner argument.
 */
class SubscriptionDeliveryTest {

    private static Map<String, Object> call(AppSyncResolver resolver, Map<String, Object> event) {
        return map(resolver.handle(bytes(event), null));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> envelope) {
        assertThat(envelope.get("errorType")).as("an error in %s", envelope).isNull();
        return (Map<String, Object>) envelope.get("data");
    }

    @Nested
    class Pins {

        final AppSyncResolver resolver = AppSyncResolver.builder()
                .manifest(Fixtures.pins())
                .include(Router.create()
                        .mutation("createPin", ctx -> {
                            Map<String, Object> created = new LinkedHashMap<>(pin("p-new", "nobody"));
                            created.putAll(ctx.ownership().stamp());
                            created.put("ownerContact", "alice@example.com");
                            return created;
                        })
                        .mutation("updatePin", ctx -> pin("p-alice", ALICE))
                        .mutation("deletePin", ctx -> pin("p-alice", ALICE))
                        .resolver(
                                "Pin",
                                "author",
                                ctx -> Map.of("owner", ctx.source().get("owner"), "displayName", "A"))
                        .subscription("onCreatePin")
                        .subscription("onDeletePin"))
                .build();

        Map<String, Object> createdByAlice() {
            return data(call(
                    resolver,
                    event(
                            "Mutation",
                            "createPin",
                            userPool(ALICE),
                            Map.of("input", Map.of("title", "t", "imageUrl", "https://img.example.com/t.jpg")),
                            null)));
        }

        @Test
        void theCreatedPinsContactIsNullEvenForItsOwner() {
            Map<String, Object> created = createdByAlice();

            assertThat(created).containsEntry("__mutation", "createPin");
            assertThat(call(resolver, event("Pin", "ownerContact", userPool(ALICE), Map.of(), created)))
                    .containsEntry("data", null)
                    .doesNotContainKey("errorType");
        }

        @Test
        void aQueriedPinsContactStillReachesItsOwnerAndTheAdmins() {
            Map<String, Object> stored = pin("p-alice", ALICE);

            assertThat(call(resolver, event("Pin", "ownerContact", userPool(ALICE), Map.of(), stored)))
                    .containsEntry("data", "sub-alice@example.com");
            assertThat(call(
                            resolver,
                            event("Pin", "ownerContact", userPool(ADMIN).groups("Admins"), Map.of(), stored)))
                    .containsEntry("data", "sub-alice@example.com");
        }

        @Test
        void aDeletedPinsContactIsNullForTheAdminWhoDeletedIt() {
            Map<String, Object> deleted = data(call(
                    resolver,
                    event("Mutation", "deletePin", userPool(ADMIN).groups("Admins"), Map.of("id", "p-alice"), null)));

            assertThat(deleted).containsEntry("__mutation", "deletePin");
            assertThat(call(
                            resolver,
                            event("Pin", "ownerContact", userPool(ADMIN).groups("Admins"), Map.of(), deleted)))
                    .containsEntry("data", null);
        }

        @Test
        void aMutationNoSubscriptionListensToIsNeitherMarkedNorRedacted() {
            Map<String, Object> updated = data(call(
                    resolver,
                    event("Mutation", "updatePin", userPool(ALICE), Map.of("input", Map.of("id", "p-alice")), null)));

            assertThat(updated).doesNotContainKey("__mutation");
            assertThat(call(resolver, event("Pin", "ownerContact", userPool(ALICE), Map.of(), updated)))
                    .containsEntry("data", "sub-alice@example.com");
        }

        @Test
        void aReaderWhoMayNotReadTheFieldStillGetsAppSyncsDenial() {
            Map<String, Object> created = createdByAlice();

            assertThat(call(resolver, event("Pin", "ownerContact", userPool(BOB), Map.of(), created)))
                    .containsEntry("errorType", "Unauthorized");
        }

        @Test
        void aBatchRedactsOnlyTheItemsOfTheMutationsResponse() {
            Map<String, Object> created = createdByAlice();
            List<Map<String, Object>> batch = List.of(
                    event("Pin", "ownerContact", userPool(ALICE), Map.of(), created),
                    event("Pin", "ownerContact", userPool(ALICE), Map.of(), pin("p-alice", ALICE)));

            List<Map<String, Object>> envelopes = list(resolver.handle(bytes(batch), null));

            assertThat(envelopes).extracting(e -> e.get("data")).containsExactly(null, "sub-alice@example.com");
        }

        @Test
        void nestedResolversKeepTheMarkSoDeeperFieldsAreRedactedToo() {
            Map<String, Object> created = createdByAlice();

            Map<String, Object> author =
                    data(call(resolver, event("Pin", "author", userPool(ALICE), Map.of(), created)));

            assertThat(author).containsEntry("__mutation", "createPin").containsEntry("displayName", "A");
        }
    }

    @Nested
    class Owners {

        final AppSyncResolver resolver = AppSyncResolver.builder()
                .manifest(SchemaCompiler.create()
                        .compile(Path.of("src/test/resources/schemas/owned-subscriptions.graphql"))
                        .manifest())
                .include(Router.create()
                        .query("getNote", ctx -> null)
                        .mutation("createNote", ctx -> null)
                        .subscription("onCreateNote"))
                .build();

        Map<String, Object> subscribe(dev.fieldgate.testing.Caller caller, Map<String, ?> arguments) {
            return call(resolver, event("Subscription", "onCreateNote", caller, arguments, null));
        }

        @Test
        void anOwnerListensToItsOwnNotesOnly() {
            assertThat(subscribe(userPool(ALICE), Map.of("owner", ALICE))).doesNotContainKey("errorType");
            assertThat(subscribe(userPool(BOB), Map.of("owner", ALICE))).containsEntry("errorType", "Unauthorized");
            assertThat(subscribe(userPool(BOB), Map.of())).containsEntry("errorType", "Unauthorized");
        }

        @Test
        void aGroupThatReadsEveryNoteListensWithoutTheArgument() {
            assertThat(subscribe(userPool(ADMIN).groups("Auditors"), Map.of())).doesNotContainKey("errorType");
        }
    }
}
