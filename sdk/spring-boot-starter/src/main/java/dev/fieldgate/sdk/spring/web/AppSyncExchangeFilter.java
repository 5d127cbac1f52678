package dev.fieldgate.sdk.spring.web;

import dev.fieldgate.sdk.AppSyncAuthorizer;
import dev.fieldgate.sdk.AppSyncHttpRequest;
import dev.fieldgate.sdk.FieldgateConfig;
import java.util.Map;
import java.util.Objects;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpRequestDecorator;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Authorizes {@code WebClient} requests to AppSync with an {@link AppSyncAuthorizer}. SigV4 needs the body, which a
 * filter does not see, so the body is gathered as it is written and the headers are added just before it goes out.
 * Authorizers may call Cognito (a token refresh), so they run on Reactor's bounded-elastic scheduler, never on an
 * event loop.
 *
 * <pre>{@code
 * WebClient appSync = WebClient.builder()
 *         .baseUrl(config.graphqlEndpoint().orElseThrow().toString())
 *         .filter(new AppSyncExchangeFilter(config, AppSyncAuthorizer.userPool(auth)))
 *         .build();
 * }</pre>
 */
public final class AppSyncExchangeFilter implements ExchangeFilterFunction {

    private final AppSyncAuthorizer authorizer;
    private final String region;

    /** Signs for {@code config}'s region. */
    public AppSyncExchangeFilter(FieldgateConfig config, AppSyncAuthorizer authorizer) {
        this.region = Objects.requireNonNull(config, "config").region();
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        ClientRequest authorized = ClientRequest.from(request)
                .body((message, context) -> request.body().insert(new Authorizing(message), context))
                .build();
        return next.exchange(authorized);
    }

    @Override
    public String toString() {
        return "AppSyncExchangeFilter[" + authorizer + "]";
    }

    /** Holds the body back until it is complete, authorizes it, then writes it with the added headers. */
    private final class Authorizing extends ClientHttpRequestDecorator {

        Authorizing(ClientHttpRequest delegate) {
            super(delegate);
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            return DataBufferUtils.join(body)
                    .defaultIfEmpty(bufferFactory().wrap(new byte[0]))
                    .flatMap(buffer -> {
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        DataBufferUtils.release(buffer);
                        return Mono.fromCallable(() -> authorize(bytes))
                                .subscribeOn(Schedulers.boundedElastic())
                                .flatMap(added -> {
                                    SignedHeaders.apply(added, getHeaders());
                                    return super.writeWith(
                                            Mono.just(bufferFactory().wrap(bytes)));
                                });
                    });
        }

        @Override
        public Mono<Void> setComplete() {
            // A request without a body (not a GraphQL call, but authorized all the same).
            return Mono.fromCallable(() -> authorize(new byte[0]))
                    .subscribeOn(Schedulers.boundedElastic())
                    .flatMap(added -> {
                        SignedHeaders.apply(added, getHeaders());
                        return super.setComplete();
                    });
        }

        private Map<String, String> authorize(byte[] body) {
            return authorizer.authorize(new AppSyncHttpRequest(getURI(), SignedHeaders.of(getHeaders()), body, region));
        }
    }
}
