package dev.fieldgate.sdk.internal;

import dev.fieldgate.sdk.FieldgateException;
import dev.fieldgate.sdk.GraphQLResponse;
import dev.fieldgate.sdk.NetworkException;
import dev.fieldgate.sdk.Subscription;
import dev.fieldgate.sdk.SubscriptionListener;
import dev.fieldgate.sdk.SubscriptionOverflowException;
import dev.fieldgate.sdk.SubscriptionPublisher;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscription as a unicast {@link Flow.Publisher}: the subscriber's {@link Flow.Subscription} is the listener of
 * one real-time subscription, started when the subscriber subscribes. Events wait in a bounded queue until
 * requested; they are handed out by a drain loop that any thread may enter (the client's delivery thread when an
 * event arrives, the subscriber's when it requests) but only one runs, so signals stay serial (Reactive Streams
 * rules 1.3 and 3.3).
 */
public final class RealtimePublisher<T> implements SubscriptionPublisher<T> {

    private static final Logger LOG = LoggerFactory.getLogger(RealtimePublisher.class);

    private final Function<SubscriptionListener<T>, Subscription> starter;
    private final int bufferSize;
    private final String description;
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final CompletableFuture<Void> started = new CompletableFuture<>();

    /**
     * @param starter    starts the real-time subscription for a listener
     * @param bufferSize how many unrequested events to hold
     */
    public RealtimePublisher(
            Function<SubscriptionListener<T>, Subscription> starter, int bufferSize, String description) {
        this.starter = starter;
        this.bufferSize = bufferSize;
        this.description = description;
    }

    @Override
    public CompletableFuture<Void> started() {
        return started;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super GraphQLResponse<T>> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber"); // rule 1.9
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(Cancelled.INSTANCE);
            subscriber.onError(new IllegalStateException(
                    "This publisher already has its subscriber; ask the client for another publisher."));
            return;
        }
        Bridge bridge = new Bridge(subscriber);
        subscriber.onSubscribe(bridge);
        bridge.start();
    }

    @Override
    public String toString() {
        return "SubscriptionPublisher[" + description + "]";
    }

    /** The subscription given to a second subscriber, which is refused. */
    private enum Cancelled implements Flow.Subscription {
        INSTANCE;

        @Override
        public void request(long n) {}

        @Override
        public void cancel() {}
    }

    /** One subscriber's side: listener of the real-time subscription, and its {@link Flow.Subscription}. */
    private final class Bridge implements SubscriptionListener<T>, Flow.Subscription {

        private final Flow.Subscriber<? super GraphQLResponse<T>> subscriber;
        private final Queue<GraphQLResponse<T>> queue = new ConcurrentLinkedQueue<>();
        private final AtomicInteger queued = new AtomicInteger();
        private final AtomicLong requested = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private volatile Subscription upstream;
        private volatile boolean cancelled;
        /** No more events will arrive; {@link #error} (if any) follows the queued events. */
        private volatile boolean done;
        /** Fail at once, dropping queued events: overflow and rule 3.9. */
        private volatile boolean failNow;

        private volatile Throwable error;
        private boolean terminated; // only touched inside the drain loop

        Bridge(Flow.Subscriber<? super GraphQLResponse<T>> subscriber) {
            this.subscriber = subscriber;
        }

        void start() {
            if (cancelled) {
                return;
            }
            Subscription s;
            try {
                s = starter.apply(this);
            } catch (RuntimeException e) {
                started.completeExceptionally(e);
                error = e;
                done = true;
                drain();
                return;
            }
            upstream = s;
            if (cancelled || done) {
                s.close(); // cancelled or failed while starting
            }
        }

        // ---- from the real-time subscription (the client's delivery thread) ----------------------------

        @Override
        public void onEvent(GraphQLResponse<T> event) {
            if (done || cancelled) {
                return;
            }
            if (queued.get() >= bufferSize) {
                fail(new SubscriptionOverflowException(bufferSize), true);
                return;
            }
            queue.offer(event);
            queued.incrementAndGet();
            drain();
        }

        @Override
        public void onStarted() {
            started.complete(null);
        }

        @Override
        public void onError(FieldgateException e) {
            started.completeExceptionally(e);
            fail(e, false);
        }

        @Override
        public void onComplete() {
            started.completeExceptionally(
                    new NetworkException("The subscription ended before it started.", null, false));
            done = true;
            drain();
        }

        // ---- from the subscriber ---------------------------------------------------------------------

        @Override
        public void request(long n) {
            if (n <= 0) {
                fail(
                        new IllegalArgumentException("request(n) needs n > 0 (Reactive Streams rule 3.9), was " + n),
                        true);
                return;
            }
            requested.accumulateAndGet(n, (current, add) -> {
                long sum = current + add;
                return sum < 0 ? Long.MAX_VALUE : sum; // rule 3.17: saturate at "effectively unbounded"
            });
            drain();
        }

        @Override
        public void cancel() {
            if (!cancelled) {
                cancelled = true;
                closeUpstream();
                drain();
            }
        }

        // ---- inside ----------------------------------------------------------------------------------

        private void fail(Throwable e, boolean immediately) {
            if (done) {
                return;
            }
            error = e;
            failNow = immediately;
            done = true;
            closeUpstream();
            drain();
        }

        private void closeUpstream() {
            Subscription s = upstream;
            if (s != null) {
                s.close();
            }
        }

        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                if (terminated) {
                    queue.clear();
                } else {
                    emit();
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }

        /** Hands out what was requested, then the terminal signal once nothing is left. */
        private void emit() {
            long demand = requested.get();
            long sent = 0;
            while (true) {
                if (cancelled) {
                    terminate(null, false);
                    return;
                }
                if (failNow) {
                    terminate(error, true);
                    return;
                }
                boolean finished = done;
                if (queue.isEmpty()) {
                    if (finished) {
                        terminate(error, true);
                    }
                    break;
                }
                if (sent == demand) {
                    break;
                }
                GraphQLResponse<T> next = queue.poll();
                queued.decrementAndGet();
                try {
                    subscriber.onNext(next);
                } catch (RuntimeException e) {
                    // Rule 2.13: a subscriber that throws is treated as cancelled.
                    LOG.warn("a subscription's Flow.Subscriber threw {}; cancelling", e.toString());
                    cancelled = true;
                    closeUpstream();
                    terminate(null, false);
                    return;
                }
                sent++;
            }
            if (sent > 0 && demand != Long.MAX_VALUE) {
                requested.addAndGet(-sent);
            }
        }

        private void terminate(Throwable failure, boolean signal) {
            terminated = true;
            queue.clear();
            if (!signal) {
                return;
            }
            if (failure == null) {
                subscriber.onComplete();
            } else {
                subscriber.onError(failure);
            }
        }
    }
}
