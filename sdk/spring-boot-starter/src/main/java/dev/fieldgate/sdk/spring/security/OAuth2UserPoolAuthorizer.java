package dev.fieldgate.sdk.spring.security;

import dev.fieldgate.sdk.AppSyncAuthorizer;
import dev.fieldgate.sdk.AppSyncHttpRequest;
import dev.fieldgate.sdk.AuthMode;
import dev.fieldgate.sdk.NotAuthenticatedException;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;

/**
 * User-pool authorization for a server-side web app whose users sign in through Spring Security's OAuth2 login
 * with the API's Cognito user pool: every request carries the access token of the user the current request
 * belongs to, taken from the app's {@link OAuth2AuthorizedClientManager} (which refreshes it when it has expired),
 * not one app-wide session. Reads the user from {@link SecurityContextHolder}, so call the client on the thread
 * that serves the user's request.
 *
 * <pre>{@code
 * AppSyncAuthorizer perUser = new OAuth2UserPoolAuthorizer(authorizedClientManager, "cognito");
 * Pin pin = client.execute(createPin, o -> o.authorizer(perUser)).data();
 * }</pre>
 */
public final class OAuth2UserPoolAuthorizer implements AppSyncAuthorizer {

    private final OAuth2AuthorizedClientManager clients;
    private final String registrationId;
    private final Supplier<Authentication> user;

    /**
     * @param clients        the app's authorized client manager
     * @param registrationId the client registration of the user pool ({@code spring.security.oauth2.client.
     *                       registration.<id>})
     */
    public OAuth2UserPoolAuthorizer(OAuth2AuthorizedClientManager clients, String registrationId) {
        this(clients, registrationId, () -> SecurityContextHolder.getContext().getAuthentication());
    }

    /** As above, with the user taken from elsewhere (a job acting for a user, a test). */
    public OAuth2UserPoolAuthorizer(
            OAuth2AuthorizedClientManager clients, String registrationId, Supplier<Authentication> user) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.registrationId = Objects.requireNonNull(registrationId, "registrationId");
        this.user = Objects.requireNonNull(user, "user");
    }

    /**
     * What an {@link OAuth2AuthorizedClientManager} for a Cognito user pool needs: the authorization code for sign-in
     * and the refresh token, sent with the {@code client_id} in the body as Cognito requires of app clients without
     * a secret (Spring Security's older default leaves it out for them).
     */
    public static OAuth2AuthorizedClientProvider cognitoAuthorizedClientProvider() {
        return OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode()
                .refreshToken(
                        refresh -> refresh.accessTokenResponseClient(new RestClientRefreshTokenTokenResponseClient()))
                .build();
    }

    @Override
    public AuthMode mode() {
        return AuthMode.AMAZON_COGNITO_USER_POOLS;
    }

    @Override
    public Map<String, String> authorize(AppSyncHttpRequest request) {
        Authentication principal = user.get();
        if (principal == null || !principal.isAuthenticated()) {
            throw new NotAuthenticatedException(
                    NotAuthenticatedException.Reason.NOT_SIGNED_IN,
                    "No signed-in user on this request: call the API from a request of a user who signed in with "
                            + "OAuth2 login (registration '" + registrationId + "'), or use another authorizer.");
        }
        OAuth2AuthorizedClient client;
        try {
            client = clients.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(registrationId)
                    .principal(principal)
                    .build());
        } catch (ClientAuthorizationException e) {
            throw new NotAuthenticatedException(
                    NotAuthenticatedException.Reason.SESSION_EXPIRED,
                    "The user's session with the user pool could not be renewed ("
                            + e.getError().getErrorCode() + "); sign the user in again.");
        }
        if (client == null) {
            throw new NotAuthenticatedException(
                    NotAuthenticatedException.Reason.NOT_SIGNED_IN,
                    "The signed-in user has no authorized client for registration '" + registrationId + "'; sign in "
                            + "through /oauth2/authorization/" + registrationId + ".");
        }
        return Map.of("Authorization", client.getAccessToken().getTokenValue());
    }

    @Override
    public String toString() {
        return "AppSyncAuthorizer[AMAZON_COGNITO_USER_POOLS, OAuth2 registration " + registrationId + "]";
    }
}
