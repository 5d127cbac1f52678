package dev.fieldgate.local.cognito.internal.hostedui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldgate.local.core.internal.awsjson.AwsJson;
import dev.fieldgate.local.core.internal.awsjson.AwsServiceException;
import dev.fieldgate.local.cognito.internal.userpool.UserPool;
import dev.fieldgate.local.core.internal.http.Cors;
import dev.fieldgate.local.core.internal.http.ExchangeHandler;
import dev.fieldgate.local.core.internal.http.HttpExchange;
import dev.fieldgate.local.core.internal.http.Router;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The hosted UI and OAuth 2.0 endpoints of the user pool: {@code /oauth2/authorize} (code flow with PKCE S256,
 * implicit flow), the {@code /login}, {@code /signup}, {@code /confirmUser}, {@code /forgotPassword} and
 * {@code /confirmForgotPassword} pages, {@code /oauth2/token}, {@code /oauth2/userInfo}, {@code /logout} and
 * {@code /oauth2/revoke}. Pages are plain HTML forms protected by a double-submit CSRF token.
 */
public final class HostedUi {

    private static final Duration CODE_VALIDITY = Duration.ofMinutes(5);
    private static final Duration SESSION_VALIDITY = Duration.ofHours(1);
    private static final String SESSION_COOKIE = "cognito";
    private static final String CSRF_COOKIE = "XSRF-TOKEN";
    private static final Pattern CODE_VERIFIER = Pattern.compile("[A-Za-z0-9\\-._~]{43,128}");
    private static final Set<String> STANDARD_SCOPES =
            Set.of("openid", "email", "phone", "profile", "aws.cognito.signin.user.admin");
    private static final List<String> OAUTH_PARAMS = List.of("client_id", "response_type", "redirect_uri", "state",
            "scope", "code_challenge", "code_challenge_method", "nonce", "identity_provider");

    private final UserPool pool;
    private final Clock clock;
    private final Supplier<URI> baseUri;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, HostedSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, AuthorizationCode> codes = new ConcurrentHashMap<>();

    private record HostedSession(String username, Instant expires) {
    }

    private record AuthorizationCode(String clientId, String redirectUri, String username, List<String> scopes,
            String codeChallenge, String nonce, Instant expires) {
    }

    /** A validated authorization request. */
    private record AuthorizeRequest(UserPool.ClientRuntime client, String responseType, String redirectUri,
            String state, List<String> scopes, String codeChallenge, String nonce, Map<String, String> params) {
    }

    /** The request cannot be answered by redirecting to the client (bad client id or redirect URI). */
    private static final class PageError extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        PageError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /** The request is invalid, and the client learns it through its redirect URI. */
    private static final class RedirectError extends Exception {
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
    }

    public HostedUi(UserPool pool, Clock clock, Supplier<URI> baseUri) {
        this.pool = pool;
        this.clock = clock;
        this.baseUri = baseUri;
    }

    public void registerInto(Router router) {
        router.addPath("/oauth2/authorize", ((ExchangeHandler) this::authorize).asJettyHandler());
        router.addPath("/authorize", ((ExchangeHandler) this::authorize).asJettyHandler());
        router.addPath("/login", ((ExchangeHandler) this::login).asJettyHandler());
        router.addPath("/signup", ((ExchangeHandler) this::signup).asJettyHandler());
        router.addPath("/confirmUser", ((ExchangeHandler) this::confirmUser).asJettyHandler());
        router.addPath("/forgotPassword", ((ExchangeHandler) this::forgotPassword).asJettyHandler());
        router.addPath("/confirmForgotPassword", ((ExchangeHandler) this::confirmForgotPassword).asJettyHandler());
        router.addPath("/oauth2/token", ((ExchangeHandler) this::token).asJettyHandler());
        router.addPath("/oauth2/userInfo", ((ExchangeHandler) this::userInfo).asJettyHandler());
        router.addPath("/logout", ((ExchangeHandler) this::logout).asJettyHandler());
        router.addPath("/oauth2/revoke", ((ExchangeHandler) this::revoke).asJettyHandler());
    }

    // ------------------------------------------------------------------ /oauth2/authorize

    private void authorize(HttpExchange exchange) {
        if (!exchange.method().equals("GET")) {
            page(exchange, 405, "Method not allowed", "<p>Use GET.</p>");
            return;
        }
        try {
            AuthorizeRequest request = authorizeRequest(exchange.queryParams());
            Optional<HostedSession> session = currentSession(exchange);
            if (session.isPresent() && pool.findUserView(session.get().username()).isPresent()) {
                completeAuthorization(exchange, request, session.get().username());
                return;
            }
            exchange.redirect("/login?" + query(request.params()));
        } catch (PageError e) {
            page(exchange, e.status, "An error was encountered with the requested page.", "<p>" + html(e.getMessage())
                    + "</p>");
        } catch (RedirectError e) {
            redirectError(exchange, e);
        }
    }

