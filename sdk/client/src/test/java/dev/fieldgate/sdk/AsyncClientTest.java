package dev.fieldgate.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldgate.local.LocalStack;
import dev.fieldgate.sdk.PinsApi.Pin;
import dev.fieldgate.sdk.PinsApi.PinPage;
import dev.fieldgate.sdk.auth.CognitoUserPoolAuth;
import dev.fieldgate.sdk.auth.IdentityPoolCredentialsProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The async client against the local stack: the same answers, refusals and authorization modes as the blocking
 * client (guests over IAM, a signed-in user over user pools), 64 calls in flight at once, and retries against a
 * scripted endpoint.
 */
class AsyncClientTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static LocalStack stack;
    private static FieldgateConfig config;
    private static IdentityPoolCredentialsProvider guest;
    private static CognitoUserPoolAuth alice;
    private static FieldgateAsyncClient async;
    private static FieldgateClient sync;

    @BeforeAll
    static void start() {
        stack = LocalStackSupport.start();
        config = LocalStackSupport.config(stack);
        guest = IdentityPoolCredentialsProvider.builder().config(config).guest().build();
        alice = CognitoUserPoolAuth.builder().config(config).build();
        String email = LocalCognitoSupport.newEmail();
        alice.signUp(email, LocalCognitoSupport.PASSWORD, Map.of("email", email));
        alice.confirmSignUp(email, LocalCognitoSupport.signUpCode(stack.cognito(), email));
        alice.signIn(email, LocalCognitoSupport.PASSWORD);
        async = FieldgateAsyncClient.builder()
                .config(config)
                .authorizer(AppSyncAuthorizer.iam(guest))
                .build();
        sync = FieldgateClient.builder()
                .config(config)
                .authorizer(AppSyncAuthorizer.iam(guest))
                .build();
    }

    @AfterAll
    static void stop() {
        async.close();
        sync.close();
        alice.close();
        guest.close();
        stack.close();
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void aSignedInUsersMutationAndAGuestsQueryAnswerAsTheBlockingClientDoes() throws Exception {
        Pin created = await(async.execute(
                        PinsApi.createPin("async-heron"), o -> o.authorizer(AppSyncAuthorizer.userPool(alice))))
                .data();
        assertThat(created.title).isEqualTo("async-heron");
        assertThat(created.owner).isEqualTo(alice.currentSession().sub());

        GraphQLResponse<Pin> viaAsync = await(async.execute(PinsApi.getPin(created.id)));
        GraphQLResponse<Pin> viaSync = sync.execute(PinsApi.getPin(created.id));
        assertThat(viaAsync.data().title).isEqualTo(viaSync.data().title).isEqualTo("async-heron");
        assertThat(viaAsync.data().createdAt)
                .isEqualTo(viaSync.data().createdAt)
                .isNotNull();
        assertThat(viaAsync.data().imageUrl).hasToString("https://images.example.com/async-heron");
        assertThat(viaAsync.hasErrors()).isFalse();
    }

    @Test
    void aRefusalFailsTheFutureWithTheExceptionTheBlockingClientThrows() {
        CompletableFuture<GraphQLResponse<Pin>> refused = async.execute(PinsApi.createPin("guest-pin"));
        assertThatThrownBy(refused::join)
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOf(NotAuthorizedException.class);
        assertThatThrownBy(() -> sync.execute(PinsApi.createPin("guest-pin")))
                .isInstanceOf(NotAuthorizedException.class);
    }

    @Test
    void aFailingAuthorizerFailsTheFutureInsteadOfThrowing() {
        CompletableFuture<GraphQLResponse<PinPage>> noToken =
                async.execute(PinsApi.listPins(5), o -> o.authorizer(AppSyncAuthorizer.userPool(() -> null)));
        assertThatThrownBy(noToken::join).cause().isInstanceOf(NotAuthenticatedException.class);
    }

    @Test
    void sixtyFourCallsInFlightAtOnceAllComplete() throws Exception {
        await(async.execute(PinsApi.createPin("flock"), o -> o.authorizer(AppSyncAuthorizer.userPool(alice))));
        List<CompletableFuture<GraphQLResponse<PinPage>>> calls = IntStream.range(0, 64)
                .mapToObj(i -> async.execute(PinsApi.listPins(5)))
                .toList();
        await(CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)));
        assertThat(calls)
                .allSatisfy(call -> assertThat(call.join().data().items).isNotEmpty());
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
            GraphQLResponse<Pin> third = await(client.execute(PinsApi.getPin("p-1")));
            assertThat(third.data().title).isEqualTo("third time");
            assertThat(third.attempts()).isEqualTo(3);

            scripted.respond(503, "{}");
            assertThatThrownBy(() -> await(client.execute(PinsApi.createPin("once"))))
                    .cause()
                    .isInstanceOf(ServiceException.class);
            assertThat(scripted.received()).hasSize(4);

            scripted.respond(503, "{}").respond(200, "{\"data\":{\"createPin\":{\"id\":\"p-2\"}}}");
            assertThat(await(client.execute(PinsApi.createPin("twice"), o -> o.idempotent(true)))
                            .data()
                            .id)
                    .isEqualTo("p-2");
            assertThat(scripted.received()).hasSize(6);
        }
    }
}
