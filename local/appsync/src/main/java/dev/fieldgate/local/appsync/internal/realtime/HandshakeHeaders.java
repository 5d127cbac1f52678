package dev.fieldgate.local.appsync.internal.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.local.appsync.internal.AppSyncRequestException;
import dev.fieldgate.local.core.internal.http.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Where a real-time handshake carries its credentials, as AppSync reads them: either a {@code header-<base64url of
 * the JSON auth headers>} entry of {@code Sec-WebSocket-Protocol} next to {@code graphql-ws} (Amplify JS v6), or the
 * query parameters {@code header=} (base64 JSON) and {@code payload=} (base64 body, {@code e30=}) of older clients.
 *
 * @param headers the auth headers as a JSON object
 * @param body    the body an IAM connect signature covers: the payload, {@code {}} with the subprotocol form
 */
record HandshakeHeaders(JsonNode headers, String body) {

    /** The prefix of the subprotocol entry that carries the auth headers. */
    static final String SUBPROTOCOL_PREFIX = "header-";

    private static final String EMPTY_BODY = "{}";

    /**
     * Reads the credentials of an upgrade request.
     *
     * @param subprotocols the offered subprotocols, in order
     * @param rawQuery     the request's query string, or null
     * @throws AppSyncRequestException when neither form is there or the one given cannot be read
     */
    static HandshakeHeaders read(List<String> subprotocols, String rawQuery, ObjectMapper json) {
        String subprotocol = subprotocols.stream()
                .filter(p -> p.startsWith(SUBPROTOCOL_PREFIX))
                .findFirst()
                .orElse(null);
        Map<String, List<String>> params = HttpExchange.parseUrlEncoded(rawQuery);
        String payload = first(params, "payload");
        if (subprotocol != null) {
            // UNCONFIRMED: which form AppSync prefers when a client sends both; the subprotocol, Amplify's current
            // form, wins here. Base64url with or without padding.
            JsonNode headers = object(
                    subprotocol.substring(SUBPROTOCOL_PREFIX.length()),
                    Base64.getUrlDecoder(),
                    json,
                    "The \"header\" subprotocol is not base64url-encoded JSON.");
            return new HandshakeHeaders(headers, payload == null ? EMPTY_BODY : body(payload));
        }
        String header = first(params, "header");
        if (header == null || payload == null) {
            // UNCONFIRMED: AppSync's exact wording for a handshake without its query parameters.
            throw AppSyncRequestException.unauthorized(
                    "Both, the \"header\", and the \"payload\" query string parameters are missing");
        }
        JsonNode headers = object(
                header, Base64.getDecoder(), json, "The \"header\" query string parameter is not base64-encoded JSON.");
        return new HandshakeHeaders(headers, body(payload));
    }

    private static JsonNode object(String encoded, Base64.Decoder decoder, ObjectMapper json, String refusal) {
        JsonNode headers;
        try {
            headers = json.readTree(decoder.decode(encoded));
        } catch (IllegalArgumentException | IOException e) {
            throw AppSyncRequestException.unauthorized(refusal);
        }
        if (headers == null || !headers.isObject()) {
            throw AppSyncRequestException.unauthorized(refusal);
        }
        return headers;
    }

    private static String body(String payload) {
        try {
            return new String(Base64.getDecoder().decode(payload), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw AppSyncRequestException.unauthorized("The \"payload\" query string parameter is not base64-encoded.");
        }
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
