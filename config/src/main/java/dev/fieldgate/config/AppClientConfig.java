package dev.fieldgate.config;

import dev.fieldgate.config.internal.Checks;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** One of {@code userPool.clients}: an app client, with the Cognito API's names and AWS's defaults. Immutable. */
public final class AppClientConfig {

    private static final Set<String> AUTH_FLOWS = Set.of(
            "ALLOW_USER_SRP_AUTH",
            "ALLOW_REFRESH_TOKEN_AUTH",
            "ALLOW_USER_PASSWORD_AUTH",
            "ALLOW_ADMIN_USER_PASSWORD_AUTH",
            "ALLOW_CUSTOM_AUTH");
    /** AWS's default when {@code ExplicitAuthFlows} is omitted. */
    private static final List<String> DEFAULT_AUTH_FLOWS =
            List.of("ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH");

    private static final Set<String> OAUTH_FLOWS = Set.of("code", "implicit", "client_credentials");
    private static final Set<String> STANDARD_SCOPES =
            Set.of("openid", "email", "phone", "profile", "aws.cognito.signin.user.admin");
    private static final Pattern CUSTOM_SCOPE =
            Pattern.compile("[\\x21\\x23-\\x2e\\x30-\\x5b\\x5d-\\x7e]+/" + "[\\x21\\x23-\\x2e\\x30-\\x5b\\x5d-\\x7e]+");

    private final String name;
    private final boolean generateSecret;
    private final Set<String> explicitAuthFlows;
    private final Set<String> allowedOAuthFlows;
    private final Set<String> allowedOAuthScopes;
    private final List<String> callbackUrls;
    private final List<String> logoutUrls;
    private final boolean preventUserExistenceErrors;
    private final boolean enableTokenRevocation;
    private final Duration accessTokenValidity;
    private final Duration idTokenValidity;
    private final Duration refreshTokenValidity;
    private final Duration authSessionValidity;

