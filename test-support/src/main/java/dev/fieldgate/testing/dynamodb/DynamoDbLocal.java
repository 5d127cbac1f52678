package dev.fieldgate.testing.dynamodb;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import dev.fieldgate.policy.Manifest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * DynamoDB Local in the test JVM, serving HTTP on a free port: one per JVM, started on first use and stopped when
 * the JVM exits. It keeps everything in memory, in one database whatever the caller's credentials and region
 * ({@code -inMemory -sharedDb}), and its telemetry is off ({@code -disableTelemetry}): it sends nothing and writes
 * no {@code dynamodb-local-metadata.json} into the working directory.
 *
 * <pre>{@code
 * LocalTables tables = DynamoDbLocal.shared().createTables(manifest);   // a fresh prefix each time
 * tables.environment().forEach(System::setProperty);                   // FIELDGATE_TABLE_PREFIX, ..._ENDPOINT
 * }</pre>
 *
 * Tests share the database, so each works on tables of its own prefix ({@link #createTables(Manifest)}, or
 * {@link DynamoDbLocalExtension} per test class). Needs {@code com.amazonaws:DynamoDBLocal},
 * {@code software.amazon.awssdk:dynamodb} and {@code url-connection-client} on the test class path.
 */
public final class DynamoDbLocal {

    /** The region clients use; with a shared database it only labels requests. */
    public static final String REGION = "us-east-1";

    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static final int START_ATTEMPTS = 3;
    private static DynamoDbLocal shared;

    private final URI endpoint;
    private DynamoDbClient client;

    private DynamoDbLocal(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** The JVM's DynamoDB Local, started now if it is not running yet. */
    public static synchronized DynamoDbLocal shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    private static DynamoDbLocal start() {
        Exception last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException("No free local port for DynamoDB Local: " + e.getMessage(), e);
            }
            try {
                DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                        new String[] {"-inMemory", "-sharedDb", "-disableTelemetry", "-port", Integer.toString(port)});
                server.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server), "dynamodb-local-stop"));
                return new DynamoDbLocal(URI.create("http://localhost:" + port));
            } catch (Exception e) {
                // Another process may have taken the port between the probe and the start: try another one.
                last = e;
            }
        }
        throw new IllegalStateException(
                "DynamoDB Local did not start (is com.amazonaws:DynamoDBLocal on the test " + "class path?): "
                        + last.getMessage(),
                last);
    }

    private static void stop(DynamoDBProxyServer server) {
        try {
            server.stop();
        } catch (Exception ignored) {
            // The JVM is exiting anyway.
        }
    }

    /** Where clients connect: {@code http://localhost:<port>}. */
    public URI endpoint() {
        return endpoint;
    }

    public String region() {
        return REGION;
    }

    /** A client of this DynamoDB Local (URL-connection HTTP client, placeholder credentials), shared; do not close. */
    public synchronized DynamoDbClient client() {
        if (client == null) {
            client = DynamoDbClient.builder()
                    .endpointOverride(endpoint)
                    .region(Region.of(REGION))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .httpClient(UrlConnectionHttpClient.create())
                    .build();
        }
        return client;
    }

    /**
     * A table prefix no other caller in this JVM gets: {@code <label>-<n>-}, e.g. {@code PinsTest-3-}, with the
     * label reduced to the characters DynamoDB allows in table names.
     */
    public String newTablePrefix(String label) {
        String clean = label == null ? "" : label.replaceAll("[^A-Za-z0-9_.-]", "");
        return (clean.isEmpty() ? "test" : clean) + "-" + PREFIXES.incrementAndGet() + "-";
    }

    /** The manifest's tables under a new prefix ({@link #newTablePrefix(String) newTablePrefix("test")}). */
    public LocalTables createTables(Manifest manifest) {
        return createTables(manifest, newTablePrefix("test"));
    }

    /**
     * Creates the tables the manifest declares that do not exist yet under this prefix, as the Terraform module
     * declares them: the table's keys, on-demand billing, and each global secondary index with every attribute
     * projected. Returns once they are active.
     */
    public LocalTables createTables(Manifest manifest, String prefix) {
        Map<String, String> names = new LinkedHashMap<>();
        for (Manifest.Table table : manifest.tables()) {
            String name = prefix + table.name();
            names.put(table.name(), name);
            try {
                client().createTable(createTableRequest(table, name));
            } catch (ResourceInUseException exists) {
                continue;
            }
            client().waiter().waitUntilTableExists(wait -> wait.tableName(name));
        }
        return new LocalTables(endpoint, REGION, prefix, names);
    }

    static CreateTableRequest createTableRequest(Manifest.Table table, String name) {
        Map<String, String> keyTypes = new LinkedHashMap<>();
        addKey(keyTypes, table.partitionKey(), table);
        addKey(keyTypes, table.sortKey(), table);
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (Manifest.TableIndex index : table.indexes()) {
            addKey(keyTypes, index.partitionKey(), table);
            addKey(keyTypes, index.sortKey(), table);
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(index.name())
                    .keySchema(keySchema(index.partitionKey(), index.sortKey()))
                    .projection(Projection.builder()
                            .projectionType(ProjectionType.ALL)
                            .build())
                    .build());
        }
        List<AttributeDefinition> attributes = new ArrayList<>();
        keyTypes.forEach((attribute, type) -> attributes.add(AttributeDefinition.builder()
                .attributeName(attribute)
                .attributeType(ScalarAttributeType.fromValue(type))
                .build()));
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributes)
                .keySchema(keySchema(table.partitionKey(), table.sortKey()));
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        return request.build();
    }

    private static void addKey(Map<String, String> keyTypes, Manifest.KeyAttribute key, Manifest.Table table) {
        if (key == null) {
            return;
        }
        String previous = keyTypes.putIfAbsent(key.name(), key.type());
        if (previous != null && !previous.equals(key.type())) {
            throw new IllegalArgumentException("Table " + table.name() + ": the key attribute " + key.name()
                    + " has type " + previous + " in one key and " + key.type() + " in another; regenerate the "
                    + "manifest from a schema that types it once");
        }
    }

    private static List<KeySchemaElement> keySchema(Manifest.KeyAttribute partition, Manifest.KeyAttribute sort) {
        List<KeySchemaElement> schema = new ArrayList<>();
        schema.add(KeySchemaElement.builder()
                .attributeName(partition.name())
                .keyType(KeyType.HASH)
                .build());
        if (sort != null) {
            schema.add(KeySchemaElement.builder()
                    .attributeName(sort.name())
                    .keyType(KeyType.RANGE)
                    .build());
        }
        return schema;
    }

    @Override
    public String toString() {
        return "DynamoDbLocal[" + endpoint + "]";
    }
}
