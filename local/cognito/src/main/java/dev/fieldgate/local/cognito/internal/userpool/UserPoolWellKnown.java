package dev.fieldgate.local.cognito.internal.userpool;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldgate.local.core.internal.awsjson.AwsJson;
import dev.fieldgate.local.core.internal.http.Cors;
import dev.fieldgate.local.core.internal.http.ExchangeHandler;
import dev.fieldgate.local.core.internal.http.HttpExchange;
import java.net.URI;
import java.util.function.Supplier;

/** {@code /<poolId>/.well-known/jwks.json} and {@code /<poolId>/.well-known/openid-configuration}. */
public final class UserPoolWellKnown implements ExchangeHandler {

    private final UserPool pool;
    private final Supplier<URI> baseUri;

    public UserPoolWellKnown(UserPool pool, Supplier<URI> baseUri) {
        this.pool = pool;
        this.baseUri = baseUri;
    }

    public String jwksPath() {
        return "/" + pool.id() + "/.well-known/jwks.json";
    }

    public String openIdConfigurationPath() {
        return "/" + pool.id() + "/.well-known/openid-configuration";
    }

    @Override
    public void handle(HttpExchange exchange) throws Exception {
        if (!exchange.method().equals("GET") && !exchange.method().equals("HEAD")) {
            exchange.setHeader("Allow", "GET, HEAD");
            exchange.respond(405, "text/plain; charset=utf-8", "Method Not Allowed");
            return;
        }
        Cors.addResponseHeaders(exchange);
        exchange.setHeader("Cache-Control", "max-age=3600");
        String path = exchange.path();
        if (path.equals(jwksPath())) {
            exchange.respond(
                    200,
                    "application/json",
                    AwsJson.MAPPER.writeValueAsBytes(pool.tokens().jwks()));
        } else if (path.equals(openIdConfigurationPath())) {
            exchange.respond(200, "application/json", AwsJson.MAPPER.writeValueAsBytes(openIdConfiguration()));
        } else {
            exchange.respond(404, "text/plain; charset=utf-8", "Not Found");
        }
    }

    ObjectNode openIdConfiguration() {
        String base = baseUri.get().toString();
        ObjectNode doc = AwsJson.object();
        doc.put("authorization_endpoint", base + "/oauth2/authorize");
        doc.put("end_session_endpoint", base + "/logout");
        array(doc, "id_token_signing_alg_values_supported", "RS256");
        doc.put("issuer", pool.issuer());
        doc.put("jwks_uri", base + jwksPath());
        array(doc, "response_types_supported", "code", "token");
        doc.put("revocation_endpoint", base + "/oauth2/revoke");
        array(doc, "scopes_supported", "openid", "email", "phone", "profile");
        array(doc, "subject_types_supported", "public");
        doc.put("token_endpoint", base + "/oauth2/token");
        array(doc, "token_endpoint_auth_methods_supported", "client_secret_basic", "client_secret_post");
        doc.put("userinfo_endpoint", base + "/oauth2/userInfo");
        array(doc, "code_challenge_methods_supported", "S256");
        array(doc, "grant_types_supported", "authorization_code", "refresh_token", "client_credentials");
        return doc;
    }

    private static void array(ObjectNode doc, String name, String... values) {
        ArrayNode array = doc.putArray(name);
        for (String v : values) {
            array.add(v);
        }
    }
}
