package dev.fieldgate.testing;

import dev.fieldgate.resolvers.OidcIdentity;
import dev.fieldgate.testing.internal.ExampleValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user of an OpenID Connect provider (auth mode {@code OPENID_CONNECT}), from {@link Callers#oidc(String)}:
 * AppSync sends the token's {@code sub}, {@code issuer} and {@code claims}.
 */
public final class OidcCaller implements Caller {

    private static final int ISSUED_AT = 1763600000;

    private final String sub;
    private String issuer = "https://auth.example.com/";
    private String audience = "example-client-id";
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private List<String> sourceIp = List.of();

    OidcCaller(String sub) {
        if (sub == null || sub.isBlank()) {
            throw new IllegalArgumentException("an OIDC caller needs a sub");
        }
        this.sub = sub;
    }

    /** The provider, the token's {@code iss}. */
    public OidcCaller issuer(String issuer) {
        this.issuer = issuer;
        return this;
    }

    /** The token's {@code aud}: the API's client id at the provider. */
    public OidcCaller audience(String audience) {
        this.audience = audience;
        return this;
    }

    /** Adds or replaces a claim; {@code null} removes it. */
    public OidcCaller claim(String name, Object value) {
        claims.put(name, value);
        return this;
    }

    /** Addresses to report; AppSync itself sends none for OIDC callers. */
    public OidcCaller sourceIp(String... addresses) {
        this.sourceIp = List.of(addresses);
        return this;
    }

    @Override
    public OidcIdentity identity() {
        return new OidcIdentity(sub, issuer, claims(), sourceIp);
    }

    /** The token's claims. */
    public Map<String, Object> claims() {
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("sub", sub);
        token.put("iss", issuer);
        token.put("aud", audience);
        token.put("iat", ISSUED_AT);
        token.put("exp", ISSUED_AT + 3600);
        claims.forEach((name, value) -> {
            if (value == null) {
                token.remove(name);
            } else {
                token.put(name, value);
            }
        });
        return token;
    }

    @Override
    public Map<String, String> headers() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("sub", sub);
        payload.put("iss", issuer);
        return Map.of("authorization", ExampleValues.jwt(payload));
    }

    @Override
    public String toString() {
        return "OidcCaller[sub=" + sub + ", issuer=" + issuer + "]";
    }
}
