package dev.fieldgate.resolvers;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code request} part of the event: the GraphQL request's HTTP headers (names lower-cased, as AppSync sends
 * them) and the custom domain it came through ({@code null} for the API's own domain).
 *
 * <p>The headers include the caller's raw credentials ({@code authorization}, {@code x-api-key},
 * {@code x-amz-security-token}); {@link #toString()} lists header names only, and nothing in Fieldgate logs them.
 */
public final class Request {

    private static final Request EMPTY = new Request(Map.of(), null);

    private final Map<String, String> headers;
    private final String domainName;

    private Request(Map<String, String> headers, String domainName) {
        this.headers = headers;
        this.domainName = domainName;
    }

    /** A request with these headers (names are lower-cased) and domain name. */
    public static Request of(Map<String, String> headers, String domainName) {
        if ((headers == null || headers.isEmpty()) && domainName == null) {
            return EMPTY;
        }
        Map<String, String> lowerCased = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name != null && value != null) {
                    lowerCased.put(name.toLowerCase(Locale.ROOT), value);
                }
            });
        }
        return new Request(Map.copyOf(lowerCased), domainName);
    }

    public static Request empty() {
        return EMPTY;
    }

    /** Every header, by lower-case name. */
    public Map<String, String> headers() {
        return headers;
    }

    /** One header by name (any case), or {@code null}. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The custom domain the request came through, or {@code null}. */
    public String domainName() {
        return domainName;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Request that
                && headers.equals(that.headers)
                && java.util.Objects.equals(domainName, that.domainName);
    }

    @Override
    public int hashCode() {
        return headers.hashCode();
    }

    @Override
    public String toString() {
        // Names only: values include the caller's credentials.
        return "Request[headers=" + new java.util.TreeSet<>(headers.keySet()) + ", domainName=" + domainName + "]";
    }
}