    private AppClientConfig(Builder b) {
        this.name = Checks.require(b.name, "userPool.clients[].name");
        if (!name.matches("[\\w\\s+=,.@-]{1,128}")) {
            throw new ConfigException("userPool.clients[].name '" + name
                    + "' must be 1 to 128 letters, digits, spaces and + = , . @ -, such as 'web'.");
        }
        String key = "userPool.clients[" + name + "]";
        this.generateSecret = b.generateSecret;
        List<String> flows = b.explicitAuthFlows == null
                ? DEFAULT_AUTH_FLOWS
                : Checks.strings(b.explicitAuthFlows, key + ".explicitAuthFlows");
        Checks.oneOf(flows, AUTH_FLOWS, key + ".explicitAuthFlows");
        this.explicitAuthFlows = Checks.ordered(flows);
        List<String> oauthFlows = Checks.strings(b.allowedOAuthFlows, key + ".allowedOAuthFlows");
        Checks.oneOf(oauthFlows, OAUTH_FLOWS, key + ".allowedOAuthFlows");
        this.allowedOAuthFlows = Checks.ordered(oauthFlows);
        List<String> scopes = Checks.strings(b.allowedOAuthScopes, key + ".allowedOAuthScopes");
        for (String scope : scopes) {
            if (!STANDARD_SCOPES.contains(scope) && !CUSTOM_SCOPE.matcher(scope).matches()) {
                throw new ConfigException(key + ".allowedOAuthScopes contains '" + scope + "'; write one of "
                        + STANDARD_SCOPES + " or a resource-server scope such as 'pins/read'.");
            }
        }
        if (scopes.stream().anyMatch(s -> s.equals("email") || s.equals("phone") || s.equals("profile"))
                && !scopes.contains("openid")) {
            throw new ConfigException(key + ".allowedOAuthScopes: email, phone and profile need openid; add it.");
        }
        this.allowedOAuthScopes = Checks.ordered(scopes);
        this.callbackUrls = Checks.strings(b.callbackUrls, key + ".callbackUrls");
        this.logoutUrls = Checks.strings(b.logoutUrls, key + ".logoutUrls");
        callbackUrls.forEach(u -> checkRedirectUrl(u, key + ".callbackUrls"));
        logoutUrls.forEach(u -> checkRedirectUrl(u, key + ".logoutUrls"));
        if ((allowedOAuthFlows.contains("code") || allowedOAuthFlows.contains("implicit")) && callbackUrls.isEmpty()) {
            throw new ConfigException(key + ".callbackUrls must list at least one URL for the " + allowedOAuthFlows
                    + " OAuth flows, such as \"http://localhost:3000/callback\".");
        }
        if (allowedOAuthFlows.contains("client_credentials")) {
            if (!generateSecret) {
                throw new ConfigException(key + ": the client_credentials flow needs \"generateSecret\": true.");
            }
            if (allowedOAuthFlows.size() > 1) {
                throw new ConfigException(key + ": client_credentials cannot be combined with code or implicit on "
                        + "one client; declare a second client.");
            }
        }
        String prevent = b.preventUserExistenceErrors == null ? "LEGACY" : b.preventUserExistenceErrors;
        Checks.oneOf(prevent, Set.of("ENABLED", "LEGACY"), key + ".preventUserExistenceErrors");
        this.preventUserExistenceErrors = prevent.equals("ENABLED");
        this.enableTokenRevocation = b.enableTokenRevocation == null || b.enableTokenRevocation;
        this.accessTokenValidity = range(
                b.accessTokenValidity,
                Duration.ofHours(1),
                Duration.ofMinutes(5),
                Duration.ofDays(1),
                key + ".accessTokenValidityMinutes");
        this.idTokenValidity = range(
                b.idTokenValidity,
                Duration.ofHours(1),
                Duration.ofMinutes(5),
                Duration.ofDays(1),
                key + ".idTokenValidityMinutes");
        this.refreshTokenValidity = range(
                b.refreshTokenValidity,
                Duration.ofDays(30),
                Duration.ofMinutes(60),
                Duration.ofDays(3650),
                key + ".refreshTokenValidityDays");
        this.authSessionValidity = range(
                b.authSessionValidity,
                Duration.ofMinutes(3),
                Duration.ofMinutes(3),
                Duration.ofMinutes(15),
                key + ".authSessionValidityMinutes");
    }

    private static Duration range(Duration value, Duration dflt, Duration min, Duration max, String key) {
        if (value == null || value.isZero()) {
            return dflt;
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new ConfigException(key + " must lie between " + min + " and " + max + ", not " + value + ".");
        }
        return value;
    }

