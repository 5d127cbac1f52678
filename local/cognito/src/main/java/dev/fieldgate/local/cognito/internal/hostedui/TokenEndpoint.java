package dev.fieldgate.local.cognito.internal.hostedui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldgate.local.cognito.internal.userpool.UserPool;
import dev.fieldgate.local.core.internal.awsjson.AwsJson;
import dev.fieldgate.local.core.internal.awsjson.AwsServiceException;
import dev.fieldgate.local.core.internal.http.Cors;
import dev.fieldgate.local.core.internal.http.HttpExchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code /oauth2/token}: the authorization code (with PKCE), refresh token and client credentials grants, with the
 * client authenticated by HTTP Basic or by form fields.
 */
final class TokenEndpoint {

    private static final Pattern CODE_VERIFIER = Pattern.compile("[A-Za-z0-9\\-._~]{43,128}");
    private static final Set<String> STANDARD_SCOPES =
            Set.of("openid", "email", "phone", "profile", "aws.cognito.signin.user.admin");

    private final UserPool pool;
    private final AuthorizationCodes codes;

    TokenEndpoint(UserPool pool, AuthorizationCodes codes) {
        this.pool = pool;
        this.codes = codes;
    }

    void token(HttpExchange exchange) throws Exception {
        Cors.addResponseHeaders(exchange);
        exchange.setHeader("Cache-Control", "no-store");
        exchange.setHeader("Pragma", "no-cache");
        if (!exchange.method().equals("POST")) {
            OAuthSupport.oauthError(exchange, 405, "invalid_request");
            return;
        }
        if (!exchange.header("Content-Type")
                .orElse("")
                .toLowerCase(Locale.ROOT)
                .startsWith("application/x-www-form-urlencoded")) {
            OAuthSupport.oauthError(exchange, 400, "invalid_request");
            return;
        }
        Optional<String[]> basic = OAuthSupport.basicCredentials(exchange);
        String clientId =
                basic.map(b -> b[0]).orElse(exchange.formParam("client_id").orElse(null));
        String clientSecret =
                basic.map(b -> b[1]).orElse(exchange.formParam("client_secret").orElse(null));
        String formClientId = exchange.formParam("client_id").orElse(null);
        if (clientId == null || (formClientId != null && !formClientId.equals(clientId))) {
            OAuthSupport.oauthError(exchange, 400, "invalid_client");
            return;
        }
        Optional<UserPool.ClientRuntime> maybeClient = pool.client(clientId);
        if (maybeClient.isEmpty()) {
            OAuthSupport.oauthError(exchange, 400, "invalid_client");
            return;
        }
        UserPool.ClientRuntime client = maybeClient.get();
        if (client.hasSecret() && !pool.clientSecretMatches(client, clientSecret)) {
            OAuthSupport.oauthError(exchange, 400, "invalid_client");
            return;
        }
        String grantType = exchange.formParam("grant_type").orElse(null);
        if (grantType == null) {
            OAuthSupport.oauthError(exchange, 400, "invalid_request");
            return;
        }
        switch (grantType) {
            case "authorization_code" -> authorizationCodeGrant(exchange, client);
            case "refresh_token" -> refreshTokenGrant(exchange, client);
            case "client_credentials" -> clientCredentialsGrant(exchange, client);
            default -> OAuthSupport.oauthError(exchange, 400, "unsupported_grant_type");
        }
    }

