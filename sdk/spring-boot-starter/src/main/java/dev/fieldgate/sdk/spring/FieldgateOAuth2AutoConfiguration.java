package dev.fieldgate.sdk.spring;

import dev.fieldgate.sdk.spring.security.OAuth2UserPoolAuthorizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;

/**
 * Per-user authorization for server-side web apps with Spring Security's OAuth2 login against the API's user pool:
 * with {@code fieldgate.oauth2.registration-id} set, an {@link OAuth2UserPoolAuthorizer} bean
 * ({@value FieldgateAutoConfiguration#OAUTH2_USER_AUTHORIZER}) that authorizes each call with the access token of
 * the current request's user, and {@code fieldgate.default-authorization=oauth2-user} makes it the client's default.
 * A servlet app that defines no {@link OAuth2AuthorizedClientManager} gets one that refreshes expired tokens.
 */
@AutoConfiguration(
        before = FieldgateAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.autoconfigure.security.oauth2.client.OAuth2ClientAutoConfiguration",
            "org.springframework.boot.autoconfigure.security.oauth2.client.servlet.OAuth2ClientAutoConfiguration",
            "org.springframework.boot.autoconfigure.security.oauth2.client.servlet."
                    + "OAuth2ClientWebSecurityAutoConfiguration"
        })
@ConditionalOnClass(OAuth2AuthorizedClientManager.class)
@ConditionalOnProperty(prefix = "fieldgate.oauth2", name = "registration-id")
@EnableConfigurationProperties(FieldgateProperties.class)
public class FieldgateOAuth2AutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnBean({ClientRegistrationRepository.class, OAuth2AuthorizedClientRepository.class})
    public OAuth2AuthorizedClientManager fieldgateAuthorizedClientManager(
            ClientRegistrationRepository registrations, OAuth2AuthorizedClientRepository authorizedClients) {
        DefaultOAuth2AuthorizedClientManager manager =
                new DefaultOAuth2AuthorizedClientManager(registrations, authorizedClients);
        manager.setAuthorizedClientProvider(OAuth2UserPoolAuthorizer.cognitoAuthorizedClientProvider());
        return manager;
    }

    @Bean(name = FieldgateAutoConfiguration.OAUTH2_USER_AUTHORIZER)
    @ConditionalOnMissingBean(name = FieldgateAutoConfiguration.OAUTH2_USER_AUTHORIZER)
    @ConditionalOnBean(OAuth2AuthorizedClientManager.class)
    public OAuth2UserPoolAuthorizer fieldgateOAuth2UserAuthorizer(
            OAuth2AuthorizedClientManager clients, FieldgateProperties properties) {
        return new OAuth2UserPoolAuthorizer(clients, properties.getOauth2().getRegistrationId());
    }
}
