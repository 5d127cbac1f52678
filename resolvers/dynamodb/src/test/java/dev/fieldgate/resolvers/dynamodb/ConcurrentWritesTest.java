package dev.fieldgate.resolvers.dynamodb;

import static dev.fieldgate.testing.AppSyncEvents.mutation;
import static dev.fieldgate.testing.Callers.userPool;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.testing.EventBuilder;
import dev.fieldgate.testing.dynamodb.DynamoDbLocalExtension;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Writes racing each other through the runtime, many threads at once against DynamoDB Local. A check-then-write
 * implementation loses these races; a write conditional on the stored owner cannot.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class ConcurrentWritesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ALICE = "sub-alice";
    static final String BOB = "sub-bob";

    final PinsOnDynamoDb pins = new PinsOnDynamoDb();

    Map<String, Object> call(EventBuilder event) {
        try {
            return JSON.readValue(
                    pins.resolver.handle(event.toJson(), null), new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anotherUsersWritesNeverLandWhileTheOwnerDeletesAndRecreates() throws Exception {
        call(mutation("createPin").caller(userPool(ALICE)).input(Map.of("id", "race", "title", "alice-0")));
        int bobs = 6;
        int attemptsEach = 40;
        ExecutorService threads = Executors.newFixedThreadPool(bobs + 1);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean bobsDone = new AtomicBoolean();
        Map<String, AtomicInteger> bobOutcomes = new ConcurrentHashMap<>();
        List<Map<String, Object>> bobSuccesses = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            Future<Integer> alice = threads.submit(() -> {
                start.await();
                int rounds = 0;
                while (!bobsDone.get()) {
                    rounds++;
                    call(mutation("deletePin").caller(userPool(ALICE)).argument("id", "race"));
                    call(mutation("createPin")
                            .caller(userPool(ALICE))
                            .input(Map.of("id", "race", "title", "alice-" + rounds)));
                }
                return rounds;
            });
            List<Future<?>> bobFutures = new ArrayList<>();
            for (int t = 0; t < bobs; t++) {
                int thread = t;
                bobFutures.add(threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < attemptsEach; i++) {
                        Map<String, Object> response = i % 3 == 2
                                ? call(mutation("deletePin")
                                        .caller(userPool(BOB))
                                        .argument("id", "race"))
                                : call(mutation("updatePin")
                                        .caller(userPool(BOB))
                                        .input(Map.of("id", "race", "title", "bob-" + thread + "-" + i)));
                        String outcome = (String) response.getOrDefault("errorType", "data");
                        bobOutcomes
                                .computeIfAbsent(outcome, key -> new AtomicInteger())
                                .incrementAndGet();
                        if (!response.containsKey("errorType")) {
                            bobSuccesses.add(response);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : bobFutures) {
                future.get(2, TimeUnit.MINUTES);
            }
            bobsDone.set(true);
            assertThat(alice.get(2, TimeUnit.MINUTES)).isPositive();
        } finally {
            threads.shutdownNow();
        }

        assertThat(bobSuccesses).isEmpty();
        assertThat(bobOutcomes.keySet()).isSubsetOf("Unauthorized", "NotFoundException");
        assertThat(bobOutcomes.get("Unauthorized")).isNotNull();
        assertThat(bobOutcomes.values().stream().mapToInt(AtomicInteger::get).sum())
                .isEqualTo(bobs * attemptsEach);
        PinItem last = pins.stored("race");
        if (last != null) {
            assertThat(last.getOwner()).isEqualTo(ALICE);
            assertThat(last.getTitle()).startsWith("alice-");
        }
    }

    @Test
    void updatesNeverResurrectARecordAnAdminDeleted() throws Exception {
        call(mutation("createPin").caller(userPool(ALICE)).input(Map.of("id", "gone", "title", "t")));
        ExecutorService threads = Executors.newFixedThreadPool(5);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger afterDeleteSuccesses = new AtomicInteger();
        AtomicBoolean deleted = new AtomicBoolean();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < 30; i++) {
                        boolean deletedBefore = deleted.get();
                        Map<String, Object> response = call(mutation("updatePin")
                                .caller(userPool(ALICE))
                                .input(Map.of("id", "gone", "title", "edit-" + thread + "-" + i)));
                        if (deletedBefore && !response.containsKey("errorType")) {
                            afterDeleteSuccesses.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            futures.add(threads.submit(() -> {
                start.await();
                Map<String, Object> response = call(mutation("deletePin")
                        .caller(userPool("sub-mod").groups("Admins"))
                        .argument("id", "gone"));
                assertThat(response).doesNotContainKey("errorType");
                deleted.set(true);
                return null;
            }));
            start.countDown();
            for (Future<?> future : futures) {
                future.get(2, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(afterDeleteSuccesses).hasValue(0);
        assertThat(pins.stored("gone")).isNull();
    }
}
