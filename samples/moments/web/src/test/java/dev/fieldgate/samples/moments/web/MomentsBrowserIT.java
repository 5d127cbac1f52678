package dev.fieldgate.samples.moments.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.FilePayload;
import dev.fieldgate.local.LocalStack;
import dev.fieldgate.local.cognito.OutboxMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The moments story in Debian's Chromium: the local stack runs the sample's config (hosted UI, API with the resolver
 * function, S3), the web app runs from the stack's outputs file alone, and a new user signs up and in through the
 * hosted UI (authorization code with PKCE), uploads a photo, and sees it under today's date, loaded from its
 * presigned URL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MomentsBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String PASSWORD = "Moments-Passw0rd";
    private static final LocatorAssertions.ContainsTextOptions WAIT =
            new LocatorAssertions.ContainsTextOptions().setTimeout(30_000);

    private LocalStack stack;
    private ConfigurableApplicationContext app;
    private Playwright playwright;
    private Browser browser;
    private int port;

    @BeforeAll
    void start() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("This test drives Debian's Chromium at " + CHROMIUM
                    + "; install it with: apt-get install -y chromium");
        }
        port = freePort();
        Path work = Files.createDirectories(Path.of("target", "moments-it")).toAbsolutePath();
        Path outputs = work.resolve("amplify_outputs.json");
        stack = LocalStack.builder()
                .appConfigFile(configWithCallbackOn(port, work))
                .inMemory()
                .port(0)
                .outputsFile(outputs)
                .start();
        stack.functionReady().join();
        app = new SpringApplication(MomentsWebApplication.class)
                .run(
                        "--server.port=" + port,
                        "--server.address=127.0.0.1",
                        "--fieldgate.outputs-file=" + outputs,
                        "--moments.time-zone=UTC");
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
        if (app != null) {
            app.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aNewUserSignsUpThroughTheHostedUiUploadsAPhotoAndSeesItUnderToday() throws Exception {
        String email = "moments-" + System.nanoTime() + "@example.com";
        Page page = browser.newPage();

        // Any page of the app sends an anonymous visitor to the hosted UI, with PKCE.
        List<String> authorizeRequests = new CopyOnWriteArrayList<>();
        page.onRequest(request -> {
            if (request.url().contains("/oauth2/authorize")) {
                authorizeRequests.add(request.url());
            }
        });
        page.navigate("http://localhost:" + port + "/");
        page.waitForURL("**/login?**");
        assertThat(authorizeRequests)
                .singleElement()
                .asString()
                .contains("response_type=code")
                .contains("code_challenge_method=S256")
                .contains("code_challenge=");

        page.click("text=Sign up");
        page.fill("#username", email);
        page.fill("#password", PASSWORD);
        page.click("button[type=submit]");
        page.waitForURL("**/confirmUser?**");
        String code = stack.cognito()
                .outbox()
                .latestTo(email, OutboxMessage.Kind.SIGN_UP_CODE)
                .orElseThrow()
                .code();
        page.fill("#code", code);
        page.click("text=Confirm account");
        page.waitForURL("**/login?**");
        page.fill("#signInFormUsername", email);
        page.fill("#signInFormPassword", PASSWORD);
        page.click("button[name=signInSubmitButton]");

        // Back in the app, signed in: the page lists the user's photos through the API with their own token.
        page.waitForURL("http://localhost:" + port + "/**");
        assertThat(page.locator("#user")).containsText(email, WAIT);
        assertThat(page.locator("#empty")).containsText("No photos yet", WAIT);

        page.setInputFiles("input[name=photo]", new FilePayload("beach day.png", "image/png", png()));
        page.fill("input[name=caption]", "Beach");
        page.click("#upload button[type=submit]");

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        Locator day = page.locator("section.day[data-day='" + today + "']");
        assertThat(day.locator("h2")).containsText(today, WAIT);
        Locator photo = day.locator("figure.photo img");
        assertThat(photo).hasCount(1);
        assertThat(day.locator("figcaption")).containsText("Beach", WAIT);
        // The image came from the photos bucket through its presigned URL: the browser decoded it.
        page.waitForFunction("img => img.complete && img.naturalWidth === 3", photo.elementHandle());
        assertThat(photo.getAttribute("src"))
                .contains("/moments-local-photos/photos/")
                .contains("X-Amz-Signature=");
    }

    /** The sample's config with this run's callback URL, and the schema and function where the sample has them. */
    private static Path configWithCallbackOn(int port, Path work) throws IOException {
        Path sample = Path.of("..").toAbsolutePath().normalize();
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = (ObjectNode) json.readTree(sample.resolve("fieldgate.json").toFile());
        config.put("schema", sample.resolve("schema.graphql").toString());
        ObjectNode function = (ObjectNode) config.get("function");
        function.put("artifact", sample.resolve(function.get("artifact").asText()).toString());
        ObjectNode client = (ObjectNode) config.get("userPool").get("clients").get(0);
        ((ArrayNode) client.putArray("callbackUrls")).add("http://localhost:" + port + "/login/oauth2/code/cognito");
        ((ArrayNode) client.putArray("logoutUrls")).add("http://localhost:" + port + "/");
        Path file = work.resolve("fieldgate.json");
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), config);
        return file;
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xff8800);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
