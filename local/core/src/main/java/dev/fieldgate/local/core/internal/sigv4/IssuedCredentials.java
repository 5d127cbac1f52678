package dev.fieldgate.local.core.internal.sigv4;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Temporary credentials the identity pool issued, or a role session of the stack's own (the resolver function's
 * execution role), remembered with everything a service needs to know about the caller who signs with them. The
 * session token itself is not kept, only its SHA-256.
 *
 * @param accessKeyId        {@code ASIA…}
 * @param secretAccessKey    the secret (hidden by {@link #toString()})
 * @param sessionTokenSha256 hex SHA-256 of the session token
 * @param expiration         when they stop working
 * @param accountId          the local 12-digit account
 * @param roleArn            {@code arn:aws:iam::<acct>:role/<app>-guest|authenticated}, or the function's role
 * @param roleId             the role's unique id ({@code AROA…})
 * @param identityPoolId     {@code <region>:<uuid>}; null for a service role's session
 * @param identityId         {@code <region>:<uuid>}; null for a service role's session
 * @param authType           guest or signed in; null for a service role's session, which no identity pool issued
 * @param loginProviders     for signed-in identities the provider and the provider-qualified subject, e.g.
 *                           {@code cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc} and
 *                           {@code cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc:CognitoSignIn:<sub>}; empty for
 *                           guests
 * @param sessionName        the role session name: {@code CognitoIdentityCredentials} for GetCredentialsForIdentity,
 *                           the caller's {@code RoleSessionName} for STS AssumeRoleWithWebIdentity, the
 *                           function's name for its execution role (as Lambda names the session)
 */
public record IssuedCredentials(
        String accessKeyId,
        String secretAccessKey,
        String sessionTokenSha256,
        Instant expiration,
        String accountId,
        String roleArn,
        String roleId,
        String identityPoolId,
        String identityId,
        CognitoAuthType authType,
        List<String> loginProviders,
        String sessionName) {

    /** The session name Cognito's enhanced flow gives every credential it issues. */
    public static final String COGNITO_SESSION_NAME = "CognitoIdentityCredentials";

    /** Credentials from the enhanced flow (session name {@value #COGNITO_SESSION_NAME}). */
    public IssuedCredentials(
            String accessKeyId,
            String secretAccessKey,
            String sessionTokenSha256,
            Instant expiration,
            String accountId,
            String roleArn,
            String roleId,
            String identityPoolId,
            String identityId,
            CognitoAuthType authType,
            List<String> loginProviders) {
        this(
                accessKeyId,
                secretAccessKey,
                sessionTokenSha256,
                expiration,
                accountId,
                roleArn,
                roleId,
                identityPoolId,
                identityId,
                authType,
                loginProviders,
                COGNITO_SESSION_NAME);
    }

    public IssuedCredentials {
        sessionName = sessionName == null ? COGNITO_SESSION_NAME : sessionName;
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(sessionTokenSha256, "sessionTokenSha256");
        Objects.requireNonNull(expiration, "expiration");
        Objects.requireNonNull(roleArn, "roleArn");
        loginProviders = loginProviders == null ? List.of() : List.copyOf(loginProviders);
    }

    /** Whether a service of the stack runs with these (a role session no identity pool issued). */
    public boolean isServiceRoleSession() {
        return authType == null;
    }

    /** The role's name, the last segment of {@link #roleArn()}. */
    public String roleName() {
        return roleArn.substring(roleArn.lastIndexOf('/') + 1);
    }

    /** {@code arn:aws:sts::<acct>:assumed-role/<role>/<session>}: AppSync's {@code userArn}. */
    public String assumedRoleArn() {
        return "arn:aws:sts::" + accountId + ":assumed-role/" + roleName() + "/" + sessionName;
    }

    /** {@code <roleId>:<session>} (e.g. {@code AROA…:CognitoIdentityCredentials}): AppSync's {@code username}. */
    public String username() {
        return roleId + ":" + sessionName;
    }

    /**
     * AppSync's {@code cognitoIdentityAuthProvider}: each provider in double quotes, joined by commas, or null for
     * guests.
     */
    public String cognitoIdentityAuthProvider() {
        if (loginProviders.isEmpty()) {
            return null;
        }
        StringBuilder joined = new StringBuilder();
        for (String provider : loginProviders) {
            if (joined.length() > 0) {
                joined.append(',');
            }
            joined.append('"').append(provider).append('"');
        }
        return joined.toString();
    }

    @Override
    public String toString() {
        return "IssuedCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=<hidden>, identityId=" + identityId
                + ", role=" + roleName() + ", authType=" + authType + ", expiration=" + expiration + "]";
    }
}
