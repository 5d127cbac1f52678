package dev.fieldgate.samples.pins;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.net.ServerSocket;
import java.net.URI;

/** DynamoDB Local, in-process, serving HTTP on a free port; one per test JVM. */
final class LocalDynamoDb {

    private static URI endpoint;

    private LocalDynamoDb() {
    }

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
            } catch (Exception e) {
                throw new IllegalStateException("DynamoDB Local did not start", e);
            }
        }
        return endpoint;
    }
}
