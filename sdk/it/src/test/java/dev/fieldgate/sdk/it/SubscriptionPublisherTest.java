package dev.fieldgate.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.local.LocalStack;
import dev.fieldgate.sdk.AppSyncAuthorizer;
import dev.fieldgate.sdk.FieldgateAsyncClient;
import dev.fieldgate.sdk.FieldgateClient;
import dev.fieldgate.sdk.FieldgateConfig;
import dev.fieldgate.sdk.FieldgateException;
import dev.fieldgate.sdk.GraphQLResponse;
import dev.fieldgate.sdk.Subscription;
import dev.fieldgate.sdk.SubscriptionOverflowException;
import dev.fieldgate.sdk.SubscriptionPublisher;
import dev.fieldgate.sdk.auth.CognitoUserPoolAuth;
import dev.fieldgate.sdk.auth.IdentityPoolCredentialsProvider;
import dev.fieldgate.sdk.it.PinsApi.Pin;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.adapter.JdkFlowAdapter;

/**
 * Subscriptions as {@link Flow.Publisher}s against the local stack: events a subscriber requested, never more;
 * the rest held until requested; a full buffer, a cancellation and a second subscriber; and Reactor on top in one
 * line.
 */
class SubscriptionPublisherTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static LocalStack stack;
    private static FieldgateConfig config;
    private static IdentityPoolCredentialsProvider guest;
    private static CognitoUserPoolAuth alice;
    private static FieldgateClient writer;

    private FieldgateAsyncClient client;

    @BeforeAll
    static void startStack() {
        stack = LocalStackSupport.start();
        config = LocalStackSupport.config(stack);
        guest = IdentityPoolCredentialsProvider.builder().config(config).guest().build();
        alice = LocalStackSupport.signedInUser(stack, config);
        writer = FieldgateClient.builder()
                .config(config)
                .authorizer(AppSyncAuthorizer.userPool(alice))
                .build();
    }

    @AfterAll
    static void stopStack() {
        writer.close();
        alice.close();
        guest.close();
        stack.close();
    }

    @BeforeEach
    void connect() {
        client = FieldgateAsyncClient.builder()
                .config(config)
                .authorizer(AppSyncAuthorizer.iam(guest))
                .subscriptionBufferSize(4)
                .build();
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    /** Records every signal and requests only what the test tells it to. */
    static final class Recorder implements Flow.Subscriber<GraphQLResponse<Pin>> {
        final BlockingQueue<String> titles = new LinkedBlockingQueue<>();
        final CompletableFuture<Throwable> error = new CompletableFuture<>();
        final CompletableFuture<Void> complete = new CompletableFuture<>();
        final AtomicInteger signalsBeforeSubscribe = new AtomicInteger();
        volatile Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
        }

        @Override
        public void onNext(GraphQLResponse<Pin> item) {
            if (subscription == null) {
                signalsBeforeSubscribe.incrementAndGet();
            }
            titles.add(item.data().title);
        }

        @Override
        public void onError(Throwable throwable) {
            error.complete(throwable);
        }

        @Override
        public void onComplete() {
            complete.complete(null);
        }

        String next() throws InterruptedException {
            String title = titles.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(title).as("an event within " + WAIT).isNotNull();
            return title;
        }
    }

    private static void create(String... titles) {
        for (String title : titles) {
            writer.execute(PinsApi.createPin(title));
        }
    }

    private static void awaitStarted(SubscriptionPublisher<?> publisher) throws Exception {
        publisher.started().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void aSubscriberGetsWhatItRequestedAndTheRestWhenItAsksForMore() throws Exception {
        SubscriptionPublisher<Pin> pins = client.publisher(PinsApi.onCreatePin());
        Recorder recorder = new Recorder();
        pins.subscribe(recorder);
        // A listener on the same connection sees every event: once it has all three, so has the publisher's buffer.
        BlockingQueue<String> witness = new LinkedBlockingQueue<>();
        Subscription witnessing = client.subscribe(PinsApi.onCreatePin(), e -> witness.add(e.data().title));
        witnessing.awaitStarted(WAIT);
        recorder.subscription.request(1);
        awaitStarted(pins);

        create("kestrel", "plover", "curlew");
        for (int i = 0; i < 3; i++) {
            assertThat(witness.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isNotNull();
        }
        assertThat(recorder.next()).isEqualTo("kestrel");
        assertThat(recorder.titles).as("nothing beyond the one requested").isEmpty();

        recorder.subscription.request(2);
        assertThat(List.of(recorder.next(), recorder.next())).containsExactly("plover", "curlew");
        assertThat(recorder.signalsBeforeSubscribe).hasValue(0);
        assertThat(recorder.error).isNotDone();
        witnessing.close();
    }

    @Test
    void aSubscriberThatFallsTooFarBehindGetsAnOverflowAndTheSubscriptionStops() throws Exception {
        SubscriptionPublisher<Pin> pins = client.publisher(PinsApi.onCreatePin());
        Recorder recorder = new Recorder();
        pins.subscribe(recorder); // requests nothing
        awaitStarted(pins);
        int before = stack.openSubscriptions();

        create("one", "two", "three", "four", "five");
        Throwable error = recorder.error.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(error)
                .isInstanceOfSatisfying(
                        SubscriptionOverflowException.class,
                        e -> assertThat(e.bufferSize()).isEqualTo(4))
                .hasMessageContaining("subscriptionBufferSize");
        assertThat(recorder.titles).as("an overflow drops what was held").isEmpty();
        Poll.until(WAIT, () -> stack.openSubscriptions() < before, "AppSync's subscription stopped");
    }

    @Test
    void cancellingStopsTheAppSyncSubscription() throws Exception {
        SubscriptionPublisher<Pin> pins = client.publisher(PinsApi.onCreatePin());
        Recorder recorder = new Recorder();
        pins.subscribe(recorder);
        recorder.subscription.request(Long.MAX_VALUE);
        awaitStarted(pins);
        create("wren");
        assertThat(recorder.next()).isEqualTo("wren");

        int before = stack.openSubscriptions();
        recorder.subscription.cancel();
        Poll.until(WAIT, () -> stack.openSubscriptions() < before, "AppSync's subscription stopped");
        assertThat(recorder.complete).isNotDone();
        assertThat(recorder.error).isNotDone();
    }

    @Test
    void aPublisherHasOneSubscriberAndBadRequestsEndIt() throws Exception {
        SubscriptionPublisher<Pin> pins = client.publisher(PinsApi.onCreatePin());
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        pins.subscribe(first);
        pins.subscribe(second);
        assertThat(second.error.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another publisher");

        first.subscription.request(0);
        assertThat(first.error.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3.9");
    }

    @Test
    void aRefusedSubscriptionEndsWithTheSdksException() throws Exception {
        // The connection is the guest's; the start carries a token no user pool issued, and AppSync refuses it.
        SubscriptionPublisher<Pin> pins =
                client.publisher(PinsApi.onCreatePin(), o -> o.authorizer(AppSyncAuthorizer.userPool(() -> "nope")));
        Recorder recorder = new Recorder();
        pins.subscribe(recorder);
        assertThat(recorder.error.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isInstanceOf(FieldgateException.class);
        assertThat(pins.started()).isCompletedExceptionally();
    }

    @Test
    void reactorTakesThePublisherInOneLine() throws Exception {
        SubscriptionPublisher<Pin> pins = client.publisher(PinsApi.onCreatePin());
        CompletableFuture<List<String>> two = JdkFlowAdapter.flowPublisherToFlux(pins)
                .map(event -> event.data().title)
                .take(2)
                .collectList()
                .toFuture();
        awaitStarted(pins);
        create("avocet", "dunlin");
        assertThat(two.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).containsExactly("avocet", "dunlin");
    }
}
