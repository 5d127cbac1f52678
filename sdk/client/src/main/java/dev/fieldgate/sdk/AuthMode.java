package dev.fieldgate.sdk;

import java.util.Locale;

/** AppSync's authorization modes, by their wire names in the API's configuration and the outputs file. */
public enum AuthMode {
    /** A Cognito user-pool token (ID or access token) in {@code Authorization}. */
    AMAZON_COGNITO_USER_POOLS,
    /** SigV4 with service name {@code appsync}: identity-pool credentials (guest or authenticated) or any IAM role. */
    AWS_IAM,
    /** An API key in {@code x-api-key}. */
    API_KEY,
    /** A token for the API's Lambda authorizer in {@code Authorization}. */
    AWS_LAMBDA,
    /** A token from the API's OpenID Connect provider in {@code Authorization}. */
    OPENID_CONNECT;

    /**
     * Reads a mode's wire name ({@code AMAZON_COGNITO_USER_POOLS}, {@code AWS_IAM}, ...).
     *
     * @throws FieldgateConfigException if the name is not one of AppSync's modes
     */
    public static AuthMode fromWireName(String name) {
        if (name != null) {
            for (AuthMode mode : values()) {
                if (mode.name().equals(name.trim().toUpperCase(Locale.ROOT))) {
                    return mode;
                }
            }
        }
        throw new FieldgateConfigException("Unknown AppSync authorization mode '" + name
                + "'; expected one of AMAZON_COGNITO_USER_POOLS, AWS_IAM, API_KEY, AWS_LAMBDA, OPENID_CONNECT.");
    }
}
