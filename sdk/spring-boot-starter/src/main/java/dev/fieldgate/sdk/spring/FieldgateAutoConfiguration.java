package dev.fieldgate.sdk.spring;

import dev.fieldgate.sdk.AppSyncAuthorizer;
import dev.fieldgate.sdk.FieldgateClient;
import dev.fieldgate.sdk.FieldgateConfig;
import dev.fieldgate.sdk.FieldgateConfigException;
import dev.fieldgate.sdk.RetryPolicy;
import dev.fieldgate.sdk.auth.CognitoUserPoolAuth;
import dev.fieldgate.sdk.auth.FileSessionStore;
import dev.fieldgate.sdk.auth.IdentityPoolCredentialsProvider;
import dev.fieldgate.sdk.auth.SessionStore;
import dev.fieldgate.sdk.spring.FieldgateProperties.DefaultAuthorization;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Configures the Fieldgate SDK from {@code fieldgate.*} properties when {@code fieldgate.outputs-file} is set:
 * {@link FieldgateConfig} from the outputs file, a {@link SessionStore}, {@link CognitoUserPoolAuth} (when the file
 * has a user pool), guest {@link IdentityPoolCredentialsProvider} {@code fieldgateGuestCredentials} (when the
 * identity pool allows guests) and a {@link FieldgateClient}. Every bean backs off when the application defines its
 * own.
 */
@AutoConfiguration
@ConditionalOnClass(FieldgateClient.class)
@ConditionalOnProperty(prefix = "fieldgate", name = "outputs-file")
@EnableConfigurationProperties(FieldgateProperties.class)
public class FieldgateAutoConfiguration {

    /**
     * The bean name of the guest credentials. They are an {@code AwsCredentialsProvider} as well; inject them by
     * this name so an application's own provider stays unambiguous.
     */
    public static final String GUEST_CREDENTIALS = "fieldgateGuestCredentials";

    /** The bean name of the authorizer that acts as the current request's OAuth2-signed-in user. */
    public static final String OAUTH2_USER_AUTHORIZER = "fieldgateOAuth2UserAuthorizer";

    @Bean
    @ConditionalOnMissingBean
    public FieldgateConfig fieldgateConfig(FieldgateProperties properties) {
        FieldgateConfig config = FieldgateConfig.fromOutputsFile(properties.getOutputsFile());
        if (properties.getUserPoolClient() != null) {
            config = config.withUserPoolClient(properties.getUserPoolClient());
        }
        if (properties.getUserPoolClientSecret() != null
                && !properties.getUserPoolClientSecret().isBlank()) {
            String secret = properties.getUserPoolClientSecret();
            config = config.copy(b -> b.userPoolClientSecret(secret));
        }
        return config;
    }

    @Bean
    @ConditionalOnMissingBean
    public SessionStore fieldgateSessionStore(FieldgateProperties properties) {
        FieldgateProperties.Session session = properties.getSession();
        if (session.getStore() == FieldgateProperties.Session.StoreType.FILE) {
            if (session.getFile() == null) {
                throw new FieldgateConfigException("fieldgate.session.store=file needs fieldgate.session.file (the "
                        + "path of the session file).");
            }
            return FileSessionStore.builder().file(session.getFile()).build();
        }
        return SessionStore.inMemory();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "fieldgate.user-pool", name = "enabled", matchIfMissing = true)
    @Conditional(OutputsFileConditions.HasUserPool.class)
    public CognitoUserPoolAuth cognitoUserPoolAuth(FieldgateConfig config, SessionStore store) {
        return CognitoUserPoolAuth.builder().config(config).sessionStore(store).build();
    }

