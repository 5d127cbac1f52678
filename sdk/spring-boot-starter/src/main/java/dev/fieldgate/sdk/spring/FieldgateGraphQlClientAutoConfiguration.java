package dev.fieldgate.sdk.spring;

import dev.fieldgate.sdk.AppSyncAuthorizer;
import dev.fieldgate.sdk.FieldgateConfig;
import dev.fieldgate.sdk.auth.CognitoUserPoolAuth;
import dev.fieldgate.sdk.auth.IdentityPoolCredentialsProvider;
import dev.fieldgate.sdk.spring.graphql.AppSyncGraphQlClients;
import dev.fieldgate.sdk.spring.graphql.AppSyncReactiveGraphQlClients;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.client.HttpGraphQlClient;
import org.springframework.graphql.client.HttpSyncGraphQlClient;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Spring for GraphQL's HTTP clients for the API, when Spring for GraphQL is on the class path: an
 * {@link HttpSyncGraphQlClient} (on {@code RestClient}) and, with WebFlux, an {@link HttpGraphQlClient} (on
 * {@code WebClient}), both at the outputs file's endpoint and authorized as {@code fieldgate.default-authorization}
 * says (none when it is {@code none}).
 */
@AutoConfiguration(after = {FieldgateAutoConfiguration.class, FieldgateOAuth2AutoConfiguration.class})
@ConditionalOnClass({HttpSyncGraphQlClient.class, FieldgateConfig.class})
@ConditionalOnBean(FieldgateConfig.class)
@Conditional(OutputsFileConditions.HasApi.class)
public class FieldgateGraphQlClientAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public HttpSyncGraphQlClient fieldgateGraphQlClient(
            FieldgateConfig config,
            FieldgateProperties properties,
            ObjectProvider<CognitoUserPoolAuth> userPool,
            @Qualifier(FieldgateAutoConfiguration.GUEST_CREDENTIALS)
                    ObjectProvider<IdentityPoolCredentialsProvider> guest,
            ObjectProvider<AwsCredentialsProvider> credentials,
            @Qualifier(FieldgateAutoConfiguration.OAUTH2_USER_AUTHORIZER)
                    ObjectProvider<AppSyncAuthorizer> oauth2User) {
        return AppSyncGraphQlClients.sync(
                        config,
                        authorizer(FieldgateAutoConfiguration.defaultAuthorizer(
                                properties, userPool, guest, credentials, oauth2User)))
                .build();
    }

    /** The reactive client, when WebFlux is there too. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.web.reactive.function.client.WebClient")
    static class Reactive {

        @Bean
        @ConditionalOnMissingBean
        public HttpGraphQlClient fieldgateReactiveGraphQlClient(
                FieldgateConfig config,
                FieldgateProperties properties,
                ObjectProvider<CognitoUserPoolAuth> userPool,
                @Qualifier(FieldgateAutoConfiguration.GUEST_CREDENTIALS)
                        ObjectProvider<IdentityPoolCredentialsProvider> guest,
                ObjectProvider<AwsCredentialsProvider> credentials,
                @Qualifier(FieldgateAutoConfiguration.OAUTH2_USER_AUTHORIZER)
                        ObjectProvider<AppSyncAuthorizer> oauth2User) {
            return AppSyncReactiveGraphQlClients.of(
                            config,
                            authorizer(FieldgateAutoConfiguration.defaultAuthorizer(
                                    properties, userPool, guest, credentials, oauth2User)))
                    .build();
        }
    }

    /** With {@code none}, requests go out unauthorized and AppSync answers 401: say so at the first call. */
    private static AppSyncAuthorizer authorizer(AppSyncAuthorizer configured) {
        return configured != null
                ? configured
                : AppSyncAuthorizer.userPool(() -> {
                    throw new dev.fieldgate.sdk.FieldgateConfigException("fieldgate.default-authorization is none, "
                            + "so the GraphQL client beans cannot authorize; set it, or build a client with "
                            + "AppSyncGraphQlClients and an authorizer of your own.");
                });
    }
}
