package dev.fieldgate.resolvers;

import static dev.fieldgate.resolvers.Fixtures.ALICE;
import static dev.fieldgate.resolvers.Fixtures.bytes;
import static dev.fieldgate.resolvers.Fixtures.event;
import static dev.fieldgate.resolvers.Fixtures.map;
import static dev.fieldgate.testing.Callers.userPool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The routing API: typed arguments, exception handlers, composed routers, and what the builder refuses. */
class RouterTest {

    record GetPin(String id) {}

    record ListPins(Integer limit, String nextToken) {}

    record CreatePinInput(String title, String imageUrl, String ownerContact) {
        CreatePinInput {
            if (title == null || title.isBlank()) {
                throw new ValidationException("Argument 'input.title' must not be blank");
            }
        }
    }

    record Pin(String id, String title, String owner, Instant createdAt) {}

    static final class StoreDown extends RuntimeException {
        StoreDown(String message) {
            super(message);
        }
    }

    private static AppSyncResolver resolver(Router... routers) {
        AppSyncResolver.Builder builder = AppSyncResolver.builder().manifest(Fixtures.pins());
        for (Router router : routers) {
            builder.include(router);
        }
        return builder.build();
    }

    @Test
    void routesByTypeAndFieldWithTypedArgumentsAndIdentity() {
        AtomicReference<Identity> seen = new AtomicReference<>();
        AppSyncResolver resolver = resolver(Router.create().query("getPin", GetPin.class, (args, ctx) -> {
            seen.set(ctx.identity());
            return new Pin(args.id(), "Sunset", ALICE, Instant.parse("2025-11-20T10:00:00Z"));
        }));

        Map<String, Object> response =
                map(resolver.handle(bytes(event("Query", "getPin", userPool(ALICE), Map.of("id", "p-1"), null)), null));

        assertThat(response).containsOnlyKeys("data");
        assertThat(response.get("data"))
                .isEqualTo(Map.of("id", "p-1", "title", "Sunset", "owner", ALICE, "createdAt", "2025-11-20T10:00:00Z"));
        assertThat(seen.get()).isInstanceOf(CognitoUserPoolIdentity.class);
        assertThat(((CognitoUserPoolIdentity) seen.get()).sub()).isEqualTo(ALICE);
    }

    @Test
    void argumentsBindOneByOneToo() {
        AppSyncResolver resolver = resolver(Router.create().mutation("createPin", ctx -> {
            CreatePinInput input = ctx.argument("input", CreatePinInput.class);
            return Map.of(
                    "id",
                    "new",
                    "title",
                    input.title(),
                    "owner",
                    ctx.ownership().stamp().get("owner"));
        }));

        ResolverResult result = resolver.resolve(AppSyncEvent.builder()
                .field("Mutation", "createPin")
                .identity(new CognitoUserPoolIdentity(ALICE, "alice", null, Map.of(), List.of(), "ALLOW", List.of()))
                .arguments(Map.of("input", Map.of("title", "Hello", "imageUrl", "https://x.example/1.jpg")))
                .build());

        assertThat(result.isError()).isFalse();
        // createPin feeds onCreatePin, so its response carries the mark its nested resolvers redact by.
        assertThat(result.data())
                .isEqualTo(Map.of("id", "new", "title", "Hello", "owner", ALICE, "__mutation", "createPin"));
    }

    @Test
    void handlersCanReturnAnErrorOrOptional() {
        AppSyncResolver resolver = resolver(Router.create()
                .query("getPin", ctx -> java.util.Optional.empty())
                .query("getProfile", ctx -> AppSyncError.of(ErrorTypes.NOT_FOUND, "No such profile")));

        assertThat(resolver.resolve(userEvent("Query", "getPin")).data()).isNull();
        assertThat(resolver.resolve(userEvent("Query", "getProfile")).error())
                .isEqualTo(AppSyncError.of("NotFoundException", "No such profile"));
    }

