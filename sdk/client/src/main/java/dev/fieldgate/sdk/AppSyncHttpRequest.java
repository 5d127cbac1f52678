package dev.fieldgate.sdk;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The request an {@link AppSyncAuthorizer} authorizes: an HTTP POST to the GraphQL endpoint, or, for a real-time
 * connection or subscription, the canonical request AppSync expects to be signed in its place. Immutable: the body
 * is copied in and out, so an authorizer cannot change the bytes that are sent.
 *
 * <p>The request also says which region the API is in when its sender knows it (the client takes it from its
 * {@link FieldgateConfig}), so that an authorizer need not be told twice.
 */
public final class AppSyncHttpRequest {

    private final URI uri;
    private final Map<String, String> headers;
    private final byte[] body;
    private final String region;

    /**
     * Creates a request whose region is not known (an IAM authorizer then needs one of its own, or an AppSync host
     * name that carries it).
     *
     * @param uri     the request URI
     * @param headers the headers already set (content type and the like)
     * @param body    the exact body bytes
     */
    public AppSyncHttpRequest(URI uri, Map<String, String> headers, byte[] body) {
        this(uri, headers, body, null);
    }

    /**
     * Creates the request.
     *
     * @param uri     the request URI
     * @param headers the headers already set (content type and the like)
     * @param body    the exact body bytes
     * @param region  the API's region, or null when unknown
     */
    public AppSyncHttpRequest(URI uri, Map<String, String> headers, byte[] body, String region) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.headers = Map.copyOf(headers);
        this.body = Objects.requireNonNull(body, "body").clone();
        this.region = region == null || region.isBlank() ? null : region;
    }

    /** The API's region, when the sender knows it. */
    public Optional<String> region() {
        return Optional.ofNullable(region);
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
        return "AppSyncHttpRequest[POST " + uri + ", " + body.length + " bytes" + (region == null ? "" : ", " + region)
                + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AppSyncHttpRequest other
                && uri.equals(other.uri)
                && headers.equals(other.headers)
                && Arrays.equals(body, other.body)
                && Objects.equals(region, other.region);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uri, headers, Arrays.hashCode(body), region);
    }
}
