package dev.fieldgate.local.cognito;

import java.util.List;
import java.util.Optional;

/**
 * The messages the local user pool sent (verification codes, invitations), oldest first. With a state directory
 * they are also files under {@code <state>/outbox/}, one JSON document per message, so other processes (a browser
 * demo, a Node script) can read them too. Sending is synchronous: a message is readable as soon as the API call
 * that sent it has answered.
 */
public interface LocalOutbox {

    /**
     * Calls the listener with each message from now on, as it is sent (on the thread of the API call that sends it,
     * before that call answers).
     */
    void onSent(java.util.function.Consumer<OutboxMessage> listener);

    /** Every message, oldest first. */
    List<OutboxMessage> messages();

    /** Messages addressed to an email address or phone number (case-insensitive), or to a username. */
    default List<OutboxMessage> messagesTo(String destinationOrUsername) {
        return messages().stream()
                .filter(m -> destinationOrUsername.equalsIgnoreCase(m.destination())
                        || destinationOrUsername.equals(m.username()))
                .toList();
    }

    /** The newest message addressed to a destination or username. */
    default Optional<OutboxMessage> latestTo(String destinationOrUsername) {
        List<OutboxMessage> to = messagesTo(destinationOrUsername);
        return to.isEmpty() ? Optional.empty() : Optional.of(to.get(to.size() - 1));
    }

    /** The newest message of a kind addressed to a destination or username. */
    default Optional<OutboxMessage> latestTo(String destinationOrUsername, OutboxMessage.Kind kind) {
        List<OutboxMessage> to = messagesTo(destinationOrUsername).stream()
                .filter(m -> m.kind() == kind)
                .toList();
        return to.isEmpty() ? Optional.empty() : Optional.of(to.get(to.size() - 1));
    }
}