    @Test
    void resolverExceptionsBecomeTheirErrorTypeAndMessage() {
        AppSyncResolver resolver = resolver(Router.create().query("getPin", ctx -> {
            throw new ResolverException("Throttled", "Slow down", Map.of("retryAfterSeconds", 2));
        }));

        Map<String, Object> response =
                map(resolver.handle(bytes(event("Query", "getPin", userPool(ALICE), Map.of("id", "p"), null)), null));

        assertThat(response)
                .containsEntry("data", null)
                .containsEntry("errorType", "Throttled")
                .containsEntry("errorMessage", "Slow down")
                .containsEntry("errorInfo", Map.of("retryAfterSeconds", 2));
    }

    @Test
    void exceptionHandlersMapTheClosestRegisteredType() {
        Router errors = Router.create()
                .exceptionHandler(RuntimeException.class, (e, ctx) -> AppSyncError.of("Generic", "generic"))
                .exceptionHandler(
                        StoreDown.class,
                        (e, ctx) -> AppSyncError.of("Unavailable", "The store is unavailable for " + ctx.fieldName()));
        AppSyncResolver resolver = resolver(
                errors,
                Router.create()
                        .query("getPin", ctx -> {
                            throw new StoreDown("connection refused to 10.0.0.7");
                        })
                        .query("listPins", ctx -> {
                            throw new IllegalStateException("boom");
                        })
                        .query("getProfile", ctx -> {
                            throw new ValidationException("Argument 'owner' must not be blank");
                        }));

        assertThat(resolver.resolve(userEvent("Query", "getPin")).error())
                .isEqualTo(AppSyncError.of("Unavailable", "The store is unavailable for getPin"));
        assertThat(resolver.resolve(userEvent("Query", "listPins")).error())
                .isEqualTo(AppSyncError.of("Generic", "generic"));
        // The runtime's own errors are already AppSync-shaped: a RuntimeException handler does not swallow them.
        assertThat(resolver.resolve(userEvent("Query", "getProfile")).error())
                .isEqualTo(AppSyncError.of(ErrorTypes.VALIDATION, "Argument 'owner' must not be blank"));
    }

    @Test
    void unexpectedExceptionsGiveAGenericMessageWithTheRequestId() {
        AppSyncResolver resolver = resolver(Router.create().query("getPin", ctx -> {
            throw new IllegalStateException("jdbc:postgresql://db.internal:5432 password=hunter2");
        }));

        Map<String, Object> response = map(resolver.handle(
                bytes(event("Query", "getPin", userPool(ALICE), Map.of("id", "p"), null)), new TestContext("req-123")));

        assertThat(response)
                .containsEntry("errorType", "InternalFailure")
                .containsEntry("errorMessage", "An internal error occurred; quote request id req-123 when reporting it")
                .containsEntry("errorInfo", Map.of("requestId", "req-123"));
        assertThat(response.toString()).doesNotContain("hunter2").doesNotContain("db.internal");
    }

    @Test
    void routersCompose() {
        Router queries = Router.create().query("getPin", ctx -> Map.of("id", "from-queries"));
        Router mutations = Router.create().mutation("deletePin", ctx -> Map.of("id", "from-mutations"));
        Router app = Router.create().include(queries).include(mutations).subscription("onCreatePin");

        assertThat(app.fields()).containsExactly("Query.getPin", "Mutation.deletePin", "Subscription.onCreatePin");
        AppSyncResolver resolver = resolver(app);
        assertThat(resolver.resolve(userEvent("Query", "getPin")).data()).isEqualTo(Map.of("id", "from-queries"));
        assertThat(resolver.resolve(userEvent("Subscription", "onCreatePin")).isError())
                .isFalse();
        assertThat(resolver.resolve(userEvent("Subscription", "onCreatePin")).data())
                .isNull();
    }

