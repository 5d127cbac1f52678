package dev.fieldgate.sdk;

import dev.fieldgate.config.ConfigException;
import dev.fieldgate.config.FieldgateOutputs;
import dev.fieldgate.config.OutputsFile;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where an app's API and Cognito pools are and how to reach them. Read it from the outputs file that Terraform and
 * the local stack write ({@link #fromOutputsFile(Path)}), or build it in code. Immutable; {@link #toBuilder()} and
 * {@link #copy(Consumer)} make changed copies.
 *
 * <p>The outputs file never holds secrets. A confidential app client's secret is added in code
 * ({@code config.copy(b -> b.userPoolClientSecret(secretFromVault))}); {@link #toString()} never prints it.
 */
public final class FieldgateConfig {

    /** Endpoint override names used in {@code custom.fieldgate.endpoints}. */
    public static final String COGNITO_IDP = "cognito_idp";

    public static final String COGNITO_IDENTITY = "cognito_identity";
    public static final String STS = "sts";
    public static final String OAUTH = "oauth";

    /**
     * The hosted UI (Cognito's OAuth 2.0 endpoints) as the outputs file describes it.
     *
     * @param baseUri         {@code https://<domain>}, or the local stack's {@code http://127.0.0.1:<port>}
     * @param scopes          the scopes to request
     * @param redirectSignIn  registered callback URLs
     * @param redirectSignOut registered sign-out URLs
     */
    public record OAuthSettings(URI baseUri, List<String> scopes, List<URI> redirectSignIn, List<URI> redirectSignOut) {
        public OAuthSettings {
            Objects.requireNonNull(baseUri, "baseUri");
            scopes = List.copyOf(scopes);
            redirectSignIn = List.copyOf(redirectSignIn);
            redirectSignOut = List.copyOf(redirectSignOut);
        }
    }

    private final String region;
    private final URI graphqlEndpoint;
    private final URI realtimeEndpoint;
    private final AuthMode defaultAuthMode;
    private final Set<AuthMode> additionalAuthModes;
    private final String apiId;
    private final String userPoolId;
    private final String userPoolClientId;
    private final String userPoolClientSecret;
    private final Map<String, String> userPoolClients;
    private final String identityPoolId;
    private final boolean unauthenticatedIdentitiesEnabled;
    private final OAuthSettings oauth;
    private final Map<String, URI> endpointOverrides;
    private final String app;
    private final String environment;

    private FieldgateConfig(Builder b) {
        this.region = b.region;
        if (region == null || region.isBlank()) {
            throw new FieldgateConfigException("The AWS region is missing; set it (e.g. us-east-1) or read the "
                    + "outputs file, which has it under auth.aws_region and data.aws_region.");
        }
        this.graphqlEndpoint = b.graphqlEndpoint;
        this.realtimeEndpoint = b.realtimeEndpoint;
        this.defaultAuthMode = b.defaultAuthMode;
        this.additionalAuthModes = Collections.unmodifiableSet(
                b.additionalAuthModes.isEmpty()
                        ? EnumSet.noneOf(AuthMode.class)
                        : EnumSet.copyOf(b.additionalAuthModes));
        this.apiId = b.apiId;
        this.userPoolId = b.userPoolId;
        this.userPoolClientId = b.userPoolClientId;
        this.userPoolClientSecret = b.userPoolClientSecret;
        this.userPoolClients = Collections.unmodifiableMap(new LinkedHashMap<>(b.userPoolClients));
        this.identityPoolId = b.identityPoolId;
        this.unauthenticatedIdentitiesEnabled = b.unauthenticatedIdentitiesEnabled;
        this.oauth = b.oauth;
        this.endpointOverrides = Collections.unmodifiableMap(new LinkedHashMap<>(b.endpointOverrides));
        this.app = b.app;
        this.environment = b.environment;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads an outputs file ({@code amplify_outputs.json} version 1.x with Fieldgate's {@code custom.fieldgate}).
     *
     * @throws FieldgateConfigException if the file is missing, is not JSON, or lacks the region
     */
    public static FieldgateConfig fromOutputsFile(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            return fromOutputs(OutputsFile.read(file));
        } catch (ConfigException e) {
            throw new FieldgateConfigException(e.getMessage(), e);
        }
    }

    /** Reads the outputs file's JSON text. */
    public static FieldgateConfig fromOutputsJson(String json) {
        try {
            return fromOutputs(OutputsFile.parse(json));
        } catch (ConfigException e) {
            throw new FieldgateConfigException(e.getMessage(), e);
        }
    }

    /** The client's view of an outputs file read with {@code dev.fieldgate.config.OutputsFile}. */
    public static FieldgateConfig fromOutputs(OutputsFile outputs) {
        Builder b = builder();
        FieldgateOutputs fieldgate = outputs.fieldgate().orElse(null);
        if (fieldgate != null) {
            b.app(fieldgate.app()).environment(fieldgate.environment()).apiId(fieldgate.apiId());
            if (fieldgate.realtimeUrl() != null) {
                b.realtimeEndpoint(URI.create(fieldgate.realtimeUrl()));
            }
            fieldgate.userPoolClients().forEach(b::putUserPoolClient);
            fieldgate.endpoints().forEach(b::putEndpointOverride);
        }
        outputs.data().ifPresent(data -> {
            b.graphqlEndpoint(URI.create(data.url()));
            b.defaultAuthMode(AuthMode.fromWireName(data.defaultAuthorizationType()));
            data.authorizationTypes().forEach(mode -> b.addAdditionalAuthMode(AuthMode.fromWireName(mode)));
        });
        outputs.auth().ifPresent(auth -> {
            b.userPoolId(auth.userPoolId())
                    .userPoolClientId(auth.userPoolClientId())
                    .identityPoolId(auth.identityPoolId())
                    .unauthenticatedIdentitiesEnabled(auth.unauthenticatedIdentitiesEnabled());
            auth.oauthSettings().ifPresent(oauth -> {
                URI override = b.endpointOverrides.get(OAUTH);
                URI base = override != null ? override : URI.create("https://" + oauth.domain());
                b.oauth(new OAuthSettings(
                        base,
                        oauth.scopes(),
                        oauth.redirectSignInUri().stream().map(URI::create).toList(),
                        oauth.redirectSignOutUri().stream().map(URI::create).toList()));
            });
        });
        try {
            b.region(outputs.region());
        } catch (ConfigException e) {
            throw new FieldgateConfigException(e.getMessage(), e);
        }
        return b.build();
    }

    public String region() {
        return region;
    }

    /** The GraphQL endpoint ({@code data.url}). */
    public Optional<URI> graphqlEndpoint() {
        return Optional.ofNullable(graphqlEndpoint);
    }

    /**
     * The real-time endpoint: {@code custom.fieldgate.realtime_url}, or derived from the GraphQL endpoint as AppSync
     * does ({@code appsync-api} becomes {@code appsync-realtime-api}; a custom domain uses
     * {@code /graphql/realtime}).
     */
    public Optional<URI> realtimeEndpoint() {
        if (realtimeEndpoint != null) {
            return Optional.of(realtimeEndpoint);
        }
        return Optional.ofNullable(graphqlEndpoint).map(FieldgateConfig::deriveRealtimeEndpoint);
    }

    public Optional<AuthMode> defaultAuthMode() {
        return Optional.ofNullable(defaultAuthMode);
    }

    public Set<AuthMode> additionalAuthModes() {
        return additionalAuthModes;
    }

    /** Whether the API accepts this mode (as default or additional mode). */
    public boolean accepts(AuthMode mode) {
        return mode == defaultAuthMode || additionalAuthModes.contains(mode);
    }

    public Optional<String> apiId() {
        return Optional.ofNullable(apiId);
    }

    public Optional<String> userPoolId() {
        return Optional.ofNullable(userPoolId);
    }

    /** The app client used to sign in ({@code auth.user_pool_client_id}). */
    public Optional<String> userPoolClientId() {
        return Optional.ofNullable(userPoolClientId);
    }

    /** The app client's secret, for confidential clients only; never in the outputs file. */
    public Optional<String> userPoolClientSecret() {
        return Optional.ofNullable(userPoolClientSecret);
    }

    /** Every app client's id by name ({@code custom.fieldgate.user_pool_clients}). */
    public Map<String, String> userPoolClients() {
        return userPoolClients;
    }

    public Optional<String> identityPoolId() {
        return Optional.ofNullable(identityPoolId);
    }

    public boolean unauthenticatedIdentitiesEnabled() {
        return unauthenticatedIdentitiesEnabled;
    }

    public Optional<OAuthSettings> oauth() {
        return Optional.ofNullable(oauth);
    }

    /** Service endpoint overrides: empty on AWS; the local stack's port for every service locally. */
    public Map<String, URI> endpointOverrides() {
        return endpointOverrides;
    }

    public Optional<URI> endpointOverride(String service) {
        return Optional.ofNullable(endpointOverrides.get(service));
    }

    public Optional<String> app() {
        return Optional.ofNullable(app);
    }

    /** {@code aws} or {@code local}. */
    public Optional<String> environment() {
        return Optional.ofNullable(environment);
    }

    /**
     * The identity pool's {@code Logins} key for this user pool:
     * {@code cognito-idp.<region>.amazonaws.com/<userPoolId>}.
     */
    public String userPoolLoginsKey() {
        return "cognito-idp." + region + ".amazonaws.com/" + requireUserPoolId();
    }

    /** A copy that signs in with another of the pool's app clients, by its name in the outputs file. */
    public FieldgateConfig withUserPoolClient(String name) {
        String id = userPoolClients.get(name);
        if (id == null) {
            throw new FieldgateConfigException("The outputs file lists no app client named '" + name
                    + "'; known clients: " + userPoolClients.keySet() + ".");
        }
        return copy(b -> b.userPoolClientId(id).userPoolClientSecret(null));
    }

    String requireUserPoolId() {
        if (userPoolId == null) {
            throw new FieldgateConfigException("No user pool is configured; the outputs file needs auth.user_pool_id.");
        }
        return userPoolId;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public FieldgateConfig copy(Consumer<Builder> changes) {
        Builder b = toBuilder();
        changes.accept(b);
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FieldgateConfig other)) {
            return false;
        }
        return region.equals(other.region)
                && Objects.equals(graphqlEndpoint, other.graphqlEndpoint)
                && Objects.equals(realtimeEndpoint, other.realtimeEndpoint)
                && defaultAuthMode == other.defaultAuthMode
                && additionalAuthModes.equals(other.additionalAuthModes)
                && Objects.equals(apiId, other.apiId)
                && Objects.equals(userPoolId, other.userPoolId)
                && Objects.equals(userPoolClientId, other.userPoolClientId)
                && Objects.equals(userPoolClientSecret, other.userPoolClientSecret)
                && userPoolClients.equals(other.userPoolClients)
                && Objects.equals(identityPoolId, other.identityPoolId)
                && unauthenticatedIdentitiesEnabled == other.unauthenticatedIdentitiesEnabled
                && Objects.equals(oauth, other.oauth)
                && endpointOverrides.equals(other.endpointOverrides)
                && Objects.equals(app, other.app)
                && Objects.equals(environment, other.environment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(region, graphqlEndpoint, apiId, userPoolId, userPoolClientId, identityPoolId);
    }

    @Override
    public String toString() {
        return "FieldgateConfig[app=" + app + ", environment=" + environment + ", region=" + region
                + ", graphqlEndpoint=" + graphqlEndpoint + ", realtimeEndpoint="
                + realtimeEndpoint().orElse(null)
                + ", defaultAuthMode=" + defaultAuthMode + ", additionalAuthModes=" + additionalAuthModes
                + ", userPoolId=" + userPoolId + ", userPoolClientId=" + userPoolClientId
                + ", userPoolClientSecret=" + (userPoolClientSecret == null ? "none" : "<hidden>")
                + ", identityPoolId=" + identityPoolId + ", endpointOverrides=" + endpointOverrides.keySet() + "]";
    }

    static URI deriveRealtimeEndpoint(URI graphql) {
        String scheme = "https".equalsIgnoreCase(graphql.getScheme()) ? "wss" : "ws";
        String host = graphql.getHost();
        if (host != null && host.contains(".appsync-api.") && host.endsWith(".amazonaws.com")) {
            return URI.create(scheme + "://" + host.replace(".appsync-api.", ".appsync-realtime-api.") + "/graphql");
        }
        String authority = graphql.getRawAuthority();
        return URI.create(scheme + "://" + authority + "/graphql/realtime");
    }

    /** Builds a {@link FieldgateConfig}; only the region is required. */
    public static final class Builder {
        private String region;
        private URI graphqlEndpoint;
        private URI realtimeEndpoint;
        private AuthMode defaultAuthMode;
        private final Set<AuthMode> additionalAuthModes = new LinkedHashSet<>();
        private String apiId;
        private String userPoolId;
        private String userPoolClientId;
        private String userPoolClientSecret;
        private final Map<String, String> userPoolClients = new LinkedHashMap<>();
        private String identityPoolId;
        private boolean unauthenticatedIdentitiesEnabled;
        private OAuthSettings oauth;
        private final Map<String, URI> endpointOverrides = new LinkedHashMap<>();
        private String app;
        private String environment;

        private Builder() {}

        private Builder(FieldgateConfig c) {
            region = c.region;
            graphqlEndpoint = c.graphqlEndpoint;
            realtimeEndpoint = c.realtimeEndpoint;
            defaultAuthMode = c.defaultAuthMode;
            additionalAuthModes.addAll(c.additionalAuthModes);
            apiId = c.apiId;
            userPoolId = c.userPoolId;
            userPoolClientId = c.userPoolClientId;
            userPoolClientSecret = c.userPoolClientSecret;
            userPoolClients.putAll(c.userPoolClients);
            identityPoolId = c.identityPoolId;
            unauthenticatedIdentitiesEnabled = c.unauthenticatedIdentitiesEnabled;
            oauth = c.oauth;
            endpointOverrides.putAll(c.endpointOverrides);
            app = c.app;
            environment = c.environment;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder graphqlEndpoint(URI graphqlEndpoint) {
            this.graphqlEndpoint = graphqlEndpoint;
            return this;
        }

        public Builder realtimeEndpoint(URI realtimeEndpoint) {
            this.realtimeEndpoint = realtimeEndpoint;
            return this;
        }

        public Builder defaultAuthMode(AuthMode defaultAuthMode) {
            this.defaultAuthMode = defaultAuthMode;
            return this;
        }

        public Builder addAdditionalAuthMode(AuthMode mode) {
            additionalAuthModes.add(Objects.requireNonNull(mode, "mode"));
            return this;
        }

        public Builder apiId(String apiId) {
            this.apiId = apiId;
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

        /** For confidential app clients: enables {@code SECRET_HASH} and client authentication at the token endpoint. */
        public Builder userPoolClientSecret(String userPoolClientSecret) {
            this.userPoolClientSecret = userPoolClientSecret;
            return this;
        }

        public Builder putUserPoolClient(String name, String clientId) {
            userPoolClients.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(clientId, "clientId"));
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

        public Builder oauth(OAuthSettings oauth) {
            this.oauth = oauth;
            return this;
        }

        /** Overrides a service endpoint ({@link #COGNITO_IDP}, {@link #COGNITO_IDENTITY}, {@link #OAUTH}, ...). */
        public Builder putEndpointOverride(String service, URI endpoint) {
            endpointOverrides.put(
                    Objects.requireNonNull(service, "service"), Objects.requireNonNull(endpoint, "endpoint"));
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

        public FieldgateConfig build() {
            return new FieldgateConfig(this);
        }
    }
}
