package dev.fieldgate.resolvers.dynamodb;

import dev.fieldgate.resolvers.ConflictException;
import dev.fieldgate.resolvers.NotFoundException;
import dev.fieldgate.resolvers.Ownership;
import dev.fieldgate.resolvers.ResolverContext;
import dev.fieldgate.resolvers.UnauthorizedException;
import dev.fieldgate.resolvers.ValidationException;
import dev.fieldgate.resolvers.dynamodb.internal.OwnerConditions;
import dev.fieldgate.resolvers.dynamodb.internal.PageTokens;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.IgnoreNullsMode;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ScanEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * A table whose writes obey the owner rules the runtime decided for the field ({@link ResolverContext#ownership()}):
 * <ul>
 *   <li>{@link #create}: stamps the caller into the owner attributes and never replaces an existing record;</li>
 *   <li>{@link #update} and {@link #delete}: condition the write in DynamoDB on the stored record naming the caller
 *       (when only an owner rule allows it), so no read-then-write race can bypass the check. An update never
 *       changes an owner attribute.</li>
 * </ul>
 * A failed condition becomes AppSync's {@code Unauthorized} error when the record exists, {@code NotFoundException}
 * when it does not.
 *
 * <p>The client must not choose the record by its owner: where the owner attribute is part of the key, derive the key
 * from the caller (as {@code updateProfile} does), and the owner condition still applies.
 *
 * @param <T> the item type of the enhanced client's table
 */
public final class OwnedTable<T> {

    private static final Logger LOG = LoggerFactory.getLogger(OwnedTable.class);

    private final DynamoDbTable<T> table;
    private final TableSchema<T> schema;
    private final String partitionKey;
    private final Set<String> ownerAttributes;
    private final String recordName;

    private OwnedTable(DynamoDbTable<T> table, Set<String> ownerAttributes) {
        this.table = Objects.requireNonNull(table, "table");
        this.schema = table.tableSchema();
        this.partitionKey = schema.tableMetadata().primaryPartitionKey();
        this.ownerAttributes = Set.copyOf(ownerAttributes);
        this.recordName = schema.itemType().rawClass().getSimpleName();
    }

    /**
     * Wraps a table whose items are owned.
     *
     * @param ownerAttributes the attributes owner rules check (e.g. {@code owner}; the manifest's
     *                        {@code tables[].ownerField}): updates never change them
     */
    public static <T> OwnedTable<T> of(DynamoDbTable<T> table, String... ownerAttributes) {
        return new OwnedTable<>(table, Set.of(ownerAttributes));
    }

    public DynamoDbTable<T> table() {
        return table;
    }

    /** Reads one record (eventually consistent). */
    public Optional<T> get(Key key) {
        return Optional.ofNullable(table.getItem(key));
    }

    /** Reads one record with a strongly consistent read. */
    public Optional<T> getConsistent(Key key) {
        return Optional.ofNullable(table.getItem(
                GetItemEnhancedRequest.builder().key(key).consistentRead(true).build()));
    }

    /**
     * Stores a new record with the caller stamped as its owner.
     *
     * @return the record as stored
     * @throws ConflictException when a record with the same key exists
     */
    public T create(ResolverContext context, T item) {
        Objects.requireNonNull(item, "item");
        Map<String, String> stamp = context.ownership().stamp();
        T stamped = item;
        if (!stamp.isEmpty()) {
            Map<String, AttributeValue> attributes = new HashMap<>(schema.itemToMap(item, true));
            stamp.forEach((attribute, owner) -> attributes.put(attribute, AttributeValue.fromS(owner)));
            stamped = schema.mapToItem(attributes);
        }
        try {
            table.putItem(PutItemEnhancedRequest.builder(schema.itemType().rawClass())
                    .item(stamped)
                    .conditionExpression(OwnerConditions.absent(partitionKey))
                    .build());
        } catch (ConditionalCheckFailedException e) {
            LOG.debug("{}.{}: a {} with this key exists", context.typeName(), context.fieldName(), recordName);
            throw new ConflictException("A " + recordName + " with this key already exists");
        }
        return stamped;
    }

    /**
     * Updates the attributes {@code changes} sets (nulls are left alone) of an existing record, conditional on its
     * owner when the field's decision requires it. Owner attributes are never changed.
     *
     * @return the record after the update
     */
    @SuppressWarnings("unchecked")
    public T update(ResolverContext context, T changes) {
        Objects.requireNonNull(changes, "changes");
        Map<String, AttributeValue> attributes = new HashMap<>(schema.itemToMap(changes, true));
        if (!attributes.containsKey(partitionKey)) {
            throw new ValidationException("The " + recordName + " to update needs its key");
        }
        Ownership ownership = context.ownership();
        for (String owner : ownerAttributes(ownership)) {
            // An owner attribute that is part of the key (a profile keyed by its owner) names the record; the
            // owner condition below makes sure it is the caller's.
            if (!schema.tableMetadata().primaryKeys().contains(owner)) {
                attributes.remove(owner);
            }
        }
        Expression condition = OwnerConditions.existingAndOwned(partitionKey, ownership);
        T item = schema.mapToItem(attributes);
        try {
            return table.updateItem(
                    UpdateItemEnhancedRequest.builder(schema.itemType().rawClass())
                            .item(item)
                            .ignoreNullsMode(IgnoreNullsMode.SCALAR_ONLY)
                            .conditionExpression(condition)
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                            .build());
        } catch (ConditionalCheckFailedException e) {
            throw refusal(context, e, key(attributes));
        }
    }

    /**
     * Deletes a record, conditional on its owner when the field's decision requires it (an Admin's delete is not).
     *
     * @return the deleted record
     */
    public T delete(ResolverContext context, Key key) {
        Expression condition = OwnerConditions.existingAndOwned(partitionKey, context.ownership());
        try {
            return table.deleteItem(DeleteItemEnhancedRequest.builder()
                    .key(key)
                    .conditionExpression(condition)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
        } catch (ConditionalCheckFailedException e) {
            throw refusal(context, e, key);
        }
    }

    /**
     * One page of a scan.
     *
     * @param limit     the most items to evaluate (1–1000)
     * @param nextToken the previous page's token, or {@code null} for the first page
     */
    public Page<T> scan(int limit, String nextToken) {
        if (limit < 1 || limit > 1000) {
            throw new ValidationException("Argument 'limit' must be between 1 and 1000");
        }
        ScanEnhancedRequest request = ScanEnhancedRequest.builder()
                .limit(limit)
                .exclusiveStartKey(PageTokens.decode(nextToken))
                .build();
        software.amazon.awssdk.enhanced.dynamodb.model.Page<T> page =
                table.scan(request).iterator().next();
        return new Page<>(page.items(), PageTokens.encode(page.lastEvaluatedKey()));
    }

    /**
     * Primes this table's mapping for a SnapStart snapshot without calling DynamoDB: it maps a key-only item both
     * ways and builds the low-level requests the table's operations send, so the enhanced client's bean schema,
     * its attribute converters and the SDK's request model are loaded and initialized. Nothing is sent: no
     * credentials are resolved and no connection is opened before the snapshot, where both would be carried into
     * every restored instance.
     */
    public Runnable primer() {
        Key.Builder key = Key.builder().partitionValue(primingValue(partitionKey));
        schema.tableMetadata().primarySortKey().ifPresent(sort -> key.sortValue(primingValue(sort)));
        Key primingKey = key.build();
        return () -> {
            Map<String, AttributeValue> keyMap = primingKey.keyMap(schema, TableMetadata.primaryIndexName());
            T item = schema.mapToItem(keyMap);
            Map<String, AttributeValue> attributes = schema.itemToMap(item, true);
            GetItemRequest.builder()
                    .tableName(table.tableName())
                    .key(keyMap)
                    .consistentRead(true)
                    .build();
            PutItemRequest.builder()
                    .tableName(table.tableName())
                    .item(attributes)
                    .conditionExpression("attribute_not_exists(#k)")
                    .expressionAttributeNames(Map.of("#k", partitionKey))
                    .build();
            DeleteItemRequest.builder()
                    .tableName(table.tableName())
                    .key(keyMap)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build();
        };
    }

    private AttributeValue primingValue(String attribute) {
        return schema.tableMetadata()
                .scalarAttributeType(attribute)
                .map(type -> switch (type) {
                    case N -> AttributeValue.fromN("0");
                    case B -> AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromUtf8String("prime"));
                    default -> AttributeValue.fromS("fieldgate-priming-key");
                })
                .orElse(AttributeValue.fromS("fieldgate-priming-key"));
    }

    private Key key(Map<String, AttributeValue> attributes) {
        Key.Builder key = Key.builder().partitionValue(attributes.get(partitionKey));
        schema.tableMetadata().primarySortKey().ifPresent(sort -> key.sortValue(attributes.get(sort)));
        return key.build();
    }

    private Set<String> ownerAttributes(Ownership ownership) {
        Set<String> names = new LinkedHashSet<>(ownerAttributes);
        ownership.stamp().keySet().forEach(names::add);
        for (Ownership.Condition condition : ownership.conditions()) {
            condition.anyOf().forEach(match -> names.add(match.field()));
        }
        return names;
    }

    /** Not found, or not the caller's: DynamoDB returns the stored record when the condition failed. */
    private RuntimeException refusal(ResolverContext context, ConditionalCheckFailedException failure, Key key) {
        boolean exists;
        if (failure.hasItem()) {
            exists = !failure.item().isEmpty();
        } else {
            // Older DynamoDB versions return no item: look with a consistent read (the write has failed already).
            exists = getConsistent(key).isPresent();
        }
        // An expected outcome, answered to the caller: one line at DEBUG, no stack trace.
        LOG.debug(
                "{}.{}: the owner condition refused the write ({})",
                context.typeName(),
                context.fieldName(),
                exists ? "not the caller's" : "no such " + recordName);
        if (!exists) {
            return new NotFoundException("No " + recordName + " with this key");
        }
        return new UnauthorizedException(context.typeName(), context.fieldName());
    }

    /** The names of the owner attributes this table protects. */
    public List<String> ownerAttributeNames() {
        return List.copyOf(ownerAttributes);
    }
}