    private AuthorizeRequest authorizeRequest(Map<String, List<String>> query) throws PageError, RedirectError {
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
        UserPool.ClientRuntime client = pool.client(clientId).orElseThrow(() -> new PageError(400,
                "Invalid client_id: the user pool has no app client " + clientId + "."));
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
        if ((challenge != null || method != null) && (challenge == null || !"S256".equals(method)
                || !challenge.matches("[A-Za-z0-9\\-_]{43}"))) {
            throw new RedirectError(redirectUri, "invalid_request", state);
        }
        String provider = params.get("identity_provider");
        if (provider != null && !provider.equals("COGNITO")) {
            throw new RedirectError(redirectUri, "invalid_request", state);
        }
        List<String> scopes = new ArrayList<>();
        String requested = params.get("scope");
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
        if (scopes.isEmpty()) {
            throw new RedirectError(redirectUri, "invalid_scope", state);
        }
        return new AuthorizeRequest(client, responseType, redirectUri, state, scopes, challenge, params.get("nonce"),
                params);
    }

    private void completeAuthorization(HttpExchange exchange, AuthorizeRequest request, String username) {
        if (request.responseType().equals("code")) {
            String code = java.util.UUID.randomUUID().toString();
            codes.values().removeIf(c -> !c.expires().isAfter(clock.instant()));
            codes.put(code, new AuthorizationCode(request.client().clientId(), request.redirectUri(), username,
                    request.scopes(), request.codeChallenge(), request.nonce(), clock.instant().plus(CODE_VALIDITY)));
            Map<String, String> response = new LinkedHashMap<>();
            response.put("code", code);
            if (request.state() != null) {
                response.put("state", request.state());
            }
            exchange.redirect(appendQuery(request.redirectUri(), response));
            return;
        }
        UserPool.Tokens tokens = pool.startSession(request.client(), username, request.scopes(),
                request.scopes().contains("openid"), request.nonce(), true);
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
        exchange.redirect(request.redirectUri() + "#" + query(fragment));
    }

    // ------------------------------------------------------------------ /login and the other pages

    private void login(HttpExchange exchange) throws Exception {
        AuthorizeRequest request;
        try {
            request = authorizeRequest(exchange.queryParams());
        } catch (PageError e) {
            page(exchange, e.status, "An error was encountered with the requested page.", "<p>"
                    + html(e.getMessage()) + "</p>");
            return;
        } catch (RedirectError e) {
            redirectError(exchange, e);
            return;
        }
        if (exchange.method().equals("GET")) {
            loginPage(exchange, request, null, null);
            return;
        }
        if (!exchange.method().equals("POST") || !csrfValid(exchange)) {
            page(exchange, 403, "Forbidden", "<p>The form has expired. Reload the page and try again.</p>");
            return;
        }
        String challengeSession = exchange.formParam("challenge_session").orElse(null);
        try {
            UserPool.SignIn signIn;
            if (challengeSession != null) {
                String newPassword = exchange.formParam("new_password").orElse("");
                String confirm = exchange.formParam("confirm_password").orElse("");
                if (!newPassword.equals(confirm)) {
                    newPasswordPage(exchange, request, challengeSession,
                            exchange.formParam("username").orElse(""), "The passwords do not match.");
                    return;
                }
                signIn = pool.respondToNewPassword(request.client(), challengeSession,
                        exchange.formParam("username").orElse(null), newPassword, Map.of(), null);
            } else {
                String username = exchange.formParam("username").orElse("").trim();
                String password = exchange.formParam("password").orElse("");
                if (username.isEmpty() || password.isEmpty()) {
                    loginPage(exchange, request, username, "Enter your username and password.");
                    return;
                }
                signIn = pool.passwordSignIn(request.client(), username, password);
            }
            if (signIn instanceof UserPool.SignIn.NewPasswordRequired challenge) {
                newPasswordPage(exchange, request, challenge.session(), challenge.user().username(), null);
                return;
            }
            String username = ((UserPool.SignIn.Authenticated) signIn).user().username();
            startHostedSession(exchange, username);
            completeAuthorization(exchange, request, username);
        } catch (AwsServiceException e) {
            if (e.type().equals("UserNotConfirmedException")) {
                Map<String, String> params = new LinkedHashMap<>(request.params());
                params.put("username", exchange.formParam("username").orElse(""));
                exchange.redirect("/confirmUser?" + query(params));
                return;
            }
            if (challengeSession != null && e.type().equals("InvalidPasswordException")) {
                newPasswordPage(exchange, request, challengeSession, exchange.formParam("username").orElse(""),
                        e.getMessage());
                return;
            }
            loginPage(exchange, request, exchange.formParam("username").orElse(""), e.getMessage());
        }
    }

