package dev.fieldgate.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The auth section of the outputs file: the user pool, its first app client, the identity pool and what Amplify's
 * Authenticator needs to render sign-up (attributes, password policy, groups, OAuth).
 *
 * @param groups each group's precedence (null when it has none), in the pool's order
 */
public record AuthOutputs(
        String awsRegion,
        String userPoolId,
        String userPoolClientId,
        String identityPoolId,
        boolean unauthenticatedIdentitiesEnabled,
        List<String> usernameAttributes,
        List<String> standardRequiredAttributes,
        List<String> userVerificationTypes,
        PasswordPolicy passwordPolicy,
        String mfaConfiguration,
        List<String> mfaMethods,
        Map<String, Integer> groups,
        OAuthOutputs oauth) {

    public AuthOutputs {
        Objects.requireNonNull(awsRegion, "awsRegion");
        usernameAttributes = List.copyOf(usernameAttributes);
        standardRequiredAttributes = List.copyOf(standardRequiredAttributes);
        userVerificationTypes = List.copyOf(userVerificationTypes);
        mfaMethods = List.copyOf(mfaMethods);
        // Precedence may be null, which Map.copyOf refuses.
        groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
    }

    public Optional<String> identityPool() {
        return Optional.ofNullable(identityPoolId);
    }

    public Optional<OAuthOutputs> oauthSettings() {
        return Optional.ofNullable(oauth);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .awsRegion(awsRegion)
                .userPoolId(userPoolId)
                .userPoolClientId(userPoolClientId)
                .identityPoolId(identityPoolId)
                .unauthenticatedIdentitiesEnabled(unauthenticatedIdentitiesEnabled)
                .usernameAttributes(usernameAttributes)
                .standardRequiredAttributes(standardRequiredAttributes)
                .userVerificationTypes(userVerificationTypes)
                .passwordPolicy(passwordPolicy)
                .mfaConfiguration(mfaConfiguration)
                .mfaMethods(mfaMethods)
                .groups(groups)
                .oauth(oauth);
    }

    /** Builds an {@link AuthOutputs}. */
    public static final class Builder {
        private String awsRegion;
        private String userPoolId;
        private String userPoolClientId;
        private String identityPoolId;
        private boolean unauthenticatedIdentitiesEnabled;
        private List<String> usernameAttributes = List.of();
        private List<String> standardRequiredAttributes = List.of();
        private List<String> userVerificationTypes = List.of();
        private PasswordPolicy passwordPolicy;
        private String mfaConfiguration = "NONE";
        private List<String> mfaMethods = List.of();
        private Map<String, Integer> groups = Map.of();
        private OAuthOutputs oauth;

        private Builder() {}

        public Builder awsRegion(String awsRegion) {
            this.awsRegion = awsRegion;
            return this;
        }

        public Builder userPoolId(String userPoolId) {
            this.userPoolId = userPoolId;
            return this;
        }

        public Builder userPoolClientId(String userPoolClientId) {
            this.userPoolClientId = userPoolClientId;
            return this;
        }

        public Builder identityPoolId(String identityPoolId) {
            this.identityPoolId = identityPoolId;
            return this;
        }

        public Builder unauthenticatedIdentitiesEnabled(boolean enabled) {
            this.unauthenticatedIdentitiesEnabled = enabled;
            return this;
        }

        public Builder usernameAttributes(List<String> usernameAttributes) {
            this.usernameAttributes = usernameAttributes;
            return this;
        }

        public Builder standardRequiredAttributes(List<String> standardRequiredAttributes) {
            this.standardRequiredAttributes = standardRequiredAttributes;
            return this;
        }

        public Builder userVerificationTypes(List<String> userVerificationTypes) {
            this.userVerificationTypes = userVerificationTypes;
            return this;
        }

        public Builder passwordPolicy(PasswordPolicy passwordPolicy) {
            this.passwordPolicy = passwordPolicy;
            return this;
        }

        /** {@code NONE}, {@code OPTIONAL} or {@code REQUIRED}, as Amplify names them. */
        public Builder mfaConfiguration(String mfaConfiguration) {
            this.mfaConfiguration = mfaConfiguration;
            return this;
        }

        public Builder mfaMethods(List<String> mfaMethods) {
            this.mfaMethods = mfaMethods;
            return this;
        }

        public Builder groups(Map<String, Integer> groups) {
            this.groups = groups;
            return this;
        }

        public Builder oauth(OAuthOutputs oauth) {
            this.oauth = oauth;
            return this;
        }

        public AuthOutputs build() {
            return new AuthOutputs(
                    awsRegion,
                    userPoolId,
                    userPoolClientId,
                    identityPoolId,
                    unauthenticatedIdentitiesEnabled,
                    usernameAttributes,
                    standardRequiredAttributes,
                    userVerificationTypes,
                    passwordPolicy,
                    mfaConfiguration,
                    mfaMethods,
                    groups,
                    oauth);
        }
    }
}
