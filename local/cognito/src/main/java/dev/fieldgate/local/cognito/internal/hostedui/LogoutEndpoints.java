package dev.fieldgate.local.cognito.internal.hostedui;

import dev.fieldgate.local.cognito.internal.userpool.UserPool;
import dev.fieldgate.local.core.internal.http.Cors;
import dev.fieldgate.local.core.internal.http.HttpExchange;
import java.util.Optional;

/**
 * {@code /logout}, which ends the hosted session and redirects only to a registered sign-out URL (or back to the
 * login page), and {@code /oauth2/revoke}, which revokes a refresh token.
 */
final class LogoutEndpoints {

    private final UserPool pool;
    private final AuthorizeEndpoint authorize;
    private final HostedSessions sessions;
    private final HostedUiPages pages;

    LogoutEndpoints(UserPool pool, AuthorizeEndpoint authorize, HostedSessions sessions, HostedUiPages pages) {
        this.pool = pool;
        this.authorize = authorize;
        this.sessions = sessions;
        this.pages = pages;
    }

    void logout(HttpExchange exchange) {
        String clientId = exchange.queryParam("client_id").orElse(null);
        Optional<UserPool.ClientRuntime> client = pool.client(clientId);
        if (client.isEmpty()) {
            pages.message(
                    exchange,
                    400,
                    HostedUiPages.ERROR_TITLE,
                    "Required String parameter 'client_id' is not present or not valid.");
            return;
        }
        Optional<String> logoutUri = exchange.queryParam("logout_uri");
        if (logoutUri.isPresent()) {
            if (!client.get().config().logoutUrls().contains(logoutUri.get())) {
                pages.message(
                        exchange,
                        400,
                        HostedUiPages.ERROR_TITLE,
                        "Invalid logout_uri: it is not one of the client's sign-out URLs.");
                return;
            }
            sessions.end(exchange);
            exchange.redirect(logoutUri.get());
            return;
        }
        if (exchange.queryParam("redirect_uri").isPresent()
                && exchange.queryParam("response_type").isPresent()) {
            Optional<AuthorizeRequest> request = authorize.request(exchange);
            if (request.isPresent()) {
                sessions.end(exchange);
                exchange.redirect("/login?" + OAuthSupport.query(request.get().params()));
            }
            return;
        }
        pages.message(
                exchange,
                400,
                HostedUiPages.ERROR_TITLE,
                "Required parameter logout_uri, or redirect_uri with response_type, is not present.");
    }

    void revoke(HttpExchange exchange) throws Exception {
        Cors.addResponseHeaders(exchange);
        if (!exchange.method().equals("POST")) {
            OAuthSupport.oauthError(exchange, 405, "invalid_request");
            return;
        }
        String token = exchange.formParam("token").orElse(null);
        Optional<String[]> basic = OAuthSupport.basicCredentials(exchange);
        String clientId =
                basic.map(b -> b[0]).orElse(exchange.formParam("client_id").orElse(null));
        String clientSecret =
                basic.map(b -> b[1]).orElse(exchange.formParam("client_secret").orElse(null));
        Optional<UserPool.ClientRuntime> client = pool.client(clientId);
        if (client.isEmpty() || (client.get().hasSecret() && !pool.clientSecretMatches(client.get(), clientSecret))) {
            OAuthSupport.oauthError(exchange, 401, "invalid_client");
            return;
        }
        if (token == null || !client.get().config().enableTokenRevocation()) {
            OAuthSupport.oauthError(exchange, 400, "invalid_request");
            return;
        }
        if (!UserPool.looksLikeRefreshToken(token)) {
            OAuthSupport.oauthError(exchange, 400, "unsupported_token_type");
            return;
        }
        pool.revokeRefreshToken(client.get(), token);
        exchange.respond(200, null, new byte[0]);
    }
}
