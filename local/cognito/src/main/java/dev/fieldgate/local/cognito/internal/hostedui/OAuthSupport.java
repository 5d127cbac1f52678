package dev.fieldgate.local.cognito.internal.hostedui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldgate.local.core.internal.awsjson.AwsJson;
import dev.fieldgate.local.core.internal.http.HttpExchange;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** Small pieces of OAuth 2.0 shared by the endpoints: query strings, client authentication, PKCE, JSON answers. */
final class OAuthSupport {

    private OAuthSupport() {}

    /** The client id and secret of an {@code Authorization: Basic} header, each form-encoded (RFC 6749 2.3.1). */
    static Optional<String[]> basicCredentials(HttpExchange exchange) {
        String header = exchange.header("Authorization").orElse("");
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded =
                    new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            return Optional.of(new String[] {
                URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)
            });
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The PKCE S256 challenge of a code verifier. */
    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Compares secrets without leaking, through timing, how much of them matched. */
    static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** A query string (or fragment) of the non-null parameters, in their order; spaces as {@code %20}. */
    static String query(Map<String, String> params) {
        StringBuilder q = new StringBuilder();
        params.forEach((k, v) -> {
            if (v == null) {
                return;
            }
            if (q.length() > 0) {
                q.append('&');
            }
            q.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20"));
        });
        return q.toString();
    }

    /** {@code uri} with the parameters added to the query it may already have. */
    static String appendQuery(String uri, Map<String, String> params) {
        return uri + (uri.contains("?") ? "&" : "?") + query(params);
    }

    static void oauthError(HttpExchange exchange, int status, String error) {
        json(exchange, status, AwsJson.object().put("error", error));
    }

    static void json(HttpExchange exchange, int status, ObjectNode body) {
        exchange.respond(status, "application/json;charset=UTF-8", body.toString());
    }
}
