package dev.fieldgate.resolvers.dynamodb;

import dev.fieldgate.policy.Manifest;
import dev.fieldgate.resolvers.ConflictException;
import dev.fieldgate.resolvers.NotFoundException;
import dev.fieldgate.resolvers.Ownership;
import dev.fieldgate.resolvers.ResolverConfigurationException;
import dev.fieldgate.resolvers.ResolverContext;
import dev.fieldgate.resolvers.UnauthorizedException;
import dev.fieldgate.resolvers.ValidationException;
import dev.fieldgate.resolvers.dynamodb.internal.OwnerConditions;
import dev.fieldgate.resolvers.dynamodb.internal.PageTokens;
import dev.fieldgate.resolvers.dynamodb.internal.RecordTableSchema;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.IgnoreNullsMode;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
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
    private final String keyWords;

    private OwnedTable(DynamoDbTable<T> table, String typeName, Set<String> ownerAttributes) {
        this.table = Objects.requireNonNull(table, "table");
        this.schema = table.tableSchema();
        this.partitionKey = schema.tableMetadata().primaryPartitionKey();
        this.ownerAttributes = Set.copyOf(ownerAttributes);
        this.recordName = typeName;
        Optional<String> sortKey = schema.tableMetadata().primarySortKey();
        this.keyWords = sortKey.map(sort -> partitionKey + " and " + sort).orElse(partitionKey);
    }

    /**
     * Wraps a table whose items are owned. Errors name the item class without an {@code Item} suffix ({@code PinItem}
     * is a {@code Pin}); {@link #of(DynamoDbTable, Manifest.Table)} names the schema's type.
     *
     * @param ownerAttributes the attributes owner rules check (e.g. {@code owner}; the manifest's
     *                        {@code tables[].ownerField}): updates never change them
     */
    public static <T> OwnedTable<T> of(DynamoDbTable<T> table, String... ownerAttributes) {
        String name = table.tableSchema().itemType().rawClass().getSimpleName();
        if (name.endsWith("Item") && name.length() > "Item".length()) {
            name = name.substring(0, name.length() - "Item".length());
        }
        return new OwnedTable<>(table, name, Set.of(ownerAttributes));
    }

    /**
     * Wraps the table of a schema type as the manifest declares it ({@code tables[]}): errors name the type, and
     * its owner field is protected.
     */
    public static <T> OwnedTable<T> of(DynamoDbTable<T> table, Manifest.Table declared) {
        Objects.requireNonNull(declared, "declared");
        return new OwnedTable<>(
                table, declared.type(), declared.ownerField() == null ? Set.of() : Set.of(declared.ownerField()));
    }

    /**
     * The table of the schema type named like the record ({@code record Note(...)} for {@code type Note}), with
     * the record as its item: keys and indexes come from the manifest, so the record needs no annotations, and the
     * same record is what the resolvers return.
     *
     * @throws ResolverConfigurationException when the manifest declares no table for the type, or the record lacks
     *                                        one of its key attributes
     */
    public static <R extends Record> OwnedTable<R> of(
            DynamoDbEnhancedClient client, DynamoDbSettings settings, Manifest manifest, Class<R> type) {
        String typeName = type.getSimpleName();
        Manifest.Table declared = manifest.table(typeName)
                .orElseThrow(() -> new ResolverConfigurationException("The schema declares no table for type "
                        + typeName + "; add @table(partitionKey: ...) to it, or name the record after the type"));
        DynamoDbTable<R> table =
                client.table(settings.tableName(declared.name()), RecordTableSchema.of(type, declared));
        return of(table, declared);
    }

    /** The schema type this table stores, as errors name it. */
    public String typeName() {
        return recordName;
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
            throw new ConflictException(
                    article(recordName) + " " + recordName + " with this " + keyWords + " already exists");
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
            throw new ValidationException("The " + recordName + " to update needs its " + keyWords);
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
     * One page of the caller's own records through an index whose partition key is the owner attribute (the
     * schema's {@code @table(indexes: [{name: "byOwner", partitionKey: "owner", sortKey: "createdAt"}])}), in
     * descending sort-key order: newest first when the sort key is a timestamp. With {@code indexName} {@code null}
     * the table's own key is used (a table keyed by its owner).
     *
     * <p>The caller's value comes from the owner condition the runtime decided for the list field (a list only
     * owner rules allow); a caller allowed by another rule has no records of its own here and is refused. A
     * {@code nextToken} must be one this query issued for this caller: another caller's, another index's or an
     * edited token is a validation error.
     *
     * @param limit     the most items to return (1–1000)
     * @param nextToken the previous page's token, or {@code null} for the first page
     * @throws UnauthorizedException when the field's decision names no owner value for the index's partition key
     */
    public Page<T> listOwned(ResolverContext context, String indexName, int limit, String nextToken) {
        if (limit < 1 || limit > 1000) {
            throw new ValidationException("Argument 'limit' must be between 1 and 1000");
        }
        TableMetadata metadata = schema.tableMetadata();
        String index = indexName == null ? TableMetadata.primaryIndexName() : indexName;
        String ownerKey;
        Optional<String> sortKey;
        try {
            ownerKey = metadata.indexPartitionKey(index);
            sortKey = metadata.indexSortKey(index);
        } catch (IllegalArgumentException e) {
            throw new ResolverConfigurationException(
                    "The " + recordName + " table has no index '" + indexName + "'; declare it in @table(indexes)", e);
        }
        String owner = ownerValue(context, ownerKey);
        Set<String> tokenKeys = new LinkedHashSet<>(metadata.primaryKeys());
        tokenKeys.add(ownerKey);
        sortKey.ifPresent(tokenKeys::add);
        Map<String, AttributeValue> start = PageTokens.decode(nextToken);
        if (start != null
                && (!start.keySet().equals(tokenKeys)
                        || !AttributeValue.fromS(owner).equals(start.get(ownerKey)))) {
            LOG.debug("{}.{}: a nextToken of another query or caller", context.typeName(), context.fieldName());
            throw new ValidationException("Argument 'nextToken' is not a token this API issued");
        }
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(
                        Key.builder().partitionValue(owner).build()))
                .scanIndexForward(false)
                .limit(limit)
                .exclusiveStartKey(start)
                .build();
        software.amazon.awssdk.enhanced.dynamodb.model.Page<T> page = indexName == null
                ? table.query(request).iterator().next()
                : table.index(indexName).query(request).iterator().next();
        return new Page<>(page.items(), PageTokens.encode(page.lastEvaluatedKey()));
    }

    private String ownerValue(ResolverContext context, String ownerKey) {
        for (Ownership.Condition condition : context.ownership().conditions()) {
            for (Ownership.Match match : condition.anyOf()) {
                if (match.field().equals(ownerKey)) {
                    return match.value();
                }
            }
        }
        LOG.debug(
                "{}.{}: no owner value for '{}' in the field's decision",
                context.typeName(),
                context.fieldName(),
                ownerKey);
        throw new UnauthorizedException(context.typeName(), context.fieldName());
    }

    private static String article(String noun) {
        return !noun.isEmpty() && "AEIOU".indexOf(Character.toUpperCase(noun.charAt(0))) >= 0 ? "An" : "A";
    }

    /**
     * Primes this table's mapping for a SnapStart snapshot without calling DynamoDB: it maps a key-only item both
     * ways and builds the low-level requests the table's operations send, so the enhanced client's table schema,
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
            return new NotFoundException("No " + recordName + " with this " + keyWords);
        }
        return new UnauthorizedException(context.typeName(), context.fieldName());
    }

    /** The names of the owner attributes this table protects. */
    public List<String> ownerAttributeNames() {
        return List.copyOf(ownerAttributes);
    }
}
