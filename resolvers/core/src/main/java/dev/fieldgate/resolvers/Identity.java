package dev.fieldgate.resolvers;

import dev.fieldgate.policy.Principal;
import java.util.List;

/**
 * Who called, as AppSync describes the caller in a Direct Lambda event's {@code identity}. The kind follows the
 * request's auth mode: a user-pool user, an IAM principal (identity-pool guest, identity-pool user, or another
 * role), an OIDC user, a caller admitted by a Lambda authorizer, or an API-key caller (AppSync sends
 * {@code identity: null}).
 *
 * <p>Implementations are immutable; their {@code toString} never shows claims or tokens.
 */
public sealed interface Identity
        permits CognitoUserPoolIdentity, IamIdentity, OidcIdentity, LambdaAuthorizerIdentity, ApiKeyIdentity {

    /** The auth mode behind an identity. */
    enum Kind {
        USER_POOL,
        IAM,
        OIDC,
        LAMBDA,
        API_KEY
    }

    Kind kind();

    /** The caller's addresses as AppSync saw them (first: the client); empty when AppSync sends none. */
    List<String> sourceIp();

    /** The caller as the Fieldgate policy sees it. */
    Principal toPrincipal();
}
