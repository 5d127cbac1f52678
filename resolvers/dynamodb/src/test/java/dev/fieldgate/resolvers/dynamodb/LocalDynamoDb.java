package dev.fieldgate.resolvers.dynamodb;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * DynamoDB Local, in-process, serving HTTP on a free port: one server per test JVM, stopped when the tests end.
 * Each test class gets its own table prefix, so classes never see each other's tables.
 */
final class LocalDynamoDb implements BeforeAllCallback {

    private static URI endpoint;

    static synchronized URI endpoint() {
        if (endpoint == null) {
            try {
                int port;
                try (ServerSocket socket = new ServerSocket(0)) {
                    port = socket.getLocalPort();
                }
                // -sharedDb: one database whatever the caller's credentials (else one per access key and region).
                DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                        new String[] {"-inMemory", "-sharedDb", "-port", Integer.toString(port)});
                server.start();
                endpoint = URI.create("http://localhost:" + port);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.stop();
                    } catch (Exception ignored) {
                        // The JVM is exiting anyway.
                    }
                }));
            } catch (IOException e) {
                throw new IllegalStateException("no free port for DynamoDB Local", e);
            } catch (Exception e) {
                throw new IllegalStateException("DynamoDB Local did not start", e);
            }
        }
        return endpoint;
    }

    /** Settings for a fresh, uniquely prefixed set of tables in the local DynamoDB. */
    static DynamoDbSettings freshSettings() {
        return DynamoDbSettings.builder().endpointOverride(endpoint())
                .tablePrefix("t" + UUID.randomUUID().toString().substring(0, 8) + "-").build();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        endpoint();
    }
}
