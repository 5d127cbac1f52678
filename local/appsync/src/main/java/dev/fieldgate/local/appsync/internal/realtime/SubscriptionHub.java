package dev.fieldgate.local.appsync.internal.realtime;

import dev.fieldgate.local.appsync.internal.Caller;
import dev.fieldgate.local.appsync.internal.GraphQlEngine;
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
 * completed (one delivery thread keeps events of a subscription in order).
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
    private final Map<String, Registration> registrations = new ConcurrentHashMap<>();
    private final ExecutorService delivery;

    public SubscriptionHub(GraphQlEngine engine) {
        this.engine = engine;
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
        if (!registrations.containsKey(key(registration.connectionId(), registration.id()))) {
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
