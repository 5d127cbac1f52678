package dev.fieldgate.local.cognito.internal.identitypool;

import dev.fieldgate.local.core.internal.awsjson.AwsJson;
import dev.fieldgate.local.core.internal.http.Cors;
import dev.fieldgate.local.core.internal.http.ExchangeHandler;
import dev.fieldgate.local.core.internal.http.HttpExchange;

/**
 * {@code /.well-known/jwks_uri}: the keys of the identity pool's OpenID tokens, at the path AWS serves them under
 * {@code https://cognito-identity.amazonaws.com}.
 */
public final class IdentityWellKnown implements ExchangeHandler {

    public static final String PATH = "/.well-known/jwks_uri";

    private final IdentityPool pool;

    public IdentityWellKnown(IdentityPool pool) {
        this.pool = pool;
    }

    @Override
    public void handle(HttpExchange exchange) throws Exception {
        Cors.addResponseHeaders(exchange);
        exchange.respond(200, "application/json", AwsJson.MAPPER.writeValueAsBytes(pool.openIdJwks()));
    }
}
