package dev.fieldgate.sdk.spring.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;

/**
 * Which headers of a Spring request an authorizer sees and how its headers go back. A SigV4 signature covers the
 * headers it is computed over, so only the content type (which every client sends unchanged) is handed in; the
 * host comes from the URI, as the HTTP client sends it.
 */
final class SignedHeaders {

    private SignedHeaders() {}

    static Map<String, String> of(HttpHeaders headers) {
        Map<String, String> signed = new LinkedHashMap<>();
        String contentType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
        if (contentType != null) {
            signed.put("content-type", contentType);
        }
        return signed;
    }

    /** Sets the authorizer's headers, replacing any of the same name (the HTTP client sets Host itself). */
    static void apply(Map<String, String> added, HttpHeaders headers) {
        added.forEach((name, value) -> {
            if (!name.toLowerCase(Locale.ROOT).equals("host")) {
                headers.set(name, value);
            }
        });
    }
}
