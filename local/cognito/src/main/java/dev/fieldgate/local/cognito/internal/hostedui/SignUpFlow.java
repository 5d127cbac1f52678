package dev.fieldgate.local.cognito.internal.hostedui;

import dev.fieldgate.local.cognito.internal.userpool.UserPool;
import dev.fieldgate.local.core.internal.awsjson.AwsServiceException;
import dev.fieldgate.local.core.internal.http.HttpExchange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /signup} and {@code /confirmUser}: a new account, confirmed with the code from the outbox, then sign-in. */
final class SignUpFlow {

    private static final String CODE_SENT = "We have sent a code by email. Enter it below to confirm your account.";
    private static final String CODE_RESENT = "A new code has been sent.";
    private static final String ENTER_CODE = "Enter the code we sent to confirm your account.";

    private final UserPool pool;
    private final AuthorizeEndpoint authorize;
    private final HostedSessions sessions;
    private final HostedUiPages pages;

    SignUpFlow(UserPool pool, AuthorizeEndpoint authorize, HostedSessions sessions, HostedUiPages pages) {
        this.pool = pool;
        this.authorize = authorize;
        this.sessions = sessions;
        this.pages = pages;
    }

    void signUp(HttpExchange exchange) throws Exception {
        Optional<AuthorizeRequest> maybeRequest = authorize.request(exchange);
        if (maybeRequest.isEmpty()) {
            return;
        }
        AuthorizeRequest request = maybeRequest.get();
        List<String> extra = extraSignUpAttributes();
        if (exchange.method().equals("GET")) {
            pages.signUp(exchange, request, extra, null);
            return;
        }
        if (!sessions.csrfValid(exchange)) {
            pages.formExpired(exchange);
            return;
        }
        String username = exchange.formParam("username").orElse("").trim();
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String attr : extra) {
            exchange.formParam(attr).filter(v -> !v.isBlank()).ifPresent(v -> attributes.put(attr, v.trim()));
        }
        try {
            pool.signUp(
                    request.client(), username, exchange.formParam("password").orElse(""), attributes);
        } catch (AwsServiceException e) {
            pages.signUp(exchange, request, extra, e.getMessage());
            return;
        }
        Map<String, String> params = new LinkedHashMap<>(request.params());
        params.put("username", username);
        exchange.redirect("/confirmUser?" + OAuthSupport.query(params));
    }

    void confirmUser(HttpExchange exchange) throws Exception {
        Optional<AuthorizeRequest> maybeRequest = authorize.request(exchange);
        if (maybeRequest.isEmpty()) {
            return;
        }
        AuthorizeRequest request = maybeRequest.get();
        String username = exchange.queryParam("username")
                .orElse(exchange.formParam("username").orElse(""));
        if (exchange.method().equals("GET")) {
            pages.confirmUser(exchange, request, username, CODE_SENT, null);
            return;
        }
        if (!sessions.csrfValid(exchange)) {
            pages.formExpired(exchange);
            return;
        }
        try {
            if (exchange.formParam("resend").isPresent()) {
                pool.resendConfirmationCode(request.client(), username);
                pages.confirmUser(exchange, request, username, CODE_RESENT, null);
                return;
            }
            pool.confirmSignUp(
                    request.client(), username, exchange.formParam("code").orElse(""));
        } catch (AwsServiceException e) {
            pages.confirmUser(exchange, request, username, ENTER_CODE, e.getMessage());
            return;
        }
        exchange.redirect("/login?" + OAuthSupport.query(request.params()));
    }

    /** The required attributes that are not the username, and an email when users sign in with a plain username. */
    private List<String> extraSignUpAttributes() {
        List<String> extra = new ArrayList<>();
        for (String attr : pool.config().requiredAttributes()) {
            if (!pool.config().usernameAttributes().contains(attr)) {
                extra.add(attr);
            }
        }
        if (pool.config().usernameAttributes().isEmpty() && !extra.contains("email")) {
            extra.add("email");
        }
        return extra;
    }
}
