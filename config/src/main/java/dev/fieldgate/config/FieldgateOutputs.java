package dev.fieldgate.config;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code custom.fieldgate} of the outputs file: what Amplify's format has no place for (docs/outputs-file.md).
 *
 * @param environment {@code local} for the local stack, else the deployed environment's name ({@code aws} by
 *                    default)
 * @param endpoints   service endpoint overrides by service ({@code cognito_idp}, {@code sts}, {@code oauth}, ...):
 *                    empty on AWS, where clients use AWS's regional endpoints
 * @param adminCredentialsFile local stacks only: the AWS shared credentials file (profile {@code fieldgate-local})
 *                    holding the local administrator's key, which {@code fieldgate verify} signs with; the file
 *                    itself, never the secret, is named here; null on AWS
 */
public record FieldgateOutputs(
        String app,
        String environment,
        String apiId,
        String realtimeUrl,
        Map<String, String> userPoolClients,
        String guestRoleArn,
        String authenticatedRoleArn,
        Map<String, URI> endpoints,
        String adminCredentialsFile) {

    /** The profile of the local administrator's key in {@link #adminCredentialsFile()}. */
    public static final String LOCAL_ADMIN_PROFILE = "fieldgate-local";

    /** The value of {@code environment} in a local stack's file. */
    public static final String LOCAL = "local";

    public FieldgateOutputs {
        userPoolClients =
                java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(userPoolClients)));
        endpoints = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(endpoints)));
    }

    /** The local administrator's credentials file (local stacks only). */
    public Optional<String> adminCredentials() {
        return Optional.ofNullable(adminCredentialsFile);
    }

    public Optional<String> api() {
        return Optional.ofNullable(apiId);
    }

    public Optional<String> guestRole() {
        return Optional.ofNullable(guestRoleArn);
    }

    public Optional<String> authenticatedRole() {
        return Optional.ofNullable(authenticatedRoleArn);
    }

    public Optional<URI> endpoint(String service) {
        return Optional.ofNullable(endpoints.get(service));
    }

    /** Whether the file describes a local stack rather than a deployed environment. */
    public boolean isLocal() {
        return LOCAL.equals(environment);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder()
                .app(app)
                .environment(environment)
                .apiId(apiId)
                .realtimeUrl(realtimeUrl)
                .guestRoleArn(guestRoleArn)
                .authenticatedRoleArn(authenticatedRoleArn)
                .adminCredentialsFile(adminCredentialsFile);
        userPoolClients.forEach(b::userPoolClient);
        endpoints.forEach(b::endpoint);
        return b;
    }

    /** Builds a {@link FieldgateOutputs}. */
    public static final class Builder {
        private String app;
        private String environment;
        private String apiId;
        private String realtimeUrl;
        private final Map<String, String> userPoolClients = new LinkedHashMap<>();
        private String guestRoleArn;
        private String authenticatedRoleArn;
        private final Map<String, URI> endpoints = new LinkedHashMap<>();
        private String adminCredentialsFile;

        private Builder() {}

        /** Local stacks only: the AWS shared credentials file of the local administrator's key. */
        public Builder adminCredentialsFile(String file) {
            this.adminCredentialsFile = file;
            return this;
        }

        public Builder app(String app) {
            this.app = app;
            return this;
        }

        public Builder environment(String environment) {
            this.environment = environment;
            return this;
        }

        public Builder apiId(String apiId) {
            this.apiId = apiId;
            return this;
        }

        public Builder realtimeUrl(String realtimeUrl) {
            this.realtimeUrl = realtimeUrl;
            return this;
        }

        public Builder userPoolClient(String name, String id) {
            userPoolClients.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(id, "id"));
            return this;
        }

        public Builder guestRoleArn(String guestRoleArn) {
            this.guestRoleArn = guestRoleArn;
            return this;
        }

        public Builder authenticatedRoleArn(String authenticatedRoleArn) {
            this.authenticatedRoleArn = authenticatedRoleArn;
            return this;
        }

        /** An endpoint override ({@code cognito_idp}, {@code sts}, {@code iam}, {@code appsync}, ...). */
        public Builder endpoint(String service, URI uri) {
            endpoints.put(Objects.requireNonNull(service, "service"), Objects.requireNonNull(uri, "uri"));
            return this;
        }

        public FieldgateOutputs build() {
            return new FieldgateOutputs(
                    app,
                    environment,
                    apiId,
                    realtimeUrl,
                    userPoolClients,
                    guestRoleArn,
                    authenticatedRoleArn,
                    endpoints,
                    adminCredentialsFile);
        }
    }
}
