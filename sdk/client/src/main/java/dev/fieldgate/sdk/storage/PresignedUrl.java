package dev.fieldgate.sdk.storage;

import java.net.URL;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A presigned S3 request: anyone holding it may make exactly this request until it expires, without credentials.
 * Hand it to a browser or another service; treat it as a secret until then (it is as good as a key to one object).
 *
 * @param url        the URL, with the signature in its query
 * @param method     {@code GET} or {@code PUT}
 * @param expiration when S3 stops accepting it (sooner if the signing credentials expire first)
 * @param headers    the headers the request must carry as signed, lower-case ({@code content-type} for an upload); the
 *                   {@code host} header is the URL's own
 */
public record PresignedUrl(URL url, String method, Instant expiration, Map<String, List<String>> headers) {

    public PresignedUrl {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(expiration, "expiration");
        headers = Map.copyOf(headers);
    }

    @Override
    public String toString() {
        // The query carries the signature and the session token: never print it.
        return "PresignedUrl[" + method + " " + url.getProtocol() + "://" + url.getAuthority() + url.getPath()
                + ", expires " + expiration + "]";
    }
}
