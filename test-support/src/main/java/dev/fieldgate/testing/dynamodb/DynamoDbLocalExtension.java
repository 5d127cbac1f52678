package dev.fieldgate.testing.dynamodb;

import dev.fieldgate.policy.Manifest;
import java.net.URI;
import java.util.Objects;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * JUnit 5: DynamoDB Local ({@link DynamoDbLocal#shared()}) for a test class, with the manifest's tables under a
 * prefix of the class's own.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final DynamoDbLocalExtension DYNAMODB = DynamoDbLocalExtension.withTablesOf(manifest);
 *
 * @Test
 * void savesAPin() {
 *     String table = DYNAMODB.tables().tableName("Pin");   // e.g. PinsStoreTest-1-Pin
 *     ...
 * }
 * }</pre>
 *
 * Registered on a static field, the tables are created once, before the class's first test; on an instance field,
 * before each test. {@code @ExtendWith(DynamoDbLocalExtension.class)} only starts the server. Test methods and
 * constructors may take a {@link DynamoDbLocal} or, with a manifest, a {@link LocalTables} parameter.
 */
public final class DynamoDbLocalExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private final Manifest manifest;
    private volatile LocalTables tables;

    /** Starts DynamoDB Local, without tables: for {@code @ExtendWith}. */
    public DynamoDbLocalExtension() {
        this(null);
    }

    private DynamoDbLocalExtension(Manifest manifest) {
        this.manifest = manifest;
    }

    /** Starts DynamoDB Local and creates the manifest's tables under a prefix named after the test class. */
    public static DynamoDbLocalExtension withTablesOf(Manifest manifest) {
        return new DynamoDbLocalExtension(Objects.requireNonNull(manifest, "manifest"));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        start(context);
    }

    private synchronized void start(ExtensionContext context) {
        DynamoDbLocal server = DynamoDbLocal.shared();
        if (manifest != null && tables == null) {
            tables = server.createTables(
                    manifest,
                    server.newTablePrefix(context.getRequiredTestClass().getSimpleName()));
        }
    }

    /** The JVM's DynamoDB Local. */
    public DynamoDbLocal server() {
        return DynamoDbLocal.shared();
    }

    public URI endpoint() {
        return server().endpoint();
    }

    /** The server's shared client; do not close it. */
    public DynamoDbClient client() {
        return server().client();
    }

    /** The manifest's tables for this test class. */
    public LocalTables tables() {
        if (manifest == null) {
            throw new IllegalStateException("This extension has no manifest: register "
                    + "DynamoDbLocalExtension.withTablesOf(manifest) to have tables created");
        }
        if (tables == null) {
            throw new IllegalStateException("The tables are created before the first test; register the extension "
                    + "with @RegisterExtension and read tables() in a test or a @BeforeEach method");
        }
        return tables;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == DynamoDbLocal.class || (type == LocalTables.class && manifest != null);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == DynamoDbLocal.class) {
            return server();
        }
        start(context);
        return tables();
    }
}
