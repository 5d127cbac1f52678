package dev.fieldgate.resolvers;

import static dev.fieldgate.resolvers.Fixtures.ADMIN;
import static dev.fieldgate.resolvers.Fixtures.ALICE;
import static dev.fieldgate.resolvers.Fixtures.BOB;
import static dev.fieldgate.resolvers.Fixtures.bytes;
import static dev.fieldgate.resolvers.Fixtures.event;
import static dev.fieldgate.resolvers.Fixtures.map;
import static dev.fieldgate.resolvers.Fixtures.pin;
import static dev.fieldgate.testing.Callers.apiKey;
import static dev.fieldgate.testing.Callers.iamGuest;
import static dev.fieldgate.testing.Callers.iamUser;
import static dev.fieldgate.testing.Callers.userPool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.policy.Decision;
import dev.fieldgate.testing.Caller;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The policy is enforced before every handler, in AppSync's error shape, with what only a resolver can check. */
class AuthorizationTest {

    private static Map<String, Object> call(AppSyncResolver resolver, Map<String, Object> event) {
        return map(resolver.handle(bytes(event), null));
    }

    private static Map<String, Object> denial(String field, String type) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("data", null);
        envelope.put("errorType", "Unauthorized");
        envelope.put("errorMessage", "Not Authorized to access " + field + " on type " + type);
        envelope.put("errorInfo", null);
        return envelope;
    }

    @Nested
    class Pins {

        final AtomicInteger calls = new AtomicInteger();
        final AtomicReference<ResolverContext> last = new AtomicReference<>();
        final Map<String, Map<String, Object>> store =
                new LinkedHashMap<>(Map.of("p-alice", pin("p-alice", ALICE), "p-bob", pin("p-bob", BOB)));

        final AppSyncResolver resolver = AppSyncResolver.builder()
                .manifest(Fixtures.pins())
                .include(Router.create()
                        .query(
                                "getPin",
                                ctx -> remember(
                                        ctx, store.get((String) ctx.arguments().get("id"))))
                        .mutation("createPin", ctx -> {
                            Map<String, Object> created = new LinkedHashMap<>(pin("p-new", "nobody"));
                            created.putAll(ctx.ownership().stamp());
                            return remember(ctx, created);
                        })
                        .mutation("updatePin", ctx -> remember(ctx, store.get("p-alice")))
                        .mutation(
                                "deletePin",
                                ctx -> remember(
                                        ctx, store.get((String) ctx.arguments().get("id"))))
                        .subscription("onCreatePin"))
                .build();

        private Object remember(ResolverContext context, Object result) {
            calls.incrementAndGet();
            last.set(context);
            return result;
        }

        @Test
        void aDenialIsAppSyncsErrorAndTheHandlerNeverRuns() {
            assertThat(call(resolver, event("Mutation", "createPin", iamGuest(), Map.of("input", Map.of()), null)))
                    .isEqualTo(denial("createPin", "Mutation"));
            assertThat(call(resolver, event("Mutation", "deletePin", iamUser(ALICE), Map.of("id", "p-alice"), null)))
                    .isEqualTo(denial("deletePin", "Mutation"));
            assertThat(calls).hasValue(0);
        }

        @Test
        void appSyncsOwnLayerIsCheckedAgain() {
            // API keys are not an auth mode of the pins API: AppSync would answer 401, the resolver denies too.
            assertThat(call(resolver, event("Query", "getPin", apiKey(), Map.of("id", "p-alice"), null)))
                    .isEqualTo(denial("getPin", "Query"));
            // Only user pools may read ownerContact (AppSync's directive), whatever the record says.
            assertThat(call(resolver, event("Pin", "ownerContact", iamGuest(), Map.of(), pin("p-alice", ALICE))))
                    .isEqualTo(denial("ownerContact", "Pin"));
            assertThat(calls).hasValue(0);
        }

        @Test
        void readsAreOpenToGuestsAndUsers() {
            assertThat(call(resolver, event("Query", "getPin", iamGuest(), Map.of("id", "p-alice"), null))
                            .get("data"))
                    .isEqualTo(pin("p-alice", ALICE));
            assertThat(call(resolver, event("Query", "getPin", iamUser(BOB), Map.of("id", "p-alice"), null))
                            .get("data"))
                    .isEqualTo(pin("p-alice", ALICE));
            assertThat(last.get().decision().code()).isEqualTo(Decision.Code.RULE);
        }

        @Test
        void createStampsTheCallerAsOwner() {
            Map<String, Object> response = call(
                    resolver,
                    event(
                            "Mutation",
                            "createPin",
                            userPool(ALICE),
                            Map.of(
                                    "input",
                                    Map.of(
                                            "title",
                                            "t",
                                            "imageUrl",
                                            "https://x.example/1.jpg",
                                            "ownerContact",
                                            "alice@example.com")),
                            null));

            assertThat(response).doesNotContainKey("errorType");
            assertThat(((Map<?, ?>) response.get("data")).get("owner")).isEqualTo(ALICE);
            assertThat(last.get().ownership().stamp()).isEqualTo(Map.of("owner", ALICE));
            assertThat(last.get().ownership().isConditional()).isFalse();
        }

        @Test
        void aClientSentOwnerOtherThanTheCallerIsRefused() {
            assertThat(call(
                            resolver,
                            event(
                                    "Mutation",
                                    "createPin",
                                    userPool(ALICE),
                                    Map.of("input", Map.of("title", "t", "owner", BOB)),
                                    null)))
                    .isEqualTo(denial("createPin", "Mutation"));
            assertThat(call(
                            resolver,
                            event(
                                    "Mutation",
                                    "createPin",
                                    userPool(ALICE),
                                    Map.of("owner", BOB, "input", Map.of("title", "t")),
                                    null)))
                    .isEqualTo(denial("createPin", "Mutation"));
            assertThat(call(
                            resolver,
                            event(
                                    "Mutation",
                                    "updatePin",
                                    userPool(ALICE),
                                    Map.of("input", Map.of("id", "p-alice", "owner", BOB)),
                                    null)))
                    .isEqualTo(denial("updatePin", "Mutation"));
            assertThat(calls).hasValue(0);

            // Naming oneself is harmless: the stamp says the same.
            assertThat(call(
                            resolver,
                            event(
                                    "Mutation",
                                    "createPin",
                                    userPool(ALICE),
                                    Map.of("input", Map.of("title", "t", "owner", ALICE)),
                                    null)))
                    .doesNotContainKey("errorType");
        }

        @Test
        void aHandlerThatDoesNotStampTheOwnerIsCaught() {
            AppSyncResolver careless = AppSyncResolver.builder()
                    .manifest(Fixtures.pins())
                    .include(Router.create().mutation("createPin", ctx -> pin("p-new", BOB)))
                    .build();

            assertThat(call(careless, event("Mutation", "createPin", userPool(ALICE), Map.of("input", Map.of()), null)))
                    .isEqualTo(denial("createPin", "Mutation"));
        }

        @Test
        void ownerOnlyWritesAreConditionalOnTheStoredOwnerAndAdminDeletesAreNot() {
            call(resolver, event("Mutation", "deletePin", userPool(ALICE), Map.of("id", "p-alice"), null));
            assertThat(last.get().decision().outcome()).isEqualTo(Decision.Outcome.ALLOW_IF_OWNER);
            assertThat(last.get().ownership().conditions())
                    .containsExactly(new Ownership.Condition(List.of(new Ownership.Match("owner", ALICE))));

            call(
                    resolver,
                    event("Mutation", "deletePin", userPool(ADMIN).groups("Admins"), Map.of("id", "p-bob"), null));
            assertThat(last.get().decision().outcome()).isEqualTo(Decision.Outcome.ALLOW);
            assertThat(last.get().ownership().isConditional()).isFalse();

            call(
                    resolver,
                    event("Mutation", "updatePin", userPool(BOB), Map.of("input", Map.of("id", "p-alice")), null));
            assertThat(last.get().ownership().conditions())
                    .containsExactly(new Ownership.Condition(List.of(new Ownership.Match("owner", BOB))));
            assertThat(last.get().ownership().isSatisfiedBy(pin("p-alice", ALICE)))
                    .isFalse();
            assertThat(last.get().ownership().isSatisfiedBy(pin("p-bob", BOB))).isTrue();
        }

        @Test
        void aRecordReturnedByAnUnconditionalWriteIsCheckedAgain() {
            // The test handler ignores the condition and "deletes" Alice's pin for Bob: the runtime refuses it.
            assertThat(call(resolver, event("Mutation", "deletePin", userPool(BOB), Map.of("id", "p-alice"), null)))
                    .isEqualTo(denial("deletePin", "Mutation"));
            Map<String, Object> deleted = new LinkedHashMap<>(pin("p-alice", ALICE));
            deleted.put("__mutation", "deletePin");
            assertThat(call(resolver, event("Mutation", "deletePin", userPool(ALICE), Map.of("id", "p-alice"), null))
                            .get("data"))
                    .isEqualTo(deleted);
        }

        @Test
        void theOwnerOnlyFieldIsAnsweredByTheRuntimeForItsOwnerAndAdminsOnly() {
            Map<String, Object> alicesPin = pin("p-alice", ALICE);

            assertThat(call(resolver, event("Pin", "ownerContact", userPool(ALICE), Map.of(), alicesPin)))
                    .isEqualTo(Map.of("data", ALICE + "@example.com"));
            assertThat(call(
                            resolver,
                            event("Pin", "ownerContact", userPool(ADMIN).groups("Admins"), Map.of(), alicesPin)))
                    .isEqualTo(Map.of("data", ALICE + "@example.com"));
            assertThat(call(resolver, event("Pin", "ownerContact", userPool(BOB), Map.of(), alicesPin)))
                    .isEqualTo(denial("ownerContact", "Pin"));
            assertThat(call(resolver, event("Pin", "ownerContact", iamUser(ALICE), Map.of(), alicesPin)))
                    .isEqualTo(denial("ownerContact", "Pin"));
            assertThat(calls).hasValue(0);
        }

        @Test
        void subscribingIsAuthorizedAndAnsweredWithNull() {
            assertThat(call(resolver, event("Subscription", "onCreatePin", iamGuest(), Map.of(), null)))
                    .containsOnlyKeys("data")
                    .containsEntry("data", null);
            assertThat(call(resolver, event("Subscription", "onCreatePin", apiKey(), Map.of(), null)))
                    .isEqualTo(denial("onCreatePin", "Subscription"));
        }
    }

    @Nested
    class OwnerReads {

        final Map<String, Map<String, Object>> notes = new LinkedHashMap<>();
        final AtomicReference<ResolverContext> last = new AtomicReference<>();
        final AppSyncResolver resolver;

        OwnerReads() {
            notes.put("n-alice", note("n-alice", ALICE));
            notes.put("n-bob", note("n-bob", BOB));
            notes.put("n-alice-2", note("n-alice-2", ALICE));
            resolver = AppSyncResolver.builder()
                    .manifest(Fixtures.notes())
                    .include(Router.create()
                            .query(
                                    "getNote",
                                    ctx -> notes.get((String) ctx.arguments().get("id")))
                            .query(
                                    "listNotes",
                                    ctx -> Map.of("items", new ArrayList<>(notes.values()), "nextToken", "t"))
                            .query("ping", ctx -> "pong")
                            .mutation("createNote", ctx -> {
                                last.set(ctx);
                                Map<String, Object> created = new LinkedHashMap<>(note("n-new", null));
                                created.putAll(ctx.ownership().stamp());
                                return created;
                            })
                            .mutation("updateNote", ctx -> {
                                last.set(ctx);
                                return null;
                            }))
                    .build();
        }

        static Map<String, Object> note(String id, String owner) {
            Map<String, Object> note = new LinkedHashMap<>();
            note.put("id", id);
            note.put("owner", owner);
            note.put("text", "text of " + id);
            note.put("pinned", false);
            return note;
        }

        @Test
        void anOwnerOnlyRecordIsReturnedToItsOwnerOnly() {
            assertThat(call(resolver, event("Query", "getNote", userPool(ALICE), Map.of("id", "n-alice"), null))
                            .get("data"))
                    .isEqualTo(note("n-alice", ALICE));
            assertThat(call(resolver, event("Query", "getNote", userPool(BOB), Map.of("id", "n-alice"), null)))
                    .isEqualTo(denial("getNote", "Query"));
            assertThat(call(
                                    resolver,
                                    event(
                                            "Query",
                                            "getNote",
                                            userPool("sub-auditor").groups("Auditors"),
                                            Map.of("id", "n-alice"),
                                            null))
                            .get("data"))
                    .isEqualTo(note("n-alice", ALICE));
            assertThat(call(resolver, event("Query", "getNote", apiKey(), Map.of("id", "n-bob"), null))
                            .get("data"))
                    .isEqualTo(note("n-bob", BOB));
            // A missing record is null for everyone.
            assertThat(call(resolver, event("Query", "getNote", userPool(BOB), Map.of("id", "none"), null)))
                    .containsOnlyKeys("data")
                    .containsEntry("data", null);
        }

        @Test
        void listsReturnOnlyWhatTheCallerMayRead() {
            Map<?, ?> alices = (Map<?, ?>) call(resolver, event("Query", "listNotes", userPool(ALICE), Map.of(), null))
                    .get("data");
            assertThat((List<?>) alices.get("items"))
                    .<Object>extracting(item -> ((Map<?, ?>) item).get("id"))
                    .containsExactly("n-alice", "n-alice-2");
            assertThat(alices.get("nextToken")).isEqualTo("t");

            Map<?, ?> auditors = (Map<?, ?>) call(
                            resolver,
                            event("Query", "listNotes", userPool("sub-auditor").groups("Auditors"), Map.of(), null))
                    .get("data");
            assertThat((List<?>) auditors.get("items")).hasSize(3);

            Map<?, ?> carols =
                    (Map<?, ?>) call(resolver, event("Query", "listNotes", userPool("sub-carol"), Map.of(), null))
                            .get("data");
            assertThat((List<?>) carols.get("items")).isEmpty();
        }

        @Test
        void fieldRulesOnTheInputOfAnUpdateAddTheirOwnerCondition() {
            Caller editor = userPool("sub-editor").groups("Editors");

            call(
                    resolver,
                    event(
                            "Mutation",
                            "updateNote",
                            editor,
                            Map.of("input", Map.of("id", "n-alice", "text", "edited")),
                            null));
            assertThat(last.get().ownership().isConditional()).isFalse();

            call(
                    resolver,
                    event(
                            "Mutation",
                            "updateNote",
                            editor,
                            Map.of("input", Map.of("id", "n-alice", "pinned", true)),
                            null));
            assertThat(last.get().ownership().conditions())
                    .containsExactly(new Ownership.Condition(List.of(new Ownership.Match("owner", "sub-editor"))));
        }

        @Test
        void createRefusesAForeignOwnerInTheInput() {
            assertThat(call(
                            resolver,
                            event(
                                    "Mutation",
                                    "createNote",
                                    userPool(ALICE),
                                    Map.of("input", Map.of("text", "x", "owner", BOB)),
                                    null)))
                    .isEqualTo(denial("createNote", "Mutation"));
            Map<String, Object> created = call(
                    resolver,
                    event(
                            "Mutation",
                            "createNote",
                            userPool(ALICE),
                            Map.of("input", Map.of("text", "x", "pinned", true)),
                            null));
            assertThat(((Map<?, ?>) created.get("data")).get("owner")).isEqualTo(ALICE);
        }

        @Test
        void rootFieldsWithTheirOwnRules() {
            assertThat(call(resolver, event("Query", "ping", userPool(BOB), Map.of(), null)))
                    .isEqualTo(Map.of("data", "pong"));
            assertThat(call(resolver, event("Query", "ping", iamGuest(), Map.of(), null)))
                    .isEqualTo(denial("ping", "Query"));
            assertThat(call(resolver, event("Query", "ping", apiKey(), Map.of(), null)))
                    .isEqualTo(denial("ping", "Query"));
        }
    }
}
