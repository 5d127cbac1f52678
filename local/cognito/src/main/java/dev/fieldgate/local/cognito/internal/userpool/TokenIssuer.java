package dev.fieldgate.local.cognito.internal.userpool;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.fieldgate.local.cognito.internal.userpool.PoolState.GroupRecord;
import dev.fieldgate.local.cognito.internal.userpool.PoolState.SessionRecord;
import dev.fieldgate.local.cognito.internal.userpool.PoolState.UserRecord;
import dev.fieldgate.local.cognito.internal.userpool.UserPool.ClientRuntime;
import dev.fieldgate.local.cognito.internal.userpool.UserPool.Tokens;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The claims of the tokens the pool issues, in Cognito's order and shape, signed by {@link TokenService}: ID and
 * access tokens of a sign-in session, and the access tokens of the client_credentials grant.
 */
final class TokenIssuer {

    private final TokenService tokens;
    private final UserGroups groups;
    private final Clock clock;

    TokenIssuer(TokenService tokens, UserGroups groups, Clock clock) {
        this.tokens = tokens;
        this.groups = groups;
        this.clock = clock;
    }

    /** An access token and, if asked, an ID token for the session (no refresh token: the session has it). */
    Tokens issue(UserRecord user, ClientRuntime client, SessionRecord session, boolean withIdToken, String nonce) {
        Instant now = clock.instant();
        Instant nowSeconds = Instant.ofEpochSecond(now.getEpochSecond());
        List<GroupRecord> userGroups = groups.byPrecedence(user);
        List<String> groupNames = userGroups.stream().map(g -> g.name).toList();

        JWTClaimsSet.Builder access = new JWTClaimsSet.Builder().subject(user.sub);
        if (!groupNames.isEmpty()) {
            access.claim("cognito:groups", groupNames);
        }
        access.issuer(tokens.issuer())
                .claim("client_id", client.clientId())
                .claim("origin_jti", session.originJti)
                .claim("event_id", session.eventId)
                .claim("token_use", "access")
                .claim("scope", String.join(" ", session.scopes))
                .claim("auth_time", session.authTimeSeconds)
                .expirationTime(
                        TokenService.date(nowSeconds.plus(client.config().accessTokenValidity())))
                .issueTime(TokenService.date(nowSeconds))
                .jwtID(UUID.randomUUID().toString())
                .claim("username", user.username);
        String accessToken = tokens.signAccess(access.build());

        String idToken = null;
        if (withIdToken) {
            JWTClaimsSet.Builder id = new JWTClaimsSet.Builder().subject(user.sub);
            if (!groupNames.isEmpty()) {
                id.claim("cognito:groups", groupNames);
            }
            List<GroupRecord> withRoles =
                    userGroups.stream().filter(g -> g.roleArn != null).toList();
            if (!withRoles.isEmpty()) {
                id.claim(
                        "cognito:roles",
                        withRoles.stream().map(g -> g.roleArn).distinct().toList());
                preferredRole(withRoles).ifPresent(role -> id.claim("cognito:preferred_role", role));
            }
            String emailVerified = user.attributes.get("email_verified");
            if (emailVerified != null) {
                id.claim("email_verified", Boolean.parseBoolean(emailVerified));
            }
            id.issuer(tokens.issuer()).claim("cognito:username", user.username);
            if (nonce != null) {
                id.claim("nonce", nonce);
            }
            id.claim("origin_jti", session.originJti)
                    .audience(client.clientId())
                    .claim("event_id", session.eventId)
                    .claim("token_use", "id")
                    .claim("auth_time", session.authTimeSeconds);
            if (session.hostedUi) {
                id.claim("at_hash", TokenService.atHash(accessToken));
            }
            user.attributes.forEach((name, value) -> {
                if (value == null || name.equals("email_verified") || name.equals("sub")) {
                    return;
                }
                if (name.equals("phone_number_verified")) {
                    id.claim(name, Boolean.parseBoolean(value));
                } else {
                    id.claim(name, value);
                }
            });
            id.expirationTime(TokenService.date(nowSeconds.plus(client.config().idTokenValidity())))
                    .issueTime(TokenService.date(nowSeconds))
                    .jwtID(UUID.randomUUID().toString());
            idToken = tokens.signId(id.build());
        }
        return new Tokens(
                idToken,
                accessToken,
                null,
                client.config().accessTokenValidity().toSeconds());
    }

    /**
     * {@code cognito:preferred_role}: the role of the user's group with the lowest precedence among the groups that
     * have a role (groups without a precedence come last). When several groups share that precedence with different
     * roles, Cognito names none, and the identity pool then resolves the role as its role mapping says.
     *
     * @param withRoles the user's groups that have a role, lowest precedence first
     */
    static Optional<String> preferredRole(List<GroupRecord> withRoles) {
        GroupRecord first = withRoles.get(0);
        for (GroupRecord other : withRoles.subList(1, withRoles.size())) {
            if (Objects.equals(other.precedence, first.precedence) && !other.roleArn.equals(first.roleArn)) {
                return Optional.empty();
            }
        }
        return Optional.of(first.roleArn);
    }

    /** See {@link UserPool#issueClientCredentialsToken}. */
    String clientCredentials(ClientRuntime client, List<String> scopes) {
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(client.clientId())
                .claim("token_use", "access")
                .claim("scope", String.join(" ", scopes))
                .claim("auth_time", now.getEpochSecond())
                .issuer(tokens.issuer())
                .expirationTime(TokenService.date(now.plus(client.config().accessTokenValidity())))
                .issueTime(TokenService.date(now))
                .claim("version", 2)
                .jwtID(UUID.randomUUID().toString())
                .claim("client_id", client.clientId())
                .build();
        return tokens.signAccess(claims);
    }
}
