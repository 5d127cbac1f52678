package dev.fieldgate.sdk.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldgate.sdk.FieldgateConfig;
import dev.fieldgate.sdk.FieldgateConfigException;
import dev.fieldgate.sdk.NotAuthenticatedException;
import dev.fieldgate.sdk.NotAuthenticatedException.Reason;
import dev.fieldgate.sdk.ServiceException;
import dev.fieldgate.sdk.internal.AwsClients;
import dev.fieldgate.sdk.internal.AwsErrors;
import dev.fieldgate.sdk.internal.SingleFlightCache;
import dev.fieldgate.sdk.srp.CognitoSecretHash;
import dev.fieldgate.sdk.srp.PasswordClaim;
import dev.fieldgate.sdk.srp.PasswordVerifierChallenge;
import dev.fieldgate.sdk.srp.SrpClient;
import dev.fieldgate.sdk.srp.SrpException;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeDeliveryDetailsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;

/**
 * A Cognito user pool's sign-up, sign-in and session, through the AWS SDK's {@code CognitoIdentityProviderClient}.
 * Sign-in uses SRP by default (the password never leaves the process), or {@code USER_PASSWORD_AUTH}; app clients
 * with a secret get {@code SECRET_HASH} on every call that needs it.
 *
 * <p>The session is cached, kept in a {@link SessionStore} (memory by default) and refreshed ahead of expiry
 * by one thread at a time: {@link #currentSession()} is cheap and safe to call on every request. Thread-safe.
 *
 * <pre>{@code
 * CognitoUserPoolAuth auth = CognitoUserPoolAuth.builder().config(config).build();
 * auth.signUp("alice@example.com", password, Map.of("email", "alice@example.com"));
 * auth.confirmSignUp("alice@example.com", codeFromEmail);
 * auth.signIn("alice@example.com", password);              // SRP
 * String token = auth.currentSession().accessToken();      // refreshed when due
 * auth.signOut();                                           // revokes the refresh token
 * }</pre>
 */
