package dev.fieldgate.local.appsync.internal.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.local.appsync.internal.AppSyncRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The two places a handshake may carry its credentials, and how each is refused when it cannot be read. */
class HandshakeHeadersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    // Chosen so that its base64 needs padding and uses both characters base64url replaces.
    private static final String HEADERS = "{\"host\":\"h\",\"Authorization\":\"a?>~\"}";

    private static String base64url(String text, boolean padded) {
        Base64.Encoder encoder =
                padded ? Base64.getUrlEncoder() : Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theSubprotocolEntryIsBase64urlWithOrWithoutPadding() {
        assertThat(base64url(HEADERS, true)).endsWith("=").containsAnyOf("-", "_");
        for (boolean padded : List.of(true, false)) {
            HandshakeHeaders read =
                    HandshakeHeaders.read(List.of("graphql-ws", "header-" + base64url(HEADERS, padded)), null, JSON);
            assertThat(read.headers().get("Authorization").asText()).isEqualTo("a?>~");
            // Amplify signs its IAM connect request over {} and sends no payload parameter.
            assertThat(read.body()).isEqualTo("{}");
        }
    }

    @Test
    void theQueryParametersStillWork() {
        String header = Base64.getEncoder().encodeToString(HEADERS.getBytes(StandardCharsets.UTF_8));
        HandshakeHeaders read = HandshakeHeaders.read(
                List.of("graphql-ws"),
                "header=" + java.net.URLEncoder.encode(header, StandardCharsets.UTF_8) + "&payload=e30=",
                JSON);
        assertThat(read.headers().get("host").asText()).isEqualTo("h");
        assertThat(read.body()).isEqualTo("{}");
    }

    @Test
    void unreadableOrMissingCredentialsAreRefused() {
        assertThatThrownBy(() -> HandshakeHeaders.read(List.of("graphql-ws", "header-!!"), null, JSON))
                .isInstanceOfSatisfying(AppSyncRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).isEqualTo("The \"header\" subprotocol is not base64url-encoded JSON.");
                });
        assertThatThrownBy(() ->
                        HandshakeHeaders.read(List.of("graphql-ws", "header-" + base64url("[1]", false)), null, JSON))
                .isInstanceOf(AppSyncRequestException.class);
        assertThatThrownBy(() -> HandshakeHeaders.read(List.of("graphql-ws"), null, JSON))
                .hasMessage("Both, the \"header\", and the \"payload\" query string parameters are missing");
    }
}
