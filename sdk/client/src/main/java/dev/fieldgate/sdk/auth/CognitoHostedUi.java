package dev.fieldgate.sdk.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.sdk.FieldgateConfig;
import dev.fieldgate.sdk.FieldgateConfigException;
import dev.fieldgate.sdk.InvalidRequestException;
import dev.fieldgate.sdk.NetworkException;
import dev.fieldgate.sdk.NotAuthenticatedException;
import dev.fieldgate.sdk.NotAuthenticatedException.Reason;
import dev.fieldgate.sdk.ServiceException;
import dev.fieldgate.sdk.internal.JwtClaims;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Sign-in through Cognito's hosted UI (OAuth 2.0 authorization code flow with PKCE S256 and state), for
 * server-side web apps and command-line tools:
 *
 * <pre>{@code
 * CognitoHostedUi ui = CognitoHostedUi.builder().config(config).build();
 * // web app: redirect the user, keep `pending` in the server-side session, then on the callback:
 * HostedUiAuthorization pending = ui.authorize();
 * UserPoolSession session = ui.exchange(pending, callbackUrl);
 * // command-line tool: a loopback redirect and the user's browser
 * UserPoolSession session = ui.signInWithLoopback(URI.create("http://127.0.0.1:53682/callback"),
 *         url -> Desktop.getDesktop().browse(url), Duration.ofMinutes(5));
 * auth.useSession(session);   // let CognitoUserPoolAuth cache, store and refresh it
 * }</pre>
 *
 * Confidential app clients authenticate to the token endpoint with HTTP Basic (their secret). Thread-safe.
 */
