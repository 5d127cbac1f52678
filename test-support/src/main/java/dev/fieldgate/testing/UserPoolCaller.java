package dev.fieldgate.testing;

import dev.fieldgate.resolvers.CognitoUserPoolIdentity;
import dev.fieldgate.testing.internal.ExampleValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A signed-in Amazon Cognito user-pool user (auth mode {@code AMAZON_COGNITO_USER_POOLS}), from
 * {@link Callers#userPool(String)}. By default it signed in with an id token: {@code sub}, {@code iss},
 * {@code cognito:username}, {@code aud}, {@code token_use: id}, {@code email}... and {@code cognito:groups} when
 * it is in groups; AppSync also sends the groups as {@code groups}, {@code null} when there are none.
 */
public final class UserPoolCaller implements Caller {

    /** The token's times: fixed, so that events do not depend on the clock. */
    private static final int ISSUED_AT = 1763600000;

    private final String sub;
    private String username;
    private String email;
    private String userPoolId = Callers.USER_POOL_ID;
    private String clientId = Callers.USER_POOL_CLIENT_ID;
    private List<String> groups = List.of();
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private boolean accessToken;
    private List<String> sourceIp = List.of("203.0.113.10");
    private String defaultAuthStrategy = "ALLOW";

    UserPoolCaller(String sub) {
        if (sub == null || sub.isBlank()) {
            throw new IllegalArgumentException("a user-pool caller needs a sub");
        }
        this.sub = sub;
        this.username = sub;
        this.email = sub + "@example.com";
    }

    /** {@code cognito:username} and the identity's {@code username}; the sub by default. */
    public UserPoolCaller username(String username) {
        this.username = username;
        return this;
    }

    /** The {@code email} claim of an id token; {@code null} leaves it out. */
    public UserPoolCaller email(String email) {
        this.email = email;
        return this;
    }

    /** The user's groups, in {@code cognito:groups} and the identity's {@code groups}; replaces earlier ones. */
    public UserPoolCaller groups(String... groups) {
        this.groups = List.of(groups);
        return this;
    }

    /** Adds or replaces a claim (e.g. a custom attribute {@code custom:tenant}); {@code null} removes it. */
    public UserPoolCaller claim(String name, Object value) {
        claims.put(name, value);
        return this;
    }

    /** Signed in with an access token instead: {@code client_id}, {@code scope}, {@code username}, no email. */
    public UserPoolCaller accessToken() {
        this.accessToken = true;
        return this;
    }

    /** The user pool, e.g. {@code eu-west-1_AbCdEf123}: it makes the {@code issuer} and the region. */
    public UserPoolCaller userPoolId(String userPoolId) {
        ExampleValues.regionOf(userPoolId);
        this.userPoolId = userPoolId;
        return this;
    }

    /** The app client the user signed in with. */
    public UserPoolCaller clientId(String clientId) {
        this.clientId = clientId;
        return this;
    }

    /** The caller's addresses as AppSync saw them. */
    public UserPoolCaller sourceIp(String... addresses) {
        this.sourceIp = List.of(addresses);
        return this;
    }

    /** The API's user-pool default action: {@code ALLOW} (the default) or {@code DENY}. */
    public UserPoolCaller defaultAuthStrategy(String defaultAuthStrategy) {
        this.defaultAuthStrategy = defaultAuthStrategy;
        return this;
    }

    public String sub() {
        return sub;
    }

    /** {@code https://cognito-idp.<region>.amazonaws.com/<userPoolId>}. */
    public String issuer() {
        return "https://cognito-idp." + ExampleValues.regionOf(userPoolId) + ".amazonaws.com/" + userPoolId;
    }

    @Override
    public CognitoUserPoolIdentity identity() {
        return new CognitoUserPoolIdentity(sub, username, issuer(), claims(), groups, defaultAuthStrategy, sourceIp);
    }

    /** The token's claims, in the order Cognito writes them. */
    public Map<String, Object> claims() {
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("sub", sub);
        if (!groups.isEmpty()) {
            token.put("cognito:groups", new ArrayList<>(groups));
        }
        token.put("iss", issuer());
        if (accessToken) {
            token.put("client_id", clientId);
            token.put("origin_jti", ExampleValues.uuid("origin_jti:" + sub));
        } else {
            token.put("cognito:username", username);
            token.put("aud", clientId);
        }
        token.put("event_id", ExampleValues.uuid("event_id:" + sub));
        token.put("token_use", accessToken ? "access" : "id");
        if (accessToken) {
            token.put("scope", "aws.cognito.signin.user.admin");
        }
        token.put("auth_time", ISSUED_AT);
        token.put("exp", ISSUED_AT + 3600);
        token.put("iat", ISSUED_AT);
        if (accessToken) {
            token.put("jti", ExampleValues.uuid("jti:" + sub));
            token.put("username", username);
        } else if (email != null) {
            token.put("email", email);
            token.put("email_verified", true);
        }
        claims.forEach((name, value) -> {
            if (value == null) {
                token.remove(name);
            } else {
                token.put(name, value);
            }
        });
        return token;
    }

    /** The token in {@code authorization}, as AppSync receives it for user pools (no {@code Bearer} prefix). */
    @Override
    public Map<String, String> headers() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("sub", sub);
        payload.put("token_use", accessToken ? "access" : "id");
        payload.put("iss", issuer());
        return Map.of("authorization", ExampleValues.jwt(payload));
    }

    @Override
    public String toString() {
        return "UserPoolCaller[sub=" + sub + (groups.isEmpty() ? "" : ", groups=" + groups) + "]";
    }
}
