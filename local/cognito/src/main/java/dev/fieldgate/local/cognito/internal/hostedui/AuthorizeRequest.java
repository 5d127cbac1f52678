package dev.fieldgate.local.cognito.internal.hostedui;

import dev.fieldgate.local.cognito.internal.userpool.UserPool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated authorization request. The pages carry its parameters ({@link #params()}) from {@code /oauth2/authorize}
 * through sign-in, sign-up and password reset, and validate them again on every step, so that no page can be used to
 * reach a redirect URI the client did not register.
 */
record AuthorizeRequest(
        UserPool.ClientRuntime client,
        String responseType,
        String redirectUri,
        String state,
        List<String> scopes,
        String codeChallenge,
        String nonce,
        Map<String, String> params) {

    private static final List<String> OAUTH_PARAMS = List.of(
            "client_id",
            "response_type",
            "redirect_uri",
            "state",
            "scope",
            "code_challenge",
            "code_challenge_method",
            "nonce",
            "identity_provider");

    /** The request cannot be answered by redirecting to the client (bad client id or redirect URI). */
    static final class PageError extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        PageError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /** The request is invalid, and the client learns it through its redirect URI. */
    static final class RedirectError extends Exception {
        private static final long serialVersionUID = 1L;
        private final String redirectUri;
        private final String error;
        private final String state;

        RedirectError(String redirectUri, String error, String state) {
            super(error, null, false, false);
            this.redirectUri = redirectUri;
            this.error = error;
            this.state = state;
        }

        String redirectUri() {
            return redirectUri;
        }

        String error() {
            return error;
        }

        String state() {
            return state;
        }
    }

    /** Validates the OAuth parameters of {@code query} the way Cognito does, in Cognito's order. */
    static AuthorizeRequest parse(UserPool pool, Map<String, List<String>> query) throws PageError, RedirectError {
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : OAUTH_PARAMS) {
            List<String> values = query.get(name);
            if (values != null && !values.isEmpty()) {
                params.put(name, values.get(0));
            }
        }
        String clientId = params.get("client_id");
        if (clientId == null) {
            throw new PageError(400, "Required String parameter 'client_id' is not present");
        }
        UserPool.ClientRuntime client = pool.client(clientId)
                .orElseThrow(() ->
                        new PageError(400, "Invalid client_id: the user pool has no app client " + clientId + "."));
        String redirectUri = params.get("redirect_uri");
        if (redirectUri == null || !client.config().callbackUrls().contains(redirectUri)) {
            throw new PageError(400, "redirect_mismatch: redirect_uri is not one of the client's callback URLs.");
        }
        String state = params.get("state");
        Set<String> flows = client.config().allowedOAuthFlows();
        if (!flows.contains("code") && !flows.contains("implicit")) {
            throw new RedirectError(redirectUri, "unauthorized_client", state);
        }
        String responseType = params.get("response_type");
        if (responseType == null) {
            throw new RedirectError(redirectUri, "invalid_request", state);
        }
        if (!responseType.equals("code") && !responseType.equals("token")) {
            throw new RedirectError(redirectUri, "unsupported_response_type", state);
        }
        if (!flows.contains(responseType.equals("code") ? "code" : "implicit")) {
            throw new RedirectError(redirectUri, "unauthorized_client", state);
        }
        String challenge = params.get("code_challenge");
        String method = params.get("code_challenge_method");
        if ((challenge != null || method != null)
                && (challenge == null || !"S256".equals(method) || !challenge.matches("[A-Za-z0-9\\-_]{43}"))) {
            throw new RedirectError(redirectUri, "invalid_request", state);
        }
        String provider = params.get("identity_provider");
        if (provider != null && !provider.equals("COGNITO")) {
            throw new RedirectError(redirectUri, "invalid_request", state);
        }
        List<String> scopes = scopes(client, params.get("scope"));
        if (scopes.isEmpty()) {
            throw new RedirectError(redirectUri, "invalid_scope", state);
        }
        return new AuthorizeRequest(
                client, responseType, redirectUri, state, scopes, challenge, params.get("nonce"), params);
    }

    private static List<String> scopes(UserPool.ClientRuntime client, String requested) {
        List<String> scopes = new ArrayList<>();
        if (requested == null || requested.isBlank()) {
            scopes.addAll(client.config().allowedOAuthScopes().stream().sorted().toList());
        } else {
            for (String scope : new LinkedHashSet<>(List.of(requested.trim().split("\\s+")))) {
                // Scopes the client may not request are dropped, as Cognito does.
                if (client.config().allowedOAuthScopes().contains(scope)) {
                    scopes.add(scope);
                }
            }
        }
        boolean hasOpenId = scopes.contains("openid");
        scopes.removeIf(s -> !hasOpenId && (s.equals("email") || s.equals("phone") || s.equals("profile")));
        return scopes;
    }
}