    @Test
    void theBuilderRefusesWhatAppSyncWouldNeverCall() {
        assertThatThrownBy(() -> resolver(Router.create().resolver("Pin", "title", ctx -> "x")))
                .isInstanceOf(ResolverConfigurationException.class)
                .hasMessageContaining("Pin.title")
                .hasMessageContaining("no resolver");
        assertThatThrownBy(() -> Router.create().query("getPin", ctx -> 1).query("getPin", ctx -> 2))
                .isInstanceOf(ResolverConfigurationException.class)
                .hasMessageContaining("Query.getPin");
        assertThatThrownBy(() -> resolver(
                        Router.create().query("getPin", ctx -> 1),
                        Router.create().query("getPin", ctx -> 2)))
                .isInstanceOf(ResolverConfigurationException.class)
                .hasMessageContaining("two routers");
        assertThatThrownBy(() -> AppSyncResolver.builder().build())
                .isInstanceOf(ResolverConfigurationException.class)
                .hasMessageContaining("manifest");
    }

    @Test
    void fieldsWithoutAHandlerAreListedAndAnswerResolverNotFound() {
        AppSyncResolver resolver = resolver(Router.create().query("getPin", ctx -> null));

        assertThat(resolver.unhandledResolvers())
                .contains("Query.listPins", "Pin.author")
                .doesNotContain("Query.getPin", "Pin.ownerContact");
        assertThat(resolver.resolve(userEvent("Query", "listPins")).error().errorType())
                .isEqualTo("ResolverNotFoundException");
    }

    @Test
    void runsAsALambdaStreamHandler() throws Exception {
        AppSyncResolver resolver = resolver(Router.create()
                .query(
                        "getPin",
                        GetPin.class,
                        (args, ctx) -> Map.of(
                                "id",
                                args.id(),
                                "requestId",
                                ctx.requestId(),
                                "hasContext",
                                ctx.lambdaContext().isPresent())));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        resolver.handleRequest(
                new ByteArrayInputStream(Fixtures.resource("events/user-pool-no-groups.json")),
                out,
                new TestContext("lambda-req-1"));

        assertThat(map(out.toByteArray()))
                .isEqualTo(Map.of("data", Map.of("id", "pin-1", "requestId", "lambda-req-1", "hasContext", true)));
    }

    @Test
    void primingTouchesNoHandler() {
        AtomicReference<String> called = new AtomicReference<>();
        AppSyncResolver resolver = resolver(Router.create()
                .resolver("Pin", "author", ctx -> called.getAndSet("author"))
                .query("getPin", ctx -> called.getAndSet("getPin")));

        resolver.prime();

        assertThat(called.get()).isNull();
    }

    @Test
    void primingSendsACallerOfEachKindThroughThePolicyAndRefusesNoEvent() {
        AppSyncResolver resolver = resolver(Router.create().query("getPin", ctx -> null));
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            resolver.prime();
        } finally {
            System.setErr(original);
        }

        String log = captured.toString(StandardCharsets.UTF_8);
        // Denials are logged at debug in these tests, naming the caller's kind: each kind reached the policy.
        for (String kind : List.of("USER_POOL", "IAM_GUEST", "IAM_AUTHENTICATED", "OIDC", "LAMBDA", "API_KEY")) {
            assertThat(log).contains("denied for Principal[" + kind);
        }
        assertThat(log).doesNotContain("Refused").doesNotContain("failed").doesNotContain("No resolver for");
    }

    private static AppSyncEvent userEvent(String type, String field) {
        return AppSyncEvent.builder()
                .field(type, field)
                .identity(new CognitoUserPoolIdentity(ALICE, "alice", null, Map.of(), List.of(), "ALLOW", List.of()))
                .arguments(Map.of("id", "p-1", "owner", ALICE))
                .build();
    }

    /** A Lambda context with a request id; everything else is irrelevant here. */
    static final class TestContext implements Context {

        private final String requestId;

        TestContext(String requestId) {
            this.requestId = requestId;
        }

        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/test";
        }

        @Override
        public String getLogStreamName() {
            return "stream";
        }

        @Override
        public String getFunctionName() {
            return "test";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:123456789012:function:test";
        }

        @Override
        public com.amazonaws.services.lambda.runtime.CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public com.amazonaws.services.lambda.runtime.ClientContext getClientContext() {
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
        public com.amazonaws.services.lambda.runtime.LambdaLogger getLogger() {
            return null;
        }
    }
}
