package dev.fieldgate.sdk.auth;

import dev.fieldgate.sdk.internal.JwtClaims;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A signed-in user's tokens from a Cognito user pool. Immutable; {@link #toString()} never shows a token.
 *
 * <p>The claims methods read the ID token <em>without verifying it</em> — fine for showing who is signed in, never
 * for authorization decisions (AppSync verifies every token it receives).
 */
public final class UserPoolSession {

    private final String idToken;
    private final String accessToken;
    private final String refreshToken;
    private final Instant expiresAt;
    private final Map<String, Object> idClaims;

    /**
     * @param idToken      the ID token (JWT)
     * @param accessToken  the access token (JWT)
     * @param refreshToken the refresh token (opaque), or null when the flow issued none
     * @param expiresAt    when the ID or access token expires, whichever is first
     */
    public UserPoolSession(String idToken, String accessToken, String refreshToken, Instant expiresAt) {
        this.idToken = Objects.requireNonNull(idToken, "idToken");
        this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
        this.refreshToken = refreshToken;
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        this.idClaims = JwtClaims.read(idToken);
    }

    /**
     * A session from tokens, expiring when the first of the two tokens does ({@code exp} claims), or
     * {@code fallbackExpiry} if the tokens carry none.
     */
    public static UserPoolSession fromTokens(
            String idToken, String accessToken, String refreshToken, Instant fallbackExpiry) {
        Instant expiry = earliest(exp(idToken), exp(accessToken));
        return new UserPoolSession(idToken, accessToken, refreshToken, expiry != null ? expiry : fallbackExpiry);
    }

    public String idToken() {
        return idToken;
    }

    public String accessToken() {
        return accessToken;
    }

    public Optional<String> refreshToken() {
        return Optional.ofNullable(refreshToken);
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** The user's internal username ({@code cognito:username}); a UUID in pools that sign in by email. */
    public String username() {
        Object value = idClaims.get("cognito:username");
        return value == null ? null : value.toString();
    }

    /** The user's {@code sub}: stable, unique, what owner rules store by default. */
    public String sub() {
        Object value = idClaims.get("sub");
        return value == null ? null : value.toString();
    }

    /** The user's groups ({@code cognito:groups}), empty when none. */
    public List<String> groups() {
        Object value = idClaims.get("cognito:groups");
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    /** One claim of the ID token (unverified), e.g. {@code email}. */
    public Optional<Object> idTokenClaim(String name) {
        return Optional.ofNullable(idClaims.get(name));
    }

    /** A copy with new ID and access tokens, keeping the refresh token unless a new one is given. */
    public UserPoolSession refreshed(
            String newIdToken, String newAccessToken, String newRefreshToken, Instant fallbackExpiry) {
        return fromTokens(
                newIdToken, newAccessToken, newRefreshToken != null ? newRefreshToken : refreshToken, fallbackExpiry);
    }

    @Override
    public String toString() {
        return "UserPoolSession[username=" + username() + ", sub=" + sub() + ", groups=" + groups() + ", expiresAt="
                + expiresAt + ", tokens=<hidden>]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserPoolSession other
                && idToken.equals(other.idToken)
                && accessToken.equals(other.accessToken)
                && Objects.equals(refreshToken, other.refreshToken)
                && expiresAt.equals(other.expiresAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(idToken, accessToken, refreshToken, expiresAt);
    }

    private static Instant exp(String jwt) {
        Object exp = JwtClaims.read(jwt).get("exp");
        return exp instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null;
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isBefore(b) ? a : b;
    }
}
