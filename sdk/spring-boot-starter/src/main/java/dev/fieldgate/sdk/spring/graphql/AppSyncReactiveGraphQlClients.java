package dev.fieldgate.sdk.spring.graphql;

import dev.fieldgate.sdk.AppSyncAuthorizer;
import dev.fieldgate.sdk.FieldgateConfig;
import dev.fieldgate.sdk.spring.web.AppSyncExchangeFilter;
import org.springframework.graphql.client.HttpGraphQlClient;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Spring for GraphQL's reactive HTTP client ({@code WebClient}) set up for an AppSync API, like
 * {@link AppSyncGraphQlClients}: the API's endpoint, requests authorized by an {@link AppSyncAuthorizer} off the
 * event loop, the JDK's HTTP client underneath. Needs {@code spring-webflux}.
 *
 * <pre>{@code
 * HttpGraphQlClient graphQl = AppSyncReactiveGraphQlClients.of(config, AppSyncAuthorizer.userPool(auth)).build();
 * Mono<Pin> pin = graphQl.document(createPin).variable("input", input).retrieve("createPin").toEntity(Pin.class);
 * }</pre>
 */
public final class AppSyncReactiveGraphQlClients {

    private AppSyncReactiveGraphQlClients() {}

    /** A reactive client; customize the builder further before {@code build()}. */
    public static HttpGraphQlClient.Builder<?> of(FieldgateConfig config, AppSyncAuthorizer authorizer) {
        WebClient web = WebClient.builder()
                .clientConnector(new JdkClientHttpConnector(AppSyncGraphQlClients.jdkClient()))
                .filter(new AppSyncExchangeFilter(config, authorizer))
                .build();
        return HttpGraphQlClient.builder(web).url(AppSyncGraphQlClients.endpoint(config));
    }
}
