package dev.fieldgate.local.internal.sigv4;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Temporary credentials the identity pool issued, remembered with everything a service needs to know about the
 * caller who signs with them. The session token itself is not kept, only its SHA-256.
 *
 * @param accessKeyId        {@code ASIA…}
 * @param secretAccessKey    the secret (hidden by {@link #toString()})
 * @param sessionTokenSha256 hex SHA-256 of the session token
 * @param expiration         when they stop working
 * @param accountId          the local 12-digit account
 * @param roleArn            {@code arn:aws:iam::<acct>:role/<app>-guest|authenticated}
 * @param roleId             the role's unique id ({@code AROA…})
 * @param identityPoolId     {@code <region>:<uuid>}
 * @param identityId         {@code <region>:<uuid>}
 * @param authType           guest or signed in
 * @param loginProviders     for signed-in identities the provider and the provider-qualified subject, e.g.
 *                           {@code cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc} and
 *                           {@code cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc:CognitoSignIn:<sub>}; empty for
 *                           guests
 */
public record IssuedCredentials(String accessKeyId, String secretAccessKey, String sessionTokenSha256,
        Instant expiration, String accountId, String roleArn, String roleId, String identityPoolId, String identityId,
        CognitoAuthType authType, List<String> loginProviders) {

    public IssuedCredentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(sessionTokenSha256, "sessionTokenSha256");
        Objects.requireNonNull(expiration, "expiration");
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(authType, "authType");
        loginProviders = loginProviders == null ? List.of() : List.copyOf(loginProviders);
    }

    /** The role's name, the last segment of {@link #roleArn()}. */
    public String roleName() {
        return roleArn.substring(roleArn.lastIndexOf('/') + 1);
    }

    /** {@code arn:aws:sts::<acct>:assumed-role/<role>/CognitoIdentityCredentials}: AppSync's {@code userArn}. */
    public String assumedRoleArn() {
        return "arn:aws:sts::" + accountId + ":assumed-role/" + roleName() + "/CognitoIdentityCredentials";
    }

    /** {@code <roleId>:CognitoIdentityCredentials}: AppSync's {@code username} for IAM callers. */
    public String username() {
        return roleId + ":CognitoIdentityCredentials";
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