public final class CognitoHostedUi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Opens a URL in the user's browser (e.g. {@code java.awt.Desktop::browse}, or printing it). */
    @FunctionalInterface
    public interface Browser {
        void open(URI url) throws IOException;
    }

    private final URI baseUri;
    private final String clientId;
    private final String clientSecret;
    private final URI defaultRedirectUri;
    private final List<String> scopes;
    private final HttpClient http;
    private final Clock clock;
    private final Duration timeout;

    private CognitoHostedUi(Builder b) {
        FieldgateConfig config = b.config;
        FieldgateConfig.OAuthSettings oauth =
                config == null ? null : config.oauth().orElse(null);
        this.baseUri = b.baseUri != null ? b.baseUri : oauth == null ? null : oauth.baseUri();
        if (baseUri == null) {
            throw new FieldgateConfigException("The hosted UI is not configured: the outputs file needs auth.oauth "
                    + "(a user-pool domain), or set baseUri on the builder.");
        }
        this.clientId = b.clientId != null
                ? b.clientId
                : config == null ? null : config.userPoolClientId().orElse(null);
        if (clientId == null) {
            throw new FieldgateConfigException("No app client id: set it or read the outputs file.");
        }
        this.clientSecret = b.clientSecret != null
                ? b.clientSecret
                : config == null ? null : config.userPoolClientSecret().orElse(null);
        this.defaultRedirectUri = b.redirectUri != null
                ? b.redirectUri
                : oauth == null || oauth.redirectSignIn().isEmpty()
                        ? null
                        : oauth.redirectSignIn().get(0);
        this.scopes = b.scopes != null ? List.copyOf(b.scopes) : oauth == null ? List.of("openid") : oauth.scopes();
        this.http = b.httpClient != null
                ? b.httpClient
                : HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(10))
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
        this.clock = b.clock;
        this.timeout = b.timeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts a sign-in that returns to the default redirect URI (the first registered one). */
    public HostedUiAuthorization authorize() {
        return authorize(o -> {});
    }

    /** Starts a sign-in; options choose the redirect URI, an identity provider or a login hint. */
    public HostedUiAuthorization authorize(Consumer<AuthorizeOptions> options) {
        AuthorizeOptions o = new AuthorizeOptions();
        options.accept(o);
        URI redirect = o.redirectUri != null ? o.redirectUri : defaultRedirectUri;
        if (redirect == null) {
            throw new FieldgateConfigException("No redirect URI: register a callback URL on the app client and "
                    + "pass it, or read the outputs file (auth.oauth.redirect_sign_in_uri).");
        }
        String verifier = randomUrlSafe(48);
        String state = randomUrlSafe(24);
        String nonce = randomUrlSafe(24);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId);
        query.put("redirect_uri", redirect.toString());
        query.put("scope", String.join(" ", o.scopes != null ? o.scopes : scopes));
        query.put("state", state);
        query.put("nonce", nonce);
        query.put("code_challenge_method", "S256");
        query.put("code_challenge", challenge(verifier));
        if (o.identityProvider != null) {
            query.put("identity_provider", o.identityProvider);
        }
        if (o.loginHint != null) {
            query.put("login_hint", o.loginHint);
        }
        URI url = URI.create(endpoint("/oauth2/authorize") + "?" + form(query));
        return new HostedUiAuthorization(url, state, nonce, verifier, redirect);
    }

    /**
     * Completes a sign-in from the callback URL the browser was sent to: checks {@code state} (in constant time),
     * reports an {@code error}, and exchanges the {@code code} at {@code /oauth2/token} with the PKCE verifier.
     */
    public UserPoolSession exchange(HostedUiAuthorization pending, URI callback) {
        Map<String, String> query = parseQuery(callback.getRawQuery());
        if (query.containsKey("error")) {
            throw new NotAuthenticatedException(
                    Reason.OTHER,
                    "The hosted UI did not sign the user in: "
                            + query.get("error")
                            + (query.containsKey("error_description")
                                    ? " (" + query.get("error_description") + ")"
                                    : "")
                            + ". Start the sign-in again.");
        }
        String presented = query.get("state");
        if (presented == null
                || !MessageDigest.isEqual(
                        presented.getBytes(StandardCharsets.UTF_8),
                        pending.state().getBytes(StandardCharsets.UTF_8))) {
            throw new NotAuthenticatedException(
                    Reason.OTHER,
                    "The callback's state does not match this sign-in: it"
                            + " answers another request (or was forged). Start the sign-in again.");
        }
        String code = query.get("code");
        if (code == null || code.isBlank()) {
            throw new InvalidRequestException(
                    "The callback has no authorization code; pass the full callback URL.", null, List.of(), 0, null);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", clientId);
        form.put("code", code);
        form.put("redirect_uri", pending.redirectUri().toString());
        form.put("code_verifier", pending.codeVerifier());
        JsonNode tokens = token(form, "Exchanging the authorization code");
        UserPoolSession session = session(tokens, null);
        Object nonce = JwtClaims.read(session.idToken()).get("nonce");
        if (pending.nonce() != null
                && nonce != null
                && !MessageDigest.isEqual(
                        nonce.toString().getBytes(StandardCharsets.UTF_8),
                        pending.nonce().getBytes(StandardCharsets.UTF_8))) {
            throw new NotAuthenticatedException(
                    Reason.INVALID_TOKEN,
                    "The ID token's nonce does not match this "
                            + "sign-in; the tokens were not accepted. Start the sign-in again.");
        }
        return session;
    }

    /** New ID and access tokens for a session's refresh token ({@code grant_type=refresh_token}). */
    public UserPoolSession refresh(UserPoolSession session) {
        String refreshToken = session.refreshToken()
                .orElseThrow(() -> new NotAuthenticatedException(
                        Reason.SESSION_EXPIRED, "The session has no refresh token; sign in again."));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", clientId);
        form.put("refresh_token", refreshToken);
        return session(token(form, "Refreshing the session"), refreshToken);
    }

    /** Revokes a refresh token at {@code /oauth2/revoke} (Cognito answers 200 for unknown tokens too). */
    public void revoke(String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", refreshToken);
        form.put("client_id", clientId);
        HttpResponse<String> response = post("/oauth2/revoke", form, "Revoking the refresh token");
        if (response.statusCode() != 200) {
            throw tokenError(response, "Revoking the refresh token");
        }
    }

    /**
     * The URL that ends the hosted UI's own session (its cookie) and returns to {@code logoutUri}, which must be
     * a registered sign-out URL. Revoke the refresh token as well to end the app's session.
     */
    public URI signOutUrl(URI logoutUri) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", clientId);
        query.put("logout_uri", logoutUri.toString());
        return URI.create(endpoint("/logout") + "?" + form(query));
    }

    /**
     * Signs in a command-line user: listens on the loopback {@code redirectUri}, opens the authorize URL with
     * {@code browser}, waits for the callback and exchanges it.
     */
    public UserPoolSession signInWithLoopback(URI redirectUri, Browser browser, Duration wait) {
        try (LoopbackRedirect loopback = LoopbackRedirect.listen(redirectUri)) {
            HostedUiAuthorization pending = authorize(o -> o.redirectUri(redirectUri));
            try {
                browser.open(pending.url());
            } catch (IOException e) {
                throw new NetworkException(
                        "Could not open the browser (" + e.getMessage() + "); open " + pending.url() + " yourself.",
                        e,
                        false);
            }
            return exchange(pending, loopback.awaitCallback(wait));
        }
    }

    private UserPoolSession session(JsonNode tokens, String previousRefreshToken) {
        String id = tokens.path("id_token").asText(null);
        String access = tokens.path("access_token").asText(null);
        if (id == null || access == null) {
            throw new ServiceException(
                    "The token endpoint answered without id_token and access_token; request the " + "openid scope.",
                    null,
                    200,
                    null,
                    null,
                    List.of());
        }
        String refresh =
                tokens.hasNonNull("refresh_token") ? tokens.get("refresh_token").asText() : previousRefreshToken;
        return UserPoolSession.fromTokens(
                id,
                access,
                refresh,
                clock.instant().plusSeconds(tokens.path("expires_in").asLong(3600)));
    }

    private JsonNode token(Map<String, String> form, String action) {
        HttpResponse<String> response = post("/oauth2/token", form, action);
        if (response.statusCode() != 200) {
            throw tokenError(response, action);
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ServiceException(
                    action + " failed: the token endpoint's answer is not JSON.",
                    e,
                    response.statusCode(),
                    null,
                    null,
                    List.of());
        }
    }

    private HttpResponse<String> post(String path, Map<String, String> form, String action) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint(path)))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)));
        if (clientSecret != null) {
            String basic = Base64.getEncoder()
                    .encodeToString((enc(clientId) + ":" + enc(clientSecret)).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + basic);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new NetworkException(
                    action + " failed: the hosted UI at " + baseUri + " could not be reached (" + e.getMessage() + ").",
                    e,
                    e instanceof java.net.http.HttpTimeoutException);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetworkException(action + " was interrupted.", e, false);
        }
    }

    private RuntimeException tokenError(HttpResponse<String> response, String action) {
        String error = "unknown";
        try {
            error = JSON.readTree(response.body()).path("error").asText("unknown");
        } catch (IOException | RuntimeException ignored) {
            // not JSON: keep "unknown"
        }
        int status = response.statusCode();
        return switch (error) {
            case "invalid_grant" ->
                new NotAuthenticatedException(
                        Reason.SESSION_EXPIRED,
                        action + " failed: the "
                                + "code or refresh token is expired, used or revoked (invalid_grant). Sign in again.",
                        null,
                        status,
                        error,
                        null);
            case "invalid_client", "unauthorized_client" ->
                new FieldgateConfigException(action + " failed (" + error
                        + "): check the app client id, its secret, and that it allows the code flow.");
            default ->
                status >= 500
                        ? new ServiceException(
                                action + " failed: HTTP " + status + " (" + error + "). Retry later.",
                                null,
                                status,
                                error,
                                null,
                                List.of())
                        : new InvalidRequestException(
                                action + " failed: HTTP " + status + " (" + error + ").",
                                error,
                                List.of(),
                                status,
                                null);
        };
    }

    private String endpoint(String path) {
        String base = baseUri.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String randomUrlSafe(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery == null) {
            return values;
        }
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(name, value);
        }
        return values;
    }

    @Override
    public String toString() {
        return "CognitoHostedUi[" + baseUri + ", client=" + clientId + ", secret="
                + (clientSecret == null ? "none" : "<hidden>") + "]";
    }

    /** Options of one sign-in. */
    public static final class AuthorizeOptions {
        private URI redirectUri;
        private List<String> scopes;
        private String identityProvider;
        private String loginHint;

        private AuthorizeOptions() {}

        /** A registered callback URL other than the default. */
        public AuthorizeOptions redirectUri(URI redirectUri) {
            this.redirectUri = redirectUri;
            return this;
        }

        public AuthorizeOptions scopes(List<String> scopes) {
            this.scopes = List.copyOf(scopes);
            return this;
        }

        /** Skip the hosted page and go to an identity provider ({@code COGNITO}, {@code Google}, ...). */
        public AuthorizeOptions identityProvider(String identityProvider) {
            this.identityProvider = identityProvider;
            return this;
        }

        public AuthorizeOptions loginHint(String loginHint) {
            this.loginHint = loginHint;
            return this;
        }
    }

    /** Builds a {@link CognitoHostedUi}. */
    public static final class Builder {
        private FieldgateConfig config;
        private URI baseUri;
        private String clientId;
        private String clientSecret;
        private URI redirectUri;
        private List<String> scopes;
        private HttpClient httpClient;
        private Clock clock = Clock.systemUTC();
        private Duration timeout = Duration.ofSeconds(30);

        private Builder() {}

        /** Domain, client, scopes and callback URLs from the configuration (auth.oauth in the outputs file). */
        public Builder config(FieldgateConfig config) {
            this.config = config;
            return this;
        }

        /** {@code https://<domain>} of the user pool (or a local stack's URL). */
        public Builder baseUri(URI baseUri) {
            this.baseUri = baseUri;
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        public Builder clientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
            return this;
        }

        public Builder redirectUri(URI redirectUri) {
            this.redirectUri = redirectUri;
            return this;
        }

        public Builder scopes(List<String> scopes) {
            this.scopes = Objects.requireNonNull(scopes, "scopes");
            return this;
        }

        /** A JDK HTTP client that must not follow redirects; one is made otherwise. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public CognitoHostedUi build() {
            return new CognitoHostedUi(this);
        }
    }
}
