package dev.fieldgate.local.cognito.internal.userpool;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.fieldgate.local.cognito.internal.userpool.PoolState.SessionRecord;
import dev.fieldgate.local.cognito.internal.userpool.PoolState.UserRecord;
import dev.fieldgate.local.cognito.internal.userpool.UserPool.AccessRejectedException;
import dev.fieldgate.local.cognito.internal.userpool.UserPool.AccessRejection;
import dev.fieldgate.local.cognito.internal.userpool.UserPool.AccessTokenUser;
import dev.fieldgate.local.cognito.internal.userpool.UserPool.ClientRuntime;
import dev.fieldgate.local.cognito.internal.userpool.UserPool.RefreshRejectedException;
import dev.fieldgate.local.cognito.internal.userpool.UserPool.RefreshRejection;
import dev.fieldgate.local.cognito.internal.userpool.UserPool.RevokeOutcome;
import dev.fieldgate.local.cognito.internal.userpool.UserPool.Tokens;
import dev.fieldgate.local.cognito.internal.userpool.UserPool.UserView;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sign-in sessions, one per refresh token: starting one, refreshing its tokens, revoking it (one token or all of a
 * user's), and checking that an access token's session is still alive. Only a hash of each refresh token is kept.
 */
final class Sessions {

    private static final String REFRESH_TOKEN_HEADER = Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                    "{\"cty\":\"JWT\",\"enc\":\"A256GCM\",\"alg\":\"RSA-OAEP\"}".getBytes(StandardCharsets.UTF_8));

    private final PoolContext pool;
    private final UserDirectory users;
    private final TokenService tokens;
    private final TokenIssuer issuer;
    /** origin_jti by the SHA-256 of the refresh token. */
    private final Map<String, String> sessionByRefreshHash = new ConcurrentHashMap<>();

    Sessions(PoolContext pool, UserDirectory users, TokenService tokens, TokenIssuer issuer) {
        this.pool = pool;
        this.users = users;
        this.tokens = tokens;
        this.issuer = issuer;
    }

    /**
     * Loads the sessions' documents and indexes their refresh tokens. Sessions still inside an older pool document
     * get documents of their own first (the pool document is rewritten without them afterwards).
     */
    void indexRefreshTokens() {
        Map<String, SessionRecord> inPoolDocument = new LinkedHashMap<>(pool.state.sessions);
        for (SessionRecord session : pool.readSessions()) {
            inPoolDocument.remove(session.originJti);
            pool.state.sessions.put(session.originJti, session);
        }
        inPoolDocument.values().forEach(pool::persistSession);
        for (SessionRecord session : pool.state.sessions.values()) {
            sessionByRefreshHash.put(session.refreshTokenSha256, session.originJti);
        }
    }

    /** See {@link UserPool#startSession}. */
    Tokens start(
            ClientRuntime client,
            String username,
            List<String> scopes,
            boolean withIdToken,
            String nonce,
            boolean hostedUi) {
        UserRecord user = users.get(username);
        if (user == null) {
            throw CognitoErrors.userNotFound();
        }
        // Every path that issues tokens ends here, so a user disabled (or reset) after proving the password, or
        // behind a hosted-UI session or an authorization code, gets none.
        if (!user.enabled) {
            throw CognitoErrors.notAuthorized("User is disabled.");
        }
        switch (user.status) {
            case CONFIRMED -> {}
            case UNCONFIRMED -> throw CognitoErrors.userNotConfirmed();
            case RESET_REQUIRED, FORCE_CHANGE_PASSWORD -> throw CognitoErrors.passwordResetRequired();
        }
        prune();
        String refreshToken = newRefreshToken();
        SessionRecord session = new SessionRecord();
        session.originJti = UUID.randomUUID().toString();
        session.eventId = UUID.randomUUID().toString();
        session.username = user.username;
        session.clientId = client.clientId();
        session.refreshTokenSha256 = PoolContext.sha256Hex(refreshToken);
        session.authTimeSeconds = pool.clock.instant().getEpochSecond();
        session.createdMillis = pool.clock.millis();
        session.refreshExpiresMillis = pool.clock
                .instant()
                .plus(client.config().refreshTokenValidity())
                .toEpochMilli();
        session.scopes = new ArrayList<>(scopes);
        session.hostedUi = hostedUi;
        pool.state.sessions.put(session.originJti, session);
        sessionByRefreshHash.put(session.refreshTokenSha256, session.originJti);
        // The session's own document only: a sign-in costs the same however many sessions the pool holds.
        pool.persistSession(session);
        Tokens issued = issuer.issue(user, client, session, withIdToken, nonce);
        return new Tokens(issued.idToken(), issued.accessToken(), refreshToken, issued.expiresInSeconds());
    }

    /** See {@link UserPool#mayReceiveTokens}. */
    boolean mayReceiveTokens(String username) {
        UserRecord user = username == null ? null : users.get(username);
        return user != null && user.enabled && user.status == UserStatus.CONFIRMED;
    }

    /** See {@link UserPool#refreshTokenOwner}. */
    Optional<UserView> refreshTokenOwner(ClientRuntime client, String refreshToken) {
        SessionRecord session = sessionFor(refreshToken);
        if (session == null || !session.clientId.equals(client.clientId())) {
            return Optional.empty();
        }
        return Optional.ofNullable(users.get(session.username)).map(users::view);
    }

    /** See {@link UserPool#refresh}. */
    Tokens refresh(ClientRuntime client, String refreshToken) throws RefreshRejectedException {
        SessionRecord session = sessionFor(refreshToken);
        if (session == null || !session.clientId.equals(client.clientId())) {
            throw new RefreshRejectedException(RefreshRejection.INVALID);
        }
        UserRecord user = users.get(session.username);
        if (user == null) {
            throw new RefreshRejectedException(RefreshRejection.INVALID);
        }
        // Disabling revokes the session too; a disabled user is told so first, as Cognito answers their refresh.
        if (!user.enabled) {
            throw new RefreshRejectedException(RefreshRejection.USER_DISABLED);
        }
        if (session.revoked) {
            throw new RefreshRejectedException(RefreshRejection.REVOKED);
        }
        if (session.refreshExpiresMillis <= pool.clock.millis()) {
            throw new RefreshRejectedException(RefreshRejection.EXPIRED);
        }
        if (user.status != UserStatus.CONFIRMED) {
            throw new RefreshRejectedException(RefreshRejection.PASSWORD_RESET_REQUIRED);
        }
        boolean withId = !session.hostedUi || session.scopes.contains("openid");
        return issuer.issue(user, client, session, withId, null);
    }

    private SessionRecord sessionFor(String refreshToken) {
        if (refreshToken == null) {
            return null;
        }
        String origin = sessionByRefreshHash.get(PoolContext.sha256Hex(refreshToken));
        return origin == null ? null : pool.state.sessions.get(origin);
    }

    /** See {@link UserPool#verifyAccessToken}. */
    AccessTokenUser verifyAccessToken(String token, String requiredScope) throws AccessRejectedException {
        JWTClaimsSet claims;
        try {
            claims = tokens.verifyAccessToken(token);
        } catch (TokenService.TokenRejectedException e) {
            throw new AccessRejectedException(
                    e.rejection() == TokenService.Rejection.EXPIRED
                            ? AccessRejection.EXPIRED
                            : AccessRejection.INVALID);
        }
        Object username = claims.getClaim("username");
        if (username == null) {
            // A client_credentials token: it has no user, so no user-facing operation accepts it.
            throw new AccessRejectedException(AccessRejection.INVALID);
        }
        UserRecord user = users.get(username.toString());
        if (user == null || !user.sub.equals(claims.getSubject())) {
            throw new AccessRejectedException(AccessRejection.USER_NOT_FOUND);
        }
        // Disabling also revokes the token; the user is told they are disabled rather than that it was revoked.
        if (!user.enabled) {
            throw new AccessRejectedException(AccessRejection.USER_DISABLED);
        }
        Object origin = claims.getClaim("origin_jti");
        SessionRecord session = origin == null ? null : pool.state.sessions.get(origin.toString());
        if (session == null || session.revoked) {
            throw new AccessRejectedException(AccessRejection.REVOKED);
        }
        Object scope = claims.getClaim("scope");
        List<String> scopes =
                scope == null ? List.of() : List.of(scope.toString().split(" "));
        if (requiredScope != null && !scopes.contains(requiredScope)) {
            throw new AccessRejectedException(AccessRejection.SCOPE);
        }
        return new AccessTokenUser(users.view(user), claims, scopes);
    }

    /** See {@link UserPool#globalSignOut}. */
    void globalSignOut(String username) {
        for (SessionRecord session : pool.state.sessions.values()) {
            if (session.username.equalsIgnoreCase(username) && !session.revoked) {
                session.revoked = true;
                pool.persistSession(session);
            }
        }
    }

    /** See {@link UserPool#revokeRefreshToken}. */
    RevokeOutcome revoke(ClientRuntime client, String refreshToken) {
        SessionRecord session = sessionFor(refreshToken);
        if (session == null) {
            return RevokeOutcome.UNKNOWN_TOKEN;
        }
        if (!session.clientId.equals(client.clientId())) {
            return RevokeOutcome.OTHER_CLIENT;
        }
        if (!session.revoked) {
            session.revoked = true;
            pool.persistSession(session);
        }
        return RevokeOutcome.REVOKED;
    }

    /** Drops a deleted user's sessions and their documents. */
    void forgetUser(String username) {
        pool.state.sessions.values().removeIf(s -> {
            boolean mine = s.username.equalsIgnoreCase(username);
            if (mine) {
                sessionByRefreshHash.remove(s.refreshTokenSha256);
                pool.deleteSession(s);
            }
            return mine;
        });
    }

    /** Whether a string has the shape of our refresh tokens (five JWE-like segments). */
    static boolean looksLikeRefreshToken(String token) {
        return token != null && token.startsWith(REFRESH_TOKEN_HEADER + ".") && token.split("\\.", -1).length == 5;
    }

    private String newRefreshToken() {
        return REFRESH_TOKEN_HEADER + "." + pool.randomToken(256) + "." + pool.randomToken(12) + "."
                + pool.randomToken(64) + "." + pool.randomToken(16);
    }

    private void prune() {
        long now = pool.clock.millis();
        pool.state.sessions.values().removeIf(s -> {
            boolean expired = s.refreshExpiresMillis <= now;
            if (expired) {
                sessionByRefreshHash.remove(s.refreshTokenSha256);
                pool.deleteSession(s);
            }
            return expired;
        });
    }
}
