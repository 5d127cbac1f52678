package dev.fieldgate.local.appsync.internal.realtime;

import dev.fieldgate.local.appsync.internal.Caller;
import dev.fieldgate.local.appsync.internal.GraphQlEngine;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every started subscription of every real-time connection, and the fan-out of mutation results to them: each
 * subscriber gets the result projected onto its own selection with its own field access, in the order the mutations
 * completed (one delivery thread keeps events of a subscription in order). A subscription whose credentials expired
 * gets nothing more; its connection ends it ({@link #removeExpired}).
 */
public final class SubscriptionHub implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionHub.class);

    /** One subscriber: where to send, who it is, what it selected. */
    record Registration(
            String connectionId,
            String id,
            GraphQlEngine.Subscription subscription,
            Caller caller,
            Map<String, String> headers,
            String sourceIp,
            BiConsumer<String, Map<String, Object>> sink) {}

    private final GraphQlEngine engine;
    private final Clock clock;
    private final Map<String, Registration> registrations = new ConcurrentHashMap<>();
    private final ExecutorService delivery;

    /** @param clock the clock credentials expire by */
    public SubscriptionHub(GraphQlEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.delivery = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "fieldgate-realtime-delivery-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        engine.onMutation(this::publish);
    }

    void register(Registration registration) {
        registrations.put(key(registration.connectionId(), registration.id()), registration);
    }

    boolean unregister(String connectionId, String id) {
        return registrations.remove(key(connectionId, id)) != null;
    }

    void unregisterAll(String connectionId) {
        registrations.values().removeIf(r -> r.connectionId().equals(connectionId));
    }

    boolean contains(String connectionId, String id) {
        return registrations.containsKey(key(connectionId, id));
    }

    /** How many subscriptions one connection has open. */
    int count(String connectionId) {
        int count = 0;
        for (Registration registration : registrations.values()) {
            if (registration.connectionId().equals(connectionId)) {
                count++;
            }
        }
        return count;
    }

    /** Removes and returns the subscriptions of one connection whose credentials have expired. */
    List<Registration> removeExpired(String connectionId) {
        long now = clock.millis();
        List<Registration> expired = new ArrayList<>();
        registrations.values().removeIf(registration -> {
            boolean ends = registration.connectionId().equals(connectionId) && expired(registration, now);
            if (ends) {
                expired.add(registration);
            }
            return ends;
        });
        return expired;
    }

    private static boolean expired(Registration registration, long now) {
        return registration.caller().expiresAtMillis() <= now;
    }

    /** How many subscriptions are open, over all connections. */
    public int size() {
        return registrations.size();
    }

    private static String key(String connectionId, String id) {
        return connectionId + "\u0000" + id;
    }

    /** A mutation completed with a result: deliver it to every subscription that listens for it. */
    public void publish(String mutationField, Object payload) {
        for (Registration registration : registrations.values()) {
            if (!registration.subscription().mutations().contains(mutationField)) {
                continue;
            }
            delivery.execute(() -> deliver(registration, mutationField, payload));
        }
    }

    private void deliver(Registration registration, String mutationField, Object payload) {
        if (!registrations.containsKey(key(registration.connectionId(), registration.id()))
                || expired(registration, clock.millis())) {
            return;
        }
        try {
            Optional<Map<String, Object>> message = engine.deliver(
                    registration.subscription(),
                    registration.caller(),
                    registration.headers(),
                    registration.sourceIp(),
                    mutationField,
                    payload);
            message.ifPresent(m -> registration.sink().accept(registration.id(), m));
        } catch (RuntimeException e) {
            LOG.error("Delivering {} to subscription {} failed", mutationField, registration.id(), e);
        }
    }

    @Override
    public void close() {
        delivery.shutdownNow();
        registrations.clear();
    }
}