    private void signup(HttpExchange exchange) throws Exception {
        AuthorizeRequest request = pageRequest(exchange);
        if (request == null) {
            return;
        }
        List<String> extra = extraSignUpAttributes();
        if (exchange.method().equals("GET")) {
            signupPage(exchange, request, extra, null);
            return;
        }
        if (!csrfValid(exchange)) {
            page(exchange, 403, "Forbidden", "<p>The form has expired. Reload the page and try again.</p>");
            return;
        }
        String username = exchange.formParam("username").orElse("").trim();
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String attr : extra) {
            exchange.formParam(attr).filter(v -> !v.isBlank()).ifPresent(v -> attributes.put(attr, v.trim()));
        }
        try {
            pool.signUp(request.client(), username, exchange.formParam("password").orElse(""), attributes);
        } catch (AwsServiceException e) {
            signupPage(exchange, request, extra, e.getMessage());
            return;
        }
        Map<String, String> params = new LinkedHashMap<>(request.params());
        params.put("username", username);
        exchange.redirect("/confirmUser?" + query(params));
    }

    private void confirmUser(HttpExchange exchange) throws Exception {
        AuthorizeRequest request = pageRequest(exchange);
        if (request == null) {
            return;
        }
        String username = exchange.queryParam("username").orElse(exchange.formParam("username").orElse(""));
        if (exchange.method().equals("GET")) {
            codePage(exchange, request, "/confirmUser", "Confirm your account",
                    "We have sent a code by email. Enter it below to confirm your account.", username, false, null);
            return;
        }
        if (!csrfValid(exchange)) {
            page(exchange, 403, "Forbidden", "<p>The form has expired. Reload the page and try again.</p>");
            return;
        }
        try {
            if (exchange.formParam("resend").isPresent()) {
                pool.resendConfirmationCode(request.client(), username);
                codePage(exchange, request, "/confirmUser", "Confirm your account", "A new code has been sent.",
                        username, false, null);
                return;
            }
            pool.confirmSignUp(request.client(), username, exchange.formParam("code").orElse(""));
        } catch (AwsServiceException e) {
            codePage(exchange, request, "/confirmUser", "Confirm your account",
                    "Enter the code we sent to confirm your account.", username, false, e.getMessage());
            return;
        }
        exchange.redirect("/login?" + query(request.params()));
    }

    private void forgotPassword(HttpExchange exchange) throws Exception {
        AuthorizeRequest request = pageRequest(exchange);
        if (request == null) {
            return;
        }
        if (exchange.method().equals("GET")) {
            forgotPasswordPage(exchange, request, null);
            return;
        }
        if (!csrfValid(exchange)) {
            page(exchange, 403, "Forbidden", "<p>The form has expired. Reload the page and try again.</p>");
            return;
        }
        String username = exchange.formParam("username").orElse("").trim();
        try {
            pool.forgotPassword(request.client(), username);
        } catch (AwsServiceException e) {
            forgotPasswordPage(exchange, request, e.getMessage());
            return;
        }
        Map<String, String> params = new LinkedHashMap<>(request.params());
        params.put("username", username);
        exchange.redirect("/confirmForgotPassword?" + query(params));
    }

    private void confirmForgotPassword(HttpExchange exchange) throws Exception {
        AuthorizeRequest request = pageRequest(exchange);
        if (request == null) {
            return;
        }
        String username = exchange.queryParam("username").orElse(exchange.formParam("username").orElse(""));
        if (exchange.method().equals("GET")) {
            codePage(exchange, request, "/confirmForgotPassword", "Reset your password",
                    "We have sent a password reset code by email. Enter it below with your new password.", username,
                    true, null);
            return;
        }
        if (!csrfValid(exchange)) {
            page(exchange, 403, "Forbidden", "<p>The form has expired. Reload the page and try again.</p>");
            return;
        }
        String password = exchange.formParam("password").orElse("");
        if (!password.equals(exchange.formParam("confirm_password").orElse(""))) {
            codePage(exchange, request, "/confirmForgotPassword", "Reset your password",
                    "Enter the code and your new password.", username, true, "The passwords do not match.");
            return;
        }
        try {
            pool.confirmForgotPassword(request.client(), username, exchange.formParam("code").orElse(""), password);
        } catch (AwsServiceException e) {
            codePage(exchange, request, "/confirmForgotPassword", "Reset your password",
                    "Enter the code and your new password.", username, true, e.getMessage());
            return;
        }
        exchange.redirect("/login?" + query(request.params()));
    }

    private AuthorizeRequest pageRequest(HttpExchange exchange) {
        try {
            return authorizeRequest(exchange.queryParams());
        } catch (PageError e) {
            page(exchange, e.status, "An error was encountered with the requested page.", "<p>" + html(e.getMessage())
                    + "</p>");
        } catch (RedirectError e) {
            redirectError(exchange, e);
        }
        return null;
    }

    private List<String> extraSignUpAttributes() {
        List<String> extra = new ArrayList<>();
        for (String attr : pool.config().requiredAttributes()) {
            if (!pool.config().usernameAttributes().contains(attr)) {
                extra.add(attr);
            }
        }
        if (pool.config().usernameAttributes().isEmpty() && !extra.contains("email")) {
            extra.add("email");
        }
        return extra;
    }

    // ------------------------------------------------------------------ /oauth2/token

    private void token(HttpExchange exchange) throws Exception {
        Cors.addResponseHeaders(exchange);
        exchange.setHeader("Cache-Control", "no-store");
        exchange.setHeader("Pragma", "no-cache");
        if (!exchange.method().equals("POST")) {
            oauthError(exchange, 405, "invalid_request");
            return;
        }
        if (!exchange.header("Content-Type").orElse("").toLowerCase(java.util.Locale.ROOT)
                .startsWith("application/x-www-form-urlencoded")) {
            oauthError(exchange, 400, "invalid_request");
            return;
        }
        Optional<String[]> basic = basicCredentials(exchange);
        String clientId = basic.map(b -> b[0]).orElse(exchange.formParam("client_id").orElse(null));
        String clientSecret = basic.map(b -> b[1]).orElse(exchange.formParam("client_secret").orElse(null));
        String formClientId = exchange.formParam("client_id").orElse(null);
        if (clientId == null || (formClientId != null && !formClientId.equals(clientId))) {
            oauthError(exchange, 400, "invalid_client");
            return;
        }
        Optional<UserPool.ClientRuntime> maybeClient = pool.client(clientId);
        if (maybeClient.isEmpty()) {
            oauthError(exchange, 400, "invalid_client");
            return;
        }
        UserPool.ClientRuntime client = maybeClient.get();
        if (client.hasSecret() && !pool.clientSecretMatches(client, clientSecret)) {
            oauthError(exchange, 400, "invalid_client");
            return;
        }
        String grantType = exchange.formParam("grant_type").orElse(null);
        if (grantType == null) {
            oauthError(exchange, 400, "invalid_request");
            return;
        }
        switch (grantType) {
            case "authorization_code" -> authorizationCodeGrant(exchange, client);
            case "refresh_token" -> refreshTokenGrant(exchange, client);
            case "client_credentials" -> clientCredentialsGrant(exchange, client);
            default -> oauthError(exchange, 400, "unsupported_grant_type");
        }
    }

    private void authorizationCodeGrant(HttpExchange exchange, UserPool.ClientRuntime client) throws Exception {
        if (!client.config().allowedOAuthFlows().contains("code")) {
            oauthError(exchange, 400, "unauthorized_client");
            return;
        }
        String codeValue = exchange.formParam("code").orElse(null);
        String redirectUri = exchange.formParam("redirect_uri").orElse(null);
        if (codeValue == null || redirectUri == null) {
            oauthError(exchange, 400, "invalid_request");
            return;
        }
        // A code is good for one attempt, successful or not.
        AuthorizationCode code = codes.remove(codeValue);
        if (code == null || !code.expires().isAfter(clock.instant()) || !code.clientId().equals(client.clientId())
                || !code.redirectUri().equals(redirectUri)) {
            oauthError(exchange, 400, "invalid_grant");
            return;
        }
        if (code.codeChallenge() != null) {
            String verifier = exchange.formParam("code_verifier").orElse(null);
            if (verifier == null || !CODE_VERIFIER.matcher(verifier).matches()
                    || !constantTimeEquals(s256(verifier), code.codeChallenge())) {
                oauthError(exchange, 400, "invalid_grant");
                return;
            }
        }
        if (pool.findUserView(code.username()).isEmpty()) {
            oauthError(exchange, 400, "invalid_grant");
            return;
        }
        UserPool.Tokens tokens = pool.startSession(client, code.username(), code.scopes(),
                code.scopes().contains("openid"), code.nonce(), true);
        ObjectNode out = AwsJson.object();
        if (tokens.idToken() != null) {
            out.put("id_token", tokens.idToken());
        }
        out.put("access_token", tokens.accessToken());
        out.put("refresh_token", tokens.refreshToken());
        out.put("expires_in", tokens.expiresInSeconds());
        out.put("token_type", "Bearer");
        json(exchange, 200, out);
    }

    private void refreshTokenGrant(HttpExchange exchange, UserPool.ClientRuntime client) throws Exception {
        if (!client.allows("ALLOW_REFRESH_TOKEN_AUTH")) {
            oauthError(exchange, 400, "unauthorized_client");
            return;
        }
        String refreshToken = exchange.formParam("refresh_token").orElse(null);
        if (refreshToken == null) {
            oauthError(exchange, 400, "invalid_request");
            return;
        }
        UserPool.Tokens tokens;
        try {
            tokens = pool.refresh(client, refreshToken);
        } catch (UserPool.RefreshRejectedException e) {
            oauthError(exchange, 400, "invalid_grant");
            return;
        }
        ObjectNode out = AwsJson.object();
        if (tokens.idToken() != null) {
            out.put("id_token", tokens.idToken());
        }
        out.put("access_token", tokens.accessToken());
        out.put("expires_in", tokens.expiresInSeconds());
        out.put("token_type", "Bearer");
        json(exchange, 200, out);
    }

    private void clientCredentialsGrant(HttpExchange exchange, UserPool.ClientRuntime client) throws Exception {
        if (!client.hasSecret() || !client.config().allowedOAuthFlows().contains("client_credentials")) {
            oauthError(exchange, 400, "unauthorized_client");
            return;
        }
        List<String> allowed = client.config().allowedOAuthScopes().stream()
                .filter(s -> !STANDARD_SCOPES.contains(s)).sorted().toList();
        List<String> scopes = new ArrayList<>();
        String requested = exchange.formParam("scope").orElse("").trim();
        if (requested.isEmpty()) {
            scopes.addAll(allowed);
        } else {
            for (String scope : requested.split("\\s+")) {
                if (!allowed.contains(scope)) {
                    oauthError(exchange, 400, "invalid_scope");
                    return;
                }
                scopes.add(scope);
            }
        }
        if (scopes.isEmpty()) {
            oauthError(exchange, 400, "invalid_scope");
            return;
        }
        ObjectNode out = AwsJson.object();
        out.put("access_token", pool.issueClientCredentialsToken(client, scopes));
        out.put("expires_in", client.config().accessTokenValidity().toSeconds());
        out.put("token_type", "Bearer");
        json(exchange, 200, out);
    }

    // ------------------------------------------------------------------ /oauth2/userInfo

    private void userInfo(HttpExchange exchange) throws Exception {
        Cors.addResponseHeaders(exchange);
        if (exchange.method().equals("OPTIONS")) {
            exchange.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
            exchange.setHeader("Access-Control-Allow-Headers", "authorization, content-type");
            exchange.respond(200, null, new byte[0]);
            return;
        }
        String authorization = exchange.header("Authorization").orElse("");
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.length() <= 7) {
            exchange.setHeader("WWW-Authenticate", "Bearer error=\"invalid_request\", error_description="
                    + "\"Access token is missing\"");
            ObjectNode body = AwsJson.object().put("error", "invalid_request")
                    .put("error_description", "Access token is missing");
            json(exchange, 400, body);
            return;
        }
        UserPool.AccessTokenUser user;
        try {
            user = pool.verifyAccessToken(authorization.substring(7).trim(), "openid");
        } catch (UserPool.AccessRejectedException e) {
            String description = "Access token is expired, disabled, or deleted, or the user has globally signed out.";
            if (e.rejection() == UserPool.AccessRejection.SCOPE) {
                description = "Access token does not contain openid scope";
            }
            exchange.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\""
                    + description + "\"");
            json(exchange, 401, AwsJson.object().put("error", "invalid_token").put("error_description", description));
            return;
        }
        ObjectNode out = AwsJson.object();
        out.put("sub", user.user().sub());
        user.user().attributes().forEach((name, value) -> {
            if (!name.equals("sub")) {
                out.put(name, value);
            }
        });
        out.put("username", user.user().username());
        json(exchange, 200, out);
    }

    // ------------------------------------------------------------------ /logout and /oauth2/revoke

    private void logout(HttpExchange exchange) {
        String clientId = exchange.queryParam("client_id").orElse(null);
        Optional<UserPool.ClientRuntime> client = pool.client(clientId);
        if (client.isEmpty()) {
            page(exchange, 400, "An error was encountered with the requested page.",
                    "<p>Required String parameter 'client_id' is not present or not valid.</p>");
            return;
        }
        Optional<String> logoutUri = exchange.queryParam("logout_uri");
        if (logoutUri.isPresent()) {
            if (!client.get().config().logoutUrls().contains(logoutUri.get())) {
                page(exchange, 400, "An error was encountered with the requested page.",
                        "<p>Invalid logout_uri: it is not one of the client's sign-out URLs.</p>");
                return;
            }
            endHostedSession(exchange);
            exchange.redirect(logoutUri.get());
            return;
        }
        if (exchange.queryParam("redirect_uri").isPresent() && exchange.queryParam("response_type").isPresent()) {
            try {
                AuthorizeRequest request = authorizeRequest(exchange.queryParams());
                endHostedSession(exchange);
                exchange.redirect("/login?" + query(request.params()));
            } catch (PageError e) {
                page(exchange, e.status, "An error was encountered with the requested page.",
                        "<p>" + html(e.getMessage()) + "</p>");
            } catch (RedirectError e) {
                redirectError(exchange, e);
            }
            return;
        }
        page(exchange, 400, "An error was encountered with the requested page.",
                "<p>Required parameter logout_uri, or redirect_uri with response_type, is not present.</p>");
    }

    private void revoke(HttpExchange exchange) throws Exception {
        Cors.addResponseHeaders(exchange);
        if (!exchange.method().equals("POST")) {
            oauthError(exchange, 405, "invalid_request");
            return;
        }
        String token = exchange.formParam("token").orElse(null);
        Optional<String[]> basic = basicCredentials(exchange);
        String clientId = basic.map(b -> b[0]).orElse(exchange.formParam("client_id").orElse(null));
        String clientSecret = basic.map(b -> b[1]).orElse(exchange.formParam("client_secret").orElse(null));
        Optional<UserPool.ClientRuntime> client = pool.client(clientId);
        if (client.isEmpty() || (client.get().hasSecret() && !pool.clientSecretMatches(client.get(), clientSecret))) {
            oauthError(exchange, 401, "invalid_client");
            return;
        }
        if (token == null || !client.get().config().enableTokenRevocation()) {
            oauthError(exchange, 400, "invalid_request");
            return;
        }
        if (!UserPool.looksLikeRefreshToken(token)) {
            oauthError(exchange, 400, "unsupported_token_type");
            return;
        }
        pool.revokeRefreshToken(client.get(), token);
        exchange.respond(200, null, new byte[0]);
    }

    // ------------------------------------------------------------------ sessions and CSRF

    private Optional<HostedSession> currentSession(HttpExchange exchange) {
        Optional<String> id = exchange.cookie(SESSION_COOKIE);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        HostedSession session = sessions.get(id.get());
        if (session == null || !session.expires().isAfter(clock.instant())) {
            sessions.remove(id.get());
            return Optional.empty();
        }
        return Optional.of(session);
    }

    private void startHostedSession(HttpExchange exchange, String username) {
        sessions.values().removeIf(s -> !s.expires().isAfter(clock.instant()));
        String id = randomToken(32);
        sessions.put(id, new HostedSession(username, clock.instant().plus(SESSION_VALIDITY)));
        exchange.addHeader("Set-Cookie", SESSION_COOKIE + "=" + id + "; Path=/; Max-Age="
                + SESSION_VALIDITY.toSeconds() + "; HttpOnly; SameSite=Lax");
    }

    private void endHostedSession(HttpExchange exchange) {
        exchange.cookie(SESSION_COOKIE).ifPresent(sessions::remove);
        exchange.addHeader("Set-Cookie", SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
    }

    private String csrfToken(HttpExchange exchange) {
        Optional<String> existing = exchange.cookie(CSRF_COOKIE).filter(t -> t.matches("[A-Za-z0-9_-]{43}"));
        if (existing.isPresent()) {
            return existing.get();
        }
        String token = randomToken(32);
        exchange.addHeader("Set-Cookie", CSRF_COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Lax");
        return token;
    }

    private boolean csrfValid(HttpExchange exchange) throws Exception {
        Optional<String> cookie = exchange.cookie(CSRF_COOKIE);
        Optional<String> field = exchange.formParam("_csrf");
        return cookie.isPresent() && field.isPresent() && constantTimeEquals(cookie.get(), field.get());
    }

    // ------------------------------------------------------------------ pages

    private void loginPage(HttpExchange exchange, AuthorizeRequest request, String username, String error) {
        String q = query(request.params());
        StringBuilder body = new StringBuilder();
        body.append("<h1>Sign in</h1>");
        error(body, error);
        body.append("<form method=\"post\" action=\"/login?").append(html(q)).append("\">");
        csrf(body, exchange);
        body.append("<label for=\"signInFormUsername\">").append(usernameLabel()).append("</label>")
                .append("<input id=\"signInFormUsername\" name=\"username\" type=\"text\" autocomplete=\"username\""
                        + " required value=\"").append(html(username == null ? "" : username)).append("\">")
                .append("<label for=\"signInFormPassword\">Password</label>")
                .append("<input id=\"signInFormPassword\" name=\"password\" type=\"password\""
                        + " autocomplete=\"current-password\" required>")
                .append("<button type=\"submit\" name=\"signInSubmitButton\">Sign in</button>")
                .append("</form>")
                .append("<p><a href=\"/forgotPassword?").append(html(q)).append("\">Forgot your password?</a></p>")
                .append("<p>Need an account? <a href=\"/signup?").append(html(q)).append("\">Sign up</a></p>");
        page(exchange, 200, "Sign in", body.toString(), request);
    }

    private void newPasswordPage(HttpExchange exchange, AuthorizeRequest request, String session, String username,
            String error) {
        StringBuilder body = new StringBuilder("<h1>Change password</h1><p>Please enter a new password.</p>");
        error(body, error);
        body.append("<form method=\"post\" action=\"/login?").append(html(query(request.params()))).append("\">");
        csrf(body, exchange);
        body.append("<input type=\"hidden\" name=\"challenge_session\" value=\"").append(html(session)).append("\">")
                .append("<input type=\"hidden\" name=\"username\" value=\"").append(html(username)).append("\">")
                .append("<label for=\"new_password\">New password</label>")
                .append("<input id=\"new_password\" name=\"new_password\" type=\"password\" required"
                        + " autocomplete=\"new-password\">")
                .append("<label for=\"confirm_password\">Enter new password again</label>")
                .append("<input id=\"confirm_password\" name=\"confirm_password\" type=\"password\" required"
                        + " autocomplete=\"new-password\">")
                .append("<button type=\"submit\">Send</button></form>");
        page(exchange, 200, "Change password", body.toString(), request);
    }

    private void signupPage(HttpExchange exchange, AuthorizeRequest request, List<String> extra, String error) {
        String q = query(request.params());
        StringBuilder body = new StringBuilder("<h1>Sign up with a new account</h1>");
        error(body, error);
        body.append("<form method=\"post\" action=\"/signup?").append(html(q)).append("\">");
        csrf(body, exchange);
        body.append("<label for=\"username\">").append(usernameLabel()).append("</label>")
                .append("<input id=\"username\" name=\"username\" type=\"text\" required autocomplete=\"username\">");
        for (String attr : extra) {
            body.append("<label for=\"").append(html(attr)).append("\">").append(html(attr.replace('_', ' ')))
                    .append("</label><input id=\"").append(html(attr)).append("\" name=\"").append(html(attr))
                    .append("\" type=\"text\">");
        }
        body.append("<label for=\"password\">Password</label>")
                .append("<input id=\"password\" name=\"password\" type=\"password\" required"
                        + " autocomplete=\"new-password\">")
                .append("<button type=\"submit\">Sign up</button></form>")
                .append("<p>Already have an account? <a href=\"/login?").append(html(q)).append("\">Sign in</a></p>");
        page(exchange, 200, "Sign up", body.toString());
    }

    private void forgotPasswordPage(HttpExchange exchange, AuthorizeRequest request, String error) {
        StringBuilder body = new StringBuilder("<h1>Forgot your password?</h1><p>Enter your username and we will send"
                + " you a code to reset your password.</p>");
        error(body, error);
        body.append("<form method=\"post\" action=\"/forgotPassword?").append(html(query(request.params())))
                .append("\">");
        csrf(body, exchange);
        body.append("<label for=\"username\">").append(usernameLabel()).append("</label>")
                .append("<input id=\"username\" name=\"username\" type=\"text\" required>")
                .append("<button type=\"submit\">Reset my password</button></form>");
        page(exchange, 200, "Forgot password", body.toString());
    }

    private void codePage(HttpExchange exchange, AuthorizeRequest request, String action, String title, String text,
            String username, boolean withPassword, String error) {
        Map<String, String> params = new LinkedHashMap<>(request.params());
        params.put("username", username);
        StringBuilder body = new StringBuilder("<h1>").append(html(title)).append("</h1><p>").append(html(text))
                .append("</p>");
        error(body, error);
        body.append("<form method=\"post\" action=\"").append(action).append("?").append(html(query(params)))
                .append("\">");
        csrf(body, exchange);
        body.append("<label for=\"code\">Verification code</label>")
                .append("<input id=\"code\" name=\"code\" type=\"text\" inputmode=\"numeric\""
                        + " autocomplete=\"one-time-code\">");
        if (withPassword) {
            body.append("<label for=\"password\">New password</label>")
                    .append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"new-password\">")
                    .append("<label for=\"confirm_password\">Enter new password again</label>")
                    .append("<input id=\"confirm_password\" name=\"confirm_password\" type=\"password\""
                            + " autocomplete=\"new-password\">");
        }
        body.append("<button type=\"submit\">").append(withPassword ? "Change password" : "Confirm account")
                .append("</button>");
        if (!withPassword) {
            body.append(" <button type=\"submit\" name=\"resend\" value=\"1\" formnovalidate>Resend code</button>");
        }
        body.append("</form>");
        page(exchange, 200, title, body.toString());
    }

    private String usernameLabel() {
        List<String> aliases = pool.config().usernameAttributes();
        if (aliases.contains("email") && aliases.contains("phone_number")) {
            return "Email or phone number";
        }
        return aliases.contains("email") ? "Email" : aliases.contains("phone_number") ? "Phone number" : "Username";
    }

    private void csrf(StringBuilder body, HttpExchange exchange) {
        body.append("<input type=\"hidden\" name=\"_csrf\" value=\"").append(html(csrfToken(exchange))).append("\">");
    }

    private static void error(StringBuilder body, String error) {
        if (error != null) {
            body.append("<p class=\"error\" role=\"alert\" id=\"loginErrorMessage\">").append(html(error))
                    .append("</p>");
        }
    }

    private void page(HttpExchange exchange, int status, String title, String body) {
        page(exchange, status, title, body, null);
    }

    /**
     * Writes a page. Forms post to this server, which may answer with a redirect to the client's callback; browsers
     * apply {@code form-action} to that redirect too, so the callback's origin is allowed there.
     */
    private void page(HttpExchange exchange, int status, String title, String body, AuthorizeRequest request) {
        exchange.setHeader("Cache-Control", "no-store");
        exchange.setHeader("X-Frame-Options", "DENY");
        String formAction = "'self'";
        if (request != null) {
            URI redirect = URI.create(request.redirectUri());
            if (redirect.getScheme() != null && redirect.getRawAuthority() != null) {
                formAction += " " + redirect.getScheme() + "://" + redirect.getRawAuthority();
            } else if (redirect.getScheme() != null) {
                formAction += " " + redirect.getScheme() + ":";
            }
        }
        exchange.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action "
                + formAction + "; frame-ancestors 'none'");
        exchange.setHeader("Referrer-Policy", "no-referrer");
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + html(title) + "</title><style>"
                + "body{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem}"
                + "label{display:block;margin-top:1rem}input{width:100%;padding:.5rem;box-sizing:border-box}"
                + "button{margin-top:1.2rem;padding:.6rem 1.2rem}.error{color:#b00020}"
                + ".banner{color:#555;font-size:.85rem}</style></head><body>"
                + "<p class=\"banner\">" + html(pool.config().name()) + " &middot; local user pool " + html(pool.id())
                + "</p>" + body + "</body></html>";
        exchange.respond(status, "text/html; charset=utf-8", html);
    }

    private void redirectError(HttpExchange exchange, RedirectError e) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", e.error);
        if (e.state != null) {
            params.put("state", e.state);
        }
        exchange.redirect(appendQuery(e.redirectUri, params));
    }

    private static void oauthError(HttpExchange exchange, int status, String error) {
        json(exchange, status, AwsJson.object().put("error", error));
    }

    private static void json(HttpExchange exchange, int status, ObjectNode body) {
        exchange.respond(status, "application/json;charset=UTF-8", body.toString());
    }

    // ------------------------------------------------------------------ helpers

    private static Optional<String[]> basicCredentials(HttpExchange exchange) {
        String header = exchange.header("Authorization").orElse("");
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            return Optional.of(new String[] {
                java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    static String query(Map<String, String> params) {
        StringBuilder q = new StringBuilder();
        params.forEach((k, v) -> {
            if (v == null) {
                return;
            }
            if (q.length() > 0) {
                q.append('&');
            }
            q.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20"));
        });
        return q.toString();
    }

    private static String appendQuery(String uri, Map<String, String> params) {
        return uri + (uri.contains("?") ? "&" : "?") + query(params);
    }

    static String html(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
