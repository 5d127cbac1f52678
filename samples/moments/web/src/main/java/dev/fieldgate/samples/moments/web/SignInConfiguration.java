package dev.fieldgate.samples.moments.web;

import dev.fieldgate.sdk.FieldgateConfig;
import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Sign-in through the user pool's hosted UI, configured from the outputs file: the app client is public (no secret),
 * so Spring Security runs the authorization-code flow with PKCE (S256); the ID token is checked against the pool's
 * issuer and JWKS. Every page needs a signed-in user.
 */
@Configuration(proxyBeanMethods = false)
public class SignInConfiguration {

    /** The registration id, as {@code fieldgate.oauth2.registration-id} names it. */
    public static final String REGISTRATION = "cognito";

    @Bean
    ClientRegistrationRepository clientRegistrations(FieldgateConfig config) {
        String poolId = config.userPoolId()
                .orElseThrow(() -> new IllegalStateException("The outputs file has no user pool (auth.user_pool_id)."));
        FieldgateConfig.OAuthSettings oauth = config.oauth()
                .orElseThrow(() -> new IllegalStateException(
                        "The outputs file has no hosted UI (auth.oauth): give the app client a domain and the code flow."));
        String issuer = "https://cognito-idp." + config.region() + ".amazonaws.com/" + poolId;
        // On AWS the keys are at the issuer; against a local stack, at the stack's Cognito endpoint.
        String keys = config.endpointOverride(FieldgateConfig.COGNITO_IDP)
                        .map(URI::toString)
                        .map(e -> (e.endsWith("/") ? e : e + "/") + poolId)
                        .orElse(issuer)
                + "/.well-known/jwks.json";
        String base = oauth.baseUri().toString().replaceAll("/+$", "");
        ClientRegistration cognito = ClientRegistration.withRegistrationId(REGISTRATION)
                .clientName("Moments")
                .clientId(config.userPoolClientId().orElseThrow())
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "email", "profile")
                .authorizationUri(base + "/oauth2/authorize")
                .tokenUri(base + "/oauth2/token")
                .userNameAttributeName("sub")
                .jwkSetUri(keys)
                .issuerUri(issuer)
                .build();
        return new InMemoryClientRegistrationRepository(cognito);
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .oauth2Login(Customizer.withDefaults())
                .logout(logout -> logout.logoutSuccessUrl("/"));
        return http.build();
    }
}