    private static void checkRedirectUrl(String url, String key) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ConfigException(key + " contains '" + url + "', which is not a URL.", e);
        }
        if (!uri.isAbsolute() || uri.getFragment() != null || (uri.getHost() == null && !isAppScheme(uri))) {
            throw new ConfigException(key + " contains '" + url + "'; write an absolute URL without a fragment.");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean loopback =
                "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost()) || "[::1]".equals(uri.getHost());
        if ("http".equals(scheme) && !loopback) {
            throw new ConfigException(
                    key + " contains '" + url + "'; AWS accepts plain http only for localhost, " + "so write https.");
        }
    }

    private static boolean isAppScheme(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return !scheme.equals("http") && !scheme.equals("https");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .name(name)
                .generateSecret(generateSecret)
                .explicitAuthFlows(List.copyOf(explicitAuthFlows))
                .allowedOAuthFlows(List.copyOf(allowedOAuthFlows))
                .allowedOAuthScopes(List.copyOf(allowedOAuthScopes))
                .callbackUrls(callbackUrls)
                .logoutUrls(logoutUrls)
                .preventUserExistenceErrors(preventUserExistenceErrors ? "ENABLED" : "LEGACY")
                .enableTokenRevocation(enableTokenRevocation)
                .accessTokenValidity(accessTokenValidity)
                .idTokenValidity(idTokenValidity)
                .refreshTokenValidity(refreshTokenValidity)
                .authSessionValidity(authSessionValidity);
    }

    public String name() {
        return name;
    }

    /** A confidential (server-side) client: callers send {@code SECRET_HASH}. */
    public boolean generateSecret() {
        return generateSecret;
    }

    public Set<String> explicitAuthFlows() {
        return explicitAuthFlows;
    }

    public Set<String> allowedOAuthFlows() {
        return allowedOAuthFlows;
    }

    public Set<String> allowedOAuthScopes() {
        return allowedOAuthScopes;
    }

    public List<String> callbackUrls() {
        return callbackUrls;
    }

    public List<String> logoutUrls() {
        return logoutUrls;
    }

    /** {@code true} for {@code ENABLED}, {@code false} for {@code LEGACY} (the API default). */
    public boolean preventUserExistenceErrors() {
        return preventUserExistenceErrors;
    }

    public boolean enableTokenRevocation() {
        return enableTokenRevocation;
    }

    public Duration accessTokenValidity() {
        return accessTokenValidity;
    }

    public Duration idTokenValidity() {
        return idTokenValidity;
    }

    public Duration refreshTokenValidity() {
        return refreshTokenValidity;
    }

    public Duration authSessionValidity() {
        return authSessionValidity;
    }

    /** Whether the hosted UI serves this client (the authorization-code or implicit flow). */
    public boolean usesHostedUi() {
        return allowedOAuthFlows.contains("code") || allowedOAuthFlows.contains("implicit");
    }

    @Override
    public String toString() {
        return "AppClientConfig[" + name + "]";
    }

    /** Builds an {@link AppClientConfig}; validation happens in {@link #build()}. */
    public static final class Builder {
        private String name;
        private boolean generateSecret;
        private List<String> explicitAuthFlows;
        private List<String> allowedOAuthFlows;
        private List<String> allowedOAuthScopes;
        private List<String> callbackUrls;
        private List<String> logoutUrls;
        private String preventUserExistenceErrors;
        private Boolean enableTokenRevocation;
        private Duration accessTokenValidity;
        private Duration idTokenValidity;
        private Duration refreshTokenValidity;
        private Duration authSessionValidity;

        private Builder() {}

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder generateSecret(boolean generateSecret) {
            this.generateSecret = generateSecret;
            return this;
        }

        /** Null (the default) means AWS's default flows: refresh token, SRP and custom auth. */
        public Builder explicitAuthFlows(List<String> explicitAuthFlows) {
            this.explicitAuthFlows = explicitAuthFlows;
            return this;
        }

        public Builder allowedOAuthFlows(List<String> allowedOAuthFlows) {
            this.allowedOAuthFlows = allowedOAuthFlows;
            return this;
        }

        public Builder allowedOAuthScopes(List<String> allowedOAuthScopes) {
            this.allowedOAuthScopes = allowedOAuthScopes;
            return this;
        }

        public Builder callbackUrls(List<String> callbackUrls) {
            this.callbackUrls = callbackUrls;
            return this;
        }

        public Builder logoutUrls(List<String> logoutUrls) {
            this.logoutUrls = logoutUrls;
            return this;
        }

        /** {@code ENABLED} or {@code LEGACY} (the default). */
        public Builder preventUserExistenceErrors(String preventUserExistenceErrors) {
            this.preventUserExistenceErrors = preventUserExistenceErrors;
            return this;
        }

        public Builder enableTokenRevocation(boolean enableTokenRevocation) {
            this.enableTokenRevocation = enableTokenRevocation;
            return this;
        }

        public Builder accessTokenValidity(Duration accessTokenValidity) {
            this.accessTokenValidity = accessTokenValidity;
            return this;
        }

        public Builder idTokenValidity(Duration idTokenValidity) {
            this.idTokenValidity = idTokenValidity;
            return this;
        }

        public Builder refreshTokenValidity(Duration refreshTokenValidity) {
            this.refreshTokenValidity = refreshTokenValidity;
            return this;
        }

        public Builder authSessionValidity(Duration authSessionValidity) {
            this.authSessionValidity = authSessionValidity;
            return this;
        }

        /**
         * Builds the app client configuration.
         *
         * @throws ConfigException naming the key that is invalid
         */
        public AppClientConfig build() {
            return new AppClientConfig(this);
        }
    }
}
