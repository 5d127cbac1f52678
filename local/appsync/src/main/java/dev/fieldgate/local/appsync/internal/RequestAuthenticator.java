package dev.fieldgate.local.appsync.internal;

import dev.fieldgate.local.core.internal.sigv4.IssuedCredentials;
import dev.fieldgate.local.core.internal.sigv4.SigV4Exception;
import dev.fieldgate.local.core.internal.sigv4.SigV4Verifier;
import dev.fieldgate.local.core.internal.sigv4.SignedHttpRequest;
import dev.fieldgate.local.core.internal.sigv4.VerifiedCaller;
import dev.fieldgate.policy.ApiAuthorization;
import dev.fieldgate.policy.AuthMode;
import dev.fieldgate.policy.Principal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tells which auth mode a request uses and verifies its credentials, as AppSync does before it runs anything:
 * <ul>
 *   <li>an {@code x-api-key} header, when the API has {@code API_KEY}, is an API-key request;</li>
 *   <li>an {@code Authorization} header starting {@code AWS4-HMAC-SHA256}, when the API has {@code AWS_IAM}, is
 *       verified as SigV4 for service {@code appsync} with credentials the local identity pool issued (or the
 *       local administrator's key);</li>
 *   <li>any other {@code Authorization} value is a user-pool JWT when the API has
 *       {@code AMAZON_COGNITO_USER_POOLS} — so a SigV4 header sent to an API without IAM fails as
 *       "Unable to parse JWT token.", as AppSync answers it.</li>
 * </ul>
 */
public final class RequestAuthenticator {

    // UNCONFIRMED: AppSync's message for a missing or wrong API key is not in the reference material; this is the
    // text its API-key-only APIs are commonly reported to answer.
    static final String API_KEY_REFUSED = "You are not authorized to make this call.";

    private final ApiAuthorization api;
    private final String region;
    private final SigV4Verifier sigV4;
    private final UserPoolTokenVerifier userPool;
    private final byte[] apiKey;

    /**
     * @param userPool the token verifier, or null when the API has no user pool mode
     * @param apiKey   the API key, or null when the API has no API key
     */
    public RequestAuthenticator(
            ApiAuthorization api, String region, SigV4Verifier sigV4, UserPoolTokenVerifier userPool, String apiKey) {
        this.api = api;
        this.region = region;
        this.sigV4 = sigV4;
        this.userPool = userPool;
        this.apiKey = apiKey == null ? null : apiKey.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Verifies a request.
     *
     * @param request  the request as signed: method, path, query, headers and body
     * @param sourceIp the caller's address
     * @throws AppSyncRequestException with AppSync's status, type and message for any request it would refuse
     */
    public Caller authenticate(SignedHttpRequest request, String sourceIp) {
        Optional<String> key = request.header("x-api-key");
        Optional<String> authorization =
                request.header("Authorization").map(String::trim).filter(v -> !v.isEmpty());
        // UNCONFIRMED: when a request carries both an API key and an Authorization header, which one AppSync uses is
        // not documented; the API key wins here, as in Amplify's simulator.
        if (key.isPresent() && apiKey != null && api.isEnabled(AuthMode.API_KEY)) {
            if (!MessageDigest.isEqual(apiKey, key.get().trim().getBytes(StandardCharsets.UTF_8))) {
                throw AppSyncRequestException.unauthorized(API_KEY_REFUSED);
            }
            return new Caller(AuthMode.API_KEY, Principal.apiKey(), null, null, false, Long.MAX_VALUE);
        }
        if (authorization.isEmpty()) {
            throw AppSyncRequestException.unauthorized(
                    api.defaultAuthMode() == AuthMode.API_KEY
                                    && api.additionalAuthModes().isEmpty()
                            ? API_KEY_REFUSED
                            : "Valid authorization header not provided.");
        }
        String value = authorization.get();
        boolean sigV4Header = value.startsWith("AWS4-HMAC-SHA256");
        if (sigV4Header && api.isEnabled(AuthMode.AWS_IAM)) {
            return iam(request, sourceIp);
        }
        if (userPool != null && api.isEnabled(AuthMode.AMAZON_COGNITO_USER_POOLS)) {
            return userPool.verify(value, sourceIp);
        }
        if (api.isEnabled(AuthMode.AWS_IAM)) {
            // A token sent to an API that only speaks IAM: AWS's front door reads it as an incomplete signature
            // (the exact text echoes the header; the value is left out here so tokens never appear in a response).
            throw new AppSyncRequestException(
                    403,
                    "IncompleteSignatureException",
                    "Authorization header requires "
                            + "'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization "
                            + "header requires 'SignedHeaders' parameter. Authorization header requires existence of either "
                            + "a 'X-Amz-Date' or a 'Date' header.",
                    true);
        }
        throw AppSyncRequestException.unauthorized(
                api.isEnabled(AuthMode.API_KEY) ? API_KEY_REFUSED : "Valid authorization header not provided.");
    }

    /**
     * The refusal a request gets with these credentials once they expired, as the verification of a new request
     * would give it: {@code ExpiredTokenException} for IAM session credentials, "Token has expired." for a token.
     */
    public static AppSyncRequestException expired(Caller caller) {
        if (caller.isIam()) {
            return new AppSyncRequestException(
                    403, "ExpiredTokenException", "The security token included in the request is expired", true);
        }
        return AppSyncRequestException.unauthorized(UserPoolTokenVerifier.EXPIRED);
    }

    private Caller iam(SignedHttpRequest request, String sourceIp) {
        VerifiedCaller verified;
        try {
            verified = sigV4.verify(request, "appsync", region);
        } catch (SigV4Exception e) {
            // UNCONFIRMED: AppSync's statuses for unrecognized or expired credentials are not documented; AWS's front
            // door answers these error types with 403, as it does bad signatures.
            throw new AppSyncRequestException(403, e.awsErrorType(), e.getMessage(), true);
        }
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("accountId", verified.accountId());
        if (verified.isAdministrator()) {
            plainIamIdentity(identity, verified.arn(), verified.accessKeyId(), sourceIp);
            return new Caller(AuthMode.AWS_IAM, Principal.iam(verified.arn()), identity, null, true, Long.MAX_VALUE);
        }
        IssuedCredentials issued = verified.credentials().orElseThrow();
        if (issued.isServiceRoleSession()) {
            // A backend's role (the resolver function's): an IAM caller without an identity-pool identity, whose
            // role's own policies decide.
            plainIamIdentity(identity, issued.assumedRoleArn(), issued.username(), sourceIp);
            return new Caller(
                    AuthMode.AWS_IAM,
                    Principal.iam(issued.assumedRoleArn()),
                    identity,
                    issued.roleArn(),
                    false,
                    issued.expiration().toEpochMilli());
        }
        identity.put("cognitoIdentityAuthProvider", issued.cognitoIdentityAuthProvider());
        identity.put("cognitoIdentityAuthType", issued.authType().wireName());
        identity.put("cognitoIdentityId", issued.identityId());
        identity.put("cognitoIdentityPoolId", issued.identityPoolId());
        identity.put("sourceIp", List.of(sourceIp));
        identity.put("userArn", issued.assumedRoleArn());
        identity.put("username", issued.username());
        boolean authenticated = "authenticated".equals(issued.authType().wireName());
        Principal principal = authenticated
                ? Principal.iamAuthenticated(issued.identityId(), signedInSub(issued))
                : Principal.iamGuest(issued.identityId());
        return new Caller(
                AuthMode.AWS_IAM,
                principal,
                identity,
                issued.roleArn(),
                false,
                issued.expiration().toEpochMilli());
    }

    /** AppSync's IAM identity of a caller that is no identity-pool identity. */
    private static void plainIamIdentity(Map<String, Object> identity, String userArn, String username, String ip) {
        identity.put("cognitoIdentityAuthProvider", null);
        identity.put("cognitoIdentityAuthType", null);
        identity.put("cognitoIdentityId", null);
        identity.put("cognitoIdentityPoolId", null);
        identity.put("sourceIp", List.of(ip));
        identity.put("userArn", userArn);
        identity.put("username", username);
    }

    private static String signedInSub(IssuedCredentials issued) {
        for (String provider : issued.loginProviders()) {
            int at = provider.indexOf(":CognitoSignIn:");
            if (at >= 0) {
                return provider.substring(at + ":CognitoSignIn:".length());
            }
        }
        return null;
    }
}
