package dev.fieldgate.resolvers;

import dev.fieldgate.policy.Principal;
import dev.fieldgate.resolvers.internal.Immutables;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A caller that signed its request with AWS credentials (auth mode {@code AWS_IAM}). Credentials from an Amazon
 * Cognito identity pool carry the identity-pool fields: {@code cognitoIdentityAuthType} is {@code unauthenticated}
 * for a guest and {@code authenticated} for a signed-in user; for any other principal they are {@code null}.
 *
 * @param accountId                   the caller's AWS account
 * @param userArn                     the caller's ARN, e.g. {@code arn:aws:sts::123456789012:assumed-role/...}
 * @param username                    the caller's user id, e.g. {@code AROA...:CognitoIdentityCredentials}
 * @param sourceIp                    the caller's addresses
 * @param cognitoIdentityPoolId       the identity pool, or {@code null}
 * @param cognitoIdentityId           the Cognito identity, or {@code null}
 * @param cognitoIdentityAuthType     {@code authenticated}, {@code unauthenticated}, or {@code null}
 * @param cognitoIdentityAuthProvider the logins behind an authenticated identity, as AppSync sends them: quoted and
 *                                    comma-joined ({@code "cognito-idp.<region>.amazonaws.com/<pool>","...:CognitoSignIn:<sub>"})
 */
public record IamIdentity(
        String accountId,
        String userArn,
        String username,
        List<String> sourceIp,
        String cognitoIdentityPoolId,
        String cognitoIdentityId,
        String cognitoIdentityAuthType,
        String cognitoIdentityAuthProvider)
        implements Identity {

    /** The identity-pool auth type of a guest. */
    public static final String UNAUTHENTICATED = "unauthenticated";
    /** The identity-pool auth type of a signed-in user. */
    public static final String AUTHENTICATED = "authenticated";

    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
    private static final String SIGN_IN_MARKER = ":CognitoSignIn:";

    public IamIdentity {
        sourceIp = Immutables.strings(sourceIp);
        if (isBlank(userArn)) {
            throw new IllegalArgumentException("an IAM identity needs a userArn");
        }
        if (cognitoIdentityAuthType != null) {
            if (!AUTHENTICATED.equals(cognitoIdentityAuthType) && !UNAUTHENTICATED.equals(cognitoIdentityAuthType)) {
                throw new IllegalArgumentException("cognitoIdentityAuthType must be 'authenticated' or "
                        + "'unauthenticated', not '" + cognitoIdentityAuthType + "'");
            }
            if (isBlank(cognitoIdentityId)) {
                throw new IllegalArgumentException("an identity-pool caller needs a cognitoIdentityId");
            }
        }
    }

    @Override
    public Kind kind() {
        return Kind.IAM;
    }

    /** True for an identity-pool guest (the pool's unauthenticated role). */
    public boolean isGuest() {
        return UNAUTHENTICATED.equals(cognitoIdentityAuthType);
    }

    /** True for a signed-in identity-pool user (the pool's authenticated role). */
    public boolean isIdentityPoolUser() {
        return AUTHENTICATED.equals(cognitoIdentityAuthType);
    }

    /** The logins of {@link #cognitoIdentityAuthProvider()}, unquoted, in order; empty when there are none. */
    public List<String> authProviders() {
        if (cognitoIdentityAuthProvider == null || cognitoIdentityAuthProvider.isBlank()) {
            return List.of();
        }
        List<String> providers = new ArrayList<>();
        Matcher matcher = QUOTED.matcher(cognitoIdentityAuthProvider);
        while (matcher.find()) {
            providers.add(matcher.group(1));
        }
        if (providers.isEmpty()) {
            // Not in AppSync's quoted form: take the comma-separated parts as they are.
            for (String part : cognitoIdentityAuthProvider.split(",", -1)) {
                if (!part.isBlank()) {
                    providers.add(part.trim());
                }
            }
        }
        return List.copyOf(providers);
    }

    /** The user-pool {@code sub} behind an authenticated identity ({@code ...:CognitoSignIn:<sub>}), if any. */
    public Optional<String> userPoolSub() {
        for (String provider : authProviders()) {
            int at = provider.indexOf(SIGN_IN_MARKER);
            if (at >= 0 && at + SIGN_IN_MARKER.length() < provider.length()) {
                return Optional.of(provider.substring(at + SIGN_IN_MARKER.length()));
            }
        }
        return Optional.empty();
    }

    @Override
    public Principal toPrincipal() {
        if (isGuest()) {
            return Principal.iamGuest(cognitoIdentityId);
        }
        if (isIdentityPoolUser()) {
            return Principal.iamAuthenticated(cognitoIdentityId, userPoolSub().orElse(null));
        }
        return Principal.iam(userArn);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IamIdentity that
                && Objects.equals(accountId, that.accountId)
                && Objects.equals(userArn, that.userArn)
                && Objects.equals(username, that.username)
                && sourceIp.equals(that.sourceIp)
                && Objects.equals(cognitoIdentityPoolId, that.cognitoIdentityPoolId)
                && Objects.equals(cognitoIdentityId, that.cognitoIdentityId)
                && Objects.equals(cognitoIdentityAuthType, that.cognitoIdentityAuthType)
                && Objects.equals(cognitoIdentityAuthProvider, that.cognitoIdentityAuthProvider);
    }

    @Override
    public int hashCode() {
        return Objects.hash(userArn, cognitoIdentityId, cognitoIdentityAuthType);
    }

    @Override
    public String toString() {
        if (cognitoIdentityAuthType != null) {
            return "IamIdentity[" + cognitoIdentityAuthType + ", identityId=" + cognitoIdentityId + "]";
        }
        return "IamIdentity[userArn=" + userArn + "]";
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
