package dev.fieldgate.local.cognito.internal.hostedui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.local.cognito.CognitoTestBase;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Values from the request reach the hosted UI's pages escaped, whichever page shows them. */
class HostedUiEscapingTest extends CognitoTestBase {

    private static final String HOSTILE = "\"><script>alert('x')</script>";
    private static final String ESCAPED = "&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;";

    private final HttpClient browser = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @Test
    void anUnknownClientIdIsEchoedEscaped() throws Exception {
        HttpResponse<String> page = send("/oauth2/authorize?response_type=code&client_id=" + enc(HOSTILE), null);
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("no app client " + ESCAPED + ".").doesNotContain("<script");
    }

    @Test
    void theUsernameTypedIntoTheLoginFormIsEchoedEscaped() throws Exception {
        String login = "/login?response_type=code&client_id=" + web() + "&redirect_uri="
                + enc("http://localhost:3000/callback") + "&state=" + enc(HOSTILE);
        HttpResponse<String> page = send(login, null);
        assertThat(page.body()).doesNotContain("<script");
        HttpResponse<String> failed = send(
                login, "_csrf=" + enc(csrf(page.body())) + "&username=" + enc(HOSTILE) + "&password=Wrong-Password-1");
        assertThat(failed.statusCode()).isEqualTo(200);
        assertThat(failed.body()).contains("value=\"" + ESCAPED + "\"").doesNotContain("<script");
    }

    private HttpResponse<String> send(String pathAndQuery, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cognito.endpoint() + pathAndQuery));
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
        }
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
