package dev.fieldgate.samples.pins;

import static dev.fieldgate.testing.AppSyncEvents.mutation;
import static dev.fieldgate.testing.Callers.userPool;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import dev.fieldgate.resolvers.dynamodb.OwnedTable;
import dev.fieldgate.samples.pins.model.Pin;

/**
 * Many threads through one function instance (the local stack may call it concurrently): the owner's edits race
 * another user's attempts on the same pins, and no attempt of the other user ever lands.
 */
class PinsConcurrencyTest {

    final PinsFunction function = PinsFunction.get();

    @Test
    void anotherUsersEditsNeverLandWhileTheOwnerEdits() throws Exception {
        String alice = "alice-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Map<String, Object> created = function.invoke(mutation("createPin").caller(userPool(alice))
                    .input(Map.of("title", "alice-0", "imageUrl", "https://img.example.com/r.jpg")));
            ids.add((String) ((Map<?, ?>) created.get("data")).get("id"));
        }
        int threads = 8;
        int rounds = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                boolean isAlice = t % 2 == 0;
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < rounds; i++) {
                        String id = ids.get((thread + i) % ids.size());
                        String title = (isAlice ? "alice-" : "bob-") + thread + "-" + i;
                        Map<String, Object> response = function.invoke(mutation("updatePin")
                                .caller(userPool(isAlice ? alice : bob)).input(Map.of("id", id, "title", title)));
                        String outcome = (isAlice ? "alice:" : "bob:") + response.getOrDefault("errorType", "data");
                        outcomes.computeIfAbsent(outcome, key -> new AtomicInteger()).incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(3, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(outcomes.keySet()).containsExactlyInAnyOrder("alice:data", "bob:Unauthorized");
        assertThat(outcomes.get("alice:data")).hasValue(threads / 2 * rounds);
        assertThat(outcomes.get("bob:Unauthorized")).hasValue(threads / 2 * rounds);
        var table = OwnedTable.of(
                        function.settings.createEnhancedClient(function.client),
                        function.settings,
                        function.manifest,
                        Pin.class)
                .table();
        for (String id : ids) {
            Pin pin = table.getItem(Key.builder().partitionValue(id).build());
            assertThat(pin.owner()).isEqualTo(alice);
            assertThat(pin.title()).startsWith("alice-");
        }
    }
}
