package dev.fieldgate.local.cognito.internal.hostedui;

import dev.fieldgate.local.cognito.internal.userpool.UserPool;
import dev.fieldgate.local.core.internal.http.HttpExchange;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders the hosted UI's pages from the templates in {@link HtmlTemplate#RESOURCE_DIRECTORY} and writes them with
 * their security headers. Every value from a request, the config or the user store goes in escaped; raw HTML is
 * only what this class rendered from a template.
 */
final class HostedUiPages {

    /** Cognito's title for a request that cannot be answered with a redirect to the client. */
    static final String ERROR_TITLE = "An error was encountered with the requested page.";

    private static final HtmlTemplate PAGE = HtmlTemplate.fromResource("page.html");
    private static final HtmlTemplate MESSAGE = HtmlTemplate.fromResource("message.html");
    private static final HtmlTemplate ERROR_BANNER = HtmlTemplate.fromResource("error-banner.html");
    private static final HtmlTemplate CSRF_FIELD = HtmlTemplate.fromResource("csrf-field.html");
    private static final HtmlTemplate LOGIN = HtmlTemplate.fromResource("login.html");
    private static final HtmlTemplate NEW_PASSWORD = HtmlTemplate.fromResource("new-password.html");
    private static final HtmlTemplate SIGN_UP = HtmlTemplate.fromResource("signup.html");
    private static final HtmlTemplate SIGN_UP_ATTRIBUTE = HtmlTemplate.fromResource("signup-attribute.html");
    private static final HtmlTemplate FORGOT_PASSWORD = HtmlTemplate.fromResource("forgot-password.html");
    private static final HtmlTemplate CONFIRM_USER = HtmlTemplate.fromResource("confirm-user.html");
    private static final HtmlTemplate CONFIRM_FORGOT_PASSWORD =
            HtmlTemplate.fromResource("confirm-forgot-password.html");

    private final UserPool pool;
    private final HostedSessions sessions;

    HostedUiPages(UserPool pool, HostedSessions sessions) {
        this.pool = pool;
        this.sessions = sessions;
    }

    /** A page that only says {@code message}: errors, and forms that cannot be accepted. */
    void message(HttpExchange exchange, int status, String title, String message) {
        write(exchange, status, title, MESSAGE.withValue("message", message).render(), null);
    }

    /** The answer to a form post without a valid CSRF token. */
    void formExpired(HttpExchange exchange) {
        message(exchange, 403, "Forbidden", "The form has expired. Reload the page and try again.");
    }

    void login(HttpExchange exchange, AuthorizeRequest request, String username, String error) {
        String body = LOGIN.withRawHtml("error", errorBanner(error))
                .withRawHtml("csrf", csrfField(exchange))
                .withValue("query", OAuthSupport.query(request.params()))
                .withValue("usernameLabel", usernameLabel())
                .withValue("username", username == null ? "" : username)
                .render();
        write(exchange, 200, "Sign in", body, request);
    }

    /** The new-password challenge of an invited user, answered on the login page's form. */
    void newPassword(HttpExchange exchange, AuthorizeRequest request, String session, String username, String error) {
        String body = NEW_PASSWORD
                .withRawHtml("error", errorBanner(error))
                .withRawHtml("csrf", csrfField(exchange))
                .withValue("query", OAuthSupport.query(request.params()))
                .withValue("session", session)
                .withValue("username", username)
                .render();
        write(exchange, 200, "Change password", body, request);
    }

    /** The sign-up form, with a text field for each attribute in {@code attributes}. */
    void signUp(HttpExchange exchange, AuthorizeRequest request, List<String> attributes, String error) {
        String fields = attributes.stream()
                .map(a -> SIGN_UP_ATTRIBUTE
                        .withValue("name", a)
                        .withValue("label", a.replace('_', ' '))
                        .render())
                .collect(Collectors.joining());
        String body = SIGN_UP.withRawHtml("error", errorBanner(error))
                .withRawHtml("csrf", csrfField(exchange))
                .withValue("query", OAuthSupport.query(request.params()))
                .withValue("usernameLabel", usernameLabel())
                .withRawHtml("attributeFields", fields)
                .render();
        write(exchange, 200, "Sign up", body, null);
    }

    void forgotPassword(HttpExchange exchange, AuthorizeRequest request, String error) {
        String body = FORGOT_PASSWORD
                .withRawHtml("error", errorBanner(error))
                .withRawHtml("csrf", csrfField(exchange))
                .withValue("query", OAuthSupport.query(request.params()))
                .withValue("usernameLabel", usernameLabel())
                .render();
        write(exchange, 200, "Forgot password", body, null);
    }

    /** The confirmation code form of a new account; {@code text} says where the code went. */
    void confirmUser(HttpExchange exchange, AuthorizeRequest request, String username, String text, String error) {
        String body = CONFIRM_USER
                .withRawHtml("error", errorBanner(error))
                .withRawHtml("csrf", csrfField(exchange))
                .withValue("query", queryWithUsername(request, username))
                .withValue("text", text)
                .render();
        write(exchange, 200, "Confirm your account", body, null);
    }

    /** The reset code and new password form. */
    void confirmForgotPassword(
            HttpExchange exchange, AuthorizeRequest request, String username, String text, String error) {
        String body = CONFIRM_FORGOT_PASSWORD
                .withRawHtml("error", errorBanner(error))
                .withRawHtml("csrf", csrfField(exchange))
                .withValue("query", queryWithUsername(request, username))
                .withValue("text", text)
                .render();
        write(exchange, 200, "Reset your password", body, null);
    }

    private static String queryWithUsername(AuthorizeRequest request, String username) {
        Map<String, String> params = new LinkedHashMap<>(request.params());
        params.put("username", username);
        return OAuthSupport.query(params);
    }

    private String usernameLabel() {
        List<String> aliases = pool.config().usernameAttributes();
        if (aliases.contains("email") && aliases.contains("phone_number")) {
            return "Email or phone number";
        }
        return aliases.contains("email") ? "Email" : aliases.contains("phone_number") ? "Phone number" : "Username";
    }

    private String csrfField(HttpExchange exchange) {
        return CSRF_FIELD.withValue("token", sessions.csrfToken(exchange)).render();
    }

    private static String errorBanner(String error) {
        return error == null ? "" : ERROR_BANNER.withValue("message", error).render();
    }

    /**
     * Writes a page. Forms post to this server, which may answer with a redirect to the client's callback; browsers
     * apply {@code form-action} to that redirect too, so the callback's origin is allowed there.
     */
    private void write(HttpExchange exchange, int status, String title, String body, AuthorizeRequest request) {
        exchange.setHeader("Cache-Control", "no-store");
        exchange.setHeader("X-Frame-Options", "DENY");
        String formAction = "'self'";
        if (request != null) {
            URI redirect = URI.create(request.redirectUri());
            if (redirect.getScheme() != null && redirect.getRawAuthority() != null) {
                formAction += " " + redirect.getScheme() + "://" + redirect.getRawAuthority();
            } else if (redirect.getScheme() != null) {
                formAction += " " + redirect.getScheme() + ":";
            }
        }
        exchange.setHeader(
                "Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; form-action " + formAction
                        + "; frame-ancestors 'none'");
        exchange.setHeader("Referrer-Policy", "no-referrer");
        String html = PAGE.withValue("title", title)
                .withValue("poolName", pool.config().name())
                .withValue("poolId", pool.id())
                .withRawHtml("body", body)
                .render();
        exchange.respond(status, "text/html; charset=utf-8", html);
    }
}