    @Bean(name = GUEST_CREDENTIALS, destroyMethod = "close")
    @ConditionalOnMissingBean(name = GUEST_CREDENTIALS)
    @ConditionalOnProperty(prefix = "fieldgate.identity-pool", name = "guest-enabled", matchIfMissing = true)
    @Conditional(OutputsFileConditions.AllowsGuests.class)
    public IdentityPoolCredentialsProvider fieldgateGuestCredentials(FieldgateConfig config, SessionStore store) {
        return IdentityPoolCredentialsProvider.builder()
                .config(config)
                .guest()
                .sessionStore(store)
                .build();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @Conditional(OutputsFileConditions.HasApi.class)
    public FieldgateClient fieldgateClient(
            FieldgateConfig config,
            FieldgateProperties properties,
            ObjectProvider<CognitoUserPoolAuth> userPool,
            @Qualifier(GUEST_CREDENTIALS) ObjectProvider<IdentityPoolCredentialsProvider> guest,
            ObjectProvider<AwsCredentialsProvider> credentials,
            @Qualifier(OAUTH2_USER_AUTHORIZER) ObjectProvider<AppSyncAuthorizer> oauth2User) {
        FieldgateProperties.Retry retry = properties.getRetry();
        return FieldgateClient.builder()
                .config(config)
                .authorizer(defaultAuthorizer(properties, userPool, guest, credentials, oauth2User))
                .connectTimeout(properties.getConnectTimeout())
                .requestTimeout(properties.getRequestTimeout())
                .retryPolicy(RetryPolicy.builder()
                        .maxAttempts(retry.getMaxAttempts())
                        .baseDelay(retry.getBaseDelay())
                        .maxBackoff(retry.getMaxBackoff())
                        .build())
                .build();
    }

    /** The authorizer {@code fieldgate.default-authorization} names, or null for {@code none}. */
    static AppSyncAuthorizer defaultAuthorizer(
            FieldgateProperties properties,
            ObjectProvider<CognitoUserPoolAuth> userPool,
            ObjectProvider<IdentityPoolCredentialsProvider> guest,
            ObjectProvider<AwsCredentialsProvider> credentials,
            ObjectProvider<AppSyncAuthorizer> oauth2User) {
        DefaultAuthorization mode = properties.getDefaultAuthorization();
        if (mode == null) {
            mode = guest.getIfAvailable() != null ? DefaultAuthorization.GUEST : DefaultAuthorization.NONE;
        }
        return switch (mode) {
            case GUEST ->
                AppSyncAuthorizer.iam(
                        required(
                                guest.getIfAvailable(),
                                "guest credentials (the identity "
                                        + "pool must allow guests and fieldgate.identity-pool.guest-enabled must not be false)"));
            case USER_POOL ->
                AppSyncAuthorizer.userPool(required(
                        userPool.getIfAvailable(), "a CognitoUserPoolAuth bean (the outputs file needs a user pool)"));
            case IAM ->
                AppSyncAuthorizer.iam(required(
                        applicationCredentials(credentials),
                        "exactly one "
                                + "AwsCredentialsProvider bean of the application (besides the guest credentials)"));
            case API_KEY -> AppSyncAuthorizer.apiKey(required(properties.getApiKey(), "fieldgate.api-key"));
            case OAUTH2_USER ->
                required(
                        oauth2User.getIfAvailable(),
                        "fieldgate.oauth2.registration-id and Spring Security's OAuth2 client (an "
                                + "OAuth2AuthorizedClientManager, or the client registrations and authorized-client "
                                + "repository of OAuth2 login)");
            case NONE -> null;
        };
    }

    /** The application's own credentials provider: the one that is not the starter's guest credentials. */
    private static AwsCredentialsProvider applicationCredentials(ObjectProvider<AwsCredentialsProvider> all) {
        java.util.List<AwsCredentialsProvider> own = all.orderedStream()
                .filter(p -> !(p instanceof IdentityPoolCredentialsProvider))
                .toList();
        return own.size() == 1 ? own.get(0) : null;
    }

    private static <T> T required(T value, String what) {
        if (value == null) {
            throw new FieldgateConfigException("fieldgate.default-authorization needs " + what + ".");
        }
        return value;
    }
}
