package dev.fieldgate.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldgate.local.LocalStack;
import dev.fieldgate.sdk.AppSyncAuthorizer;
import dev.fieldgate.sdk.FieldgateAsyncClient;
import dev.fieldgate.sdk.FieldgateClient;
import dev.fieldgate.sdk.FieldgateConfig;
import dev.fieldgate.sdk.GraphQLResponse;
import dev.fieldgate.sdk.NotAuthorizedException;
import dev.fieldgate.sdk.auth.CognitoUserPoolAuth;
import dev.fieldgate.sdk.auth.IdentityPoolCredentialsProvider;
import dev.fieldgate.sdk.it.PinsApi.Pin;
import dev.fieldgate.sdk.it.PinsApi.PinPage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The async client against the local stack: the same answers, refusals and authorization modes as the blocking
 * client (guests over IAM, a signed-in user over user pools) and 64 calls in flight at once.
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
        alice = LocalStackSupport.signedInUser(stack, config);
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
    void sixtyFourCallsInFlightAtOnceAllComplete() throws Exception {
        await(async.execute(PinsApi.createPin("flock"), o -> o.authorizer(AppSyncAuthorizer.userPool(alice))));
        List<CompletableFuture<GraphQLResponse<PinPage>>> calls = IntStream.range(0, 64)
                .mapToObj(i -> async.execute(PinsApi.listPins(5)))
                .toList();
        await(CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)));
        assertThat(calls)
                .allSatisfy(call -> assertThat(call.join().data().items).isNotEmpty());
    }
}
