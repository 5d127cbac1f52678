package dev.fieldgate.local.cognito.internal.hostedui;

import dev.fieldgate.local.cognito.internal.userpool.UserPool;
import dev.fieldgate.local.core.internal.awsjson.AwsServiceException;
import dev.fieldgate.local.core.internal.http.HttpExchange;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /login}: sign-in with username and password, and the new-password challenge of an invited user on the same
 * form. Success starts a hosted session and answers the authorization request; an unconfirmed user is sent to
 * {@code /confirmUser}.
 */
final class LoginFlow {

    private final UserPool pool;
    private final AuthorizeEndpoint authorize;
    private final HostedSessions sessions;
    private final HostedUiPages pages;

    LoginFlow(UserPool pool, AuthorizeEndpoint authorize, HostedSessions sessions, HostedUiPages pages) {
        this.pool = pool;
        this.authorize = authorize;
        this.sessions = sessions;
        this.pages = pages;
    }

    void login(HttpExchange exchange) throws Exception {
        Optional<AuthorizeRequest> maybeRequest = authorize.request(exchange);
        if (maybeRequest.isEmpty()) {
            return;
        }
        AuthorizeRequest request = maybeRequest.get();
        if (exchange.method().equals("GET")) {
            pages.login(exchange, request, null, null);
            return;
        }
        if (!exchange.method().equals("POST") || !sessions.csrfValid(exchange)) {
            pages.formExpired(exchange);
            return;
        }
        String challengeSession = exchange.formParam("challenge_session").orElse(null);
        try {
            UserPool.SignIn signIn;
            if (challengeSession != null) {
                String newPassword = exchange.formParam("new_password").orElse("");
                String confirm = exchange.formParam("confirm_password").orElse("");
                if (!newPassword.equals(confirm)) {
                    pages.newPassword(
                            exchange,
                            request,
                            challengeSession,
                            exchange.formParam("username").orElse(""),
                            "The passwords do not match.");
                    return;
                }
                signIn = pool.respondToNewPassword(
                        request.client(),
                        challengeSession,
                        exchange.formParam("username").orElse(null),
                        newPassword,
                        Map.of(),
                        null);
            } else {
                String username = exchange.formParam("username").orElse("").trim();
                String password = exchange.formParam("password").orElse("");
                if (username.isEmpty() || password.isEmpty()) {
                    pages.login(exchange, request, username, "Enter your username and password.");
                    return;
                }
                signIn = pool.passwordSignIn(request.client(), username, password);
            }
            if (signIn instanceof UserPool.SignIn.NewPasswordRequired challenge) {
                pages.newPassword(
                        exchange, request, challenge.session(), challenge.user().username(), null);
                return;
            }
            String username = ((UserPool.SignIn.Authenticated) signIn).user().username();
            sessions.start(exchange, username);
            authorize.complete(exchange, request, username);
        } catch (AwsServiceException e) {
            if (e.type().equals("UserNotConfirmedException")) {
                Map<String, String> params = new LinkedHashMap<>(request.params());
                params.put("username", exchange.formParam("username").orElse(""));
                exchange.redirect("/confirmUser?" + OAuthSupport.query(params));
                return;
            }
            if (challengeSession != null && e.type().equals("InvalidPasswordException")) {
                pages.newPassword(
                        exchange,
                        request,
                        challengeSession,
                        exchange.formParam("username").orElse(""),
                        e.getMessage());
                return;
            }
            pages.login(exchange, request, exchange.formParam("username").orElse(""), e.getMessage());
        }
    }
}
