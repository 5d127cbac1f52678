package dev.fieldgate.sdk.spring.graphql;

import dev.fieldgate.sdk.AppSyncAuthorizer;
import dev.fieldgate.sdk.FieldgateConfig;
import dev.fieldgate.sdk.FieldgateConfigException;
import dev.fieldgate.sdk.spring.web.AppSyncRequestInterceptor;
import java.net.URI;
import java.net.http.HttpClient;
import org.springframework.graphql.client.HttpSyncGraphQlClient;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Spring for GraphQL's blocking HTTP client set up for an AppSync API: its GraphQL endpoint, requests authorized by an
 * {@link AppSyncAuthorizer}, and the JDK's HTTP client underneath (no other HTTP library needed). For teams whose
 * code already speaks {@code GraphQlClient}; the Fieldgate clients add typed errors, retries and subscriptions.
 * {@link AppSyncReactiveGraphQlClients} makes the {@code WebClient} one.
 *
 * <pre>{@code
 * HttpSyncGraphQlClient graphQl = AppSyncGraphQlClients.sync(config, AppSyncAuthorizer.iam(guest)).build();
 * PinConnection page = graphQl.document("{ listPins { items { id title } } }")
 *         .retrieveSync("listPins").toEntity(PinConnection.class);
 * }</pre>
 */
public final class AppSyncGraphQlClients {

    private AppSyncGraphQlClients() {}

    /** A blocking client on {@code RestClient}; customize the builder further before {@code build()}. */
    public static HttpSyncGraphQlClient.Builder<?> sync(FieldgateConfig config, AppSyncAuthorizer authorizer) {
        RestClient rest = RestClient.builder()
                .requestFactory(new JdkClientHttpRequestFactory(jdkClient()))
                .requestInterceptor(new AppSyncRequestInterceptor(config, authorizer))
                .build();
        return HttpSyncGraphQlClient.builder(rest).url(endpoint(config));
    }

    static HttpClient jdkClient() {
        // AppSync speaks HTTP/1.1; the JDK client would otherwise try an HTTP/2 upgrade on plain-text endpoints.
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    static URI endpoint(FieldgateConfig config) {
        return config.graphqlEndpoint()
                .orElseThrow(() -> new FieldgateConfigException(
                        "The configuration has no GraphQL endpoint (data.url in the outputs file)."));
    }
}