public final class CognitoUserPoolAuth implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CognitoUserPoolAuth.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String userPoolId;
    private final String clientId;
    private final String clientSecret;
    private final CognitoIdentityProviderClient cognito;
    private final boolean ownsClient;
    private final SessionStore store;
    private final String storeKey;
    private final Clock clock;
    private final Duration stale;
    private final AuthFlow defaultFlow;
    private final SecureRandom random;
    private final SingleFlightCache<UserPoolSession> cache;

    private CognitoUserPoolAuth(Builder b) {
        FieldgateConfig config = b.config;
        this.userPoolId = firstNonNull(
                b.userPoolId, config == null ? null : config.userPoolId().orElse(null));
        this.clientId = firstNonNull(
                b.clientId, config == null ? null : config.userPoolClientId().orElse(null));
        this.clientSecret = b.clientSecretSet
                ? b.clientSecret
                : config == null ? null : config.userPoolClientSecret().orElse(null);
        if (userPoolId == null || clientId == null) {
            throw new FieldgateConfigException("A user pool id and app client id are needed: read the outputs file "
                    + "(auth.user_pool_id, auth.user_pool_client_id) or set them on the builder.");
        }
        if (b.cognitoClient != null) {
            this.cognito = b.cognitoClient;
            this.ownsClient = false;
        } else {
            if (config == null) {
                throw new FieldgateConfigException("Give the builder a FieldgateConfig (for the region and endpoint) "
                        + "or a CognitoIdentityProviderClient.");
            }
            this.cognito = AwsClients.userPools(config);
            this.ownsClient = true;
        }
        this.store = b.store;
        this.storeKey = "session:" + userPoolId + ":" + clientId;
        this.clock = b.clock;
        this.stale = b.staleBefore;
        this.defaultFlow = b.defaultFlow;
        this.random = b.random;
        this.cache = new SingleFlightCache<>(
                this::loadOrRefresh, UserPoolSession::expiresAt, clock, b.refreshAhead, b.staleBefore);
    }

    public static Builder builder() {
        return new Builder();
    }

    public String userPoolId() {
        return userPoolId;
    }

    public String clientId() {
        return clientId;
    }

    // ---- sign-up ------------------------------------------------------------------------------------------

    /**
     * Registers a user. Unless the pool confirms users itself, a code goes to the email or phone number and
     * {@link #confirmSignUp} must follow.
     *
     * @param attributes user attributes, e.g. {@code email}; required ones per the pool's settings
     */
    public SignUpResult signUp(String username, String password, Map<String, String> attributes) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        List<AttributeType> attrs = attributes.entrySet().stream()
                .map(e -> AttributeType.builder()
                        .name(e.getKey())
                        .value(e.getValue())
                        .build())
                .toList();
        var response = AwsErrors.call(
                "Sign-up",
                () -> cognito.signUp(r -> r.clientId(clientId)
                        .username(username)
                        .password(password)
                        .userAttributes(attrs)
                        .secretHash(secretHash(username))));
        return new SignUpResult(
                Boolean.TRUE.equals(response.userConfirmed()),
                response.userSub(),
                Optional.ofNullable(delivery(response.codeDeliveryDetails())));
    }

    /** Confirms a sign-up with the code that was sent. */
    public void confirmSignUp(String username, String code) {
        AwsErrors.call(
                "Confirming the sign-up",
                () -> cognito.confirmSignUp(r -> r.clientId(clientId)
                        .username(username)
                        .confirmationCode(code)
                        .secretHash(secretHash(username))));
    }

    /** Sends a new sign-up code. */
    public CodeDelivery resendConfirmationCode(String username) {
        var response = AwsErrors.call(
                "Resending the code",
                () -> cognito.resendConfirmationCode(
                        r -> r.clientId(clientId).username(username).secretHash(secretHash(username))));
        return delivery(response.codeDeliveryDetails());
    }

    // ---- sign-in ------------------------------------------------------------------------------------------

    /** Signs in with the builder's default flow (SRP unless changed). */
    public SignInResult signIn(String username, String password) {
        return signIn(username, password, defaultFlow);
    }

    /**
     * Signs in. On success the session is cached and stored; when Cognito asks for a further step (e.g.
     * {@code NEW_PASSWORD_REQUIRED}) the result holds the challenge instead.
     */
    public SignInResult signIn(String username, String password, AuthFlow flow) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        return flow == AuthFlow.USER_PASSWORD_AUTH ? passwordSignIn(username, password) : srpSignIn(username, password);
    }

    private SignInResult srpSignIn(String username, String password) {
        SrpClient srp = SrpClient.start(userPoolId, random);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("USERNAME", username);
        parameters.put("SRP_A", srp.srpA());
        putSecretHash(parameters, username);
        InitiateAuthResponse initiated = AwsErrors.call(
                "Sign-in",
                () -> cognito.initiateAuth(r -> r.authFlow(AuthFlowType.USER_SRP_AUTH)
                        .clientId(clientId)
                        .authParameters(parameters)));
        if (initiated.challengeName() != ChallengeNameType.PASSWORD_VERIFIER) {
            return outcome(
                    initiated.authenticationResult(),
                    initiated.challengeNameAsString(),
                    initiated.challengeParameters(),
                    initiated.session(),
                    username);
        }
        PasswordVerifierChallenge challenge;
        PasswordClaim claim;
        try {
            challenge = PasswordVerifierChallenge.fromChallengeParameters(initiated.challengeParameters());
            claim = srp.respond(challenge, password, clock.instant());
        } catch (SrpException e) {
            throw new ServiceException(
                    "Sign-in failed: Cognito's SRP challenge was refused (" + e.getMessage()
                            + "). Retry; if it persists, the endpoint may not be Cognito.",
                    e,
                    0,
                    null,
                    null,
                    List.of());
        }
        Map<String, String> responses = new LinkedHashMap<>(claim.toChallengeResponses());
        putSecretHash(responses, challenge.userIdForSrp());
        RespondToAuthChallengeResponse answered = AwsErrors.call(
                "Sign-in",
                () -> cognito.respondToAuthChallenge(r -> r.clientId(clientId)
                        .challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                        .challengeResponses(responses)
                        .session(initiated.session())));
        return outcome(
                answered.authenticationResult(),
                answered.challengeNameAsString(),
                answered.challengeParameters(),
                answered.session(),
                challenge.userIdForSrp());
    }

    private SignInResult passwordSignIn(String username, String password) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("USERNAME", username);
        parameters.put("PASSWORD", password);
        putSecretHash(parameters, username);
        InitiateAuthResponse response = AwsErrors.call(
                "Sign-in",
                () -> cognito.initiateAuth(r -> r.authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .clientId(clientId)
                        .authParameters(parameters)));
        return outcome(
                response.authenticationResult(),
                response.challengeNameAsString(),
                response.challengeParameters(),
                response.session(),
                username);
    }

    /**
     * Answers {@code NEW_PASSWORD_REQUIRED} (a user created by an administrator signs in with the temporary
     * password) with the new password and any required attributes.
     */
    public SignInResult completeNewPassword(
            AuthChallenge challenge, String newPassword, Map<String, String> attributes) {
        if (!AuthChallenge.NEW_PASSWORD_REQUIRED.equals(challenge.name())) {
            throw new IllegalArgumentException(
                    "The challenge is " + challenge.name() + ", not " + AuthChallenge.NEW_PASSWORD_REQUIRED);
        }
        Map<String, String> responses = new LinkedHashMap<>();
        responses.put("NEW_PASSWORD", Objects.requireNonNull(newPassword, "newPassword"));
        attributes.forEach((name, value) -> responses.put("userAttributes." + name, value));
        return respondToChallenge(challenge, responses);
    }

    /** Answers any challenge with Cognito's {@code ChallengeResponses} ({@code USERNAME} and the secret hash are added). */
    public SignInResult respondToChallenge(AuthChallenge challenge, Map<String, String> challengeResponses) {
        Map<String, String> responses = new LinkedHashMap<>(challengeResponses);
        responses.putIfAbsent("USERNAME", challenge.username());
        putSecretHash(responses, challenge.username());
        RespondToAuthChallengeResponse answered = AwsErrors.call(
                "Answering " + challenge.name(),
                () -> cognito.respondToAuthChallenge(r -> r.clientId(clientId)
                        .challengeName(challenge.name())
                        .challengeResponses(responses)
                        .session(challenge.session())));
        return outcome(
                answered.authenticationResult(),
                answered.challengeNameAsString(),
                answered.challengeParameters(),
                answered.session(),
                challenge.username());
    }

    private SignInResult outcome(
            AuthenticationResultType result,
            String challengeName,
            Map<String, String> parameters,
            String session,
            String username) {
        if (result != null && result.idToken() != null && result.accessToken() != null) {
            UserPoolSession signedIn = UserPoolSession.fromTokens(
                    result.idToken(), result.accessToken(), result.refreshToken(), expiry(result));
            useSession(signedIn);
            return SignInResult.signedIn(signedIn);
        }
        if (challengeName == null) {
            throw new ServiceException(
                    "Cognito answered the sign-in with neither tokens nor a challenge.",
                    null,
                    0,
                    null,
                    null,
                    List.of());
        }
        String challengeUser = parameters != null && parameters.get("USER_ID_FOR_SRP") != null
                ? parameters.get("USER_ID_FOR_SRP")
                : username;
        return SignInResult.challenged(new AuthChallenge(challengeName, parameters, session, challengeUser));
    }

    // ---- session ------------------------------------------------------------------------------------------

    /**
     * The signed-in user's session, refreshed first if it expires soon (one refresh however many threads ask).
     *
     * @throws NotAuthenticatedException {@code NOT_SIGNED_IN} without a session, {@code SESSION_EXPIRED} when the
     *                                   refresh token no longer works
     */
    public UserPoolSession currentSession() {
        return cache.get();
    }

    /** Whether a session is cached or stored (it may still need a refresh). */
    public boolean isSignedIn() {
        return cache.peek() != null || readStored().isPresent();
    }

    /** Refreshes the tokens now, whatever their expiry. */
    public UserPoolSession refresh() {
        UserPoolSession current = cache.peek();
        UserPoolSession base = current != null ? current : readStored().orElseThrow(this::notSignedIn);
        UserPoolSession refreshed = refreshWith(base);
        cache.set(refreshed);
        return refreshed;
    }

    /** Adopts a session obtained elsewhere, e.g. from the hosted UI ({@link CognitoHostedUi}). */
    public void useSession(UserPoolSession session) {
        Objects.requireNonNull(session, "session");
        cache.set(session);
        writeStored(session);
    }

    /** Forgets the session locally (cache and store) without telling Cognito. */
    public void forgetSession() {
        cache.clear();
        store.delete(storeKey);
    }

    private UserPoolSession loadOrRefresh(UserPoolSession current) {
        if (current == null) {
            UserPoolSession stored = readStored().orElseThrow(this::notSignedIn);
            if (clock.instant().isBefore(stored.expiresAt().minus(stale))) {
                return stored;
            }
            current = stored;
        }
        return refreshWith(current);
    }

    private UserPoolSession refreshWith(UserPoolSession current) {
        String refreshToken = current.refreshToken()
                .orElseThrow(() -> new NotAuthenticatedException(
                        Reason.SESSION_EXPIRED,
                        "The session has no refresh token and its tokens expired; sign in again."));
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("REFRESH_TOKEN", refreshToken);
        if (current.username() != null) {
            putSecretHash(parameters, current.username());
        }
        InitiateAuthResponse response;
        try {
            response = cognito.initiateAuth(r -> r.authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                    .clientId(clientId)
                    .authParameters(parameters));
        } catch (NotAuthorizedException e) {
            forgetSession();
            throw new NotAuthenticatedException(
                    Reason.SESSION_EXPIRED,
                    "The session ended: " + e.awsErrorDetails().errorMessage()
                            + " (signed out, revoked or expired). Sign in again.",
                    e,
                    e.statusCode(),
                    "NotAuthorizedException",
                    e.requestId());
        } catch (SdkException e) {
            throw AwsErrors.map(e, "Refreshing the session");
        }
        AuthenticationResultType result = response.authenticationResult();
        if (result == null || result.idToken() == null || result.accessToken() == null) {
            throw new ServiceException("Cognito answered the refresh without tokens.", null, 0, null, null, List.of());
        }
        UserPoolSession refreshed =
                current.refreshed(result.idToken(), result.accessToken(), result.refreshToken(), expiry(result));
        writeStored(refreshed);
        LOG.debug("refreshed the user-pool session of {}; expires at {}", refreshed.username(), refreshed.expiresAt());
        return refreshed;
    }

    private NotAuthenticatedException notSignedIn() {
        return new NotAuthenticatedException(
                Reason.NOT_SIGNED_IN,
                "No one is signed in to user pool " + userPoolId + " with app client " + clientId
                        + "; call signIn(...) first.");
    }

    // ---- passwords and sign-out ---------------------------------------------------------------------------

    /** Sends a code for choosing a new password. */
    public CodeDelivery forgotPassword(String username) {
        var response = AwsErrors.call(
                "Requesting a password reset",
                () -> cognito.forgotPassword(
                        r -> r.clientId(clientId).username(username).secretHash(secretHash(username))));
        return delivery(response.codeDeliveryDetails());
    }

    /** Sets a new password with the code from {@link #forgotPassword}. */
    public void confirmForgotPassword(String username, String code, String newPassword) {
        AwsErrors.call(
                "Resetting the password",
                () -> cognito.confirmForgotPassword(r -> r.clientId(clientId)
                        .username(username)
                        .confirmationCode(code)
                        .password(newPassword)
                        .secretHash(secretHash(username))));
    }

    /** Changes the signed-in user's password. */
    public void changePassword(String oldPassword, String newPassword) {
        String accessToken = currentSession().accessToken();
        AwsErrors.call(
                "Changing the password",
                () -> cognito.changePassword(r ->
                        r.accessToken(accessToken).previousPassword(oldPassword).proposedPassword(newPassword)));
    }

    /**
     * Signs out of this device: forgets the session and revokes its refresh token (and the access tokens issued
     * from it) at Cognito.
     */
    public void signOut() {
        Optional<UserPoolSession> session = Optional.ofNullable(cache.peek()).or(this::readStored);
        forgetSession();
        session.flatMap(UserPoolSession::refreshToken).ifPresent(this::revoke);
    }

    /** Revokes a refresh token (and the access tokens issued from it). */
    public void revoke(String refreshToken) {
        AwsErrors.call(
                "Revoking the refresh token",
                () -> cognito.revokeToken(
                        r -> r.token(refreshToken).clientId(clientId).clientSecret(clientSecret)));
    }

    /** Signs the user out everywhere: every refresh token of the user stops working. */
    public void globalSignOut() {
        String accessToken = currentSession().accessToken();
        AwsErrors.call("Signing out everywhere", () -> cognito.globalSignOut(r -> r.accessToken(accessToken)));
        forgetSession();
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private Optional<UserPoolSession> readStored() {
        return store.read(storeKey).flatMap(CognitoUserPoolAuth::decode);
    }

    private void writeStored(UserPoolSession session) {
        ObjectNode json = JSON.createObjectNode();
        json.put("idToken", session.idToken());
        json.put("accessToken", session.accessToken());
        session.refreshToken().ifPresent(t -> json.put("refreshToken", t));
        json.put("expiresAt", session.expiresAt().toString());
        store.write(storeKey, json.toString());
    }

    private static Optional<UserPoolSession> decode(String text) {
        try {
            JsonNode json = JSON.readTree(text);
            return Optional.of(new UserPoolSession(
                    json.path("idToken").asText(),
                    json.path("accessToken").asText(),
                    json.hasNonNull("refreshToken") ? json.get("refreshToken").asText() : null,
                    Instant.parse(json.path("expiresAt").asText())));
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "ignoring a stored session that cannot be read ({})",
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private Instant expiry(AuthenticationResultType result) {
        int seconds = result.expiresIn() == null ? 3600 : result.expiresIn();
        return clock.instant().plusSeconds(seconds);
    }

    private String secretHash(String username) {
        return clientSecret == null ? null : CognitoSecretHash.compute(username, clientId, clientSecret);
    }

    private void putSecretHash(Map<String, String> parameters, String username) {
        if (clientSecret != null) {
            parameters.put("SECRET_HASH", CognitoSecretHash.compute(username, clientId, clientSecret));
        }
    }

    private static CodeDelivery delivery(CodeDeliveryDetailsType details) {
        return details == null
                ? null
                : new CodeDelivery(details.destination(), details.deliveryMediumAsString(), details.attributeName());
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    @Override
    public void close() {
        if (ownsClient) {
            cognito.close();
        }
    }

    @Override
    public String toString() {
        return "CognitoUserPoolAuth[pool=" + userPoolId + ", client=" + clientId + ", secret="
                + (clientSecret == null ? "none" : "<hidden>") + ", store=" + store + "]";
    }

    /** Builds a {@link CognitoUserPoolAuth}. */
    public static final class Builder {
        private FieldgateConfig config;
        private String userPoolId;
        private String clientId;
        private String clientSecret;
        private boolean clientSecretSet;
        private CognitoIdentityProviderClient cognitoClient;
        private SessionStore store = SessionStore.inMemory();
        private Clock clock = Clock.systemUTC();
        private Duration refreshAhead = Duration.ofMinutes(5);
        private Duration staleBefore = Duration.ofMinutes(1);
        private AuthFlow defaultFlow = AuthFlow.USER_SRP_AUTH;
        private SecureRandom random = new SecureRandom();

        private Builder() {}

        /** Pool, app client, region and endpoint from the configuration (usually the outputs file). */
        public Builder config(FieldgateConfig config) {
            this.config = config;
            return this;
        }

        public Builder userPoolId(String userPoolId) {
            this.userPoolId = userPoolId;
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /** The app client's secret (confidential clients only); overrides the configuration's. */
        public Builder clientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
            this.clientSecretSet = true;
            return this;
        }

        /** An AWS SDK client to use (and not close); by default one is made from the configuration. */
        public Builder cognitoClient(CognitoIdentityProviderClient cognitoClient) {
            this.cognitoClient = cognitoClient;
            return this;
        }

        /** Where the session is kept; in memory by default. */
        public Builder sessionStore(SessionStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How long before expiry a refresh starts (default 5 minutes); meanwhile other callers keep using the
         * current tokens.
         */
        public Builder refreshAhead(Duration refreshAhead) {
            this.refreshAhead = Objects.requireNonNull(refreshAhead, "refreshAhead");
            return this;
        }

        /** How long before expiry tokens are no longer handed out without a refresh (default 1 minute). */
        public Builder staleBefore(Duration staleBefore) {
            this.staleBefore = Objects.requireNonNull(staleBefore, "staleBefore");
            return this;
        }

        /** The flow {@link CognitoUserPoolAuth#signIn(String, String)} uses (SRP by default). */
        public Builder defaultFlow(AuthFlow defaultFlow) {
            this.defaultFlow = Objects.requireNonNull(defaultFlow, "defaultFlow");
            return this;
        }

        /** The randomness of SRP's ephemeral values. */
        public Builder random(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public CognitoUserPoolAuth build() {
            return new CognitoUserPoolAuth(this);
        }
    }
}
