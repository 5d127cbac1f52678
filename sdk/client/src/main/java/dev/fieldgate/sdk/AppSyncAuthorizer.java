package dev.fieldgate.sdk;

import dev.fieldgate.sdk.auth.CognitoUserPoolAuth;
import dev.fieldgate.sdk.internal.HeaderAuthorizer;
import dev.fieldgate.sdk.internal.IamAuthorizer;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Authorizes a request to AppSync in one of its modes by returning the headers to add. The same headers authorize
 * HTTP calls, the real-time connection (sent base64-encoded in its URL) and each subscription (sent in its
 * {@code start} message), so one authorizer serves all three.
 *
 * <p>Implementations must be thread-safe and should cache what they fetch: they are called for every request and
 * every retry. The factories below cover AppSync's modes; implement the interface for anything else.
 */
public interface AppSyncAuthorizer {

    /** The mode this authorizer speaks. */
    AuthMode mode();

    /**
     * The headers that authorize {@code request} (for IAM: {@code Authorization}, {@code X-Amz-Date},
     * {@code X-Amz-Security-Token}, ... computed over the request).
     *
     * @throws FieldgateException if credentials cannot be obtained (e.g. {@link NotAuthenticatedException} when
     *                            no one is signed in)
     */
    Map<String, String> authorize(AppSyncHttpRequest request);

    /**
     * User-pool mode with the signed-in user's access token (the raw JWT in {@code Authorization}, as AppSync
     * expects). The token is refreshed ahead of its expiry by {@code auth}.
     */
    static AppSyncAuthorizer userPool(CognitoUserPoolAuth auth) {
        Objects.requireNonNull(auth, "auth");
        return new HeaderAuthorizer(
                AuthMode.AMAZON_COGNITO_USER_POOLS,
                "Authorization",
                () -> auth.currentSession().accessToken());
    }

    /** User-pool mode with a token from elsewhere (an ID or access token of the API's user pool). */
    static AppSyncAuthorizer userPool(Supplier<String> token) {
        return new HeaderAuthorizer(AuthMode.AMAZON_COGNITO_USER_POOLS, "Authorization", token);
    }

    /**
     * IAM mode: SigV4 with service name {@code appsync}, signed by the AWS SDK's {@code AwsV4HttpSigner} for the
     * region of the API the request goes to (the client's {@link FieldgateConfig#region()}, or the region in an
     * AppSync host name). {@code credentials} may be an {@link dev.fieldgate.sdk.auth.IdentityPoolCredentialsProvider}
     * (guest or signed-in user) or any provider, e.g. a backend role from STS.
     */
    static AppSyncAuthorizer iam(AwsCredentialsProvider credentials) {
        return new IamAuthorizer(credentials, null);
    }

    /**
     * IAM mode signing for a fixed region, for requests whose sender does not know the API's region (a custom
     * domain name outside a {@link FieldgateClient}).
     */
    static AppSyncAuthorizer iam(AwsCredentialsProvider credentials, String region) {
        return new IamAuthorizer(credentials, Objects.requireNonNull(region, "region"));
    }

    /** API-key mode ({@code x-api-key}). */
    static AppSyncAuthorizer apiKey(String apiKey) {
        Objects.requireNonNull(apiKey, "apiKey");
        return new HeaderAuthorizer(AuthMode.API_KEY, "x-api-key", () -> apiKey);
    }

    /** Lambda-authorizer mode: the token the API's authorizer function checks, in {@code Authorization}. */
    static AppSyncAuthorizer lambda(Supplier<String> token) {
        return new HeaderAuthorizer(AuthMode.AWS_LAMBDA, "Authorization", token);
    }

    /** OpenID Connect mode: a token from the API's OIDC provider, in {@code Authorization}. */
    static AppSyncAuthorizer openIdConnect(Supplier<String> token) {
        return new HeaderAuthorizer(AuthMode.OPENID_CONNECT, "Authorization", token);
    }
}
