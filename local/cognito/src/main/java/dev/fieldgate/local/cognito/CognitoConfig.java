package dev.fieldgate.local.cognito;

import dev.fieldgate.local.core.LocalConfigException;

import dev.fieldgate.local.cognito.internal.AppConfigReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Cognito part of an app's {@code fieldgate.json}: one user pool with its app clients and groups, and an
 * optional identity pool. These are the values Terraform sets on AWS, so a local environment matches a deployed
 * one. Read one with {@link #fromAppConfigFile(Path)} or build one in code with {@link #builder()}.
 *
 * <p>Instances are immutable and validated on construction; a {@link LocalConfigException} names the offending key.
 */
public final class CognitoConfig {

    private static final Pattern APP_NAME = Pattern.compile("[a-z][a-z0-9-]{1,30}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

    private final String app;
    private final String region;
    private final UserPool userPool;
    private final IdentityPool identityPool;

    private CognitoConfig(Builder b) {
        this.app = require(b.app, "app");
        if (!APP_NAME.matcher(app).matches()) {
            throw new LocalConfigException("app '" + app + "' must match [a-z][a-z0-9-]{1,30}.");
        }
        this.region = require(b.region, "region");
        if (!REGION.matcher(region).matches()) {
            throw new LocalConfigException("region '" + region + "' is not an AWS region name such as us-east-1.");
        }
        this.userPool = require(b.userPool, "userPool");
        this.identityPool = b.identityPool;
        if (identityPool != null) {
            for (String client : identityPool.clients()) {
                if (userPool.client(client).isEmpty()) {
                    throw new LocalConfigException("identityPool.clients names '" + client
                            + "', which is not a client in userPool.clients.");
                }
            }
        }
    }

    /** Reads the {@code app}, {@code region}, {@code userPool} and {@code identityPool} keys of a fieldgate.json. */
    public static CognitoConfig fromAppConfigFile(Path file) {
        return AppConfigReader.read(file);
    }

    public static Builder builder() {
        return new Builder();
    }

    public String app() {
        return app;
    }

    public String region() {
        return region;
    }

    public UserPool userPool() {
        return userPool;
    }

    public Optional<IdentityPool> identityPool() {
        return Optional.ofNullable(identityPool);
    }

    @Override
    public String toString() {
        return "CognitoConfig[app=" + app + ", region=" + region + ", userPool=" + userPool.name()
                + ", identityPool=" + (identityPool == null ? "none" : identityPool.name()) + "]";
    }

    private static <T> T require(T value, String key) {
        if (value == null) {
            throw new LocalConfigException(key + " is required.");
        }
        return value;
    }

    private static List<String> copy(List<String> values, String key) {
        if (values == null) {
            return List.of();
        }
        for (String v : values) {
            if (v == null || v.isBlank()) {
                throw new LocalConfigException(key + " contains an empty value.");
            }
        }
        return List.copyOf(values);
    }

    /** An unmodifiable set that keeps the config's order (the outputs file lists scopes in that order). */
    private static Set<String> ordered(List<String> values) {
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }

    private static void requireSubset(List<String> values, Set<String> allowed, String key) {
        for (String v : values) {
            if (!allowed.contains(v)) {
                throw new LocalConfigException(key + " contains '" + v + "'; accepted values: " + allowed + ".");
            }
        }
    }

    /** Builds a {@link CognitoConfig}. */
    public static final class Builder {
        private String app;
        private String region;
        private UserPool userPool;
        private IdentityPool identityPool;

        private Builder() {
        }

        public Builder app(String app) {
            this.app = app;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder userPool(UserPool userPool) {
            this.userPool = userPool;
            return this;
        }

        public Builder identityPool(IdentityPool identityPool) {
            this.identityPool = identityPool;
            return this;
        }

        public CognitoConfig build() {
            return new CognitoConfig(this);
        }
    }

    /**
     * The password policy, with AWS's names and AWS's defaults (8 characters, all four character classes, temporary
     * passwords valid for 7 days).
     */
    public record PasswordPolicy(int minimumLength, boolean requireLowercase, boolean requireUppercase,
            boolean requireNumbers, boolean requireSymbols, int temporaryPasswordValidityDays) {

        public static final PasswordPolicy AWS_DEFAULT = new PasswordPolicy(8, true, true, true, true, 7);

        public PasswordPolicy {
            if (minimumLength < 6 || minimumLength > 99) {
                throw new LocalConfigException("userPool.passwordPolicy.minimumLength must be 6 to 99, not "
                        + minimumLength + ".");
            }
            if (temporaryPasswordValidityDays < 0 || temporaryPasswordValidityDays > 365) {
                throw new LocalConfigException("userPool.passwordPolicy.temporaryPasswordValidityDays must be 0 to 365"
                        + " (0 means AWS's default of 7).");
            }
            if (temporaryPasswordValidityDays == 0) {
                temporaryPasswordValidityDays = 7;
            }
        }
    }

    /** A user pool group. {@code precedence} may be null (no precedence). */
    public record Group(String name, String description, Integer precedence) {

        public Group {
            if (name == null || !name.matches("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,128}")) {
                throw new LocalConfigException("userPool.groups[].name '" + name
                        + "' must be 1 to 128 characters without spaces.");
            }
            if (precedence != null && precedence < 0) {
                throw new LocalConfigException("userPool.groups[" + name + "].precedence must be 0 or more.");
            }
        }
    }

    /**
     * The identity pool: guest access on or off, the app clients whose id tokens it accepts, and whether the basic
     * (classic) flow (GetOpenIdToken, then STS AssumeRoleWithWebIdentity) is allowed — off unless asked for, as the
     * Terraform module deploys it.
     */
    public record IdentityPool(String name, boolean allowUnauthenticatedIdentities, List<String> clients,
            boolean allowClassicFlow) {

        /** A pool without the basic (classic) flow. */
        public IdentityPool(String name, boolean allowUnauthenticatedIdentities, List<String> clients) {
            this(name, allowUnauthenticatedIdentities, clients, false);
        }

        public IdentityPool {
            if (name == null || !name.matches("[\\w\\- ]{1,128}")) {
                throw new LocalConfigException("identityPool.name '" + name
                        + "' must be 1 to 128 letters, digits, spaces, '-' or '_'.");
            }
            clients = copy(clients, "identityPool.clients");
        }
    }

    /** The user pool. */
    public static final class UserPool {

        private static final Set<String> USERNAME_ATTRIBUTES = Set.of("email", "phone_number");
        private static final Set<String> STANDARD_ATTRIBUTES = Set.of("address", "birthdate", "email", "family_name",
                "gender", "given_name", "locale", "middle_name", "name", "nickname", "phone_number", "picture",
                "preferred_username", "profile", "updated_at", "website", "zoneinfo");
        private static final Set<String> MFA = Set.of("OFF", "OPTIONAL", "ON");

        private final String name;
        private final List<String> usernameAttributes;
        private final List<String> autoVerifiedAttributes;
        private final List<String> requiredAttributes;
        private final PasswordPolicy passwordPolicy;
        private final String mfa;
        private final boolean deletionProtection;
        private final List<Group> groups;
        private final String domainPrefix;
        private final List<AppClient> clients;

        private UserPool(Builder b) {
            this.name = require(b.name, "userPool.name");
            if (!name.matches("[\\w\\s+=,.@-]{1,128}")) {
                throw new LocalConfigException("userPool.name '" + name + "' must be 1 to 128 characters of"
                        + " letters, digits, spaces and + = , . @ -.");
            }
            this.usernameAttributes = copy(b.usernameAttributes, "userPool.usernameAttributes");
            requireSubset((usernameAttributes), USERNAME_ATTRIBUTES, "userPool.usernameAttributes");
            this.autoVerifiedAttributes = copy(b.autoVerifiedAttributes, "userPool.autoVerifiedAttributes");
            requireSubset((autoVerifiedAttributes), USERNAME_ATTRIBUTES,
                    "userPool.autoVerifiedAttributes");
            this.requiredAttributes = copy(b.requiredAttributes, "userPool.requiredAttributes");
            requireSubset((requiredAttributes), STANDARD_ATTRIBUTES, "userPool.requiredAttributes");
            this.passwordPolicy = b.passwordPolicy == null ? PasswordPolicy.AWS_DEFAULT : b.passwordPolicy;
            this.mfa = b.mfa == null ? "OFF" : b.mfa;
            if (!MFA.contains(mfa)) {
                throw new LocalConfigException("userPool.mfa must be one of " + MFA + ", not '" + mfa + "'.");
            }
            if (!"OFF".equals(mfa)) {
                // The local user pool implements no MFA factor; refusing beats silently skipping a second factor.
                throw new LocalConfigException("userPool.mfa '" + mfa + "' is not supported by the local stack yet;"
                        + " use OFF locally.");
            }
            this.deletionProtection = b.deletionProtection;
            this.groups = b.groups == null ? List.of() : List.copyOf(b.groups);
            Set<String> groupNames = new HashSet<>();
            for (Group g : groups) {
                if (!groupNames.add(g.name())) {
                    throw new LocalConfigException("userPool.groups has two groups named '" + g.name() + "'.");
                }
            }
            this.domainPrefix = b.domainPrefix;
            if (domainPrefix != null && !domainPrefix.matches("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")) {
                throw new LocalConfigException("userPool.domainPrefix '" + domainPrefix
                        + "' must be lower-case letters, digits and hyphens.");
            }
            this.clients = b.clients == null ? List.of() : List.copyOf(b.clients);
            if (clients.isEmpty()) {
                throw new LocalConfigException("userPool.clients must name at least one app client.");
            }
            Set<String> clientNames = new HashSet<>();
            for (AppClient c : clients) {
                if (!clientNames.add(c.name())) {
                    throw new LocalConfigException("userPool.clients has two clients named '" + c.name() + "'.");
                }
            }
        }

        public static Builder builder() {
            return new Builder();
        }

        public String name() {
            return name;
        }

        public List<String> usernameAttributes() {
            return usernameAttributes;
        }

        public List<String> autoVerifiedAttributes() {
            return autoVerifiedAttributes;
        }

        public List<String> requiredAttributes() {
            return requiredAttributes;
        }

        public PasswordPolicy passwordPolicy() {
            return passwordPolicy;
        }

        public String mfa() {
            return mfa;
        }

        public boolean deletionProtection() {
            return deletionProtection;
        }

        public List<Group> groups() {
            return groups;
        }

        public Optional<String> domainPrefix() {
            return Optional.ofNullable(domainPrefix);
        }

        public List<AppClient> clients() {
            return clients;
        }

        public Optional<AppClient> client(String clientName) {
            return clients.stream().filter(c -> c.name().equals(clientName)).findFirst();
        }

        /** Builds a {@link UserPool}. */
        public static final class Builder {
            private String name;
            private List<String> usernameAttributes;
            private List<String> autoVerifiedAttributes;
            private List<String> requiredAttributes;
            private PasswordPolicy passwordPolicy;
            private String mfa;
            private boolean deletionProtection;
            private List<Group> groups = new ArrayList<>();
            private String domainPrefix;
            private List<AppClient> clients = new ArrayList<>();

            private Builder() {
            }

            public Builder name(String name) {
                this.name = name;
                return this;
            }

            public Builder usernameAttributes(List<String> usernameAttributes) {
                this.usernameAttributes = usernameAttributes;
                return this;
            }

            public Builder autoVerifiedAttributes(List<String> autoVerifiedAttributes) {
                this.autoVerifiedAttributes = autoVerifiedAttributes;
                return this;
            }

            public Builder requiredAttributes(List<String> requiredAttributes) {
                this.requiredAttributes = requiredAttributes;
                return this;
            }

            public Builder passwordPolicy(PasswordPolicy passwordPolicy) {
                this.passwordPolicy = passwordPolicy;
                return this;
            }

            public Builder mfa(String mfa) {
                this.mfa = mfa;
                return this;
            }

            public Builder deletionProtection(boolean deletionProtection) {
                this.deletionProtection = deletionProtection;
                return this;
            }

            public Builder groups(List<Group> groups) {
                this.groups = new ArrayList<>(groups);
                return this;
            }

            public Builder addGroup(Group group) {
                this.groups.add(group);
                return this;
            }

            public Builder domainPrefix(String domainPrefix) {
                this.domainPrefix = domainPrefix;
                return this;
            }

            public Builder clients(List<AppClient> clients) {
                this.clients = new ArrayList<>(clients);
                return this;
            }

            public Builder addClient(AppClient client) {
                this.clients.add(client);
                return this;
            }

            public UserPool build() {
                return new UserPool(this);
            }
        }
    }

    /** An app client, with the Cognito API's names and AWS's defaults. */
    public static final class AppClient {

        private static final Set<String> AUTH_FLOWS = Set.of("ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH",
                "ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_CUSTOM_AUTH");
        private static final Set<String> OAUTH_FLOWS = Set.of("code", "implicit", "client_credentials");
        private static final Set<String> STANDARD_SCOPES =
                Set.of("openid", "email", "phone", "profile", "aws.cognito.signin.user.admin");
        private static final Pattern CUSTOM_SCOPE = Pattern.compile("[\\x21\\x23-\\x2e\\x30-\\x5b\\x5d-\\x7e]+/"
                + "[\\x21\\x23-\\x2e\\x30-\\x5b\\x5d-\\x7e]+");

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

        private AppClient(Builder b) {
            this.name = require(b.name, "userPool.clients[].name");
            if (!name.matches("[\\w\\s+=,.@-]{1,128}")) {
                throw new LocalConfigException("userPool.clients[].name '" + name + "' is not a valid client name.");
            }
            String key = "userPool.clients[" + name + "]";
            this.generateSecret = b.generateSecret;
            // AWS's default when ExplicitAuthFlows is omitted.
            List<String> flows = b.explicitAuthFlows == null
                    ? List.of("ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH")
                    : copy(b.explicitAuthFlows, key + ".explicitAuthFlows");
            requireSubset((flows), AUTH_FLOWS, key + ".explicitAuthFlows");
            this.explicitAuthFlows = ordered(flows);
            List<String> oauthFlows = copy(b.allowedOAuthFlows, key + ".allowedOAuthFlows");
            requireSubset((oauthFlows), OAUTH_FLOWS, key + ".allowedOAuthFlows");
            this.allowedOAuthFlows = ordered(oauthFlows);
            List<String> scopes = copy(b.allowedOAuthScopes, key + ".allowedOAuthScopes");
            for (String scope : scopes) {
                if (!STANDARD_SCOPES.contains(scope) && !CUSTOM_SCOPE.matcher(scope).matches()) {
                    throw new LocalConfigException(key + ".allowedOAuthScopes contains '" + scope + "'; use "
                            + STANDARD_SCOPES + " or a resource-server scope such as 'pins/read'.");
                }
            }
            if (scopes.stream().anyMatch(s -> s.equals("email") || s.equals("phone") || s.equals("profile"))
                    && !scopes.contains("openid")) {
                throw new LocalConfigException(key + ".allowedOAuthScopes: email, phone and profile need openid.");
            }
            this.allowedOAuthScopes = ordered(scopes);
            this.callbackUrls = copy(b.callbackUrls, key + ".callbackUrls");
            this.logoutUrls = copy(b.logoutUrls, key + ".logoutUrls");
            callbackUrls.forEach(u -> checkRedirectUrl(u, key + ".callbackUrls"));
            logoutUrls.forEach(u -> checkRedirectUrl(u, key + ".logoutUrls"));
            if ((allowedOAuthFlows.contains("code") || allowedOAuthFlows.contains("implicit"))
                    && callbackUrls.isEmpty()) {
                throw new LocalConfigException(key + ".callbackUrls must list at least one URL for the "
                        + allowedOAuthFlows + " OAuth flows.");
            }
            if (allowedOAuthFlows.contains("client_credentials")) {
                if (!generateSecret) {
                    throw new LocalConfigException(key + ": the client_credentials flow needs generateSecret: true.");
                }
                if (allowedOAuthFlows.size() > 1) {
                    throw new LocalConfigException(key + ": client_credentials cannot be combined with code or"
                            + " implicit on one client.");
                }
            }
            String prevent = b.preventUserExistenceErrors == null ? "LEGACY" : b.preventUserExistenceErrors;
            if (!prevent.equals("ENABLED") && !prevent.equals("LEGACY")) {
                throw new LocalConfigException(key + ".preventUserExistenceErrors must be ENABLED or LEGACY.");
            }
            this.preventUserExistenceErrors = prevent.equals("ENABLED");
            this.enableTokenRevocation = b.enableTokenRevocation == null || b.enableTokenRevocation;
            this.accessTokenValidity = range(b.accessTokenValidity, Duration.ofHours(1), Duration.ofMinutes(5),
                    Duration.ofDays(1), key + ".accessTokenValidityMinutes");
            this.idTokenValidity = range(b.idTokenValidity, Duration.ofHours(1), Duration.ofMinutes(5),
                    Duration.ofDays(1), key + ".idTokenValidityMinutes");
            this.refreshTokenValidity = range(b.refreshTokenValidity, Duration.ofDays(30), Duration.ofMinutes(60),
                    Duration.ofDays(3650), key + ".refreshTokenValidityDays");
            this.authSessionValidity = range(b.authSessionValidity, Duration.ofMinutes(3), Duration.ofMinutes(3),
                    Duration.ofMinutes(15), key + ".authSessionValidityMinutes");
        }

        private static Duration range(Duration value, Duration dflt, Duration min, Duration max, String key) {
            if (value == null || value.isZero()) {
                return dflt;
            }
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new LocalConfigException(key + " must lie between " + min + " and " + max + ", not " + value
                        + ".");
            }
            return value;
        }

        private static void checkRedirectUrl(String url, String key) {
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new LocalConfigException(key + " contains '" + url + "', which is not a URL.", e);
            }
            if (!uri.isAbsolute() || uri.getFragment() != null || uri.getHost() == null && !isAppScheme(uri)) {
                throw new LocalConfigException(key + " contains '" + url
                        + "'; it must be an absolute URL without a fragment.");
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            boolean loopback = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost())
                    || "[::1]".equals(uri.getHost());
            if ("http".equals(scheme) && !loopback) {
                throw new LocalConfigException(key + " contains '" + url
                        + "'; AWS accepts plain http only for localhost.");
            }
        }

        private static boolean isAppScheme(URI uri) {
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            return !scheme.equals("http") && !scheme.equals("https");
        }

        public static Builder builder() {
            return new Builder();
        }

        public String name() {
            return name;
        }

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

        @Override
        public String toString() {
            return "AppClient[" + name + "]";
        }

        /** Builds an {@link AppClient}. */
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

            private Builder() {
            }

            public Builder name(String name) {
                this.name = name;
                return this;
            }

            public Builder generateSecret(boolean generateSecret) {
                this.generateSecret = generateSecret;
                return this;
            }

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

            /** {@code ENABLED} or {@code LEGACY} (default). */
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

            public AppClient build() {
                return new AppClient(this);
            }
        }
    }
}
