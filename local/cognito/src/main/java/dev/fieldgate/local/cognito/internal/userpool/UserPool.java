package dev.fieldgate.local.cognito.internal.userpool;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.fieldgate.config.AppClientConfig;
import dev.fieldgate.config.AppConfig;
import dev.fieldgate.config.UserPoolConfig;
import dev.fieldgate.local.cognito.internal.OutboxStore;
import dev.fieldgate.local.cognito.internal.RsaKeySource;
import dev.fieldgate.local.cognito.internal.userpool.PoolState.GroupRecord;
import dev.fieldgate.local.core.LocalStateException;
import dev.fieldgate.local.core.internal.state.StateJson;
import dev.fieldgate.local.core.internal.state.StateStore;
import dev.fieldgate.sdk.srp.SrpServer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One local Cognito user pool: users, groups, app clients, sign-in sessions and tokens, with Cognito's rules for
 * passwords, codes, lockout and user status. The JSON API ({@link UserPoolApi}) and the hosted UI both work through
 * this class; every change happens under its lock and is persisted before the call returns.
 *
 * <p>This class is the pool's facade and its lock. The work is done by parts that each own one concern
 * ({@link UserDirectory}, {@link SignUpFlow}, {@link PasswordSignIn}, {@link SrpSignIn}, {@link Sessions},
 * {@link PasswordChanges}, {@link AttributeUpdates}, {@link UserAdministration} and the rules they share, with
 * {@link StandInUsers} answering for names no user has); they
 * share the state through {@link PoolContext} and expect the caller to hold this object's monitor, which the
 * synchronized methods here take.
 */
public final class UserPool {

    /** The scope of tokens issued by the API (not the hosted UI). */
    public static final String ADMIN_SCOPE = "aws.cognito.signin.user.admin";

    private final AppConfig config;
    private final UserPoolConfig poolConfig;
    private final PoolState state;
    private final TokenService tokens;
    private final PoolContext context;
    private final AppClients clients;
    private final UserGroups groups;
    private final UserDirectory users;
    private final Passwords passwords;
    private final Sessions sessions;
    private final TokenIssuer tokenIssuer;
    private final SignUpFlow signUps;
    private final PasswordSignIn passwordSignIn;
    private final SrpSignIn srpSignIn;
    private final PasswordChanges passwordChanges;
    private final AttributeUpdates attributeUpdates;
    private final UserAdministration administration;
    private final SrpWork srpWork;

    /** An app client: its config and its generated id and secret. */
    public record ClientRuntime(AppClientConfig config, String clientId, String clientSecret) {
        public boolean hasSecret() {
            return clientSecret != null;
        }

        public boolean allows(String explicitFlow) {
            return config.explicitAuthFlows().contains(explicitFlow);
        }

        @Override
        public String toString() {
            return "ClientRuntime[" + config.name() + ", " + clientId + ", secret=<hidden>]";
        }
    }

    /** Where a verification code went, for {@code CodeDeliveryDetails}. */
    public record CodeDelivery(String destination, String deliveryMedium, String attributeName) {}

    /** The outcome of checking a user's password (or SRP proof). */
    public sealed interface SignIn permits SignIn.Authenticated, SignIn.NewPasswordRequired {
        /** The user proved the password; tokens may be issued. */
        record Authenticated(UserView user) implements SignIn {}

        /** The password was a temporary one: the user must choose a new password first. */
        record NewPasswordRequired(
                UserView user, String session, List<String> requiredAttributes, Map<String, String> userAttributes)
                implements SignIn {}
    }

    /** A read-only snapshot of a user, for callers outside this package. */
    public record UserView(
            String username,
            String sub,
            Map<String, String> attributes,
            UserStatus status,
            boolean enabled,
            List<String> groups) {}

    /** Tokens issued for one sign-in (refreshToken null on refresh). */
    public record Tokens(String idToken, String accessToken, String refreshToken, long expiresInSeconds) {
        @Override
        public String toString() {
            return "Tokens[<hidden>, expiresIn=" + expiresInSeconds + "]";
        }
    }

    /** The result of SignUp. */
    public record SignUpResult(UserView user, Optional<CodeDelivery> delivery) {}

