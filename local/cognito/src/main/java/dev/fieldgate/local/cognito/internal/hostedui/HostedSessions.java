package dev.fieldgate.local.cognito.internal.hostedui;

import dev.fieldgate.local.core.internal.http.HttpExchange;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The browser's state with the hosted UI: the session cookie that lets a signed-in user authorize again without a
 * password, and the double-submit CSRF token that every form post must echo from its cookie.
 */
final class HostedSessions {

    private static final Duration SESSION_VALIDITY = Duration.ofHours(1);
    private static final String SESSION_COOKIE = "cognito";
    private static final String CSRF_COOKIE = "XSRF-TOKEN";

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, HostedSession> sessions = new ConcurrentHashMap<>();

    private record HostedSession(String username, Instant expires) {}

    HostedSessions(Clock clock) {
        this.clock = clock;
    }

    /** The username of the browser's unexpired session, if it has one. */
    Optional<String> signedInUser(HttpExchange exchange) {
        Optional<String> id = exchange.cookie(SESSION_COOKIE);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        HostedSession session = sessions.get(id.get());
        if (session == null || !session.expires().isAfter(clock.instant())) {
            sessions.remove(id.get());
            return Optional.empty();
        }
        return Optional.of(session.username());
    }

    void start(HttpExchange exchange, String username) {
        sessions.values().removeIf(s -> !s.expires().isAfter(clock.instant()));
        String id = randomToken(32);
        sessions.put(id, new HostedSession(username, clock.instant().plus(SESSION_VALIDITY)));
        exchange.addHeader(
                "Set-Cookie",
                SESSION_COOKIE + "=" + id + "; Path=/; Max-Age=" + SESSION_VALIDITY.toSeconds()
                        + "; HttpOnly; SameSite=Lax");
    }

    void end(HttpExchange exchange) {
        exchange.cookie(SESSION_COOKIE).ifPresent(sessions::remove);
        exchange.addHeader("Set-Cookie", SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
    }

    /** The token a form must post back: the browser's, or a new one set as a cookie on this response. */
    String csrfToken(HttpExchange exchange) {
        Optional<String> existing = exchange.cookie(CSRF_COOKIE).filter(t -> t.matches("[A-Za-z0-9_-]{43}"));
        if (existing.isPresent()) {
            return existing.get();
        }
        String token = randomToken(32);
        exchange.addHeader("Set-Cookie", CSRF_COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Lax");
        return token;
    }

    /** Whether the posted {@code _csrf} field equals the CSRF cookie, which a cross-site form cannot read. */
    boolean csrfValid(HttpExchange exchange) throws Exception {
        Optional<String> cookie = exchange.cookie(CSRF_COOKIE);
        Optional<String> field = exchange.formParam("_csrf");
        return cookie.isPresent() && field.isPresent() && OAuthSupport.constantTimeEquals(cookie.get(), field.get());
    }

    private String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
