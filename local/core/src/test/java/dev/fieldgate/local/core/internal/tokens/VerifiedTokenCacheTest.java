package dev.fieldgate.local.core.internal.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** What the cache keeps: only live tokens, by their exact text, and never more than its bound. */
class VerifiedTokenCacheTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    /** A clock the test moves. */
    private static final class Moving extends Clock {
        Instant now = NOW;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final Moving clock = new Moving();

    private long in(Duration duration) {
        return NOW.plus(duration).toEpochMilli();
    }

    @Test
    void aTokenIsFoundByItsExactTextUntilItExpires() {
        VerifiedTokenCache<String> cache = new VerifiedTokenCache<>(10, clock);
        cache.put("header.payload.signature", "claims", in(Duration.ofMinutes(60)));
        assertThat(cache.get("header.payload.signature")).isEqualTo("claims");
        assertThat(cache.get("header.payload.signaturf")).isNull();
        assertThat(cache.get("header.payload.signature ")).isNull();
        clock.now = NOW.plus(Duration.ofMinutes(60));
        assertThat(cache.get("header.payload.signature")).as("at its exp").isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void expiredOrOverlongTokensAreNotKept() {
        VerifiedTokenCache<String> cache = new VerifiedTokenCache<>(10, clock);
        cache.put("expired", "claims", in(Duration.ZERO));
        cache.put("x".repeat(VerifiedTokenCache.MAX_TOKEN_LENGTH + 1), "claims", in(Duration.ofHours(1)));
        assertThat(cache.size()).isZero();
    }

    @Test
    void itNeverHoldsMoreThanItsBound() {
        VerifiedTokenCache<String> cache = new VerifiedTokenCache<>(100, clock);
        for (int i = 0; i < 1_000; i++) {
            cache.put("token-" + i, "claims", in(Duration.ofMinutes(1 + i % 60)));
            assertThat(cache.size()).isLessThanOrEqualTo(100);
        }
        assertThat(cache.get("token-999")).isEqualTo("claims");
    }

    @Test
    void whenFullExpiredEntriesGoFirst() {
        VerifiedTokenCache<String> cache = new VerifiedTokenCache<>(3, clock);
        cache.put("short", "a", in(Duration.ofMinutes(1)));
        cache.put("long-1", "b", in(Duration.ofHours(1)));
        cache.put("long-2", "c", in(Duration.ofHours(1)));
        clock.now = NOW.plus(Duration.ofMinutes(2));
        cache.put("new", "d", in(Duration.ofHours(1)));
        assertThat(cache.get("long-1")).isEqualTo("b");
        assertThat(cache.get("long-2")).isEqualTo("c");
        assertThat(cache.get("new")).isEqualTo("d");
    }
}
