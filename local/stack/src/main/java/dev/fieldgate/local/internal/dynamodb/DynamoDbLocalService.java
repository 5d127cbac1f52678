package dev.fieldgate.local.internal.dynamodb;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import com.amazonaws.services.dynamodbv2.model.AttributeDefinition;
import com.amazonaws.services.dynamodbv2.model.BillingMode;
import com.amazonaws.services.dynamodbv2.model.CreateTableRequest;
import com.amazonaws.services.dynamodbv2.model.GlobalSecondaryIndex;
import com.amazonaws.services.dynamodbv2.model.KeySchemaElement;
import com.amazonaws.services.dynamodbv2.model.KeyType;
import com.amazonaws.services.dynamodbv2.model.ListTablesRequest;
import com.amazonaws.services.dynamodbv2.model.ListTablesResult;
import com.amazonaws.services.dynamodbv2.model.Projection;
import com.amazonaws.services.dynamodbv2.model.ProjectionType;
import dev.fieldgate.local.core.LocalConfigException;
import dev.fieldgate.local.core.LocalStateException;
import dev.fieldgate.policy.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DynamoDB Local in this JVM, without a server of its own: its request handler and Jetty 12 core handler are built
 * as its command-line runner builds them, and the handler is mounted on the stack's port behind the
 * {@code X-Amz-Target: DynamoDB_20120810.*} route, behind {@link DynamoDbGate} (SigV4 and IAM: DynamoDB Local itself
 * accepts any key). One shared database for every access key and region (DynamoDB
 * Local's {@code -sharedDb}), kept in a directory or in memory. Telemetry stays off: it is only configured by
 * DynamoDB Local's own command-line runner, which is never used here.
 */
public final class DynamoDbLocalService implements AutoCloseable {

    /** The X-Amz-Target prefix of DynamoDB's JSON protocol. */
    public static final String TARGET_PREFIX = "DynamoDB_20120810";
    /** The X-Amz-Target prefix of DynamoDB Streams. */
    public static final String STREAMS_TARGET_PREFIX = "DynamoDBStreams_20120810";

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbLocalService.class);
    // With a shared database, the key and region only label requests.
    private static final String ACCESS_KEY = "fieldgatelocal";

    private final LocalDynamoDBRequestHandler requests;
    private final LocalDynamoDBServerHandler handler;
    private final String region;

    private DynamoDbLocalService(
            LocalDynamoDBRequestHandler requests, LocalDynamoDBServerHandler handler, String region) {
        this.requests = requests;
        this.handler = handler;
        this.region = region;
    }

    /**
     * Opens DynamoDB Local's request handler on a database in a directory or in memory.
     *
     * @param directory where the database file lives, or null to keep everything in memory
     */
    public static DynamoDbLocalService open(Path directory, String region) {
        try {
            if (directory != null) {
                Files.createDirectories(directory);
            }
            LocalDynamoDBRequestHandler requests = new LocalDynamoDBRequestHandler(
                    0,
                    directory == null,
                    directory == null ? null : directory.toAbsolutePath().toString(),
                    true,
                    false);
            // No origins of its own: CORS is the stack's (the router answers preflights, DynamoDbGate adds AWS's
            // response headers), and only verified, authorized requests ever reach this handler.
            LocalDynamoDBServerHandler handler = new LocalDynamoDBServerHandler(requests, "");
            return new DynamoDbLocalService(requests, handler, region);
        } catch (IOException e) {
            throw new LocalStateException(
                    "Cannot create the DynamoDB Local directory " + directory + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new LocalStateException("DynamoDB Local did not start: " + e.getMessage(), e);
        }
    }

    /** The Jetty handler that answers DynamoDB's JSON protocol. */
    public Handler handler() {
        return handler;
    }

    /**
     * Creates the manifest's tables that do not exist yet, as the Terraform module declares them: on-demand
     * billing, the table's keys, and every index with all attributes projected.
     *
     * @return the physical names of the tables created now
     */
    public List<String> createMissingTables(List<Manifest.Table> tables, String prefix) {
        Set<String> existing = new HashSet<>(tableNames());
        List<String> created = new ArrayList<>();
        for (Manifest.Table table : tables) {
            String name = prefix + table.name();
            if (existing.contains(name)) {
                continue;
            }
            requests.createTable(ACCESS_KEY, region, createTableRequest(table, name));
            created.add(name);
        }
        if (!created.isEmpty()) {
            LOG.debug("Created tables {}", created);
        }
        return created;
    }

    static CreateTableRequest createTableRequest(Manifest.Table table, String physicalName) {
        Map<String, String> keyTypes = new LinkedHashMap<>();
        addKey(keyTypes, table.partitionKey(), table);
        addKey(keyTypes, table.sortKey(), table);
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (Manifest.TableIndex index : table.indexes()) {
            addKey(keyTypes, index.partitionKey(), table);
            addKey(keyTypes, index.sortKey(), table);
            indexes.add(new GlobalSecondaryIndex()
                    .withIndexName(index.name())
                    .withKeySchema(keySchema(index.partitionKey(), index.sortKey()))
                    .withProjection(new Projection().withProjectionType(ProjectionType.ALL)));
        }
        List<AttributeDefinition> attributes = new ArrayList<>();
        keyTypes.forEach((name, type) -> attributes.add(new AttributeDefinition(name, type)));
        CreateTableRequest request = new CreateTableRequest()
                .withTableName(physicalName)
                .withBillingMode(BillingMode.PAY_PER_REQUEST)
                .withAttributeDefinitions(attributes)
                .withKeySchema(keySchema(table.partitionKey(), table.sortKey()));
        if (!indexes.isEmpty()) {
            request.setGlobalSecondaryIndexes(indexes);
        }
        return request;
    }

    private static void addKey(Map<String, String> keyTypes, Manifest.KeyAttribute key, Manifest.Table table) {
        if (key == null) {
            return;
        }
        String previous = keyTypes.putIfAbsent(key.name(), key.type());
        if (previous != null && !previous.equals(key.type())) {
            throw new LocalConfigException("Table " + table.name() + ": the key attribute " + key.name()
                    + " is declared with different types in the table and its indexes.");
        }
    }

    private static List<KeySchemaElement> keySchema(Manifest.KeyAttribute partition, Manifest.KeyAttribute sort) {
        List<KeySchemaElement> schema = new ArrayList<>();
        schema.add(new KeySchemaElement(partition.name(), KeyType.HASH));
        if (sort != null) {
            schema.add(new KeySchemaElement(sort.name(), KeyType.RANGE));
        }
        return schema;
    }

    /** Every table's name. */
    public List<String> tableNames() {
        List<String> names = new ArrayList<>();
        String start = null;
        do {
            ListTablesResult page =
                    requests.listTables(ACCESS_KEY, region, new ListTablesRequest().withExclusiveStartTableName(start));
            names.addAll(page.getTableNames());
            start = page.getLastEvaluatedTableName();
        } while (start != null);
        return names;
    }

    @Override
    public void close() {
        try {
            handler.close();
        } finally {
            requests.shutdown();
        }
    }
}
