package dev.fieldgate.local.cognito.internal.hostedui;

import dev.fieldgate.local.cognito.internal.userpool.UserPool;
import dev.fieldgate.local.core.internal.awsjson.AwsServiceException;
import dev.fieldgate.local.core.internal.http.HttpExchange;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code /forgotPassword} and {@code /confirmForgotPassword}: a reset code from the outbox, then a new password. */
final class ForgotPasswordFlow {

    private static final String CODE_SENT =
            "We have sent a password reset code by email. Enter it below with your new password.";
    private static final String ENTER_CODE = "Enter the code and your new password.";

    private final UserPool pool;
    private final AuthorizeEndpoint authorize;
    private final HostedSessions sessions;
    private final HostedUiPages pages;

    ForgotPasswordFlow(UserPool pool, AuthorizeEndpoint authorize, HostedSessions sessions, HostedUiPages pages) {
        this.pool = pool;
        this.authorize = authorize;
        this.sessions = sessions;
        this.pages = pages;
    }

    void forgotPassword(HttpExchange exchange) throws Exception {
        Optional<AuthorizeRequest> maybeRequest = authorize.request(exchange);
        if (maybeRequest.isEmpty()) {
            return;
        }
        AuthorizeRequest request = maybeRequest.get();
        if (exchange.method().equals("GET")) {
            pages.forgotPassword(exchange, request, null);
            return;
        }
        if (!sessions.csrfValid(exchange)) {
            pages.formExpired(exchange);
            return;
        }
        String username = exchange.formParam("username").orElse("").trim();
        try {
            pool.forgotPassword(request.client(), username);
        } catch (AwsServiceException e) {
            pages.forgotPassword(exchange, request, e.getMessage());
            return;
        }
        Map<String, String> params = new LinkedHashMap<>(request.params());
        params.put("username", username);
        exchange.redirect("/confirmForgotPassword?" + OAuthSupport.query(params));
    }

    void confirmForgotPassword(HttpExchange exchange) throws Exception {
        Optional<AuthorizeRequest> maybeRequest = authorize.request(exchange);
        if (maybeRequest.isEmpty()) {
            return;
        }
        AuthorizeRequest request = maybeRequest.get();
        String username = exchange.queryParam("username")
                .orElse(exchange.formParam("username").orElse(""));
        if (exchange.method().equals("GET")) {
            pages.confirmForgotPassword(exchange, request, username, CODE_SENT, null);
            return;
        }
        if (!sessions.csrfValid(exchange)) {
            pages.formExpired(exchange);
            return;
        }
        String password = exchange.formParam("password").orElse("");
        if (!password.equals(exchange.formParam("confirm_password").orElse(""))) {
            pages.confirmForgotPassword(exchange, request, username, ENTER_CODE, "The passwords do not match.");
            return;
        }
        try {
            pool.confirmForgotPassword(
                    request.client(), username, exchange.formParam("code").orElse(""), password);
        } catch (AwsServiceException e) {
            pages.confirmForgotPassword(exchange, request, username, ENTER_CODE, e.getMessage());
            return;
        }
        exchange.redirect("/login?" + OAuthSupport.query(request.params()));
    }
}