    /** Why a refresh token was refused. */
    public enum RefreshRejection {
        INVALID("Invalid Refresh Token"),
        REVOKED("Refresh Token has been revoked"),
        EXPIRED("Refresh Token has expired"),
        USER_DISABLED("User is disabled."),
        /** The user's password was reset (or made temporary) since the sign-in; Cognito's answer is undocumented. */
        PASSWORD_RESET_REQUIRED("PasswordResetRequiredException", "Password reset required for the user");

        private final String errorType;
        private final String message;

        RefreshRejection(String message) {
            this("NotAuthorizedException", message);
        }

        RefreshRejection(String errorType, String message) {
            this.errorType = errorType;
            this.message = message;
        }

        /** The API's error type for this rejection (the OAuth endpoint answers {@code invalid_grant} for all). */
        public String errorType() {
            return errorType;
        }

        public String message() {
            return message;
        }
    }

    /** A refresh token was refused. */
    public static final class RefreshRejectedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final RefreshRejection rejection;

        RefreshRejectedException(RefreshRejection rejection) {
            super(rejection.message(), null, false, false);
            this.rejection = rejection;
        }

        public RefreshRejection rejection() {
            return rejection;
        }
    }

    /** Why an access token was refused (each maps to the message Cognito answers). */
    public enum AccessRejection {
        INVALID("Invalid Access Token"),
        EXPIRED("Access Token has expired"),
        REVOKED("Access Token has been revoked"),
        SCOPE("Access Token does not have required scopes"),
        USER_DISABLED("User is disabled."),
        USER_NOT_FOUND("User does not exist.");

        private final String message;

        AccessRejection(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    /** An access token was refused. */
    public static final class AccessRejectedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final AccessRejection rejection;

        AccessRejectedException(AccessRejection rejection) {
            super(rejection.message(), null, false, false);
            this.rejection = rejection;
        }

        public AccessRejection rejection() {
            return rejection;
        }
    }

    /** The verified access token's user and claims. */
    public record AccessTokenUser(UserView user, JWTClaimsSet claims, List<String> scopes) {}

    /** Outcome of revoking a refresh token. */
    public enum RevokeOutcome {
        REVOKED,
        UNKNOWN_TOKEN,
        OTHER_CLIENT
    }

    private UserPool(
            AppConfig config,
            PoolState state,
            StateStore store,
            String stateDocument,
            TokenService tokens,
            Clock clock,
            SecureRandom random,
            OutboxStore outbox) {
        this.config = config;
        this.poolConfig = config.userPool();
        this.state = state;
        this.tokens = tokens;
        // This object is the lock: its synchronized methods guard every part's use of the state.
        this.context = new PoolContext(poolConfig, state, store, stateDocument, clock, random, outbox, this);
        this.srpWork = new SrpWork(SrpServer.forUserPool(state.poolId, random));
        this.clients = new AppClients(context);
        this.groups = new UserGroups(context);
        this.users = new UserDirectory(context, groups);
        StandInUsers standIns = new StandInUsers(context, users);
        this.passwords = new Passwords(context, srpWork);
        AttributeRules attributeRules = new AttributeRules(context, users);
        Lockout lockout = new Lockout(context);
        VerificationCodes codes = new VerificationCodes(context);
        this.tokenIssuer = new TokenIssuer(tokens, groups, clock);
        this.sessions = new Sessions(context, users, tokens, tokenIssuer);
        this.signUps = new SignUpFlow(context, users, attributeRules, passwords, codes, standIns);
        this.passwordSignIn = new PasswordSignIn(context, clients, users, attributeRules, passwords, lockout, standIns);
        this.srpSignIn = new SrpSignIn(context, clients, users, standIns, passwordSignIn, srpWork);
        this.passwordChanges = new PasswordChanges(context, users, passwords, lockout, codes, standIns);
        this.attributeUpdates = new AttributeUpdates(context, users, attributeRules, codes);
        this.administration =
                new UserAdministration(context, users, groups, attributeRules, passwords, lockout, codes, sessions);
    }

    /**
     * Loads the pool from the state (or creates it), applies the config (clients, groups; ids and secrets of
     * existing clients are kept), and generates the signing keys on first start.
     *
     * @param issuerForPool supplies the {@code iss} claim for a pool id; it may depend on the port, known only after the server starts
     */
    public static UserPool open(
            AppConfig config,
            String poolId,
            StateStore store,
            Clock clock,
            SecureRandom random,
            OutboxStore outbox,
            Function<String, String> issuerForPool,
            RsaKeySource keySource) {
        return open(config, poolId, store, clock, random, outbox, issuerForPool, keySource, Map.of());
    }

    /**
     * As above, for a pool whose declared groups have identity-pool roles.
     *
     * @param groupRoleArns the role ARN of each declared group that has one (as Terraform sets the groups' role_arn)
     */
    public static UserPool open(
            AppConfig config,
            String poolId,
            StateStore store,
            Clock clock,
            SecureRandom random,
            OutboxStore outbox,
            Function<String, String> issuerForPool,
            RsaKeySource keySource,
            Map<String, String> groupRoleArns) {
        String base = "cognito/user-pools/" + poolId + "/";
        PoolState state = StateJson.read(store, base + "pool.json", PoolState.class)
                .orElseGet(() -> {
                    PoolState fresh = new PoolState();
                    fresh.poolId = poolId;
                    fresh.createdMillis = clock.millis();
                    byte[] secret = new byte[32];
                    random.nextBytes(secret);
                    fresh.fakeUserSecret = Base64.getEncoder().encodeToString(secret);
                    return fresh;
                });
        if (!poolId.equals(state.poolId)) {
            throw new LocalStateException("The state document " + base + "pool.json belongs to pool " + state.poolId
                    + ", not " + poolId + "; the state directory is damaged.");
        }
        TokenService tokens = SigningKeys.open(store, base, keySource, () -> issuerForPool.apply(poolId), clock);
        UserPool pool = new UserPool(config, state, store, base + "pool.json", tokens, clock, random, outbox);
        pool.applyConfig(groupRoleArns);
        return pool;
    }

    private synchronized void applyConfig(Map<String, String> groupRoleArns) {
        clients.applyConfig();
        groups.applyConfig(groupRoleArns);
        sessions.indexRefreshTokens();
        context.persist();
    }

    // ------------------------------------------------------------------ identity of the pool

    public String id() {
        return state.poolId;
    }

    /** The pool's SRP work, counted: lets tests see which sign-ins cost the same without timing them. */
    SrpWork srpWork() {
        return srpWork;
    }

    public String region() {
        return config.region();
    }

    public UserPoolConfig config() {
        return poolConfig;
    }

    public TokenService tokens() {
        return tokens;
    }

    public String issuer() {
        return tokens.issuer();
    }

    /** The identity-pool provider name, {@code cognito-idp.<region>.amazonaws.com/<poolId>}. */
    public String providerName() {
        return "cognito-idp." + config.region() + ".amazonaws.com/" + state.poolId;
    }

    public List<ClientRuntime> clients() {
        return clients.all();
    }

    public Optional<ClientRuntime> clientByName(String name) {
        return clients.byName(name);
    }

    public Optional<ClientRuntime> client(String clientId) {
        return clients.byId(clientId);
    }

    public ClientRuntime requireClient(String clientId) {
        return clients.require(clientId);
    }

    /**
     * Checks {@code SECRET_HASH} for clients with a secret. Cognito computes it over the name the caller used;
     * any of {@code usernames} (e.g. the alias typed and the internal username) is accepted.
     */
    public void checkSecretHash(ClientRuntime client, String presented, String... usernames) {
        clients.checkSecretHash(client, presented, usernames);
    }

    /** Whether a client secret (from Basic auth or a form) is this client's, in constant time. */
    public boolean clientSecretMatches(ClientRuntime client, String presented) {
        return clients.secretMatches(client, presented);
    }

    // ------------------------------------------------------------------ users: lookup

    public synchronized Optional<UserView> findUserView(String signInName) {
        return users.find(signInName).map(users::view);
    }

    synchronized UserSnapshot userSnapshot(String username) {
        return users.snapshot(users.require(username));
    }

    synchronized List<UserSnapshot> allUserSnapshots() {
        return users.allSnapshots();
    }

    // ------------------------------------------------------------------ sign-up

    /** SignUp; returns the new user and where the code went (empty when no attribute is auto-verified). */
    public synchronized SignUpResult signUp(
            ClientRuntime client, String username, String password, Map<String, String> attributes) {
        return signUps.signUp(username, password, attributes);
    }

    public synchronized void confirmSignUp(ClientRuntime client, String signInName, String code) {
        signUps.confirm(client, signInName, code);
    }

    public synchronized CodeDelivery resendConfirmationCode(ClientRuntime client, String signInName) {
        return signUps.resendCode(client, signInName);
    }

    // ------------------------------------------------------------------ sign-in

    /** USER_PASSWORD_AUTH / ADMIN_USER_PASSWORD_AUTH / the hosted UI's login form. */
    public synchronized SignIn passwordSignIn(ClientRuntime client, String signInName, String password) {
        return passwordSignIn.signIn(client, signInName, password);
    }

    /** InitiateAuth(USER_SRP_AUTH): the PASSWORD_VERIFIER challenge parameters. Locks only around the state. */
    public Map<String, String> startSrp(ClientRuntime client, String signInName, String srpA) {
        return srpSignIn.start(client, signInName, srpA);
    }

    /** RespondToAuthChallenge(PASSWORD_VERIFIER). Locks only around the state. */
    public SignIn respondToPasswordVerifier(
            ClientRuntime client,
            String username,
            String secretBlock,
            String timestamp,
            String signature,
            String secretHash) {
        return srpSignIn.respond(client, username, secretBlock, timestamp, signature, secretHash);
    }

    /** RespondToAuthChallenge(NEW_PASSWORD_REQUIRED). */
    public synchronized SignIn respondToNewPassword(
            ClientRuntime client,
            String session,
            String username,
            String newPassword,
            Map<String, String> attributes,
            String secretHash) {
        return passwordSignIn.respondToNewPassword(client, session, username, newPassword, attributes, secretHash);
    }

    // ------------------------------------------------------------------ sessions and tokens

    /**
     * Starts a sign-in session (one refresh token) and issues its tokens, if the user exists, is enabled and is
     * confirmed (else Cognito's error for the first that is not so).
     *
     * @param scopes      the access token's scopes
     * @param withIdToken whether to include an ID token (hosted UI: only with {@code openid})
     * @param nonce       the hosted UI's nonce, or null
     */
    public synchronized Tokens startSession(
            ClientRuntime client,
            String username,
            List<String> scopes,
            boolean withIdToken,
            String nonce,
            boolean hostedUi) {
        return sessions.start(client, username, scopes, withIdToken, nonce, hostedUi);
    }

    /**
     * Whether tokens may be issued to this user now: the user exists, is enabled and confirmed. The hosted UI asks
     * before it answers from a session cookie; {@link #startSession} and {@link #refresh} check it themselves.
     */
    public synchronized boolean mayReceiveTokens(String username) {
        return sessions.mayReceiveTokens(username);
    }

    /** The user a refresh token belongs to, if it is valid for this client (used for SECRET_HASH checks). */
    public synchronized Optional<UserView> refreshTokenOwner(ClientRuntime client, String refreshToken) {
        return sessions.refreshTokenOwner(client, refreshToken);
    }

    /** REFRESH_TOKEN_AUTH and the token endpoint's refresh_token grant: new ID and access tokens. */
    public synchronized Tokens refresh(ClientRuntime client, String refreshToken) throws RefreshRejectedException {
        return sessions.refresh(client, refreshToken);
    }

    /**
     * The token endpoint's client_credentials grant: an access token for the client itself (no user, no refresh
     * token), carrying resource-server scopes.
     */
    public String issueClientCredentialsToken(ClientRuntime client, List<String> scopes) {
        return tokenIssuer.clientCredentials(client, scopes);
    }

    /**
     * Verifies an access token for a user-facing operation: signature, expiry, issuer, not revoked, user present and
     * enabled, and (for the Cognito API) the {@code aws.cognito.signin.user.admin} scope.
     *
     * @throws AccessRejectedException with the reason; a deleted user is {@link AccessRejection#INVALID}
     */
    public synchronized AccessTokenUser verifyAccessToken(String token, String requiredScope)
            throws AccessRejectedException {
        return sessions.verifyAccessToken(token, requiredScope);
    }

    /**
     * Verifies an ID token presented to an identity pool as a login: our signature, our issuer, not expired, and an
     * ID token (not an access token). The audience is checked by the identity pool against its own client list.
     */
    public JWTClaimsSet verifyIdTokenForLogin(String token) throws TokenService.TokenRejectedException {
        return tokens.verifyIdToken(token);
    }

    /** GlobalSignOut / AdminUserGlobalSignOut: every refresh token and access token of the user stops working. */
    public synchronized void globalSignOut(String username) {
        sessions.globalSignOut(username);
    }

    /** RevokeToken and /oauth2/revoke: the refresh token and the access tokens issued from it stop working. */
    public synchronized RevokeOutcome revokeRefreshToken(ClientRuntime client, String refreshToken) {
        return sessions.revoke(client, refreshToken);
    }

    /** Whether a string has the shape of our refresh tokens (five JWE-like segments). */
    public static boolean looksLikeRefreshToken(String token) {
        return Sessions.looksLikeRefreshToken(token);
    }

    // ------------------------------------------------------------------ passwords

    public synchronized CodeDelivery forgotPassword(ClientRuntime client, String signInName) {
        return passwordChanges.forgotPassword(client, signInName);
    }

    public synchronized void confirmForgotPassword(
            ClientRuntime client, String signInName, String code, String password) {
        passwordChanges.confirmForgotPassword(client, signInName, code, password);
    }

    public synchronized void changePassword(String username, String previous, String proposed) {
        passwordChanges.changePassword(username, previous, proposed);
    }

    /** Checks the pool's password policy, in Cognito's wording. */
    public void checkPasswordPolicy(String password) {
        passwords.checkPolicy(password);
    }

    // ------------------------------------------------------------------ attributes

    /** UpdateUserAttributes / AdminUpdateUserAttributes; returns where verification codes went. */
    public synchronized List<CodeDelivery> updateAttributes(
            String username, Map<String, String> attributes, boolean admin) {
        return attributeUpdates.update(username, attributes, admin);
    }

    public synchronized CodeDelivery sendAttributeVerificationCode(String username, String attributeName) {
        return attributeUpdates.sendVerificationCode(username, attributeName);
    }

    public synchronized void verifyAttribute(String username, String attributeName, String code) {
        attributeUpdates.verify(username, attributeName, code);
    }

    // ------------------------------------------------------------------ administration

    /** AdminCreateUser (or, with {@code resend}, a new invitation for an existing FORCE_CHANGE_PASSWORD user). */
    public synchronized UserView adminCreateUser(
            String username,
            Map<String, String> attributes,
            String temporaryPassword,
            boolean resend,
            boolean suppress,
            Set<String> mediums) {
        return administration.createUser(username, attributes, temporaryPassword, resend, suppress, mediums);
    }

    public synchronized void adminSetUserPassword(String username, String password, boolean permanent) {
        administration.setPassword(username, password, permanent);
    }

    public synchronized void adminConfirmSignUp(String username) {
        administration.confirmSignUp(username);
    }

    public synchronized void adminResetUserPassword(String username) {
        administration.resetPassword(username);
    }

    /** AdminEnableUser / AdminDisableUser; disabling also revokes every token the user has. */
    public synchronized void setEnabled(String username, boolean enabled) {
        administration.setEnabled(username, enabled);
    }

    public synchronized void deleteUser(String username) {
        administration.deleteUser(username);
    }

    public synchronized void addUserToGroup(String username, String groupName) {
        administration.addToGroup(username, groupName);
    }

    public synchronized void removeUserFromGroup(String username, String groupName) {
        administration.removeFromGroup(username, groupName);
    }

    synchronized List<GroupRecord> groupsOf(String username) {
        return administration.groupsOf(username);
    }

    synchronized GroupRecord createGroup(String name, String description, Integer precedence, String roleArn) {
        return groups.create(name, description, precedence, roleArn);
    }

    synchronized List<GroupRecord> groups() {
        return groups.all();
    }
}