    private void authorizationCodeGrant(HttpExchange exchange, UserPool.ClientRuntime client) throws Exception {
        if (!client.config().allowedOAuthFlows().contains("code")) {
            OAuthSupport.oauthError(exchange, 400, "unauthorized_client");
            return;
        }
        String codeValue = exchange.formParam("code").orElse(null);
        String redirectUri = exchange.formParam("redirect_uri").orElse(null);
        if (codeValue == null || redirectUri == null) {
            OAuthSupport.oauthError(exchange, 400, "invalid_request");
            return;
        }
        AuthorizationCodes.AuthorizationCode code = codes.redeem(codeValue).orElse(null);
        if (code == null
                || !code.clientId().equals(client.clientId())
                || !code.redirectUri().equals(redirectUri)) {
            OAuthSupport.oauthError(exchange, 400, "invalid_grant");
            return;
        }
        if (code.codeChallenge() != null) {
            String verifier = exchange.formParam("code_verifier").orElse(null);
            if (verifier == null
                    || !CODE_VERIFIER.matcher(verifier).matches()
                    || !OAuthSupport.constantTimeEquals(OAuthSupport.s256(verifier), code.codeChallenge())) {
                OAuthSupport.oauthError(exchange, 400, "invalid_grant");
                return;
            }
        }
        UserPool.Tokens tokens;
        try {
            // A code issued before the user was deleted, disabled or reset is worth nothing.
            tokens = pool.startSession(
                    client, code.username(), code.scopes(), code.scopes().contains("openid"), code.nonce(), true);
        } catch (AwsServiceException e) {
            OAuthSupport.oauthError(exchange, 400, "invalid_grant");
            return;
        }
        ObjectNode out = AwsJson.object();
        if (tokens.idToken() != null) {
            out.put("id_token", tokens.idToken());
        }
        out.put("access_token", tokens.accessToken());
        out.put("refresh_token", tokens.refreshToken());
        out.put("expires_in", tokens.expiresInSeconds());
        out.put("token_type", "Bearer");
        OAuthSupport.json(exchange, 200, out);
    }

    private void refreshTokenGrant(HttpExchange exchange, UserPool.ClientRuntime client) throws Exception {
        if (!client.allows("ALLOW_REFRESH_TOKEN_AUTH")) {
            OAuthSupport.oauthError(exchange, 400, "unauthorized_client");
            return;
        }
        String refreshToken = exchange.formParam("refresh_token").orElse(null);
        if (refreshToken == null) {
            OAuthSupport.oauthError(exchange, 400, "invalid_request");
            return;
        }
        UserPool.Tokens tokens;
        try {
            tokens = pool.refresh(client, refreshToken);
        } catch (UserPool.RefreshRejectedException e) {
            OAuthSupport.oauthError(exchange, 400, "invalid_grant");
            return;
        }
        ObjectNode out = AwsJson.object();
        if (tokens.idToken() != null) {
            out.put("id_token", tokens.idToken());
        }
        out.put("access_token", tokens.accessToken());
        out.put("expires_in", tokens.expiresInSeconds());
        out.put("token_type", "Bearer");
        OAuthSupport.json(exchange, 200, out);
    }

    private void clientCredentialsGrant(HttpExchange exchange, UserPool.ClientRuntime client) throws Exception {
        if (!client.hasSecret() || !client.config().allowedOAuthFlows().contains("client_credentials")) {
            OAuthSupport.oauthError(exchange, 400, "unauthorized_client");
            return;
        }
        List<String> allowed = client.config().allowedOAuthScopes().stream()
                .filter(s -> !STANDARD_SCOPES.contains(s))
                .sorted()
                .toList();
        List<String> scopes = new ArrayList<>();
        String requested = exchange.formParam("scope").orElse("").trim();
        if (requested.isEmpty()) {
            scopes.addAll(allowed);
        } else {
            for (String scope : requested.trim().split("\\s+", -1)) {
                if (!allowed.contains(scope)) {
                    OAuthSupport.oauthError(exchange, 400, "invalid_scope");
                    return;
                }
                scopes.add(scope);
            }
        }
        if (scopes.isEmpty()) {
            OAuthSupport.oauthError(exchange, 400, "invalid_scope");
            return;
        }
        ObjectNode out = AwsJson.object();
        out.put("access_token", pool.issueClientCredentialsToken(client, scopes));
        out.put("expires_in", client.config().accessTokenValidity().toSeconds());
        out.put("token_type", "Bearer");
        OAuthSupport.json(exchange, 200, out);
    }
}
