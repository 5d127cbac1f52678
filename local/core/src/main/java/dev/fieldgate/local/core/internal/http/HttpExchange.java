package dev.fieldgate.local.core.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One HTTP request and its response, in blocking style, for the local stack's own handlers. The body is read at
 * most once and never beyond {@link #MAX_BODY_BYTES}; a larger body is refused before it is buffered.
 */
public final class HttpExchange {

    /** Cognito's largest request (a SignUp with many attributes) is far below this. */
    public static final int MAX_BODY_BYTES = 1 << 20;

    /**
     * How much of a refused body is still read and dropped so that the client sees the 413: a connection closed with
     * unread input is reset, and the client would report a connection error instead. Beyond this the connection is cut.
     */
    private static final long MAX_DISCARDED_BYTES = 16L << 20;

    private final Request request;
    private final Response response;
    private final Callback callback;
    private byte[] body;
    private InputStream input;
    private boolean bodyTooLarge;
    private Map<String, List<String>> query;
    private Map<String, List<String>> form;
    private boolean responded;

    public HttpExchange(Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
    }

    public Request jettyRequest() {
        return request;
    }

    public String method() {
        return request.getMethod();
    }

    /** The decoded path, e.g. {@code /oauth2/token}. */
    public String path() {
        return request.getHttpURI().getDecodedPath();
    }

    /** The path exactly as sent (still percent-encoded); SigV4 signs this one. */
    public String rawPath() {
        String path = request.getHttpURI().getPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    /** The raw query string without '?', or null. */
    public String rawQuery() {
        return request.getHttpURI().getQuery();
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(request.getHeaders().get(name));
    }

    /** Every header in arrival order; names as sent, values as sent (one entry per field line). */
    public List<Map.Entry<String, String>> headerFields() {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (HttpField field : request.getHeaders()) {
            fields.add(Map.entry(field.getName(), field.getValue() == null ? "" : field.getValue()));
        }
        return fields;
    }

    public String remoteAddress() {
        return Request.getRemoteAddr(request);
    }

    /** The base URI the client used to reach us ({@code http://host:port}), from the Host header. */
    public URI baseUri() {
        String scheme = request.getHttpURI().getScheme() == null
                ? "http"
                : request.getHttpURI().getScheme();
        String host = header("Host").orElse(Request.getServerName(request) + ":" + Request.getServerPort(request));
        return URI.create(scheme + "://" + host);
    }

    /**
     * The request body, read on first use.
     *
     * @throws BodyTooLargeException if it exceeds {@link #MAX_BODY_BYTES}
     */
    public byte[] body() throws IOException {
        return body(MAX_BODY_BYTES);
    }

    /**
     * The request body, read on first use, up to a limit of the caller's; a refused body is still drained before
     * the answer (see {@link #respond}).
     *
     * @throws BodyTooLargeException if it exceeds {@code limit}
     */
    public byte[] body(int limit) throws IOException {
        if (bodyTooLarge) {
            throw new BodyTooLargeException(limit);
        }
        if (body == null) {
            if (request.getLength() > limit) {
                bodyTooLarge = true;
                throw new BodyTooLargeException(limit);
            }
            input = Content.Source.asInputStream(request);
            byte[] read = input.readNBytes(limit + 1);
            if (read.length > limit) {
                bodyTooLarge = true;
                throw new BodyTooLargeException(limit);
            }
            input.close();
            body = read;
        }
        return body;
    }

    public String bodyAsString() throws IOException {
        return new String(body(), StandardCharsets.UTF_8);
    }

    /** Query parameters (first value wins in {@link #queryParam}). */
    public Map<String, List<String>> queryParams() {
        if (query == null) {
            query = parseUrlEncoded(rawQuery());
        }
        return query;
    }

    public Optional<String> queryParam(String name) {
        List<String> values = queryParams().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** {@code application/x-www-form-urlencoded} body parameters. */
    public Map<String, List<String>> formParams() throws IOException {
        if (form == null) {
            String contentType = header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            form = contentType.startsWith("application/x-www-form-urlencoded")
                    ? parseUrlEncoded(bodyAsString())
                    : Map.of();
        }
        return form;
    }

    public Optional<String> formParam(String name) throws IOException {
        List<String> values = formParams().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public Optional<String> cookie(String name) {
        for (HttpCookie cookie : Request.getCookies(request)) {
            if (cookie.getName().equals(name)) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    public HttpExchange setHeader(String name, String value) {
        response.getHeaders().put(name, value);
        return this;
    }

    public HttpExchange addHeader(String name, String value) {
        response.getHeaders().add(name, value);
        return this;
    }

    public boolean responded() {
        return responded;
    }

    public void respond(int status, String contentType, byte[] content) {
        if (responded) {
            throw new IllegalStateException("response already sent");
        }
        responded = true;
        readUnreadBody();
        response.setStatus(status);
        if (contentType != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, content.length);
        response.write(true, ByteBuffer.wrap(content), callback);
    }

    /**
     * Reads what the client is still sending before an answer that did not need it (an early 401, 403, 404 or 413): a
     * connection closed with unread input is reset, and the client would see a connection error instead of the answer.
     */
    private void readUnreadBody() {
        try {
            if (body == null && !bodyTooLarge) {
                body();
            }
        } catch (BodyTooLargeException e) {
            // Dropped below.
        } catch (IOException e) {
            return; // cut short by the client: nothing left to read
        }
        if (bodyTooLarge) {
            discardRefusedBody();
        }
    }

    private void discardRefusedBody() {
        if (request.getLength() > MAX_DISCARDED_BYTES) {
            return;
        }
        try (InputStream in = input != null ? input : Content.Source.asInputStream(request)) {
            byte[] sink = new byte[64 * 1024];
            long dropped = 0;
            for (int n; dropped <= MAX_DISCARDED_BYTES && (n = in.read(sink)) >= 0; ) {
                dropped += n;
            }
        } catch (IOException e) {
            // The client gave up; the answer goes out if it still can.
        }
    }

    public void respond(int status, String contentType, String content) {
        respond(status, contentType, content.getBytes(StandardCharsets.UTF_8));
    }

    public void redirect(String location) {
        setHeader("Location", location);
        setHeader("Cache-Control", "no-store");
        respond(302, null, new byte[0]);
    }

    public void fail(Throwable failure) {
        if (!responded) {
            responded = true;
            callback.failed(failure);
        }
    }

    /** {@code application/x-www-form-urlencoded} text (a query string or a form body), decoded leniently. */
    public static Map<String, List<String>> parseUrlEncoded(String text) {
        if (text == null || text.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        params.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return Collections.unmodifiableMap(params);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    /** The body exceeds the limit it was read with. */
    public static final class BodyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLargeException(int limit) {
            super("request body larger than " + limit + " bytes");
        }
    }
}
