package dev.fieldgate.resolvers;

import static dev.fieldgate.resolvers.Fixtures.ADMIN;
import static dev.fieldgate.resolvers.Fixtures.ALICE;
import static dev.fieldgate.resolvers.Fixtures.BOB;
import static dev.fieldgate.resolvers.Fixtures.bytes;
import static dev.fieldgate.resolvers.Fixtures.event;
import static dev.fieldgate.resolvers.Fixtures.list;
import static dev.fieldgate.resolvers.Fixtures.map;
import static dev.fieldgate.resolvers.Fixtures.pin;
import static dev.fieldgate.testing.Callers.iamGuest;
import static dev.fieldgate.testing.Callers.userPool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.testing.AppSyncEvents;
import dev.fieldgate.testing.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** BatchInvoke: results in the events' order, errors per item, aggregate and per-item handlers, size limits. */
class BatchTest {

    record PinSource(String id, String owner) {}

    private static List<Map<String, Object>> authorBatch(Caller caller, int size) {
        List<Map<String, Object>> pins = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            pins.add(pin("p-" + i, i % 2 == 0 ? ALICE : BOB));
        }
        return AppSyncEvents.field("Pin", "author").caller(caller).batch(pins).toMaps();
    }

    private static AppSyncResolver resolver(Router router) {
        return AppSyncResolver.builder()
                .manifest(Fixtures.pins())
                .include(router)
                .build();
    }

    @Test
    void theRecordedBatchIsAnsweredInOrderWithOneCallForTheWholeBatch() {
        AtomicInteger calls = new AtomicInteger();
        AppSyncResolver resolver =
                resolver(Router.create().batchResolver("Pin", "author", PinSource.class, (pins, batch) -> {
                    calls.incrementAndGet();
                    return pins.stream()
                            .map(p -> Map.of("owner", p.owner(), "displayName", "Name of " + p.owner()))
                            .toList();
                }));

        List<Map<String, Object>> response =
                list(resolver.handle(Fixtures.resource("events/batch-pin-author-guest.json"), null));

        assertThat(calls).hasValue(1);
        assertThat(response)
                .<Object>extracting(item -> ((Map<?, ?>) item.get("data")).get("owner"))
                .containsExactly("sub-alice", "sub-bob", "sub-alice");
        assertThat(response).allSatisfy(item -> assertThat(item).containsOnlyKeys("data"));
    }

    @Test
    void orderIsPreservedAcrossAFullBatch() {
        AppSyncResolver resolver = resolver(Router.create()
                .batchResolver(
                        "Pin",
                        "author",
                        batch -> batch.stream()
                                .map(ctx -> ctx.source().get("id"))
                                .toList()));

        List<Map<String, Object>> response = list(resolver.handle(bytes(authorBatch(userPool(ALICE), 25)), null));

        assertThat(response).hasSize(25);
        for (int i = 0; i < 25; i++) {
            assertThat(response.get(i)).containsEntry("data", "p-" + i);
        }
    }

    @Test
    void deniedAndMalformedItemsFailAloneAndTheHandlerSeesOnlyTheRest() {
        AtomicReference<List<Object>> seen = new AtomicReference<>();
        AppSyncResolver resolver = resolver(Router.create().batchResolver("Pin", "ownerContact", batch -> {
            seen.set(batch.stream().map(ctx -> ctx.source().get("id")).toList());
            return batch.stream()
                    .map(ctx -> "contact of " + ctx.source().get("id"))
                    .toList();
        }));
        List<Object> events = new ArrayList<>();
        events.add(event("Pin", "ownerContact", userPool(ALICE), Map.of(), pin("p-0", ALICE)));
        events.add(event("Pin", "ownerContact", userPool(ALICE), Map.of(), pin("p-1", BOB)));
        Map<String, Object> broken = event("Pin", "ownerContact", userPool(ALICE), Map.of(), pin("p-2", ALICE));
        broken.remove("info");
        events.add(broken);
        events.add(event("Pin", "ownerContact", userPool(ALICE), Map.of(), pin("p-3", ALICE)));

        List<Map<String, Object>> response = list(resolver.handle(bytes(events), null));

        assertThat(seen.get()).containsExactly("p-0", "p-3");
        assertThat(response.get(0)).containsEntry("data", "contact of p-0");
        assertThat(response.get(1))
                .containsEntry("errorType", "Unauthorized")
                .containsEntry("errorMessage", "Not Authorized to access ownerContact on type Pin");
        assertThat(response.get(2)).containsEntry("errorType", "InvalidEventException");
        assertThat(response.get(3)).containsEntry("data", "contact of p-3");
    }

    @Test
    void theRuntimesOwnFieldRuleResolverAnswersPerItem() {
        AppSyncResolver resolver = resolver(Router.create());
        List<Object> events = new ArrayList<>();
        for (String owner : List.of(ALICE, BOB, ALICE)) {
            events.add(event("Pin", "ownerContact", userPool(BOB), Map.of(), pin("p", owner)));
        }
        events.add(event("Pin", "ownerContact", userPool(ADMIN).groups("Admins"), Map.of(), pin("p", ALICE)));

        List<Map<String, Object>> response = list(resolver.handle(bytes(events), null));

        assertThat(response)
                .extracting(item -> item.containsKey("errorType") ? item.get("errorType") : item.get("data"))
                .containsExactly("Unauthorized", BOB + "@example.com", "Unauthorized", ALICE + "@example.com");
    }

    @Test
    void anAggregateHandlerMayFailSingleItems() {
        AppSyncResolver resolver = resolver(Router.create()
                .batchResolver(
                        "Pin",
                        "author",
                        batch -> batch.stream()
                                .map(ctx -> BOB.equals(ctx.source().get("owner"))
                                        ? AppSyncError.of(ErrorTypes.NOT_FOUND, "No profile")
                                        : Map.of("owner", ALICE))
                                .toList()));

        List<Map<String, Object>> response = list(resolver.handle(bytes(authorBatch(iamGuest(), 3)), null));

        assertThat(response.get(0)).containsEntry("data", Map.of("owner", ALICE));
        assertThat(response.get(1))
                .containsEntry("errorType", "NotFoundException")
                .containsEntry("errorMessage", "No profile");
        assertThat(response.get(2)).containsEntry("data", Map.of("owner", ALICE));
    }

    @Test
    void anAggregateResultThatDoesNotLineUpFailsTheBatchClearly() {
        AppSyncResolver resolver = resolver(Router.create().batchResolver("Pin", "author", batch -> List.of("one")));

        List<Map<String, Object>> response = list(resolver.handle(bytes(authorBatch(iamGuest(), 3)), null));

        assertThat(response)
                .hasSize(3)
                .allSatisfy(item -> assertThat(item)
                        .containsEntry("errorType", "InvalidBatchResponseException")
                        .containsEntry(
                                "errorMessage",
                                "The batch resolver for Pin.author returned a result that does not "
                                        + "match its batch"));
    }

    @Test
    void anAggregateHandlerThatThrowsFailsEveryItemItWasGiven() {
        AppSyncResolver resolver = resolver(Router.create().batchResolver("Pin", "author", batch -> {
            throw new NotFoundException("No profiles table");
        }));

        List<Map<String, Object>> response = list(resolver.handle(bytes(authorBatch(iamGuest(), 2)), null));

        assertThat(response)
                .hasSize(2)
                .allSatisfy(item -> assertThat(item).containsEntry("errorType", "NotFoundException"));
    }

    @Test
    void aSingleResolverServesABatchItemByItem() {
        AtomicInteger calls = new AtomicInteger();
        AppSyncResolver resolver = resolver(Router.create().resolver("Pin", "author", ctx -> {
            calls.incrementAndGet();
            if ("p-1".equals(ctx.source().get("id"))) {
                throw new IllegalStateException("only this one breaks");
            }
            return Map.of("owner", ctx.source().get("owner"));
        }));

        List<Map<String, Object>> response = list(resolver.handle(bytes(authorBatch(iamGuest(), 3)), null));

        assertThat(calls).hasValue(3);
        assertThat(response.get(0)).containsEntry("data", Map.of("owner", ALICE));
        assertThat(response.get(1)).containsEntry("errorType", "InternalFailure");
        assertThat(response.get(2)).containsEntry("data", Map.of("owner", ALICE));
    }

    @Test
    void aBatchLargerThanTheFieldsMaxBatchSizeIsRefusedItemByItem() {
        AppSyncResolver resolver = resolver(Router.create()
                .batchResolver(
                        "Pin", "author", batch -> batch.stream().map(ctx -> "x").toList()));

        List<Map<String, Object>> response = list(resolver.handle(bytes(authorBatch(iamGuest(), 26)), null));

        assertThat(response)
                .hasSize(26)
                .allSatisfy(item -> assertThat(item)
                        .containsEntry("errorType", "InvalidEventException")
                        .containsEntry(
                                "errorMessage",
                                "The BatchInvoke has 26 events, more than the maxBatchSize 25 of " + "Pin.author"));
        // ... and the function keeps serving.
        assertThat(list(resolver.handle(bytes(authorBatch(iamGuest(), 25)), null)))
                .hasSize(25)
                .allSatisfy(item -> assertThat(item).containsEntry("data", "x"));
    }

    @Test
    void aBatchLargerThanAppSyncAllowsIsRefused() {
        AppSyncResolver resolver = resolver(Router.create().resolver("Pin", "author", ctx -> "x"));

        List<Map<String, Object>> response = list(resolver.handle(bytes(authorBatch(iamGuest(), 2001)), null));

        assertThat(response)
                .hasSize(2001)
                .allSatisfy(item -> assertThat(item).containsEntry("errorType", "InvalidEventException"));
    }

    @Test
    void anEmptyBatchIsAClearError() {
        AppSyncResolver resolver = resolver(Router.create().resolver("Pin", "author", ctx -> "x"));

        Map<String, Object> response =
                map(resolver.handle("[]".getBytes(java.nio.charset.StandardCharsets.UTF_8), null));

        assertThat(response)
                .containsEntry("data", null)
                .containsEntry("errorType", "InvalidEventException")
                .containsEntry("errorMessage", "The BatchInvoke has no events: AppSync sends at least one");
    }

    @Test
    void typedBatchesThroughTheJavaApi() {
        AppSyncResolver resolver = resolver(Router.create()
                .batchResolver(
                        "Pin",
                        "author",
                        PinSource.class,
                        (pins, batch) -> pins.stream().map(PinSource::owner).toList()));
        List<AppSyncEvent> events = List.of(
                AppSyncEvent.builder()
                        .field("Pin", "author")
                        .identity(null)
                        .source(pin("a", ALICE))
                        .build(),
                AppSyncEvent.builder()
                        .field("Pin", "author")
                        .identity(
                                new CognitoUserPoolIdentity(BOB, "bob", null, Map.of(), List.of(), "ALLOW", List.of()))
                        .source(pin("b", BOB))
                        .build());

        List<ResolverResult> results = resolver.resolveBatch(events, null);

        // The first item is an API-key caller, which the pins API does not admit.
        assertThat(results.get(0).error().errorType()).isEqualTo("Unauthorized");
        assertThat(results.get(1).data()).isEqualTo(BOB);
    }
}
