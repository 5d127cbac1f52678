package dev.fieldgate.local.core.internal.tokens;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a token's verification found, kept by the token's exact text until the token expires. Checking an RS256
 * signature costs more than the rest of a request, and a client sends the same token with every request for an
 * hour; with this cache only its first request pays for the signature.
 *
 * <p>Only tokens that passed verification are put in, and a lookup matches the whole token text, signature
 * included: a token that differs in any character (a forged signature, an edited payload) is never found and goes
 * through full verification. Whatever can change during a token's life (revocation, sign-out, a disabled user) is
 * not cached: callers check it on every request after the lookup.
 *
 * <p>Bounded: when full, entries that expired are dropped, and if none did, everything is (those tokens are simply
 * verified again).
 *
 * @param <V> what verification found (claims, a caller)
 */
public final class VerifiedTokenCache<V> {

    /** Tokens are at most this long to be kept (a longer one is verified every time). */
    public static final int MAX_TOKEN_LENGTH = 16_384;

    private record Entry<V>(V value, long expiresAtMillis) {}

    private final ConcurrentHashMap<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final Clock clock;

    /**
     * @param maxEntries how many tokens at most
     * @param clock      the clock a token's expiry is compared with (the one its verification uses)
     */
    public VerifiedTokenCache(int maxEntries, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** What the verification of exactly this token found, if it passed and the token has not expired since. */
    public V get(String token) {
        Entry<V> entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (entry.expiresAtMillis() <= clock.millis()) {
            entries.remove(token, entry);
            return null;
        }
        return entry.value();
    }

    /**
     * Keeps what a successful verification found.
     *
     * @param expiresAtMillis the token's {@code exp}; from then on {@link #get} finds nothing
     */
    public void put(String token, V value, long expiresAtMillis) {
        if (token.length() > MAX_TOKEN_LENGTH || expiresAtMillis <= clock.millis()) {
            return;
        }
        if (entries.size() >= maxEntries) {
            long now = clock.millis();
            entries.values().removeIf(e -> e.expiresAtMillis() <= now);
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
        }
        entries.put(token, new Entry<>(value, expiresAtMillis));
    }

    /** How many tokens are kept. */
    public int size() {
        return entries.size();
    }
}
