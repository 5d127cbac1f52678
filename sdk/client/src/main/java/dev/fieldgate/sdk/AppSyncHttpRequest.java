package dev.fieldgate.sdk;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * The request an {@link AppSyncAuthorizer} authorizes: an HTTP POST to the GraphQL endpoint, or, for a real-time
 * connection or subscription, the canonical request AppSync expects to be signed in its place. Immutable: the body
 * is copied in and out, so an authorizer cannot change the bytes that are sent.
 */
public final class AppSyncHttpRequest {

    private final URI uri;
    private final Map<String, String> headers;
    private final byte[] body;

    /**
     * Creates the request.
     *
     * @param uri     the request URI
     * @param headers the headers already set (content type and the like)
     * @param body    the exact body bytes
     */
    public AppSyncHttpRequest(URI uri, Map<String, String> headers, byte[] body) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.headers = Map.copyOf(headers);
        this.body = Objects.requireNonNull(body, "body").clone();
    }

    /** The request URI. */
    public URI uri() {
        return uri;
    }

    /** The headers already set (content type and the like). */
    public Map<String, String> headers() {
        return headers;
    }

    /** A copy of the exact body bytes. */
    public byte[] body() {
        return body.clone();
    }

    /** Always {@code POST}: AppSync's GraphQL endpoint takes nothing else. */
    public String method() {
        return "POST";
    }

    @Override
    public String toString() {
        return "AppSyncHttpRequest[POST " + uri + ", " + body.length + " bytes]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AppSyncHttpRequest other
                && uri.equals(other.uri)
                && headers.equals(other.headers)
                && Arrays.equals(body, other.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uri, headers, Arrays.hashCode(body));
    }
}
