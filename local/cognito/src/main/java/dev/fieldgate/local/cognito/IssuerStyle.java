package dev.fieldgate.local.cognito;

/** What the local user pool puts in its tokens' {@code iss} claim. The JWKS is served locally either way. */
public enum IssuerStyle {

    /**
     * {@code https://cognito-idp.<region>.amazonaws.com/<userPoolId>}, as on AWS (the default). Verifiers that
     * derive the issuer from the pool id keep working; point their JWKS location at the local stack.
     */
    AWS,

    /**
     * {@code http://<host>:<port>/<userPoolId>}: the issuer is the local stack itself, so OIDC discovery from the
     * issuer URL ({@code <iss>/.well-known/openid-configuration}) works without configuration.
     */
    LOCAL
}
