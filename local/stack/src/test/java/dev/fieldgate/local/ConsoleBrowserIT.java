package dev.fieldgate.local;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.fieldgate.local.bench.PinsLoad;
import dev.fieldgate.local.cognito.TestUsers;
import dev.fieldgate.local.core.RequestRecord;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The web console in Debian's Chromium: GraphiQL as a guest and as a user, a refusal, a user created and confirmed
 * from the outbox view, and those requests in the console's request log. Screenshots go to target/screenshots, or,
 * with {@code -Dfieldgate.screenshots=DIR}, to DIR: local/docs/images refreshes those in local/README.md. The
 * console is refused on a non-loopback bind unless turned on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String LIST = """
            {
              listPins(limit: 5) {
                items { id title }
              }
            }
            """;
    private static final String CREATE = """
            mutation {
              createPin(input: {
                title: "From the console"
                imageUrl: "https://example.com/p.jpg"
              }) {
                id
                title
              }
            }
            """;

    private static final String SUBSCRIBE = "subscription { onCreatePin { id title } }";

    private LocalStack stack;
    private Playwright playwright;
    private Browser browser;
    private Path images;

    @BeforeAll
    void start() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("This test drives Debian's Chromium at " + CHROMIUM
                    + "; install it with: apt-get install -y chromium");
        }
        stack = LocalStack.builder()
                .appConfigFile(PinsLoad.pinsConfig())
                .inMemory()
                .port(0)
                .start();
        stack.functionReady().join();
        // The docs' pictures change only when asked for, so a test run leaves the working tree as it found it.
        String screenshots = System.getProperty("fieldgate.screenshots", "");
        images = screenshots.isBlank()
                ? Path.of("target", "screenshots").toAbsolutePath()
                : PinsLoad.pinsConfig()
                        .getParent()
                        .resolve("../..")
                        .resolve(screenshots)
                        .normalize();
        Files.createDirectories(images);
        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(CHROMIUM)
                        .setHeadless(true)
                        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync")));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private Page open(String query) {
        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1400, 860));
        page.navigate(stack.endpoint() + "/?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/console/.*"));
        page.locator(".graphiql-container").waitFor();
        return page;
    }

    private static void run(Page page, String caller) {
        page.selectOption("#caller", caller);
        page.locator(".graphiql-execute-button").click();
    }

    private static Locator result(Page page) {
        return page.locator(".graphiql-response");
    }

    private static final LocatorAssertions.ContainsTextOptions WAIT =
            new LocatorAssertions.ContainsTextOptions().setTimeout(30_000);

    @Test
    void aGuestAndAUserRunQueriesARefusalShowsAndTheLogHasThemAll() throws Exception {
        Page page = open(LIST);
        run(page, "guest");
        assertThat(result(page)).containsText("listPins", WAIT);
        assertThat(result(page)).containsText("items", WAIT);
        page.screenshot(new Page.ScreenshotOptions().setPath(images.resolve("console-graphiql-guest.png")));

        // The guest may not create a pin: AppSync's Unauthorized error, as the app would see it.
        page.close();
        page = open(CREATE);
        run(page, "guest");
        assertThat(result(page)).containsText("Unauthorized", WAIT);
        page.screenshot(new Page.ScreenshotOptions().setPath(images.resolve("console-graphiql-refused.png")));

        // A new user, signed up from the Users view and confirmed from the outbox view with its code.
        page.click("#tabs button[data-tab=users]");
        page.fill("#create-user input[name=email]", "mia@example.com");
        page.fill("#create-user input[name=password]", "Passw0rd1x");
        page.click("#create-user button[type=submit]");
        assertThat(page.locator("#user-rows")).containsText("UNCONFIRMED", WAIT);
        page.click("#tabs button[data-tab=outbox]");
        Locator message = page.locator("#outbox-rows tr", new Page.LocatorOptions().setHasText("mia@example.com"));
        assertThat(message).containsText("SIGN_UP_CODE", WAIT);
        assertThat(message.locator("td.code")).hasText(java.util.regex.Pattern.compile("\\d{6}"));
        page.screenshot(new Page.ScreenshotOptions().setPath(images.resolve("console-outbox.png")));
        message.locator("button", new Locator.LocatorOptions().setHasText("Confirm"))
                .click();
        assertThat(page.locator("#message")).containsText("confirmed", WAIT);
        page.click("#tabs button[data-tab=users]");
        assertThat(page.locator("#user-rows")).containsText("CONFIRMED", WAIT);
        assertThat(page.locator("#user-rows")).not().containsText("UNCONFIRMED");
        page.screenshot(new Page.ScreenshotOptions().setPath(images.resolve("console-users.png")));

        // Signed in as that user, the same mutation is allowed.
        page.click("#tabs button[data-tab=graphql]");
        page.fill("#signin input[name=username]", "mia@example.com");
        page.fill("#signin input[name=password]", "Passw0rd1x");
        page.click("#signin button[type=submit]");
        assertThat(page.locator("#signin-status")).containsText("signed in as mia@example.com", WAIT);
        assertThat(page.locator("#signin input[name=password]")).hasAttribute("type", "password");
        page.locator(".graphiql-execute-button").click();
        assertThat(result(page)).containsText("From the console", WAIT);
        page.screenshot(new Page.ScreenshotOptions().setPath(images.resolve("console-graphiql-user.png")));

        // A subscription as that user: a pin created elsewhere arrives in the result pane.
        page.evaluate(
                "text => document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror" + ".setValue(text)",
                "subscription { onCreatePin { id title } }");
        page.locator(".graphiql-execute-button").click();
        assertThat(result(page)).containsText("waiting for events", WAIT);
        createPinAs("mia@example.com", "Passw0rd1x", "Arrived live");
        assertThat(result(page)).containsText("Arrived live", WAIT);
        page.screenshot(new Page.ScreenshotOptions().setPath(images.resolve("console-subscription.png")));
        page.locator(".graphiql-execute-button").click();

        // The request log shows each of these calls with its caller and outcome.
        page.click("#tabs button[data-tab=requests]");
        Locator log = page.locator("#request-rows");
        assertThat(log).containsText("query listPins", WAIT);
        assertThat(log).containsText("refused: Unauthorized", WAIT);
        assertThat(log).containsText("user mia@example.com", WAIT);
        assertThat(log).containsText("mutation createPin", WAIT);
        assertThat(log).containsText("SignUp", WAIT);
        assertThat(log).containsText("ConfirmSignUp", WAIT);
        page.screenshot(new Page.ScreenshotOptions().setPath(images.resolve("console-requests.png")));

        List<RequestRecord> records = stack.requestLog().recent();
        assertThat(records)
                .anySatisfy(r -> {
                    assertThat(r.operation()).isEqualTo("mutation createPin");
                    assertThat(r.caller()).startsWith("guest us-east-1:");
                    assertThat(r.outcome()).startsWith("refused: Unauthorized");
                })
                .anySatisfy(r -> {
                    assertThat(r.operation()).isEqualTo("mutation createPin");
                    assertThat(r.caller()).isEqualTo("user mia@example.com");
                    assertThat(r.outcome()).isEqualTo("allowed");
                });
        // No password is ever in the log.
        assertThat(records.toString()).doesNotContain("Passw0rd1x");
        page.close();
    }

    @Test
    void guestsAndTheAdministratorSubscribeWithSignaturesTheConsoleMakes() {
        TestUsers.User writer = new TestUsers(stack.cognito()).create("writer@example.com");
        Page page = open(SUBSCRIBE);
        run(page, "guest");
        assertThat(result(page)).containsText("waiting for events", WAIT);
        createPin(writer.idToken(), "Live for the guest");
        assertThat(result(page)).containsText("Live for the guest", WAIT);
        page.close();
        // The administrator's signature is accepted (a bad one would fail the connection); the kit's rules grant
        // plain IAM principals nothing, so the field is refused as it is for the administrator's queries.
        page = open(SUBSCRIBE);
        run(page, "admin");
        assertThat(result(page)).containsText("Not Authorized to access onCreatePin on type Subscription", WAIT);
        page.close();
        // Without credentials, AppSync's own refusal of the connection shows.
        page = open(SUBSCRIBE);
        run(page, "anonymous");
        assertThat(result(page)).containsText("UnauthorizedException", WAIT);
        page.close();
    }

    @Test
    void anotherSiteInTheBrowserCannotUseTheConsolesApi() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI users = stack.endpoint().resolve("/console/api/users");
        String signUp = "{\"email\":\"eve@example.com\",\"password\":\"Passw0rd1x\"}";
        // A form post from another page: no preflight, so the stack itself must refuse it.
        HttpResponse<String> form = http.send(
                HttpRequest.newBuilder(users)
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString(signUp))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(403);
        HttpResponse<String> crossOrigin = http.send(
                HttpRequest.newBuilder(users)
                        .header("Origin", "https://attacker.example")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(crossOrigin.statusCode()).isEqualTo(403);
        HttpResponse<String> crossSite = http.send(
                HttpRequest.newBuilder(users)
                        .header("Sec-Fetch-Site", "cross-site")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(crossSite.statusCode()).isEqualTo(403);
        // The console's own page is served, and the refused sign-up created no user.
        Page page = browser.newPage();
        page.navigate(stack.endpoint() + "/console/");
        Object listed = page.evaluate("async () => {"
                + " const r = await fetch('/console/api/users');"
                + " return r.status + ' ' + (await r.text()); }");
        assertThat(String.valueOf(listed)).startsWith("200 ").doesNotContain("eve@example.com");
        page.close();
    }

    /** Signs a user in through the stack's Cognito API and creates a pin over HTTP, as another client would. */
    private void createPinAs(String username, String password, String title) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String signIn = "{\"AuthFlow\":\"USER_PASSWORD_AUTH\",\"ClientId\":\""
                + stack.cognito().clientId("web") + "\",\"AuthParameters\":{\"USERNAME\":\"" + username
                + "\",\"PASSWORD\":\"" + password + "\"}}";
        HttpResponse<String> tokens = http.send(
                HttpRequest.newBuilder(stack.endpoint())
                        .header("Content-Type", "application/x-amz-json-1.1")
                        .header("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth")
                        .POST(HttpRequest.BodyPublishers.ofString(signIn))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        createPin(
                GraphQlClient.JSON
                        .readTree(tokens.body())
                        .at("/AuthenticationResult/IdToken")
                        .asText(),
                title);
    }

    /** Creates a pin over HTTP with a user's ID token, as another client would. */
    private void createPin(String idToken, String title) {
        GraphQlClient.Response created = new GraphQlClient(stack.graphqlEndpoint())
                .withToken(
                        idToken,
                        "mutation C($t: String!) { createPin(input: {title: $t, imageUrl: \"https://example.com/l.jpg\"})"
                                // AppSync sends subscribers what the mutation selected: title too.
                                + " { id title } }",
                        Map.of("t", title));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.data().at("/createPin/id").asText()).isNotEmpty();
    }

    @Test
    void theMatrixAndTheLinksAreThere() {
        Page page = open(LIST);
        page.click("#tabs button[data-tab=matrix]");
        assertThat(page.locator("#matrix-table")).containsText("Mutation.deletePin", WAIT);
        page.click("#tabs button[data-tab=links]");
        Locator links = page.locator("#link-list");
        assertThat(links).containsText("Hosted UI sign-in (web)", WAIT);
        String hostedUi = page.locator("#link-list a", new Page.LocatorOptions().setHasText("Hosted UI"))
                .getAttribute("href");
        assertThat(hostedUi)
                .contains("client_id=" + stack.cognito().clientId("web"))
                .contains("redirect_uri=")
                .contains("code_challenge_method=S256");
        assertThat(links).not().containsText(stack.adminCredentials().secretAccessKey());
        page.screenshot(new Page.ScreenshotOptions().setPath(images.resolve("console-links.png")));
        page.close();
    }

    @Test
    void theConsoleIsRefusedOnANonLoopbackBindUnlessTurnedOn() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try (LocalStack open = LocalStack.builder()
                .appConfigFile(PinsLoad.pinsConfig())
                .inMemory()
                .withoutFunction()
                .bindAddress("0.0.0.0")
                .port(0)
                .start()) {
            HttpResponse<String> refused = http.send(
                    HttpRequest.newBuilder(URI.create(open.endpoint() + "/console/"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("--console on");
            assertThat(open.consoleServed()).isFalse();
        }
        try (LocalStack on = LocalStack.builder()
                .appConfigFile(PinsLoad.pinsConfig())
                .inMemory()
                .withoutFunction()
                .bindAddress("0.0.0.0")
                .console(true)
                .port(0)
                .start()) {
            HttpResponse<String> served = http.send(
                    HttpRequest.newBuilder(URI.create(on.endpoint() + "/console/"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.body()).contains("Fieldgate local console");
        }
    }
}
