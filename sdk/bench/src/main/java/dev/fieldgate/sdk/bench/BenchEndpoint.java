package dev.fieldgate.sdk.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldgate.local.LocalStack;
import dev.fieldgate.sdk.FieldgateConfig;
import dev.fieldgate.sdk.GraphQLOperation;
import dev.fieldgate.sdk.auth.IdentityPoolCredentialsProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Where the SDK benchmarks send their calls, and what they send:
 *
 * <ul>
 *   <li>{@code static}: a local HTTP endpoint that answers every call with the same page of 20 pins, so the
 *       figures are the clients' own work (the typed result is a page of pins with dates and URLs);</li>
 *   <li>{@code local}: the local stack's AppSync endpoint (SigV4 verified against the identity pool's guest
 *       credentials, the query executed and authorized), answering {@code { __typename }}.</li>
 * </ul>
 */
final class BenchEndpoint implements AutoCloseable {

    /** The typed result of the static endpoint. */
    public static final class PinPage {
        public List<Pin> items;
        public String nextToken;
    }

    /** One pin of {@link PinPage}. */
    public static final class Pin {
        public String id;
        public String title;
        public String description;
        public URI imageUrl;
        public String owner;
        public OffsetDateTime createdAt;
        public OffsetDateTime updatedAt;
    }

    private static final String LIST_PINS = "query Pins($limit: Int) { listPins(limit: $limit) { items { id title "
            + "description imageUrl owner createdAt updatedAt } nextToken } }";
    private static final String TYPENAME = "query Typename { __typename }";

    final URI graphql;
    final String region;
    final AwsCredentials credentials;
    final GraphQLOperation<?> operation;
    private final Server staticServer;
    private final LocalStack stack;
    private final IdentityPoolCredentialsProvider guest;

    private BenchEndpoint(
            URI graphql,
            String region,
            AwsCredentials credentials,
            GraphQLOperation<?> operation,
            Server staticServer,
            LocalStack stack,
            IdentityPoolCredentialsProvider guest) {
        this.graphql = graphql;
        this.region = region;
        this.credentials = credentials;
        this.operation = operation;
        this.staticServer = staticServer;
        this.stack = stack;
        this.guest = guest;
    }

    /** Starts the endpoint: {@code static} or {@code local}. */
    static BenchEndpoint start(String kind) throws Exception {
        if (kind.equals("static")) {
            byte[] page = pageOfPins();
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            server.setHandler(new Handler.Abstract() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) throws Exception {
                    Content.Source.consumeAll(request);
                    response.getHeaders().put("Content-Type", "application/json; charset=UTF-8");
                    response.write(true, ByteBuffer.wrap(page), callback);
                    return true;
                }
            });
            server.start();
            return new BenchEndpoint(
                    URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/graphql"),
                    "us-east-1",
                    AwsSessionCredentials.create("ASIABENCHMARK0000001", "benchmark-secret", "benchmark-session-token"),
                    GraphQLOperation.query(LIST_PINS, "listPins", PinPage.class).withVariable("limit", 20),
                    server,
                    null,
                    null);
        }
        LocalStack stack = LocalStack.builder()
                .appConfigFile(Path.of("../../samples/pins/fieldgate.json"))
                .withoutFunction()
                .inMemory()
                .port(0)
                .start();
        FieldgateConfig config = FieldgateConfig.fromOutputsJson(stack.outputs().toJson());
        IdentityPoolCredentialsProvider guest =
                IdentityPoolCredentialsProvider.builder().config(config).guest().build();
        return new BenchEndpoint(
                config.graphqlEndpoint().orElseThrow(),
                config.region(),
                guest.resolveCredentials(),
                GraphQLOperation.query(TYPENAME, "__typename", String.class),
                null,
                stack,
                guest);
    }

    /** The SDK's configuration for the endpoint. */
    FieldgateConfig config() {
        return FieldgateConfig.builder().region(region).graphqlEndpoint(graphql).build();
    }

    @Override
    public void close() {
        if (staticServer != null) {
            try {
                staticServer.stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        if (guest != null) {
            guest.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static byte[] pageOfPins() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ObjectNode page = root.putObject("data").putObject("listPins");
        var items = page.putArray("items");
        for (int i = 0; i < 20; i++) {
            items.addObject()
                    .put("id", "0b6f3c1e-4a8d-4f57-9a1e-" + String.format("%012d", i))
                    .put("title", "Pin number " + i)
                    .put("description", "A bird seen on the coast, photographed at dawn from the dunes")
                    .put("imageUrl", "https://images.example.com/pins/" + i + ".jpg")
                    .put("owner", "2ba2087b-d069-446a-9760-7799440d6948")
                    .put("createdAt", "2024-03-05T09:03:0" + (i % 10) + ".123Z")
                    .put("updatedAt", "2024-03-05T09:03:0" + (i % 10) + ".123+01:00");
        }
        page.put("nextToken", "eyJpZCI6IjBiNmYzYzFlIn0=");
        return json.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
    }
}
