package dev.fieldgate.resolvers.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldgate.resolvers.ResolverException;
import dev.fieldgate.testing.dynamodb.DynamoDbLocalExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * BatchGetItem against DynamoDB Local, watched by a real SDK interceptor: calls are counted, and for the retry
 * tests the interceptor turns part of a real response into unprocessed keys, as a throttled DynamoDB does.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class BatchLoaderTest {

    /** Counts BatchGetItem calls and the keys each asked for; optionally withholds items as "unprocessed". */
    static final class Watch implements ExecutionInterceptor {

        final List<Integer> keysPerCall = new CopyOnWriteArrayList<>();
        final AtomicInteger withholdCalls = new AtomicInteger();
        volatile int withhold;

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof BatchGetItemRequest request) {
                keysPerCall.add(request.requestItems().values().stream()
                        .mapToInt(k -> k.keys().size())
                        .sum());
            }
        }

        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            if (!(context.response() instanceof BatchGetItemResponse response) || withholdCalls.get() <= 0) {
                return context.response();
            }
            withholdCalls.decrementAndGet();
            Map<String, List<Map<String, AttributeValue>>> kept = new HashMap<>();
            Map<String, KeysAndAttributes> unprocessed = new HashMap<>();
            response.responses().forEach((table, items) -> {
                int cut = Math.min(withhold, items.size());
                kept.put(table, items.subList(cut, items.size()));
                List<Map<String, AttributeValue>> keys = new ArrayList<>();
                items.subList(0, cut).forEach(item -> keys.add(Map.of("owner", item.get("owner"))));
                unprocessed.put(table, KeysAndAttributes.builder().keys(keys).build());
            });
            return response.toBuilder()
                    .responses(kept)
                    .unprocessedKeys(unprocessed)
                    .build();
        }
    }

    final DynamoDbSettings settings = PinsOnDynamoDb.freshSettings();
    final Watch watch = new Watch();
    final DynamoDbClient client = DynamoDbClient.builder()
            .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
            .endpointOverride(settings.endpointOverride().orElseThrow())
            .region(software.amazon.awssdk.regions.Region.US_EAST_1)
            .credentialsProvider(
                    () -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test", "test"))
            .overrideConfiguration(c -> c.addExecutionInterceptor(watch))
            .build();
    final DynamoDbTable<ProfileItem> profiles;
    final List<Duration> slept = new CopyOnWriteArrayList<>();

    BatchLoaderTest() {
        ManifestTables.create(client, PinsOnDynamoDb.MANIFEST, settings);
        profiles = settings.createEnhancedClient(client)
                .table(settings.tableName("Profile"), TableSchema.fromBean(ProfileItem.class));
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            Map<String, AttributeValue> item = Map.of(
                    "owner", AttributeValue.fromS("user-" + i), "displayName", AttributeValue.fromS("User " + i));
            writes.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
            if (writes.size() == 25) {
                List<WriteRequest> chunk = List.copyOf(writes);
                client.batchWriteItem(r -> r.requestItems(Map.of(settings.tableName("Profile"), chunk)));
                writes.clear();
            }
        }
        if (!writes.isEmpty()) {
            List<WriteRequest> chunk = List.copyOf(writes);
            client.batchWriteItem(r -> r.requestItems(Map.of(settings.tableName("Profile"), chunk)));
        }
        watch.keysPerCall.clear();
    }

    private BatchLoader<ProfileItem> loader(int maxAttempts) {
        return BatchLoader.builder(client, profiles)
                .maxAttempts(maxAttempts)
                .sleeper(slept::add)
                .build();
    }

    private static Key key(String owner) {
        return Key.builder().partitionValue(owner).build();
    }

    @Test
    void nKeysCostCeilingOfNOverOneHundredCallsAndComeBackInOrder() {
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            keys.add(key("user-" + ((i * 7) % 260)));
        }

        List<ProfileItem> loaded = loader(8).load(keys);

        // 250 keys, 250 distinct owners of which 240 exist: ⌈250/100⌉ = 3 calls of at most 100 keys.
        assertThat(watch.keysPerCall).containsExactly(100, 100, 50);
        assertThat(loaded).hasSize(250);
        for (int i = 0; i < 250; i++) {
            int owner = (i * 7) % 260;
            if (owner < 240) {
                assertThat(loaded.get(i).getDisplayName()).isEqualTo("User " + owner);
            } else {
                assertThat(loaded.get(i)).isNull();
            }
        }
        assertThat(slept).isEmpty();
    }

    @Test
    void duplicateKeysAreAskedForOnce() {
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            keys.add(key("user-" + (i % 3)));
        }

        List<ProfileItem> loaded = loader(8).load(keys);

        assertThat(watch.keysPerCall).containsExactly(3);
        assertThat(loaded)
                .extracting(ProfileItem::getOwner)
                .containsExactlyElementsOf(
                        keys.stream().map(k -> k.partitionKeyValue().s()).toList());
    }

    @Test
    void unprocessedKeysAreAskedForAgainAfterABackoff() {
        watch.withhold = 10;
        watch.withholdCalls.set(2);
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            keys.add(key("user-" + i));
        }

        List<ProfileItem> loaded = loader(8).load(keys);

        assertThat(watch.keysPerCall).containsExactly(30, 10, 10);
        assertThat(loaded)
                .extracting(ProfileItem::getOwner)
                .containsExactlyElementsOf(
                        keys.stream().map(k -> k.partitionKeyValue().s()).toList());
        // Full jitter: each delay is random, within the exponential bound of its attempt.
        assertThat(slept).hasSize(2);
        assertThat(slept.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(50));
        assertThat(slept.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(100));
    }

    @Test
    void aStoreThatNeverCatchesUpIsAClearRetryableError() {
        watch.withhold = 5;
        watch.withholdCalls.set(100);

        assertThatThrownBy(() -> loader(3)
                        .load(List.of(
                                key("user-1"),
                                key("user-2"),
                                key("user-3"),
                                key("user-4"),
                                key("user-5"),
                                key("user-6"))))
                .isInstanceOf(ResolverException.class)
                .hasMessage("The data store is busy; try again")
                .extracting(e -> ((ResolverException) e).errorType())
                .isEqualTo("ServiceUnavailableException");
        assertThat(watch.keysPerCall).hasSize(3);
        assertThat(slept).hasSize(2);
    }
}
