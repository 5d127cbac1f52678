package dev.fieldgate.local.cognito.internal.userpool;

import dev.fieldgate.config.UserPoolConfig;
import dev.fieldgate.local.cognito.internal.OutboxStore;
import dev.fieldgate.local.cognito.internal.userpool.PoolState.SessionRecord;
import dev.fieldgate.local.cognito.internal.userpool.PoolState.UserRecord;
import dev.fieldgate.local.core.internal.state.StateJson;
import dev.fieldgate.local.core.internal.state.StateStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * What the parts of one user pool share: its config, its state, the clock, randomness, the outbox and the lock.
 * The parts read and change the state only while holding {@link #lock}; {@link UserPool}'s synchronized methods
 * take it before calling them, so the parts do not lock themselves unless they say so.
 */
final class PoolContext {

    final UserPoolConfig poolConfig;
    final PoolState state;
    final Clock clock;
    final SecureRandom random;
    final OutboxStore outbox;
    /** The one lock guarding {@link #state}: the {@link UserPool} itself, the monitor of its synchronized methods. */
    final Object lock;

    private final StateStore store;
    private final String stateDocument;

    PoolContext(
            UserPoolConfig poolConfig,
            PoolState state,
            StateStore store,
            String stateDocument,
            Clock clock,
            SecureRandom random,
            OutboxStore outbox,
            Object lock) {
        this.poolConfig = poolConfig;
        this.state = state;
        this.store = store;
        this.stateDocument = stateDocument;
        this.clock = clock;
        this.random = random;
        this.outbox = outbox;
        this.lock = lock;
    }

    /** Writes the whole state document; called after each change, before the operation returns. */
    void persist() {
        StateJson.write(store, stateDocument, state);
    }

    /** Writes one sign-in session's document (the pool document holds none). */
    void persistSession(SessionRecord session) {
        StateJson.write(store, sessionsFolder() + "/" + session.originJti + ".json", session);
    }

    /** Deletes a session's document. */
    void deleteSession(SessionRecord session) {
        if (store.isPersistent()) {
            store.delete(sessionsFolder() + "/" + session.originJti + ".json");
        }
    }

    /** The sessions' documents. */
    List<SessionRecord> readSessions() {
        List<SessionRecord> sessions = new ArrayList<>();
        for (String name : store.list(sessionsFolder())) {
            if (name.endsWith(".json")) {
                StateJson.read(store, sessionsFolder() + "/" + name, SessionRecord.class)
                        .ifPresent(sessions::add);
            }
        }
        return sessions;
    }

    private String sessionsFolder() {
        return stateDocument.substring(0, stateDocument.lastIndexOf('/') + 1) + "sessions";
    }

    void touch(UserRecord user) {
        user.modifiedMillis = clock.millis();
    }

    String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String sha256Hex(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
