package dev.fieldgate.local.core.internal.sigv4;

import java.util.Objects;
import java.util.Optional;

/**
 * Who signed a request that passed verification.
 *
 * @param accessKeyId the key id that signed
 * @param accountId   the local account
 * @param arn         the caller's ARN: the administrator's IAM user ARN, or the assumed-role ARN
 *                    ({@code arn:aws:sts::<acct>:assumed-role/<role>/CognitoIdentityCredentials})
 * @param kind        administrator, identity-pool credentials or a service role's session
 * @param credentials for {@link Kind#COGNITO_IDENTITY} and {@link Kind#SERVICE_ROLE}, the issued credentials (role,
 *                    and for identity-pool credentials identity, auth type, providers)
 */
public record VerifiedCaller(
        String accessKeyId, String accountId, String arn, Kind kind, Optional<IssuedCredentials> credentials) {

    /** The kinds of caller the local stack knows. */
    public enum Kind {
        /** The local administrator key pair: may call admin operations. */
        ADMINISTRATOR,
        /** Credentials issued by the identity pool to a guest or signed-in identity. */
        COGNITO_IDENTITY,
        /** A role session of a service the stack runs: the resolver function's execution role. */
        SERVICE_ROLE
    }

    public VerifiedCaller {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(credentials, "credentials");
    }

    public boolean isAdministrator() {
        return kind == Kind.ADMINISTRATOR;
    }
}
