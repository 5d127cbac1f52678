package dev.fieldgate.sdk.auth;

import static dev.fieldgate.sdk.LocalCognitoSupport.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldgate.local.cognito.LocalCognito;
import dev.fieldgate.sdk.FieldgateConfig;
import dev.fieldgate.sdk.LocalCognitoSupport;
import dev.fieldgate.sdk.NotAuthenticatedException;
import dev.fieldgate.sdk.NotAuthenticatedException.Reason;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hosted UI's code flow with PKCE against the local Cognito's hosted pages. A small HTTP "browser" fills in the
 * login form, as a user would, and follows the redirect to the SDK's loopback listener.
 */
class CognitoHostedUiTest {

    /** Registered on the pins sample's web client for command-line tools. */
    private static final URI LOOPBACK = URI.create("http://127.0.0.1:53682/callback");

    private static LocalCognito cognito;
    private static FieldgateConfig config;
    private static String email;

    @BeforeAll
    static void start() {
        cognito = LocalCognitoSupport.start();
        config = LocalCognitoSupport.config(cognito);
        email = LocalCognitoSupport.newEmail();
        try (CognitoUserPoolAuth auth =
                CognitoUserPoolAuth.builder().config(config).build()) {
            auth.signUp(email, PASSWORD, Map.of("email", email));
            auth.confirmSignUp(email, LocalCognitoSupport.signUpCode(cognito, email));
        }
    }

    @AfterAll
    static void stop() {
        cognito.close();
    }

    @Test
    void theAuthorizeUrlAsksForACodeWithPkceS256AndAFreshState() {
        CognitoHostedUi ui = CognitoHostedUi.builder().config(config).build();
        HostedUiAuthorization first = ui.authorize();
        HostedUiAuthorization second = ui.authorize();
        Map<String, String> query = query(first.url());
        assertThat(first.url().toString()).startsWith(cognito.oauthBaseUri() + "/oauth2/authorize?");
        assertThat(query)
                .containsEntry("response_type", "code")
                .containsEntry("client_id", cognito.clientId("web"))
                .containsEntry("redirect_uri", "http://localhost:3000/callback")
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("state", first.state());
        assertThat(query.get("code_challenge"))
                .isEqualTo(CognitoHostedUi.challenge(first.codeVerifier()))
                .hasSize(43);
        assertThat(query.get("scope")).contains("openid");
        assertThat(first.state()).isNotEqualTo(second.state());
        assertThat(first.codeVerifier()).isNotEqualTo(second.codeVerifier()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(first.toString()).doesNotContain(first.codeVerifier());
    }

    @Test
    void aCommandLineToolSignsInThroughTheLoopbackRedirectThenRefreshesAndRevokes() {
        CognitoHostedUi ui = CognitoHostedUi.builder().config(config).build();
        UserPoolSession session =
                ui.signInWithLoopback(LOOPBACK, url -> userSignsIn(url, email, PASSWORD), Duration.ofSeconds(30));
        assertThat(session.idTokenClaim("email")).hasValue(email);
        assertThat(session.refreshToken()).isPresent();

        // The session is an ordinary user-pool session: CognitoUserPoolAuth caches and refreshes it.
        try (CognitoUserPoolAuth auth =
                CognitoUserPoolAuth.builder().config(config).build()) {
            auth.useSession(session);
            assertThat(auth.refresh().sub()).isEqualTo(session.sub());
        }
        UserPoolSession refreshed = ui.refresh(session);
        assertThat(refreshed.accessToken()).isNotEqualTo(session.accessToken());
        assertThat(refreshed.refreshToken()).isEqualTo(session.refreshToken());

        ui.revoke(session.refreshToken().orElseThrow());
        assertThatThrownBy(() -> ui.refresh(session))
                .isInstanceOfSatisfying(
                        NotAuthenticatedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.SESSION_EXPIRED));
        URI signOut = ui.signOutUrl(URI.create("http://localhost:3000/"));
        assertThat(signOut.toString())
                .startsWith(cognito.oauthBaseUri() + "/logout?client_id=" + cognito.clientId("web"))
                .contains("logout_uri=http%3A%2F%2Flocalhost%3A3000%2F");
        try {
            HttpResponse<String> out = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build()
                    .send(HttpRequest.newBuilder(signOut).build(), HttpResponse.BodyHandlers.ofString());
            // The hosted UI ends its session and sends the browser to the registered sign-out URL.
            assertThat(out.statusCode()).isEqualTo(302);
            assertThat(out.headers().firstValue("Location")).hasValue("http://localhost:3000/");
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aCallbackForAnotherSignInOrAnErrorIsRefused() {
        CognitoHostedUi ui = CognitoHostedUi.builder().config(config).build();
        HostedUiAuthorization pending = ui.authorize();
        URI forged = URI.create("http://localhost:3000/callback?code=abc&state="
                + ui.authorize().state());
        assertThatThrownBy(() -> ui.exchange(pending, forged))
                .isInstanceOf(NotAuthenticatedException.class)
                .hasMessageContaining("state does not match");
        URI denied = URI.create("http://localhost:3000/callback?error=access_denied&state=" + pending.state());
        assertThatThrownBy(() -> ui.exchange(pending, denied))
                .isInstanceOf(NotAuthenticatedException.class)
                .hasMessageContaining("access_denied");
        URI unknownCode = URI.create("http://localhost:3000/callback?code=not-a-code&state=" + pending.state());
        assertThatThrownBy(() -> ui.exchange(pending, unknownCode))
                .isInstanceOf(NotAuthenticatedException.class)
                .hasMessageContaining("invalid_grant");
    }

    /** What a user does in the browser: open the URL, fill in the login form, follow the redirect. */
    private static void userSignsIn(URI authorizeUrl, String username, String password) throws IOException {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        try {
            HttpResponse<String> authorize = get(browser, authorizeUrl);
            URI login = cognito.oauthBaseUri()
                    .resolve(authorize.headers().firstValue("Location").orElseThrow());
            HttpResponse<String> page = get(browser, login);
            Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
            assertThat(csrf.find()).isTrue();
            String form = Map.of("_csrf", csrf.group(1), "username", username, "password", password).entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            HttpResponse<String> submitted = browser.send(
                    HttpRequest.newBuilder(login)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            URI callback = URI.create(submitted.headers().firstValue("Location").orElseThrow());
            assertThat(callback.toString()).startsWith(LOOPBACK.toString());
            HttpResponse<String> landing = get(browser, callback);
            assertThat(landing.body()).contains("You are signed in");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static HttpResponse<String> get(HttpClient browser, URI uri) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}
