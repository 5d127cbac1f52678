package dev.fieldgate.policy;

/**
 * AppSync's user-pool default action: what a Cognito-only API does with a top-level field that has no
 * {@code @aws_auth} directive. APIs with additional authorization modes must use {@link #ALLOW}.
 */
public enum DefaultAction {
    ALLOW,
    DENY
}
