package dev.fieldgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.local.bench.PinsLoad;
import dev.fieldgate.local.cognito.TestUsers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Outcomes a running app meets all the time are not failures of the stack and are not logged as such: a write
 * refused by its owner condition (the resolver answers {@code Unauthorized}) and a client that goes away in the
 * middle of its request. The log (slf4j-simple on {@code System.err}, WARN and above in the tests) stays free of
 * stack traces and warnings for them.
 */
class ExpectedOutcomesLogTest {

    private static LocalStack stack;
    private static GraphQlClient http;
    private static TestUsers.User ann;
    private static TestUsers.User bob;

    @BeforeAll
    static void start() {
        stack = LocalStack.builder()
                .appConfigFile(PinsLoad.pinsConfig())
                .inMemory()
                .start();
        http = new GraphQlClient(stack.graphqlEndpoint());
        TestUsers users = new TestUsers(stack.cognito());
        ann = users.create("ann@example.com");
        bob = users.create("bob@example.com");
        stack.functionReady().join();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /** Runs the scenario with {@code System.err} captured and returns what was logged meanwhile. */
    private static String logOf(ThrowingRunnable scenario) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            scenario.run();
            // What the server does after the client left happens on its own threads: give it a moment.
            Thread.sleep(500);
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static void assertQuiet(String log) {
        assertThat(log.lines())
                .as(log)
                .noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception"))
                .noneMatch(line -> line.contains("WARN") || line.contains("ERROR"));
    }

    @Test
    void aWriteRefusedByItsOwnerConditionIsNotAWarning() throws Exception {
        GraphQlClient.Response created = http.withToken(
                ann.idToken(),
                "mutation C($in: CreatePinInput!) { createPin(input: $in) { id } }",
                Map.of("in", Map.of("title", "Ann's", "imageUrl", "https://img.example.com/a.jpg")));
        String id = created.data().at("/createPin/id").asText();
        assertThat(id).isNotEmpty();

        String log = logOf(() -> {
            GraphQlClient.Response update = http.withToken(
                    bob.idToken(),
                    "mutation U($in: UpdatePinInput!) { updatePin(input: $in) { id } }",
                    Map.of("in", Map.of("id", id, "title", "Bob's now")));
            assertThat(update.errors().get(0).get("errorType").asText()).isEqualTo("Unauthorized");
            GraphQlClient.Response delete = http.withToken(
                    bob.idToken(), "mutation D($id: ID!) { deletePin(id: $id) { id } }", Map.of("id", id));
            assertThat(delete.errors().get(0).get("errorType").asText()).isEqualTo("Unauthorized");
        });
        assertQuiet(log);
    }

    @Test
    void aClientThatLeavesMidRequestLeavesNoTrace() throws Exception {
        String log = logOf(() -> {
            for (String target : List.of("/graphql", "/")) {
                leave(stack.endpoint(), target, true);
                leave(stack.endpoint(), target, false);
            }
        });
        assertQuiet(log);
        // The server is still there for the next caller.
        assertThat(http.withToken(ann.idToken(), "{ listPins(limit: 1) { nextToken } }")
                        .status())
                .isEqualTo(200);
    }

    /** A DynamoDB ListTables request's headers, signed with the local administrator's key as the AWS SDK signs. */
    private static Map<String, String> dynamoDbHeaders(URI endpoint, String body) {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint.resolve("/"))
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .build();
        SignedRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(AwsCredentialsIdentity.create(
                                stack.adminCredentials().accessKeyId(),
                                stack.adminCredentials().secretAccessKey()))
                        .request(request)
                        .payload(ContentStreamProvider.fromUtf8String(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, stack.region()));
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        signed.request().headers().forEach((name, values) -> headers.put(name, String.join(",", values)));
        return headers;
    }

    /**
     * Sends a request and goes away: after half its body ({@code midBody}), or right after the whole request, before
     * the answer.
     */
    private static void leave(URI endpoint, String target, boolean midBody) throws IOException {
        boolean graphql = target.equals("/graphql");
        byte[] body = (graphql ? "{\"query\": \"{ listPins(limit: 1) { nextToken } }\"}" : "{\"Limit\": 1}")
                .getBytes(StandardCharsets.US_ASCII);
        StringBuilder headers = new StringBuilder("POST " + target + " HTTP/1.1\r\n");
        if (graphql) {
            headers.append("Host: ").append(endpoint.getAuthority()).append("\r\n");
            headers.append("Content-Type: application/json\r\n");
            headers.append("Authorization: ").append(ann.idToken()).append("\r\n");
        } else {
            dynamoDbHeaders(endpoint, new String(body, StandardCharsets.US_ASCII))
                    .forEach((name, value) ->
                            headers.append(name).append(": ").append(value).append("\r\n"));
        }
        headers.append("Content-Length: ")
                .append(midBody ? body.length * 2 : body.length)
                .append("\r\n\r\n");
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(headers.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            if (!midBody) {
                // Closing with unread input makes the close a reset: the answer meets a closed connection.
                socket.setSoLinger(true, 0);
                return;
            }
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            socket.setSoTimeout(5_000);
            try {
                in.readAllBytes();
            } catch (IOException e) {
                // Whatever the server answers, or a reset: the client is gone either way.
            }
        }
    }
}
