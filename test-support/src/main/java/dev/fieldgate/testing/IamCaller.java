package dev.fieldgate.testing;

import dev.fieldgate.resolvers.IamIdentity;
import dev.fieldgate.testing.internal.ExampleValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A caller that signed its request with AWS credentials (auth mode {@code AWS_IAM}), from
 * {@link Callers#iamGuest()}, {@link Callers#iamUser(String)} or {@link Callers#iam(String)}. Identity-pool
 * credentials carry the pool's fields: {@code cognitoIdentityAuthType} {@code unauthenticated} for a guest,
 * {@code authenticated} for a signed-in user, whose {@code cognitoIdentityAuthProvider} names the user pool and the
 * user; other credentials leave them {@code null}.
 */
public final class IamCaller implements Caller {

    private enum Kind {
        GUEST,
        USER,
        OTHER
    }

    private final Kind kind;
    private final String sub;
    private String accountId = Callers.ACCOUNT_ID;
    private String identityPoolId = Callers.IDENTITY_POOL_ID;
    private String identityId;
    private String userPoolId = Callers.USER_POOL_ID;
    private String roleName;
    private String userArn;
    private String username;
    private List<String> sourceIp = List.of("192.0.2.44");

    private IamCaller(Kind kind, String sub, String userArn) {
        this.kind = kind;
        this.sub = sub;
        this.userArn = userArn;
        this.roleName = kind == Kind.GUEST ? "example-dev-guest" : "example-dev-authenticated";
    }

    static IamCaller guest() {
        return new IamCaller(Kind.GUEST, null, null);
    }

    static IamCaller user(String sub) {
        if (sub == null || sub.isBlank()) {
            throw new IllegalArgumentException("an identity-pool user needs the sub it signed in with");
        }
        return new IamCaller(Kind.USER, sub, null);
    }

    static IamCaller other(String userArn) {
        if (userArn == null || !userArn.startsWith("arn:")) {
            throw new IllegalArgumentException("an IAM caller needs an ARN, e.g. "
                    + "arn:aws:sts::123456789012:assumed-role/backend/job, not '" + userArn + "'");
        }
        return new IamCaller(Kind.OTHER, null, userArn);
    }

    /** The AWS account of the credentials' role. */
    public IamCaller accountId(String accountId) {
        this.accountId = accountId;
        return this;
    }

    /** The identity pool, e.g. {@code eu-west-1:0a1b...}. */
    public IamCaller identityPoolId(String identityPoolId) {
        requirePool("identityPoolId");
        ExampleValues.regionOf(identityPoolId);
        this.identityPoolId = identityPoolId;
        return this;
    }

    /** The caller's Cognito identity, e.g. {@code us-east-1:3f8e...}; derived from the sub (or fixed for a guest). */
    public IamCaller identityId(String identityId) {
        requirePool("identityId");
        this.identityId = identityId;
        return this;
    }

    /** The user pool the user signed in through, named in {@code cognitoIdentityAuthProvider}. */
    public IamCaller userPoolId(String userPoolId) {
        if (kind != Kind.USER) {
            throw new IllegalStateException("userPoolId is for Callers.iamUser(sub): only a signed-in identity-pool "
                    + "user names a user pool");
        }
        ExampleValues.regionOf(userPoolId);
        this.userPoolId = userPoolId;
        return this;
    }

    /** The identity pool's role the credentials are for, named in {@code userArn}. */
    public IamCaller roleName(String roleName) {
        requirePool("roleName");
        this.roleName = roleName;
        return this;
    }

    /** The principal's user id, e.g. {@code AROA...:CognitoIdentityCredentials}. */
    public IamCaller username(String username) {
        this.username = username;
        return this;
    }

    /** The caller's addresses as AppSync saw them. */
    public IamCaller sourceIp(String... addresses) {
        this.sourceIp = List.of(addresses);
        return this;
    }

    @Override
    public IamIdentity identity() {
        if (kind == Kind.OTHER) {
            return new IamIdentity(accountId, userArn, username(), sourceIp, null, null, null, null);
        }
        String arn = "arn:aws:sts::" + accountId + ":assumed-role/" + roleName + "/CognitoIdentityCredentials";
        return new IamIdentity(
                accountId,
                arn,
                username(),
                sourceIp,
                identityPoolId,
                identityId(),
                kind == Kind.GUEST ? IamIdentity.UNAUTHENTICATED : IamIdentity.AUTHENTICATED,
                authProvider());
    }

    /** A SigV4 {@code authorization} header, its date and, for identity-pool credentials, the session token. */
    @Override
    public Map<String, String> headers() {
        String key = kind == Kind.GUEST ? "ASIAEXAMPLEGUEST" : kind == Kind.USER ? "ASIAEXAMPLEUSER" : "ASIAEXAMPLE";
        String region = kind == Kind.OTHER ? "us-east-1" : ExampleValues.regionOf(identityPoolId);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amz-date", "20251120T101500Z");
        headers.put("x-amz-security-token", "IQoJb3JpZ2luX2VjEXAMPLE-SESSION-TOKEN");
        headers.put(
                "authorization",
                "AWS4-HMAC-SHA256 Credential=" + key + "/20251120/" + region
                        + "/appsync/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, "
                        + "Signature=EXAMPLE-SIGV4-SIGNATURE");
        return headers;
    }

    private String identityId() {
        if (identityId != null) {
            return identityId;
        }
        String region = ExampleValues.regionOf(identityPoolId);
        return kind == Kind.GUEST
                ? region + ":3f8e2c1a-9b7d-4e6f-8a5b-1c2d3e4f5a6b"
                : region + ":" + ExampleValues.uuid("identity:" + sub);
    }

    private String authProvider() {
        if (kind != Kind.USER) {
            return null;
        }
        String provider = "cognito-idp." + ExampleValues.regionOf(userPoolId) + ".amazonaws.com/" + userPoolId;
        return "\"" + provider + "\",\"" + provider + ":CognitoSignIn:" + sub + "\"";
    }

    private String username() {
        if (username != null) {
            return username;
        }
        return switch (kind) {
            case GUEST -> "AROAEXAMPLEGUESTROLE:CognitoIdentityCredentials";
            case USER -> "AROAEXAMPLEAUTHROLE:CognitoIdentityCredentials";
            case OTHER ->
                userArn.contains(":assumed-role/")
                        ? "AROAEXAMPLEROLE:" + userArn.substring(userArn.lastIndexOf('/') + 1)
                        : "AIDAEXAMPLEUSER";
        };
    }

    private void requirePool(String setting) {
        if (kind == Kind.OTHER) {
            throw new IllegalStateException(setting + " is for identity-pool callers (Callers.iamGuest(), "
                    + "Callers.iamUser(sub)); Callers.iam(userArn) has no identity pool");
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case GUEST -> "IamCaller[guest]";
            case USER -> "IamCaller[identity-pool user, sub=" + sub + "]";
            default -> "IamCaller[" + userArn + "]";
        };
    }
}
