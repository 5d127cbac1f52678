package dev.fieldgate.policy;

import java.util.Optional;

/**
 * An AppSync authorization mode, named as AppSync names it. Each mode has the schema directive that admits it.
 */
public enum AuthMode {
    AMAZON_COGNITO_USER_POOLS("aws_cognito_user_pools"),
    AWS_IAM("aws_iam"),
    API_KEY("aws_api_key"),
    OPENID_CONNECT("aws_oidc"),
    AWS_LAMBDA("aws_lambda");

    private final String directiveName;

    AuthMode(String directiveName) {
        this.directiveName = directiveName;
    }

    /** The AppSync directive that admits this mode, without the {@code @}: {@code aws_iam} for {@link #AWS_IAM}. */
    public String directiveName() {
        return directiveName;
    }

    /** The mode a directive admits; empty for {@code aws_auth} (Cognito-only, handled apart) and other directives. */
    public static Optional<AuthMode> fromDirectiveName(String name) {
        for (AuthMode mode : values()) {
            if (mode.directiveName.equals(name)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
