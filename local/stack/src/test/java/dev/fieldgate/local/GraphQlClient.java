package dev.fieldgate.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * GraphQL over HTTP the way AppSync clients send it: a JSON body, with a user-pool token in {@code Authorization},
 * an API key in {@code x-api-key}, or a SigV4 signature for service {@code appsync} made by the AWS SDK's own
 * {@link AwsV4HttpSigner}.
 */
final class GraphQlClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A response: status, headers, and the body as JSON (or text when it is not JSON). */
    record Response(int status, JsonNode body, HttpResponse<String> raw) {

        JsonNode data() {
            return body.path("data");
        }

        JsonNode errors() {
            return body.path("errors");
        }

        String errorTypeHeader() {
            return raw.headers().firstValue("x-amzn-ErrorType").orElse(null);
        }
    }

    private final URI endpoint;

    GraphQlClient(URI endpoint) {
        this.endpoint = endpoint;
    }

    static String body(String query, Map<String, ?> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables == null ? Map.of() : variables);
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Response withToken(String token, String query) {
        return withToken(token, query, Map.of());
    }

    Response withToken(String token, String query, Map<String, ?> variables) {
        return send(Map.of("Authorization", token), body(query, variables));
    }

    Response withApiKey(String key, String query) {
        return send(Map.of("x-api-key", key), body(query, Map.of()));
    }

    Response signed(AwsCredentialsIdentity credentials, String region, String query) {
        return signed(credentials, region, query, Map.of());
    }

    Response signed(AwsCredentialsIdentity credentials, String region, String query, Map<String, ?> variables) {
        String body = body(query, variables);
        return send(sigV4Headers(endpoint, credentials, region, body, Clock.systemUTC()), body);
    }

    /** The headers of a SigV4-signed {@code POST} of {@code body} to {@code endpoint}, signed at the clock's time. */
    static Map<String, String> sigV4Headers(
            URI endpoint, AwsCredentialsIdentity credentials, String region, String body, Clock clock) {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("content-type", "application/json; charset=UTF-8")
                .build();
        SignedRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(credentials)
                        .request(request)
                        .payload(ContentStreamProvider.fromUtf8String(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "appsync")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(HttpSigner.SIGNING_CLOCK, clock.withZone(ZoneOffset.UTC)));
        Map<String, String> headers = new LinkedHashMap<>();
        signed.request().headers().forEach((name, values) -> headers.put(name, String.join(",", values)));
        return headers;
    }

    Response send(Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        boolean contentType = false;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            // The HTTP client sets Host (and Content-Length) itself, to the same values that were signed.
            if (List.of("host", "content-length").contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                continue;
            }
            contentType |= header.getKey().equalsIgnoreCase("content-type");
            request.header(header.getKey(), header.getValue());
        }
        if (!contentType) {
            request.header("content-type", "application/json");
        }
        return send(request.build());
    }

    static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = JSON.readTree(response.body());
            } catch (IOException e) {
                json = JSON.getNodeFactory().textNode(response.body());
            }
            return new Response(response.statusCode(), json, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI endpoint() {
        return endpoint;
    }
}
