package dev.fieldgate.local.cognito;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.fieldgate.config.AppConfig;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hosted UI's OAuth 2.0 endpoints over plain HTTP (the browser test drives the same pages in Chromium). */
class OAuthEndpointsTest extends CognitoTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLBACK = "http://localhost:3000/callback";
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-local-test";

    /** A browser-like client: keeps cookies, does not follow redirects so the test can read them. */
    private HttpClient browser;

    @org.junit.jupiter.api.BeforeEach
    void newBrowser() {
        browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Test
    void codeFlowWithPkceFromAuthorizeThroughLoginToTokensAndUserInfo() throws Exception {
        String email = newEmail();
        String sub = signUpConfirmed(email);
        Map<String, String> callback =
                signInThroughLogin(email, TestConfigs.PASSWORD, "openid email", challenge(VERIFIER), "n-0S6_WzA2Mj");
        assertThat(callback.get("state")).isEqualTo("xyz-state");
        String code = callback.get("code");

        HttpResponse<String> wrongVerifier = token(Map.of(
                "grant_type",
                "authorization_code",
                "client_id",
                web(),
                "code",
                code,
                "redirect_uri",
                CALLBACK,
                "code_verifier",
                VERIFIER.replace('a', 'b')));
        assertThat(wrongVerifier.statusCode()).isEqualTo(400);
        assertThat(wrongVerifier.body()).isEqualTo("{\"error\":\"invalid_grant\"}");
        // The failed attempt used the code up.
        assertThat(token(exchange(code)).body()).contains("invalid_grant");

        Map<String, String> second = signInWithSession("openid email", challenge(VERIFIER), "n-2");
        HttpResponse<String> response = token(exchange(second.get("code")));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode tokens = JSON.readTree(response.body());
        assertThat(tokens.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(tokens.get("expires_in").asInt()).isEqualTo(3600);
        assertThat(tokens.get("refresh_token").asText()).isNotBlank();
        JWTClaimsSet id = SignedJWT.parse(tokens.get("id_token").asText()).getJWTClaimsSet();
        assertThat(id.getSubject()).isEqualTo(sub);
        assertThat(id.getClaim("nonce")).isEqualTo("n-2");
        assertThat(id.getStringClaim("at_hash")).hasSize(22);
        JWTClaimsSet access =
                SignedJWT.parse(tokens.get("access_token").asText()).getJWTClaimsSet();
        assertThat(access.getStringClaim("scope")).isEqualTo("openid email");

        HttpResponse<String> info = browser.send(
                HttpRequest.newBuilder(uri("/oauth2/userInfo"))
                        .header(
                                "Authorization",
                                "Bearer " + tokens.get("access_token").asText())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(info.statusCode()).isEqualTo(200);
        JsonNode claims = JSON.readTree(info.body());
        assertThat(claims.get("sub").asText()).isEqualTo(sub);
        assertThat(claims.get("email").asText()).isEqualTo(email);
        assertThat(claims.get("email_verified").asText()).isEqualTo("true");

        // Tokens from the API (no openid scope) are not accepted by userInfo.
        HttpResponse<String> apiToken = browser.send(
                HttpRequest.newBuilder(uri("/oauth2/userInfo"))
                        .header(
                                "Authorization",
                                "Bearer " + passwordSignIn(email).accessToken())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(apiToken.statusCode()).isEqualTo(401);
        assertThat(apiToken.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("invalid_token");
        HttpResponse<String> noToken = browser.send(
                HttpRequest.newBuilder(uri("/oauth2/userInfo")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(400);

        HttpResponse<String> refreshed = token(Map.of(
                "grant_type",
                "refresh_token",
                "client_id",
                web(),
                "refresh_token",
                tokens.get("refresh_token").asText()));
        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(refreshed.body()).has("refresh_token")).isFalse();

        HttpResponse<String> revoke = post(
                "/oauth2/revoke", Map.of("token", tokens.get("refresh_token").asText(), "client_id", web()), null);
        assertThat(revoke.statusCode()).isEqualTo(200);
        assertThat(token(Map.of(
                                "grant_type",
                                "refresh_token",
                                "client_id",
                                web(),
                                "refresh_token",
                                tokens.get("refresh_token").asText()))
                        .body())
                .contains("invalid_grant");
        assertThat(post(
                                "/oauth2/revoke",
                                Map.of("token", tokens.get("access_token").asText(), "client_id", web()),
                                null)
                        .body())
                .contains("unsupported_token_type");
    }

    @Test
    void aDisabledUserGetsNoCodeAndNoTokensAndTheirRefreshTokensStayRevoked() throws Exception {
        String email = newEmail();
        signUpConfirmed(email);
        Map<String, String> first =
                signInThroughLogin(email, TestConfigs.PASSWORD, "openid", challenge(VERIFIER), null);
        String refreshToken = JSON.readTree(token(exchange(first.get("code"))).body())
                .get("refresh_token")
                .asText();
        String unredeemed =
                signInWithSession("openid", challenge(VERIFIER), null).get("code");

        admin.adminDisableUser(r -> r.userPoolId(cognito.userPoolId()).username(email));
        HttpResponse<String> authorize = get("/oauth2/authorize?" + authorizeQuery("openid", null, null));
        assertThat(authorize.statusCode()).isEqualTo(302);
        assertThat(authorize.headers().firstValue("Location").orElseThrow())
                .as("the hosted session no longer signs the user in")
                .startsWith("/login?");
        assertThat(token(exchange(unredeemed)).body()).isEqualTo("{\"error\":\"invalid_grant\"}");
        Map<String, String> refresh =
                Map.of("grant_type", "refresh_token", "client_id", web(), "refresh_token", refreshToken);
        assertThat(token(refresh).body()).isEqualTo("{\"error\":\"invalid_grant\"}");

        // AdminDisableUser revokes the user's tokens: enabling the user again does not bring them back.
        admin.adminEnableUser(r -> r.userPoolId(cognito.userPoolId()).username(email));
        assertThat(token(refresh).body()).isEqualTo("{\"error\":\"invalid_grant\"}");
        assertThat(signInThroughLogin(email, TestConfigs.PASSWORD, "openid", null, null))
                .containsKey("code");
    }

    @Test
    void authorizeRefusesBadRequestsTheWayCognitoDoes() throws Exception {
        assertThat(get("/oauth2/authorize?response_type=code&client_id=nope&redirect_uri=" + enc(CALLBACK))
                        .statusCode())
                .isEqualTo(400);
        HttpResponse<String> mismatch = get("/oauth2/authorize?response_type=code&client_id=" + web() + "&redirect_uri="
                + enc("https://evil.example.com/cb"));
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(mismatch.body()).contains("redirect_mismatch");
        assertThat(redirectError("response_type=code&code_challenge_method=plain&code_challenge=abc"))
                .isEqualTo("invalid_request");
        assertThat(redirectError("response_type=token")).isEqualTo("unauthorized_client");
        assertThat(redirectError("response_type=id_token")).isEqualTo("unsupported_response_type");
        assertThat(redirectError("response_type=code&scope=phone")).isEqualTo("invalid_scope");
        HttpResponse<String> ok = get("/oauth2/authorize?response_type=code&client_id=" + web() + "&redirect_uri="
                + enc(CALLBACK) + "&state=s1");
        assertThat(ok.statusCode()).isEqualTo(302);
        assertThat(ok.headers().firstValue("Location").orElseThrow())
                .startsWith("/login?")
                .contains("state=s1");
    }

    @Test
    void theLoginPageShowsErrorsAndRequiresItsCsrfToken() throws Exception {
        String email = newEmail();
        signUpConfirmed(email);
        String loginPath = "/login?" + authorizeQuery("openid", null, null);
        HttpResponse<String> page = get(loginPath);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("signInFormUsername")
                .contains("/signup?")
                .contains("/forgotPassword?");
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
        String csrf = csrf(page.body());

        HttpResponse<String> noCsrf =
                post(loginPath, Map.of("username", email, "password", TestConfigs.PASSWORD), null);
        assertThat(noCsrf.statusCode()).isEqualTo(403);
        HttpResponse<String> wrong =
                post(loginPath, Map.of("_csrf", csrf, "username", email, "password", "Wrong-Password-1"), null);
        assertThat(wrong.statusCode()).isEqualTo(200);
        assertThat(wrong.body()).contains("Incorrect username or password.");
        assertThat(wrong.body()).doesNotContain("Wrong-Password-1");
    }

    @Test
    void clientCredentialsIssueAnAccessTokenForTheClientItself() throws Exception {
        String id = cognito.clientId("service");
        String secret = cognito.clientSecret("service").orElseThrow();
        String basic =
                "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response =
                post("/oauth2/token", Map.of("grant_type", "client_credentials", "scope", "pins/read"), basic);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.has("id_token")).isFalse();
        assertThat(body.has("refresh_token")).isFalse();
        JWTClaimsSet claims = SignedJWT.parse(body.get("access_token").asText()).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(id);
        assertThat(claims.getStringClaim("scope")).isEqualTo("pins/read");
        assertThat(claims.getStringClaim("token_use")).isEqualTo("access");

        String wrongBasic =
                "Basic " + Base64.getEncoder().encodeToString((id + ":nope").getBytes(StandardCharsets.UTF_8));
        assertThat(post("/oauth2/token", Map.of("grant_type", "client_credentials"), wrongBasic)
                        .body())
                .isEqualTo("{\"error\":\"invalid_client\"}");
        assertThat(post("/oauth2/token", Map.of("grant_type", "client_credentials", "scope", "pins/admin"), basic)
                        .body())
                .contains("invalid_scope");
        assertThat(post("/oauth2/token", Map.of("grant_type", "password"), basic)
                        .body())
                .contains("unsupported_grant_type");
        assertThat(token(Map.of("grant_type", "client_credentials", "client_id", web()))
                        .body())
                .contains("unauthorized_client");
        // Its token has no user, so user-facing operations refuse it.
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        idp.getUser(r -> r.accessToken(body.get("access_token").asText())))
                .hasMessageContaining("Invalid Access Token");
    }

    @Test
    void logoutEndsTheHostedSessionAndOnlyRedirectsToRegisteredUrls() throws Exception {
        String email = newEmail();
        signUpConfirmed(email);
        signInThroughLogin(email, TestConfigs.PASSWORD, "openid", null, null);
        HttpResponse<String> withSession = get("/oauth2/authorize?" + authorizeQuery("openid", null, null));
        assertThat(withSession.headers().firstValue("Location").orElseThrow()).startsWith(CALLBACK + "?code=");

        HttpResponse<String> bad = get("/logout?client_id=" + web() + "&logout_uri=" + enc("https://evil.example/"));
        assertThat(bad.statusCode()).isEqualTo(400);
        HttpResponse<String> out = get("/logout?client_id=" + web() + "&logout_uri=" + enc("http://localhost:3000/"));
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(out.headers().firstValue("Location")).hasValue("http://localhost:3000/");
        HttpResponse<String> afterLogout = get("/oauth2/authorize?" + authorizeQuery("openid", null, null));
        assertThat(afterLogout.headers().firstValue("Location").orElseThrow()).startsWith("/login?");
    }

    @Test
    void forgotPasswordAndTheNewPasswordChallengeWorkThroughThePages() throws Exception {
        String email = newEmail();
        signUpConfirmed(email);
        String query = authorizeQuery("openid", null, null);
        HttpResponse<String> forgotPage = get("/forgotPassword?" + query);
        HttpResponse<String> requested =
                post("/forgotPassword?" + query, Map.of("_csrf", csrf(forgotPage.body()), "username", email), null);
        assertThat(requested.statusCode()).isEqualTo(302);
        String confirmPath = requested.headers().firstValue("Location").orElseThrow();
        assertThat(confirmPath).startsWith("/confirmForgotPassword?");
        HttpResponse<String> confirmPage = get(confirmPath);
        String code = cognito.outbox()
                .latestTo(email, OutboxMessage.Kind.FORGOT_PASSWORD_CODE)
                .orElseThrow()
                .code();
        HttpResponse<String> mismatch = post(
                confirmPath,
                Map.of(
                        "_csrf",
                        csrf(confirmPage.body()),
                        "code",
                        code,
                        "password",
                        "Reset-Pass-11",
                        "confirm_password",
                        "Reset-Pass-12"),
                null);
        assertThat(mismatch.body()).contains("The passwords do not match.");
        HttpResponse<String> reset = post(
                confirmPath,
                Map.of(
                        "_csrf",
                        csrf(confirmPage.body()),
                        "code",
                        code,
                        "password",
                        "Reset-Pass-11",
                        "confirm_password",
                        "Reset-Pass-11"),
                null);
        assertThat(reset.headers().firstValue("Location").orElseThrow()).startsWith("/login?");
        assertThat(signInThroughLogin(email, "Reset-Pass-11", "openid", null, null))
                .containsKey("code");

        // An invited user chooses a password on the page before being signed in.
        String invited = newEmail();
        admin.adminCreateUser(r -> r.userPoolId(cognito.userPoolId())
                .username(invited)
                .temporaryPassword("Temp-Pass-77")
                .messageAction("SUPPRESS"));
        newBrowser();
        HttpResponse<String> authorize = get("/oauth2/authorize?" + query);
        String login = authorize.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> loginPage = get(login);
        HttpResponse<String> challenge = post(
                login, Map.of("_csrf", csrf(loginPage.body()), "username", invited, "password", "Temp-Pass-77"), null);
        assertThat(challenge.statusCode()).isEqualTo(200);
        assertThat(challenge.body()).contains("Change password").contains("challenge_session");
        Matcher session =
                Pattern.compile("name=\"challenge_session\" value=\"([^\"]+)\"").matcher(challenge.body());
        assertThat(session.find()).isTrue();
        Matcher username =
                Pattern.compile("name=\"username\" value=\"([^\"]+)\"").matcher(challenge.body());
        assertThat(username.find()).isTrue();
        HttpResponse<String> weak = post(
                login,
                Map.of(
                        "_csrf",
                        csrf(challenge.body()),
                        "challenge_session",
                        session.group(1),
                        "username",
                        username.group(1),
                        "new_password",
                        "weak",
                        "confirm_password",
                        "weak"),
                null);
        assertThat(weak.body()).contains("Password did not conform with policy");
        HttpResponse<String> chosen = post(
                login,
                Map.of(
                        "_csrf",
                        csrf(challenge.body()),
                        "challenge_session",
                        session.group(1),
                        "username",
                        username.group(1),
                        "new_password",
                        "Chosen-Pass-5",
                        "confirm_password",
                        "Chosen-Pass-5"),
                null);
        assertThat(chosen.statusCode()).isEqualTo(302);
        assertThat(chosen.headers().firstValue("Location").orElseThrow()).startsWith(CALLBACK + "?code=");
    }

    @Test
    void theImplicitFlowReturnsTokensInTheFragment() throws Exception {
        AppConfig config = TestConfigs.pins(
                TestConfigs.web()
                        .allowedOAuthFlows(java.util.List.of("code", "implicit"))
                        .build(),
                true);
        try (LocalCognito other = LocalCognito.builder().config(config).start()) {
            String email = newEmail();
            try (var adminClient = Clients.adminIdp(other)) {
                adminClient.adminCreateUser(
                        r -> r.userPoolId(other.userPoolId()).username(email).messageAction("SUPPRESS"));
                adminClient.adminSetUserPassword(r -> r.userPoolId(other.userPoolId())
                        .username(email)
                        .password(TestConfigs.PASSWORD)
                        .permanent(true));
            }
            String query = "response_type=token&client_id=" + other.clientId("web") + "&redirect_uri=" + enc(CALLBACK)
                    + "&scope=openid&state=st";
            HttpResponse<String> authorize = browser.send(
                    HttpRequest.newBuilder(URI.create(other.endpoint() + "/oauth2/authorize?" + query))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String login = other.endpoint()
                    + authorize.headers().firstValue("Location").orElseThrow();
            HttpResponse<String> page = browser.send(
                    HttpRequest.newBuilder(URI.create(login)).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> done = browser.send(
                    HttpRequest.newBuilder(URI.create(login))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + enc(csrf(page.body())) + "&username="
                                    + enc(email) + "&password=" + enc(TestConfigs.PASSWORD)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String location = done.headers().firstValue("Location").orElseThrow();
            assertThat(location)
                    .startsWith(CALLBACK + "#")
                    .contains("id_token=")
                    .contains("access_token=")
                    .contains("token_type=Bearer")
                    .contains("expires_in=3600")
                    .contains("state=st")
                    .doesNotContain("refresh_token");
        }
    }

    // ------------------------------------------------------------------ helpers

    private Map<String, String> signInThroughLogin(
            String email, String password, String scope, String challenge, String nonce) throws Exception {
        HttpResponse<String> authorize = get("/oauth2/authorize?" + authorizeQuery(scope, challenge, nonce));
        assertThat(authorize.statusCode()).isEqualTo(302);
        String login = authorize.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> page = get(login);
        HttpResponse<String> submitted =
                post(login, Map.of("_csrf", csrf(page.body()), "username", email, "password", password), null);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(302);
        return callbackParams(submitted.headers().firstValue("Location").orElseThrow());
    }

    private Map<String, String> signInWithSession(String scope, String challenge, String nonce) throws Exception {
        HttpResponse<String> authorize = get("/oauth2/authorize?" + authorizeQuery(scope, challenge, nonce));
        return callbackParams(authorize.headers().firstValue("Location").orElseThrow());
    }

    private String authorizeQuery(String scope, String challenge, String nonce) {
        StringBuilder q = new StringBuilder("response_type=code&client_id=" + web() + "&redirect_uri=" + enc(CALLBACK)
                + "&state=xyz-state&scope=" + enc(scope));
        if (challenge != null) {
            q.append("&code_challenge=").append(challenge).append("&code_challenge_method=S256");
        }
        if (nonce != null) {
            q.append("&nonce=").append(enc(nonce));
        }
        return q.toString();
    }

    private String redirectError(String query) throws Exception {
        HttpResponse<String> response =
                get("/oauth2/authorize?client_id=" + web() + "&redirect_uri=" + enc(CALLBACK) + "&" + query);
        assertThat(response.statusCode()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(CALLBACK + "?");
        return callbackParams(location).get("error");
    }

    private Map<String, String> exchange(String code) {
        return Map.of(
                "grant_type",
                "authorization_code",
                "client_id",
                web(),
                "code",
                code,
                "redirect_uri",
                CALLBACK,
                "code_verifier",
                VERIFIER);
    }

    private HttpResponse<String> token(Map<String, String> form) throws Exception {
        return post("/oauth2/token", form, null);
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return browser.send(HttpRequest.newBuilder(uri(pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String pathAndQuery, Map<String, String> form, String authorization)
            throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&")
                .append(enc(k))
                .append('=')
                .append(enc(v)));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String pathAndQuery) {
        return URI.create(cognito.endpoint() + pathAndQuery);
    }

    static Map<String, String> callbackParams(String location) {
        Map<String, String> params = new LinkedHashMap<>();
        String query = URI.create(location).getRawQuery();
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("the page has a CSRF field").isTrue();
        return m.group(1);
    }

    static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
