package dev.fieldgate.local.cognito.internal.hostedui;

import dev.fieldgate.local.cognito.internal.userpool.UserPool;
import dev.fieldgate.local.core.internal.http.HttpExchange;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /oauth2/authorize}: the code flow (with PKCE S256) and the implicit flow. A browser with a hosted session
 * goes straight back to the client; any other is sent to the login page with the request's parameters.
 */
final class AuthorizeEndpoint {

    private final UserPool pool;
    private final HostedSessions sessions;
    private final AuthorizationCodes codes;
    private final HostedUiPages pages;

    AuthorizeEndpoint(UserPool pool, HostedSessions sessions, AuthorizationCodes codes, HostedUiPages pages) {
        this.pool = pool;
        this.sessions = sessions;
        this.codes = codes;
        this.pages = pages;
    }

    void authorize(HttpExchange exchange) {
        if (!exchange.method().equals("GET")) {
            pages.message(exchange, 405, "Method not allowed", "Use GET.");
            return;
        }
        Optional<AuthorizeRequest> request = request(exchange);
        if (request.isEmpty()) {
            return;
        }
        Optional<String> username = sessions.signedInUser(exchange);
        if (username.isPresent()) {
            if (pool.mayReceiveTokens(username.get())) {
                complete(exchange, request.get(), username.get());
                return;
            }
            // Deleted, disabled or reset since the session began: it signs no one in any more.
            sessions.end(exchange);
        }
        exchange.redirect("/login?" + OAuthSupport.query(request.get().params()));
    }

    /**
     * The authorization request in the exchange's query, or empty when it is invalid and the answer has been given:
     * an error page, or a redirect that tells the client.
     */
    Optional<AuthorizeRequest> request(HttpExchange exchange) {
        try {
            return Optional.of(AuthorizeRequest.parse(pool, exchange.queryParams()));
        } catch (AuthorizeRequest.PageError e) {
            pages.message(exchange, e.status(), HostedUiPages.ERROR_TITLE, e.getMessage());
        } catch (AuthorizeRequest.RedirectError e) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("error", e.error());
            if (e.state() != null) {
                params.put("state", e.state());
            }
            exchange.redirect(OAuthSupport.appendQuery(e.redirectUri(), params));
        }
        return Optional.empty();
    }

    /** Answers the request for a signed-in user: a code in the query, or tokens in the fragment. */
    void complete(HttpExchange exchange, AuthorizeRequest request, String username) {
        if (request.responseType().equals("code")) {
            Map<String, String> response = new LinkedHashMap<>();
            response.put("code", codes.issue(request, username));
            if (request.state() != null) {
                response.put("state", request.state());
            }
            exchange.redirect(OAuthSupport.appendQuery(request.redirectUri(), response));
            return;
        }
        UserPool.Tokens tokens = pool.startSession(
                request.client(),
                username,
                request.scopes(),
                request.scopes().contains("openid"),
                request.nonce(),
                true);
        Map<String, String> fragment = new LinkedHashMap<>();
        if (tokens.idToken() != null) {
            fragment.put("id_token", tokens.idToken());
        }
        fragment.put("access_token", tokens.accessToken());
        fragment.put("expires_in", Long.toString(tokens.expiresInSeconds()));
        fragment.put("token_type", "Bearer");
        if (request.state() != null) {
            fragment.put("state", request.state());
        }
        exchange.redirect(request.redirectUri() + "#" + OAuthSupport.query(fragment));
    }
}
