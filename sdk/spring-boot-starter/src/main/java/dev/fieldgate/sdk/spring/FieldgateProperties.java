package dev.fieldgate.sdk.spring;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the Fieldgate SDK under {@code fieldgate.*}. Only {@code fieldgate.outputs-file} is required; the
 * rest has defaults.
 *
 * <pre>
 * fieldgate.outputs-file=amplify_outputs.json
 * fieldgate.default-authorization=guest
 * fieldgate.request-timeout=10s
 * fieldgate.session.store=file
 * fieldgate.session.file=${user.home}/.config/my-app/session.json
 * </pre>
 */
@ConfigurationProperties(prefix = "fieldgate")
public class FieldgateProperties {

    /** How requests are authorized unless a request says otherwise. */
    public enum DefaultAuthorization {
        /** Identity-pool guest credentials, SigV4 (the identity pool must allow guests). */
        GUEST,
        /** The user signed in to the {@code CognitoUserPoolAuth} bean; calls fail until someone signs in. */
        USER_POOL,
        /** SigV4 with the application's own {@code AwsCredentialsProvider} bean (e.g. a backend role). */
        IAM,
        /** The API key in {@code fieldgate.api-key}. */
        API_KEY,
        /**
         * The access token of the user of the current request, signed in through Spring Security's OAuth2 login with
         * the user pool ({@code fieldgate.oauth2.registration-id}): one session per user, not one per app.
         */
        OAUTH2_USER,
        /** None: every request passes its own authorizer. */
        NONE
    }

    /** The outputs file ({@code amplify_outputs.json}) that Terraform or {@code ./fieldgate local} writes. */
    private Path outputsFile;

    /** The app client to sign in with, by its name in the outputs file ({@code custom.fieldgate.user_pool_clients}). */
    private String userPoolClient;

    /** The app client's secret, for confidential clients; keep it in a secret store, never in the outputs file. */
    private String userPoolClientSecret;

    /** The API key, for {@code default-authorization=api-key}. */
    private String apiKey;

    /** Default: {@code guest} when the identity pool allows guests, otherwise {@code none}. */
    private DefaultAuthorization defaultAuthorization;

    /** How long to wait for a connection. */
    private Duration connectTimeout = Duration.ofSeconds(10);

    /** How long to wait for each HTTP attempt's answer. */
    private Duration requestTimeout = Duration.ofSeconds(30);

    private final Retry retry = new Retry();

    private final Session session = new Session();

    private final UserPool userPool = new UserPool();

    private final IdentityPool identityPool = new IdentityPool();

    private final OAuth2 oauth2 = new OAuth2();

    /** Retries of queries (and of mutations marked idempotent) on 5xx, 429 and network errors. */
    public static class Retry {
        /** Attempts in total, including the first (1 disables retries). */
        private int maxAttempts = 3;
        /** The first backoff's upper bound; it doubles per attempt (full jitter). */
        private Duration baseDelay = Duration.ofMillis(100);
        /** The longest backoff. */
        private Duration maxBackoff = Duration.ofSeconds(20);

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getBaseDelay() {
            return baseDelay;
        }

        public void setBaseDelay(Duration baseDelay) {
            this.baseDelay = baseDelay;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }
    }

    /** Where sessions and identity ids are kept. */
    public static class Session {
        /** Where the session is kept. */
        public enum StoreType {
            /** This process's memory (the default). */
            MEMORY,
            /** An owner-only file ({@code fieldgate.session.file}), e.g. for command-line tools. */
            FILE
        }

        private StoreType store = StoreType.MEMORY;

        /** The session file for {@code store=file}. */
        private Path file;

        public StoreType getStore() {
            return store;
        }

        public void setStore(StoreType store) {
            this.store = store;
        }

        public Path getFile() {
            return file;
        }

        public void setFile(Path file) {
            this.file = file;
        }
    }

    /** The user-pool part. */
    public static class UserPool {
        /** Whether to create the {@code CognitoUserPoolAuth} bean (when the outputs file has a user pool). */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** Users who sign in to a server-side web app through Spring Security's OAuth2 login. */
    public static class OAuth2 {
        /**
         * The client registration of the API's user pool ({@code spring.security.oauth2.client.registration.<id>});
         * when set, the {@code fieldgateOAuth2UserAuthorizer} bean authorizes calls as the current request's user.
         */
        private String registrationId;

        public String getRegistrationId() {
            return registrationId;
        }

        public void setRegistrationId(String registrationId) {
            this.registrationId = registrationId;
        }
    }

    /** The identity-pool part. */
    public static class IdentityPool {
        /** Whether to create the guest credentials bean (when the identity pool allows guests). */
        private boolean guestEnabled = true;

        public boolean isGuestEnabled() {
            return guestEnabled;
        }

        public void setGuestEnabled(boolean guestEnabled) {
            this.guestEnabled = guestEnabled;
        }
    }

    public OAuth2 getOauth2() {
        return oauth2;
    }

    public Path getOutputsFile() {
        return outputsFile;
    }

    public void setOutputsFile(Path outputsFile) {
        this.outputsFile = outputsFile;
    }

    public String getUserPoolClient() {
        return userPoolClient;
    }

    public void setUserPoolClient(String userPoolClient) {
        this.userPoolClient = userPoolClient;
    }

    public String getUserPoolClientSecret() {
        return userPoolClientSecret;
    }

    public void setUserPoolClientSecret(String userPoolClientSecret) {
        this.userPoolClientSecret = userPoolClientSecret;
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public DefaultAuthorization getDefaultAuthorization() {
        return defaultAuthorization;
    }

    public void setDefaultAuthorization(DefaultAuthorization defaultAuthorization) {
        this.defaultAuthorization = defaultAuthorization;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public Retry getRetry() {
        return retry;
    }

    public Session getSession() {
        return session;
    }

    public UserPool getUserPool() {
        return userPool;
    }

    public IdentityPool getIdentityPool() {
        return identityPool;
    }

    /** Secrets stay out of logs and actuator dumps. */
    @Override
    public String toString() {
        return "FieldgateProperties[outputsFile=" + outputsFile + ", userPoolClient=" + userPoolClient
                + ", userPoolClientSecret=" + (userPoolClientSecret == null ? "none" : "<hidden>") + ", apiKey="
                + (apiKey == null ? "none" : "<hidden>") + ", defaultAuthorization=" + defaultAuthorization + "]";
    }
}
