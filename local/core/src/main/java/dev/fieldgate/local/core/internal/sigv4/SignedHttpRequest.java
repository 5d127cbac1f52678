package dev.fieldgate.local.core.internal.sigv4;

import dev.fieldgate.local.core.internal.http.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What SigV4 verification needs of a request, independent of the transport: method, the path and query exactly as
 * sent, the header fields, and the body. An HTTP request gives one directly ({@link #from(HttpExchange)}); a
 * WebSocket handshake that carries its signed headers elsewhere can build one by hand. The body is shared, not
 * copied: verification only reads it.
 */
public final class SignedHttpRequest {

    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final List<Map.Entry<String, String>> headers;
    private final byte[] body;

    /**
     * Creates the request.
     *
     * @param method   e.g. {@code POST}
     * @param rawPath  the path as sent, percent-encoding intact ({@code /} for the AWS JSON services)
     * @param rawQuery the query string without {@code ?}, or null
     * @param headers  header fields in any order; names are matched case-insensitively
     * @param body     the payload that was signed (empty for none)
     */
    public SignedHttpRequest(
            String method, String rawPath, String rawQuery, List<Map.Entry<String, String>> headers, byte[] body) {
        this.method = Objects.requireNonNull(method, "method");
        this.rawPath = Objects.requireNonNull(rawPath, "rawPath");
        this.rawQuery = rawQuery;
        this.headers = List.copyOf(headers);
        this.body = body == null ? new byte[0] : body;
    }

    public static SignedHttpRequest from(HttpExchange exchange) throws IOException {
        return new SignedHttpRequest(
                exchange.method(), exchange.rawPath(), exchange.rawQuery(), exchange.headerFields(), exchange.body());
    }

    /** The values of a header, joined by {@code ","} as SigV4 canonicalisation does, or empty. */
    public Optional<String> header(String name) {
        List<String> values = new ArrayList<>();
        String wanted = name.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> field : headers) {
            if (field.getKey().toLowerCase(Locale.ROOT).equals(wanted)) {
                values.add(field.getValue());
            }
        }
        return values.isEmpty() ? Optional.empty() : Optional.of(String.join(",", values));
    }

    /** E.g. {@code POST}. */
    public String method() {
        return method;
    }

    /** The path as sent, percent-encoding intact. */
    public String rawPath() {
        return rawPath;
    }

    /** The query string without {@code ?}, or null. */
    public String rawQuery() {
        return rawQuery;
    }

    /** The header fields; {@link #header(String)} matches names case-insensitively. */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /** The payload that was signed (empty for none); read it, do not change it. */
    public byte[] body() {
        return body;
    }

    @Override
    public String toString() {
        return "SignedHttpRequest[" + method + " " + rawPath + ", " + headers.size() + " headers, " + body.length
                + " bytes]";
    }
}
