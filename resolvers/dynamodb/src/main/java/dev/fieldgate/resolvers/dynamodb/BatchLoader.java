package dev.fieldgate.resolvers.dynamodb;

import dev.fieldgate.resolvers.ErrorTypes;
import dev.fieldgate.resolvers.ResolverException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Loads many records of one table by key with BatchGetItem, for batch resolvers: at most 100 keys per call
 * (DynamoDB's limit), duplicates asked once, unprocessed keys asked again with exponential backoff and full jitter.
 * A BatchInvoke of N items therefore costs ⌈N/100⌉ calls when DynamoDB keeps up, not N.
 *
 * <p>Thread-safe; build one per table at start-up.
 */
public final class BatchLoader<T> {

    /** DynamoDB's limit of keys per BatchGetItem call. */
    public static final int MAX_KEYS_PER_CALL = 100;

    /** Sleeps between attempts; replaced in tests by one that records instead of waiting. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(BatchLoader.class);

    private final DynamoDbClient client;
    private final DynamoDbTable<T> table;
    private final TableSchema<T> schema;
    private final List<String> keyNames;
    private final int maxAttempts;
    private final BackoffStrategy backoff;
    private final boolean consistentRead;
    private final Sleeper sleeper;

    private BatchLoader(Builder<T> builder) {
        this.client = Objects.requireNonNull(builder.client, "client");
        this.table = Objects.requireNonNull(builder.table, "table");
        this.schema = table.tableSchema();
        this.keyNames = List.copyOf(schema.tableMetadata().primaryKeys());
        this.maxAttempts = builder.maxAttempts;
        this.backoff = builder.backoff;
        this.consistentRead = builder.consistentRead;
        this.sleeper = builder.sleeper;
    }

    /**
     * A builder of a loader for one table.
     *
     * @param client the low-level client behind the enhanced client of {@code table} (BatchGetItem's unprocessed
     *               keys are handled here, not left to the enhanced client's pagination)
     */
    public static <T> Builder<T> builder(DynamoDbClient client, DynamoDbTable<T> table) {
        return new Builder<>(client, table);
    }

    public static <T> BatchLoader<T> of(DynamoDbClient client, DynamoDbTable<T> table) {
        return builder(client, table).build();
    }

    /**
     * Loads the records of these keys.
     *
     * @return one entry per key, in the keys' order: the record, or {@code null} where none exists
     */
    public List<T> load(List<Key> keys) {
        Map<Map<String, AttributeValue>, T> found = loadAll(keys);
        List<T> results = new ArrayList<>(keys.size());
        for (Key key : keys) {
            results.add(key == null ? null : found.get(key.keyMap(schema, TableMetadata.primaryIndexName())));
        }
        return results;
    }

    private Map<Map<String, AttributeValue>, T> loadAll(List<Key> keys) {
        LinkedHashMap<Map<String, AttributeValue>, Boolean> distinct = new LinkedHashMap<>();
        for (Key key : keys) {
            if (key != null) {
                distinct.put(key.keyMap(schema, TableMetadata.primaryIndexName()), Boolean.TRUE);
            }
        }
        List<Map<String, AttributeValue>> pending = new ArrayList<>(distinct.keySet());
        Map<Map<String, AttributeValue>, T> found = new HashMap<>();
        for (int from = 0; from < pending.size(); from += MAX_KEYS_PER_CALL) {
            fetch(pending.subList(from, Math.min(from + MAX_KEYS_PER_CALL, pending.size())), found);
        }
        return found;
    }

    private void fetch(List<Map<String, AttributeValue>> chunk, Map<Map<String, AttributeValue>, T> found) {
        String tableName = table.tableName();
        KeysAndAttributes request = KeysAndAttributes.builder()
                .keys(chunk)
                .consistentRead(consistentRead)
                .build();
        for (int attempt = 1; ; attempt++) {
            BatchGetItemResponse response = client.batchGetItem(BatchGetItemRequest.builder()
                    .requestItems(Map.of(tableName, request))
                    .build());
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(tableName, List.of())) {
                found.put(keyOf(item), schema.mapToItem(item));
            }
            KeysAndAttributes unprocessed = response.unprocessedKeys().get(tableName);
            if (unprocessed == null || unprocessed.keys().isEmpty()) {
                return;
            }
            if (attempt >= maxAttempts) {
                LOG.warn(
                        "BatchGetItem on {} left {} keys unprocessed after {} attempts",
                        tableName,
                        unprocessed.keys().size(),
                        attempt);
                throw new ResolverException(ErrorTypes.UNAVAILABLE, "The data store is busy; try again");
            }
            Duration delay = backoff.computeDelay(attempt);
            LOG.debug(
                    "BatchGetItem on {}: {} keys unprocessed, asking again in {} ms",
                    tableName,
                    unprocessed.keys().size(),
                    delay.toMillis());
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ResolverException(ErrorTypes.UNAVAILABLE, "The data store is busy; try again");
            }
            request = unprocessed;
        }
    }

    private Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new HashMap<>();
        for (String name : keyNames) {
            key.put(name, item.get(name));
        }
        return key;
    }

    /**
     * Primes the loader for a SnapStart snapshot without calling DynamoDB: it builds the BatchGetItem request for
     * this key and maps a key-only item, so those classes are loaded and initialized. Nothing is sent (no
     * credentials, no connection before the snapshot).
     */
    public Runnable primer(Key primingKey) {
        Objects.requireNonNull(primingKey, "primingKey");
        return () -> {
            Map<String, AttributeValue> key = primingKey.keyMap(schema, TableMetadata.primaryIndexName());
            BatchGetItemRequest.builder()
                    .requestItems(Map.of(
                            table.tableName(),
                            KeysAndAttributes.builder()
                                    .keys(List.of(key))
                                    .consistentRead(consistentRead)
                                    .build()))
                    .build();
            keyOf(schema.itemToMap(schema.mapToItem(key), true));
        };
    }

    /** Builds a {@link BatchLoader}. */
    public static final class Builder<T> {

        private final DynamoDbClient client;
        private final DynamoDbTable<T> table;
        private int maxAttempts = 8;
        private BackoffStrategy backoff =
                BackoffStrategy.exponentialDelay(Duration.ofMillis(25), Duration.ofSeconds(1));
        private boolean consistentRead;
        private Sleeper sleeper = duration -> Thread.sleep(duration.toMillis());

        private Builder(DynamoDbClient client, DynamoDbTable<T> table) {
            this.client = client;
            this.table = table;
        }

        /** Attempts per chunk of keys before giving up (default 8). */
        public Builder<T> maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** The delay before asking again for unprocessed keys (default: exponential from 25 ms to 1 s, full jitter). */
        public Builder<T> backoff(BackoffStrategy backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        public Builder<T> consistentRead(boolean consistentRead) {
            this.consistentRead = consistentRead;
            return this;
        }

        Builder<T> sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        public BatchLoader<T> build() {
            return new BatchLoader<>(this);
        }
    }
}
