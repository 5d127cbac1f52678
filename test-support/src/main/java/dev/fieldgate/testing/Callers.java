package dev.fieldgate.testing;

import dev.fieldgate.resolvers.Identity;
import java.util.Map;
import java.util.Objects;

/**
 * A caller of each auth kind AppSync sends to a resolver, with realistic defaults: the shape, claims and headers of
 * what AppSync sends for that kind, and made-up ids derived from the names given (the same in every run).
 *
 * <pre>{@code
 * Callers.userPool("alice").groups("Admins")      // a user-pool user: sub, username, id-token claims, groups
 * Callers.iamGuest()                              // an identity-pool guest (unauthenticated role)
 * Callers.iamUser("alice")                        // an identity-pool user signed in through the user pool
 * Callers.apiKey()                                // an API-key caller: identity null
 * Callers.lambdaAuthorizer().context("tenant", "acme")
 * Callers.oidc("auth0|alice").issuer("https://example.eu.auth0.com/")
 * }</pre>
 */
public final class Callers {

    /** The AWS account of the made-up API, its roles and its identity pool. */
    public static final String ACCOUNT_ID = "123456789012";
    /** The made-up user pool's id; its region is the API's. */
    public static final String USER_POOL_ID = "us-east-1_Example01";
    /** The made-up user pool's app client, the {@code aud} of id tokens and {@code client_id} of access tokens. */
    public static final String USER_POOL_CLIENT_ID = "4v5ja8mo5hj6bhbs8cvgtuuk1a";
    /** The made-up identity pool's id. */
    public static final String IDENTITY_POOL_ID = "us-east-1:aa11bb22-cc33-dd44-ee55-ff6677889900";

    private Callers() {}

    /** A signed-in user-pool user with this {@code sub} (also its username), an id token's claims, no groups. */
    public static UserPoolCaller userPool(String sub) {
        return new UserPoolCaller(sub);
    }

    /** An identity-pool guest: credentials of the pool's unauthenticated role ({@code unauthenticated}). */
    public static IamCaller iamGuest() {
        return IamCaller.guest();
    }

    /**
     * An identity-pool user signed in through the user pool as the user with this {@code sub}: credentials of the
     * pool's authenticated role, and the {@code cognitoIdentityAuthProvider} string AWS sends, which names the
     * user pool and the user ({@code "cognito-idp...","cognito-idp...:CognitoSignIn:<sub>"}).
     */
    public static IamCaller iamUser(String sub) {
        return IamCaller.user(sub);
    }

    /** A caller with other AWS credentials (a role or an IAM user; no identity pool), e.g. a back-end job. */
    public static IamCaller iam(String userArn) {
        return IamCaller.other(userArn);
    }

    /** A caller with the API key: AppSync sends {@code identity: null} and the key in {@code x-api-key}. */
    public static ApiKeyCaller apiKey() {
        return new ApiKeyCaller();
    }

    /** A caller the API's Lambda authorizer admitted, with an empty {@code resolverContext} until you add to it. */
    public static LambdaAuthorizerCaller lambdaAuthorizer() {
        return new LambdaAuthorizerCaller();
    }

    /** A user of an OpenID Connect provider with this {@code sub}. */
    public static OidcCaller oidc(String sub) {
        return new OidcCaller(sub);
    }

    /** Any identity as a caller, e.g. one read from a recorded event; it sends no auth headers. */
    public static Caller of(Identity identity) {
        Objects.requireNonNull(identity, "identity");
        return new Caller() {
            @Override
            public Identity identity() {
                return identity;
            }

            @Override
            public Map<String, String> headers() {
                return Map.of();
            }

            @Override
            public String toString() {
                return identity.toString();
            }
        };
    }
}
