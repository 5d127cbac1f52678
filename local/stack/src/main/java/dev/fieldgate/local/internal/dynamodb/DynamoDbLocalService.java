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
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
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

    /** DynamoDB Local's database file with a shared database ({@code -sharedDb}). */
    static final String DATABASE_FILE = "shared-local-instance.db";

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbLocalService.class);
    // With a shared database, the key and region only label requests.
    private static final String ACCESS_KEY = "fieldgatelocal";

    /** The largest request DynamoDB Local reads (it refuses larger ones itself). */
    private static final long MAX_REQUEST_BYTES = 16L * 1024 * 1024;
    /** The logger DynamoDB Local logs every error it answers with, as a warning with its stack trace. */
    private static final String SERVER_HANDLER_LOGGER =
            "com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler";

    private final LocalDynamoDBRequestHandler requests;
    private final LocalDynamoDBServerHandler handler;
    private final Handler mounted;
    private final String region;

    private DynamoDbLocalService(
            LocalDynamoDBRequestHandler requests, LocalDynamoDBServerHandler handler, String region) {
        this.requests = requests;
        this.handler = handler;
        this.mounted = new WholeRequestFirst(handler);
        this.region = region;
    }

    /**
     * Opens DynamoDB Local's request handler on a database in a directory or in memory.
     *
     * @param directory where the database file lives, or null to keep everything in memory
     */
    public static DynamoDbLocalService open(Path directory, String region) {
        quietExpectedErrors();
        try {
            if (directory != null) {
                OwnerOnly.directory(directory);
                // SQLite would create the file readable by everyone (0644 less the umask): create it first, empty
                // (SQLite takes an empty file for a new database) and owner-only. Its journals copy its mode.
                OwnerOnly.file(directory.resolve(DATABASE_FILE));
            }
            LocalDynamoDBRequestHandler requests = new LocalDynamoDBRequestHandler(
                    0,
                    directory == null,
                    directory == null ? null : directory.toAbsolutePath().toString(),
                    true,
                    false);
            if (directory != null) {
                OwnerOnly.everyFileIn(directory);
            }
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
        return mounted;
    }

    /**
     * DynamoDB Local logs each error it answers (a failed condition, a validation error: 4xx answers the caller
     * handles, such as a resolver turning a failed owner condition into {@code Unauthorized}) as a warning with a
     * 30-line stack trace, and has no other warnings. With slf4j-simple (the command line's and the tests' binding)
     * its threshold is raised to ERROR unless it was set; its errors (internal failures) still show. With another
     * binding, configure the logger {@value #SERVER_HANDLER_LOGGER} there.
     */
    private static void quietExpectedErrors() {
        String property = "org.slf4j.simpleLogger.log." + SERVER_HANDLER_LOGGER;
        if (System.getProperty(property) == null) {
            System.setProperty(property, "error");
        }
    }

    /**
     * Reads a request's whole body before DynamoDB Local sees it, so that a client leaving mid-request is one DEBUG
     * line here rather than DynamoDB Local's "Unknown error" with a stack trace. A body of unknown length, or longer
     * than DynamoDB Local accepts, goes through as it comes.
     */
    private static final class WholeRequestFirst extends Handler.Wrapper {

        WholeRequestFirst(Handler handler) {
            super(handler);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            long length = request.getLength();
            if (length < 0 || length > MAX_REQUEST_BYTES) {
                return super.handle(request, response, callback);
            }
            ByteBuffer body;
            try {
                body = Content.Source.asByteBuffer(request);
            } catch (IOException e) {
                if (!(e instanceof EofException || e.getCause() instanceof EofException)) {
                    throw e;
                }
                LOG.debug("A DynamoDB client left before sending its whole request: {}", e.getMessage());
                callback.failed(e);
                return true;
            }
            Content.Source read = Content.Source.from(body);
            return super.handle(
                    new Request.Wrapper(request) {
                        @Override
                        public Content.Chunk read() {
                            return read.read();
                        }

                        @Override
                        public void demand(Runnable demandCallback) {
                            read.demand(demandCallback);
                        }

                        @Override
                        public void fail(Throwable failure) {
                            read.fail(failure);
                        }
                    },
                    response,
                    callback);
        }
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
