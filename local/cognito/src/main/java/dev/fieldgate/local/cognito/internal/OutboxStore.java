package dev.fieldgate.local.cognito.internal;

import dev.fieldgate.local.cognito.LocalOutbox;
import dev.fieldgate.local.cognito.OutboxMessage;
import dev.fieldgate.local.core.internal.state.StateJson;
import dev.fieldgate.local.core.internal.state.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local outbox: one document per message under {@code outbox/}, named so that the names sort in sending order.
 */
public final class OutboxStore implements LocalOutbox {

    private static final String FOLDER = "outbox";

    private final StateStore store;
    private final AtomicLong sequence = new AtomicLong();
    private final List<java.util.function.Consumer<OutboxMessage>> listeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    public OutboxStore(StateStore store) {
        this.store = store;
    }

    public void send(OutboxMessage message) {
        String name = String.format(
                "%s/%013d-%06d-%s.json",
                FOLDER, message.sentAt().toEpochMilli(), sequence.incrementAndGet() % 1_000_000, message.id());
        MessageDoc doc = new MessageDoc();
        doc.id = message.id();
        doc.sentAt = message.sentAt().toString();
        doc.userPoolId = message.userPoolId();
        doc.username = message.username();
        doc.destination = message.destination();
        doc.deliveryMedium = message.deliveryMedium();
        doc.kind = message.kind().name();
        doc.code = message.code();
        doc.subject = message.subject();
        doc.body = message.body();
        StateJson.write(store, name, doc);
        for (java.util.function.Consumer<OutboxMessage> listener : listeners) {
            try {
                listener.accept(message);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(OutboxStore.class)
                        .warn("An outbox listener failed: {}", e.getClass().getName());
            }
        }
    }

    @Override
    public void onSent(java.util.function.Consumer<OutboxMessage> listener) {
        listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public List<OutboxMessage> messages() {
        List<OutboxMessage> messages = new ArrayList<>();
        for (String name : store.list(FOLDER)) {
            StateJson.read(store, FOLDER + "/" + name, MessageDoc.class)
                    .ifPresent(d -> messages.add(new OutboxMessage(
                            d.id,
                            java.time.Instant.parse(d.sentAt),
                            d.userPoolId,
                            d.username,
                            d.destination,
                            d.deliveryMedium,
                            OutboxMessage.Kind.valueOf(d.kind),
                            d.code,
                            d.subject,
                            d.body)));
        }
        return messages;
    }

    /** The on-disk shape; plain JSON so scripts in any language can read codes from the outbox folder. */
    private static final class MessageDoc {
        String id;
        String sentAt;
        String userPoolId;
        String username;
        String destination;
        String deliveryMedium;
        String kind;
        String code;
        String subject;
        String body;
    }
}
