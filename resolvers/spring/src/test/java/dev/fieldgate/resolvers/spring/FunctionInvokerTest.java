package dev.fieldgate.resolvers.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * The real Spring Cloud Function entry point, in-process, as Lambda (and the local stack) call it: the handler
 * string's class, constructed once, {@code handleRequest} with the event's bytes.
 */
class FunctionInvokerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static FunctionInvoker invoker;
    private static String startupOutput;

    @BeforeAll
    static void startTheFunctionAsLambdaWould() {
        System.setProperty("MAIN_CLASS", TestPinsApplication.class.getName());
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            invoker = new FunctionInvoker();
        } finally {
            System.setOut(out);
            System.setErr(err);
            startupOutput = captured.toString(StandardCharsets.UTF_8);
        }
    }

    @AfterAll
    static void forgetTheStartClass() {
        System.clearProperty("MAIN_CLASS");
    }

    private static byte[] invoke(byte[] event, Context context) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        invoker.handleRequest(new ByteArrayInputStream(event), out, context);
        return out.toByteArray();
    }

    private static Map<String, Object> map(byte[] json) throws IOException {
        return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
    }

    private static List<Object> list(byte[] json) throws IOException {
        return JSON.readValue(json, new TypeReference<List<Object>>() {});
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = FunctionInvokerTest.class.getResourceAsStream("/events/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aSingleEventIsAnsweredWithTheEnvelope() throws IOException {
        Map<String, Object> response = map(invoke(fixture("get-pin-user-pool.json"), new RequestContext("req-7")));

        assertThat(response).isEqualTo(Map.of("data", Map.of("id", "pin-1", "requestId", "req-7")));
    }

    @Test
    void aBatchInvokeArrayComesBackAsAnArrayInOrder() throws IOException {
        List<Object> response = list(invoke(fixture("batch-pin-author.json"), new RequestContext("req-8")));

        assertThat(response)
                .containsExactly(
                        Map.of("data", Map.of("owner", "sub-alice")),
                        Map.of("data", Map.of("owner", "sub-bob")),
                        Map.of("data", Map.of("owner", "sub-alice")));
    }

    @Test
    void propertyNamesStayCaseSensitive() throws IOException {
        // The adapter's own mapper matches names case-insensitively; the resolver's does not, so "Owner" is not
        // "owner": it neither reaches the input's owner nor slips past the owner check.
        String event = new String(fixture("create-pin-user-pool.json"), StandardCharsets.UTF_8)
                .replace("\"input\": {", "\"input\": {\"Owner\": \"sub-mallory\", ");

        Map<String, Object> response = map(invoke(event.getBytes(StandardCharsets.UTF_8), null));

        assertThat(response)
                .isEqualTo(Map.of(
                        "data",
                        Map.of(
                                "id",
                                "new",
                                "title",
                                "Hello",
                                "owner",
                                "7d8ca528-4931-4254-9273-ea5ee853f271",
                                "clientOwner",
                                "null",
                                // createPin feeds the pins' subscriptions: its response carries the redaction mark.
                                "__mutation",
                                "createPin")));
    }

    @Test
    void aClientSentOwnerIsRefusedThroughTheAdapterToo() throws IOException {
        String event = new String(fixture("create-pin-user-pool.json"), StandardCharsets.UTF_8)
                .replace("\"input\": {", "\"input\": {\"owner\": \"sub-mallory\", ");

        Map<String, Object> response = map(invoke(event.getBytes(StandardCharsets.UTF_8), null));

        assertThat(response)
                .containsEntry("errorType", "Unauthorized")
                .containsEntry("errorMessage", "Not Authorized to access createPin on type Mutation");
    }

    @Test
    void malformedEventsAreAnsweredNotThrown() throws IOException {
        Map<String, Object> response = map(invoke("{\"info\": ".getBytes(StandardCharsets.UTF_8), null));
        assertThat(response).containsEntry("errorType", "InvalidEventException");

        List<?> empty = List.of(map(invoke("[]".getBytes(StandardCharsets.UTF_8), null)));
        assertThat(empty).hasSize(1);
        // ... and the function keeps serving.
        assertThat(map(invoke(fixture("get-pin-user-pool.json"), null))).containsKey("data");
    }

    @Test
    void eventsAndTokensAreNeverLogged() throws IOException {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            invoke(fixture("get-pin-user-pool.json"), new RequestContext("req-9"));
            invoke(fixture("batch-pin-author.json"), null);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String logged = captured.toString(StandardCharsets.UTF_8) + startupOutput;

        assertThat(logged).doesNotContain("SECRET").doesNotContain("eyJ").doesNotContain("alice@example.com");
    }

    @Test
    void snapStartPrimingRunsTheResolversPathAndTheAppsPrimers() {
        SnapStartPriming priming = new SnapStartPriming(
                new AppSyncFunction(dev.fieldgate.resolvers.AppSyncResolver.builder()
                                .manifest(dev.fieldgate.policy.SchemaCompiler.create()
                                        .compile(java.nio.file.Path.of("../../samples/pins/schema.graphql"))
                                        .manifest())
                                .build())
                        .resolver(),
                List.of(TestPinsApplication.PRIMED::incrementAndGet));
        int before = TestPinsApplication.PRIMED.get();

        priming.beforeCheckpoint(null);

        assertThat(TestPinsApplication.PRIMED.get()).isEqualTo(before + 1);
    }

    /** A Lambda context with a request id. */
    record RequestContext(String getAwsRequestId) implements Context {

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/pins";
        }

        @Override
        public String getLogStreamName() {
            return "stream";
        }

        @Override
        public String getFunctionName() {
            return "pins";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:123456789012:function:pins";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 10_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }
    }
}
