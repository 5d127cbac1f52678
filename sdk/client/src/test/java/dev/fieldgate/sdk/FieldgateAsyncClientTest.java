package dev.fieldgate.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The async client's retries against scripted AppSync answers: queries are retried on timers (5xx, 429 with
 * {@code Retry-After}), mutations only when marked idempotent, and the last failure fails the future. Its calls
 * against the local stack are in the sdk/it module.
 */
class FieldgateAsyncClientTest {

    /** A result type. */
    public static final class Pin {
        public String id;
        public String title;
    }

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static GraphQLOperation<Pin> getPin() {
        return GraphQLOperation.query("query Get($id: ID!) { getPin(id: $id) { id title } }", "getPin", Pin.class)
                .withVariable("id", "p-1");
    }

    private static GraphQLOperation<Pin> createPin() {
        return GraphQLOperation.mutation(
                        "mutation Create($input: CreatePinInput!) { createPin(input: $input) { id } }",
                        "createPin",
                        Pin.class)
                .withVariable("input", Map.of("title", "t"));
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void queriesAreRetriedOnTimersAndMutationsOnlyWhenIdempotent() throws Exception {
        try (ScriptedAppSync scripted = new ScriptedAppSync();
                FieldgateAsyncClient client = FieldgateAsyncClient.builder()
                        .config(scripted.config())
                        .authorizer(AppSyncAuthorizer.apiKey("da2-key"))
                        .retryPolicy(RetryPolicy.builder()
                                .maxAttempts(3)
                                .baseDelay(Duration.ofMillis(5))
                                .build())
                        .build()) {
            scripted.respond(503, "{}")
                    .respond(429, "{}", "Retry-After", "0")
                    .respond(200, "{\"data\":{\"getPin\":{\"id\":\"p-1\",\"title\":\"third time\"}}}");
            GraphQLResponse<Pin> third = await(client.execute(getPin()));
            assertThat(third.data().title).isEqualTo("third time");
            assertThat(third.attempts()).isEqualTo(3);

            scripted.respond(503, "{}");
            assertThatThrownBy(() -> await(client.execute(createPin()))).cause().isInstanceOf(ServiceException.class);
            assertThat(scripted.received()).hasSize(4);

            scripted.respond(503, "{}").respond(200, "{\"data\":{\"createPin\":{\"id\":\"p-2\"}}}");
            assertThat(await(client.execute(createPin(), o -> o.idempotent(true)))
                            .data()
                            .id)
                    .isEqualTo("p-2");
            assertThat(scripted.received()).hasSize(6);
        }
    }

    @Test
    void aFailingAuthorizerOrAMissingOneFailsTheFutureInsteadOfThrowing() throws Exception {
        try (ScriptedAppSync scripted = new ScriptedAppSync();
                FieldgateAsyncClient client =
                        FieldgateAsyncClient.builder().config(scripted.config()).build()) {
            assertThat(client.execute(getPin()))
                    .failsWithin(WAIT)
                    .withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(FieldgateConfigException.class);
            assertThat(client.execute(getPin(), o -> o.authorizer(AppSyncAuthorizer.userPool(() -> null))))
                    .failsWithin(WAIT)
                    .withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(NotAuthenticatedException.class);
            assertThat(scripted.received()).isEmpty();
        }
    }
}
