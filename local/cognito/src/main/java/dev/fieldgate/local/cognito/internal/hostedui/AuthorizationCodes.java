package dev.fieldgate.local.cognito.internal.hostedui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The authorization codes {@code /oauth2/authorize} issues and {@code /oauth2/token} redeems, each at most once. */
final class AuthorizationCodes {

    private static final Duration CODE_VALIDITY = Duration.ofMinutes(5);

    private final Clock clock;
    private final Map<String, AuthorizationCode> codes = new ConcurrentHashMap<>();

    /** What a code stands for: the request it answered and the user who signed in. */
    record AuthorizationCode(
            String clientId,
            String redirectUri,
            String username,
            List<String> scopes,
            String codeChallenge,
            String nonce,
            Instant expires) {}

    AuthorizationCodes(Clock clock) {
        this.clock = clock;
    }

    String issue(AuthorizeRequest request, String username) {
        String code = UUID.randomUUID().toString();
        codes.values().removeIf(c -> !c.expires().isAfter(clock.instant()));
        codes.put(
                code,
                new AuthorizationCode(
                        request.client().clientId(),
                        request.redirectUri(),
                        username,
                        request.scopes(),
                        request.codeChallenge(),
                        request.nonce(),
                        clock.instant().plus(CODE_VALIDITY)));
        return code;
    }

    /** The unexpired code, which is gone afterwards: a code is good for one attempt, successful or not. */
    Optional<AuthorizationCode> redeem(String code) {
        AuthorizationCode redeemed = codes.remove(code);
        if (redeemed == null || !redeemed.expires().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(redeemed);
    }
}
