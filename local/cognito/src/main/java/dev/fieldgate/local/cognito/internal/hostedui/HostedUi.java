package dev.fieldgate.local.cognito.internal.hostedui;

import dev.fieldgate.local.cognito.internal.userpool.UserPool;
import dev.fieldgate.local.core.internal.http.ExchangeHandler;
import dev.fieldgate.local.core.internal.http.Router;
import java.net.URI;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The hosted UI and OAuth 2.0 endpoints of the user pool: {@code /oauth2/authorize} (code flow with PKCE S256,
 * implicit flow), the {@code /login}, {@code /signup}, {@code /confirmUser}, {@code /forgotPassword} and
 * {@code /confirmForgotPassword} pages, {@code /oauth2/token}, {@code /oauth2/userInfo}, {@code /logout} and
 * {@code /oauth2/revoke}. Pages are plain HTML forms protected by a double-submit CSRF token.
 *
 * <p>This class only wires the parts together and routes to them; each endpoint or page flow is its own class.
 */
public final class HostedUi {

    private final AuthorizeEndpoint authorize;
    private final LoginFlow login;
    private final SignUpFlow signUp;
    private final ForgotPasswordFlow forgotPassword;
    private final TokenEndpoint token;
    private final UserInfoEndpoint userInfo;
    private final LogoutEndpoints logout;

    /**
     * {@code baseUri} is the stack's public address; the pages link with relative URLs, so they do not need it
     * today.
     */
    public HostedUi(UserPool pool, Clock clock, Supplier<URI> baseUri) {
        HostedSessions sessions = new HostedSessions(clock);
        HostedUiPages pages = new HostedUiPages(pool, sessions);
        AuthorizationCodes codes = new AuthorizationCodes(clock);
        this.authorize = new AuthorizeEndpoint(pool, sessions, codes, pages);
        this.login = new LoginFlow(pool, authorize, sessions, pages);
        this.signUp = new SignUpFlow(pool, authorize, sessions, pages);
        this.forgotPassword = new ForgotPasswordFlow(pool, authorize, sessions, pages);
        this.token = new TokenEndpoint(pool, codes);
        this.userInfo = new UserInfoEndpoint(pool);
        this.logout = new LogoutEndpoints(pool, authorize, sessions, pages);
    }

    public void registerInto(Router router) {
        add(router, "/oauth2/authorize", authorize::authorize);
        add(router, "/authorize", authorize::authorize);
        add(router, "/login", login::login);
        add(router, "/signup", signUp::signUp);
        add(router, "/confirmUser", signUp::confirmUser);
        add(router, "/forgotPassword", forgotPassword::forgotPassword);
        add(router, "/confirmForgotPassword", forgotPassword::confirmForgotPassword);
        add(router, "/oauth2/token", token::token);
        add(router, "/oauth2/userInfo", userInfo::userInfo);
        add(router, "/logout", logout::logout);
        add(router, "/oauth2/revoke", logout::revoke);
    }

    private static void add(Router router, String path, ExchangeHandler handler) {
        router.addPath(path, handler.asJettyHandler());
    }
}
