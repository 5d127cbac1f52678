package dev.fieldgate.resolvers;

import dev.fieldgate.policy.Principal;
import dev.fieldgate.resolvers.internal.Immutables;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A user of an OpenID Connect provider (auth mode {@code OPENID_CONNECT}).
 *
 * @param sub      the token's subject
 * @param issuer   the token's issuer
 * @param claims   every claim of the token AppSync verified
 * @param sourceIp the caller's addresses
 */
public record OidcIdentity(String sub, String issuer, Map<String, Object> claims, List<String> sourceIp)
        implements Identity {

    public OidcIdentity {
        if (sub == null || sub.isBlank()) {
            throw new IllegalArgumentException("an OIDC identity needs a sub");
        }
        claims = Immutables.map(claims);
        sourceIp = Immutables.strings(sourceIp);
    }

    @Override
    public Kind kind() {
        return Kind.OIDC;
    }

    @Override
    public Principal toPrincipal() {
        return Principal.oidc(sub, claims);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OidcIdentity that
                && sub.equals(that.sub)
                && Objects.equals(issuer, that.issuer)
                && claims.equals(that.claims)
                && sourceIp.equals(that.sourceIp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sub, issuer);
    }

    @Override
    public String toString() {
        return "OidcIdentity[sub=" + sub + ", issuer=" + issuer + "]";
    }
}
