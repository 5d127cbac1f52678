package dev.fieldgate.resolvers;

import dev.fieldgate.policy.Principal;
import dev.fieldgate.resolvers.internal.Immutables;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A signed-in Amazon Cognito user-pool user.
 *
 * @param sub                 the user's {@code sub}
 * @param username            the user's name ({@code cognito:username} in id tokens, {@code username} in access tokens)
 * @param issuer              the token's issuer, {@code https://cognito-idp.<region>.amazonaws.com/<poolId>}
 * @param claims              every claim of the token AppSync verified
 * @param groups              the user's {@code cognito:groups}; empty when AppSync sends {@code null}
 * @param defaultAuthStrategy the API's user-pool default action, {@code ALLOW} or {@code DENY}
 * @param sourceIp            the caller's addresses
 */
public record CognitoUserPoolIdentity(
        String sub,
        String username,
        String issuer,
        Map<String, Object> claims,
        List<String> groups,
        String defaultAuthStrategy,
        List<String> sourceIp)
        implements Identity {

    public CognitoUserPoolIdentity {
        if (sub == null || sub.isBlank()) {
            throw new IllegalArgumentException("a user-pool identity needs a sub");
        }
        claims = Immutables.map(claims);
        groups = Immutables.strings(groups);
        sourceIp = Immutables.strings(sourceIp);
    }

    @Override
    public Kind kind() {
        return Kind.USER_POOL;
    }

    /** One claim, or {@code null}. */
    public Object claim(String name) {
        return claims.get(name);
    }

    public boolean inGroup(String group) {
        return groups.contains(group);
    }

    @Override
    public Principal toPrincipal() {
        return Principal.userPool(sub, username, groups, claims);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CognitoUserPoolIdentity that
                && sub.equals(that.sub)
                && Objects.equals(username, that.username)
                && Objects.equals(issuer, that.issuer)
                && claims.equals(that.claims)
                && groups.equals(that.groups)
                && Objects.equals(defaultAuthStrategy, that.defaultAuthStrategy)
                && sourceIp.equals(that.sourceIp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sub, username, issuer, groups);
    }

    /** Names the user by sub and groups only: claims may carry personal data. */
    @Override
    public String toString() {
        return "CognitoUserPoolIdentity[sub=" + sub + (groups.isEmpty() ? "" : ", groups=" + groups) + "]";
    }
}
