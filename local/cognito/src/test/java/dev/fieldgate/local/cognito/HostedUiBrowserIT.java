package dev.fieldgate.local.cognito;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.fieldgate.config.AppConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The hosted UI in a real browser (Debian's Chromium through Playwright): a user signs in (or signs up) on the login
 * page, and this test's own loopback callback receives the authorization code, which it exchanges with PKCE.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostedUiBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String VERIFIER = "browser-test-verifier-0123456789-abcdefghijklmnopq";

    private HttpServer callbackServer;
    private final AtomicReference<CompletableFuture<String>> nextCallback = new AtomicReference<>();
    private String callbackUrl;
    private LocalCognito cognito;
    private Playwright playwright;
    private Browser browser;
    private BrowserContext context;

    @BeforeAll
    void start() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("This test drives Debian's Chromium at " + CHROMIUM
                    + "; install it with: apt-get install -y chromium");
        }
        callbackServer = HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        callbackServer.createContext("/callback", exchange -> {
            byte[] body = "<html><body><h1 id=\"done\">Signed in</h1></body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
            CompletableFuture<String> waiting = nextCallback.get();
            if (waiting != null) {
                waiting.complete(exchange.getRequestURI().getRawQuery());
            }
        });
        callbackServer.start();
        callbackUrl = "http://127.0.0.1:" + callbackServer.getAddress().getPort() + "/callback";

        AppConfig config = TestConfigs.pins(
                TestConfigs.web().callbackUrls(List.of(callbackUrl)).build(), true);
        cognito = LocalCognito.builder().config(config).start();

        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(CHROMIUM)
                        .setHeadless(true)
                        .setArgs(List.of(
                                "--no-sandbox",
                                "--disable-gpu",
                                "--no-first-run",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync")));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (cognito != null) {
            cognito.close();
        }
        if (callbackServer != null) {
            callbackServer.stop(0);
        }
    }

    @BeforeEach
    void freshBrowserProfile() {
        if (context != null) {
            context.close();
        }
        context = browser.newContext();
        context.setDefaultTimeout(15_000);
    }

    @Test
    void aUserSignsInOnTheLoginPageAndTheCallbackExchangesTheCodeWithPkce() throws Exception {
        String email = "browser-" + System.nanoTime() + "@example.com";
        createConfirmedUser(email);
        CompletableFuture<String> callback = expectCallback();

        Page page = context.newPage();
        page.navigate(authorizeUrl("state-123"));
        assertThat(page.url()).contains("/login?");
        assertThat(page.title()).isEqualTo("Sign in");
        page.fill("#signInFormUsername", email);
        page.fill("#signInFormPassword", "Wrong-Password-1");
        page.click("button[name=signInSubmitButton]");
        assertThat(page.textContent("#loginErrorMessage")).isEqualTo("Incorrect username or password.");

        page.fill("#signInFormPassword", TestConfigs.PASSWORD);
        page.click("button[name=signInSubmitButton]");
        page.waitForSelector("#done");
        Map<String, String> params =
                OAuthEndpointsTest.callbackParams("http://x/?" + callback.get(15, TimeUnit.SECONDS));
        assertThat(params.get("state")).isEqualTo("state-123");

        JsonNode tokens = exchange(params.get("code"));
        String email2 = SignedJWT.parse(tokens.get("id_token").asText())
                .getJWTClaimsSet()
                .getStringClaim("email");
        assertThat(email2).isEqualTo(email);
        assertThat(tokens.get("refresh_token").asText()).isNotBlank();

        // The hosted session cookie signs the same browser in again without the form.
        CompletableFuture<String> again = expectCallback();
        page.navigate(authorizeUrl("state-456"));
        page.waitForSelector("#done");
        assertThat(again.get(15, TimeUnit.SECONDS)).contains("state=state-456").contains("code=");
    }

    @Test
    void aNewUserSignsUpConfirmsWithTheCodeFromTheOutboxAndSignsIn() throws Exception {
        String email = "signup-" + System.nanoTime() + "@example.com";
        Page page = context.newPage();
        page.navigate(authorizeUrl("s-new"));
        page.click("text=Sign up");
        page.fill("#username", email);
        page.fill("#password", TestConfigs.PASSWORD);
        page.click("button[type=submit]");
        page.waitForURL("**/confirmUser?**");
        String code = cognito.outbox()
                .latestTo(email, OutboxMessage.Kind.SIGN_UP_CODE)
                .orElseThrow()
                .code();
        page.fill("#code", code);
        page.click("text=Confirm account");
        page.waitForURL("**/login?**");

        CompletableFuture<String> callback = expectCallback();
        page.fill("#signInFormUsername", email);
        page.fill("#signInFormPassword", TestConfigs.PASSWORD);
        page.click("button[name=signInSubmitButton]");
        page.waitForSelector("#done");
        Map<String, String> params =
                OAuthEndpointsTest.callbackParams("http://x/?" + callback.get(15, TimeUnit.SECONDS));
        assertThat(exchange(params.get("code")).get("access_token").asText()).isNotBlank();
    }

    private CompletableFuture<String> expectCallback() {
        CompletableFuture<String> future = new CompletableFuture<>();
        nextCallback.set(future);
        return future;
    }

    private void createConfirmedUser(String email) {
        try (var admin = Clients.adminIdp(cognito)) {
            admin.adminCreateUser(r -> r.userPoolId(cognito.userPoolId())
                    .username(email)
                    .messageAction("SUPPRESS")
                    .userAttributes(CognitoTestBase.attr("email_verified", "true")));
            admin.adminSetUserPassword(r -> r.userPoolId(cognito.userPoolId())
                    .username(email)
                    .password(TestConfigs.PASSWORD)
                    .permanent(true));
        }
    }

    private String authorizeUrl(String state) throws Exception {
        return cognito.oauthBaseUri() + "/oauth2/authorize?response_type=code&client_id=" + cognito.clientId("web")
                + "&redirect_uri=" + enc(callbackUrl) + "&scope=" + enc("openid email profile") + "&state=" + state
                + "&code_challenge=" + OAuthEndpointsTest.challenge(VERIFIER) + "&code_challenge_method=S256";
    }

    private JsonNode exchange(String code) throws Exception {
        String form = "grant_type=authorization_code&client_id=" + cognito.clientId("web") + "&code=" + enc(code)
                + "&redirect_uri=" + enc(callbackUrl) + "&code_verifier=" + enc(VERIFIER);
        HttpResponse<String> response = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create(cognito.oauthBaseUri() + "/oauth2/token"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
