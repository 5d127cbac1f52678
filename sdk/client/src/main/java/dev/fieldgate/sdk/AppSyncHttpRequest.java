package dev.fieldgate.sdk;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * The request an {@link AppSyncAuthorizer} authorizes: an HTTP POST to the GraphQL endpoint, or, for a real-time
 * connection or subscription, the canonical request AppSync expects to be signed in its place.
 *
 * @param uri     the request URI
 * @param headers the headers already set (content type and the like)
 * @param body    the exact body bytes; authorizers must not modify them
 */
public record AppSyncHttpRequest(URI uri, Map<String, String> headers, byte[] body) {

    public AppSyncHttpRequest {
        Objects.requireNonNull(uri, "uri");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
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
        return o instanceof AppSyncHttpRequest other && uri.equals(other.uri) && headers.equals(other.headers)
                && java.util.Arrays.equals(body, other.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uri, headers, java.util.Arrays.hashCode(body));
    }
}
