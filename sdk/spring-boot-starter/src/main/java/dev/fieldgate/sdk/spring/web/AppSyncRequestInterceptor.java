package dev.fieldgate.sdk.spring.web;

import dev.fieldgate.sdk.AppSyncAuthorizer;
import dev.fieldgate.sdk.AppSyncHttpRequest;
import dev.fieldgate.sdk.FieldgateConfig;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Authorizes {@code RestClient} / {@code RestTemplate} requests to AppSync with an {@link AppSyncAuthorizer}: SigV4
 * over the exact body for IAM (service {@code appsync}, the configuration's region), the token header for the
 * other modes. Any request through it is authorized, so give it to a client meant for AppSync only.
 *
 * <pre>{@code
 * RestClient appSync = RestClient.builder()
 *         .baseUrl(config.graphqlEndpoint().orElseThrow().toString())
 *         .requestInterceptor(new AppSyncRequestInterceptor(config, AppSyncAuthorizer.iam(guest)))
 *         .build();
 * }</pre>
 */
public final class AppSyncRequestInterceptor implements ClientHttpRequestInterceptor {

    private final AppSyncAuthorizer authorizer;
    private final String region;

    /** Signs for {@code config}'s region. */
    public AppSyncRequestInterceptor(FieldgateConfig config, AppSyncAuthorizer authorizer) {
        this.region = Objects.requireNonNull(config, "config").region();
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        Map<String, String> added = authorizer.authorize(
                new AppSyncHttpRequest(request.getURI(), SignedHeaders.of(request.getHeaders()), body, region));
        SignedHeaders.apply(added, request.getHeaders());
        return execution.execute(request, body);
    }

    @Override
    public String toString() {
        return "AppSyncRequestInterceptor[" + authorizer + "]";
    }
}
