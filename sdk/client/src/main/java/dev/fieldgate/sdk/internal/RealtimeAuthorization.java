package dev.fieldgate.sdk.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.sdk.AppSyncAuthorizer;
import dev.fieldgate.sdk.AppSyncHttpRequest;
import dev.fieldgate.sdk.AuthMode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The authorization object of AppSync's real-time protocol: the connection's, as base64 JSON in the URL's
 * {@code header} parameter, and each {@code start} message's own. AppSync checks both against the request it
 * reconstructs on the GraphQL endpoint, so IAM signs a request to that endpoint, not to the real-time one.
 */
final class RealtimeAuthorization {

    /** The headers AppSync expects to be signed for IAM, besides host and the SigV4 ones. */
    private static final Map<String, String> IAM_BASE_HEADERS = Map.of(
            "accept", "application/json, text/javascript",
            "content-encoding", "amz-1.0",
            "content-type", "application/json; charset=UTF-8");

    private final URI realtimeEndpoint;
    private final URI graphqlEndpoint;
    private final String region;
    private final ObjectMapper mapper;

    RealtimeAuthorization(URI realtimeEndpoint, URI graphqlEndpoint, String region, ObjectMapper mapper) {
        this.realtimeEndpoint = realtimeEndpoint;
        this.graphqlEndpoint = graphqlEndpoint;
        this.region = region;
        this.mapper = mapper;
    }

    /** The real-time endpoint with the connection's authorization and the empty payload AppSync expects. */
    URI connectUri(AppSyncAuthorizer auth) {
        Map<String, String> header = headers(auth, URI.create(graphqlEndpoint + "/connect"), "{}");
        String json;
        try {
            json = mapper.writeValueAsString(header);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String encoded = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        String query = "header=" + URLEncoder.encode(encoded, StandardCharsets.UTF_8) + "&payload=e30%3D";
        String base = realtimeEndpoint.toString();
        return URI.create(base + (base.contains("?") ? "&" : "?") + query);
    }

    /** A {@code start} message's authorization, for the request body it carries as {@code data}. */
    Map<String, String> startHeaders(AppSyncAuthorizer auth, String data) {
        return headers(auth, graphqlEndpoint, data);
    }

    /** The authorization object AppSync expects in the URL header and in each start message. */
    Map<String, String> headers(AppSyncAuthorizer auth, URI signedUri, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        boolean iam = auth.mode() == AuthMode.AWS_IAM;
        Map<String, String> base = iam ? IAM_BASE_HEADERS : Map.of("content-type", "application/json");
        Map<String, String> added =
                auth.authorize(new AppSyncHttpRequest(signedUri, base, body.getBytes(StandardCharsets.UTF_8), region));
        if (iam) {
            headers.putAll(base);
        }
        headers.put("host", hostOf(graphqlEndpoint));
        added.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("host")) {
                headers.put(name, value);
            }
        });
        return headers;
    }

    static String hostOf(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port < 0
                || ("https".equalsIgnoreCase(uri.getScheme()) && port == 443)
                || ("http".equalsIgnoreCase(uri.getScheme()) && port == 80);
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }
}
