package dev.fieldgate.local.cognito.internal.hostedui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldgate.local.cognito.internal.userpool.UserPool;
import dev.fieldgate.local.core.internal.awsjson.AwsJson;
import dev.fieldgate.local.core.internal.http.Cors;
import dev.fieldgate.local.core.internal.http.HttpExchange;

/** {@code /oauth2/userInfo}: the claims of the user behind an access token with the {@code openid} scope. */
final class UserInfoEndpoint {

    private final UserPool pool;

    UserInfoEndpoint(UserPool pool) {
        this.pool = pool;
    }

    void userInfo(HttpExchange exchange) throws Exception {
        Cors.addResponseHeaders(exchange);
        if (exchange.method().equals("OPTIONS")) {
            exchange.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
            exchange.setHeader("Access-Control-Allow-Headers", "authorization, content-type");
            exchange.respond(200, null, new byte[0]);
            return;
        }
        String authorization = exchange.header("Authorization").orElse("");
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.length() <= 7) {
            exchange.setHeader(
                    "WWW-Authenticate",
                    "Bearer error=\"invalid_request\", error_description=" + "\"Access token is missing\"");
            ObjectNode body = AwsJson.object()
                    .put("error", "invalid_request")
                    .put("error_description", "Access token is missing");
            OAuthSupport.json(exchange, 400, body);
            return;
        }
        UserPool.AccessTokenUser user;
        try {
            user = pool.verifyAccessToken(authorization.substring(7).trim(), "openid");
        } catch (UserPool.AccessRejectedException e) {
            String description = "Access token is expired, disabled, or deleted, or the user has globally signed out.";
            if (e.rejection() == UserPool.AccessRejection.SCOPE) {
                description = "Access token does not contain openid scope";
            }
            exchange.setHeader(
                    "WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"" + description + "\"");
            OAuthSupport.json(
                    exchange,
                    401,
                    AwsJson.object().put("error", "invalid_token").put("error_description", description));
            return;
        }
        ObjectNode out = AwsJson.object();
        out.put("sub", user.user().sub());
        user.user().attributes().forEach((name, value) -> {
            if (!name.equals("sub")) {
                out.put(name, value);
            }
        });
        out.put("username", user.user().username());
        OAuthSupport.json(exchange, 200, out);
    }
}
