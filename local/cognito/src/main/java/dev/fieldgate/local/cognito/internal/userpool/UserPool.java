package dev.fieldgate.local.cognito.internal.userpool;

import dev.fieldgate.config.AppConfig;
import dev.fieldgate.config.UserPoolConfig;
import dev.fieldgate.config.AppClientConfig;
import dev.fieldgate.config.UserPoolGroup;
import dev.fieldgate.config.PasswordPolicy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.fieldgate.local.core.LocalStateException;
import dev.fieldgate.local.cognito.OutboxMessage;
import dev.fieldgate.local.cognito.internal.RsaKeySource;
import dev.fieldgate.local.core.internal.awsjson.AwsServiceException;
import dev.fieldgate.local.cognito.internal.userpool.PoolState.ClientRecord;
import dev.fieldgate.local.cognito.internal.userpool.PoolState.CodeRecord;
import dev.fieldgate.local.cognito.internal.userpool.PoolState.GroupRecord;
import dev.fieldgate.local.cognito.internal.userpool.PoolState.SessionRecord;
import dev.fieldgate.local.cognito.internal.userpool.PoolState.UserRecord;
import dev.fieldgate.local.cognito.internal.OutboxStore;
import dev.fieldgate.local.core.internal.state.StateJson;
import dev.fieldgate.local.core.internal.state.StateStore;
import dev.fieldgate.sdk.srp.CognitoSecretHash;
import dev.fieldgate.sdk.srp.SrpException;
import dev.fieldgate.sdk.srp.SrpServer;
import dev.fieldgate.sdk.srp.SrpTimestamp;
import dev.fieldgate.sdk.srp.SrpVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One local Cognito user pool: users, groups, app clients, sign-in sessions and tokens, with Cognito's rules for
 * passwords, codes, lockout and user status. The JSON API ({@link UserPoolApi}) and the hosted UI both work through
 * this class; every change happens under its lock and is persisted before the call returns.
 */
public final class UserPool {

    /** The scope of tokens issued by the API (not the hosted UI). */
    public static final String ADMIN_SCOPE = "aws.cognito.signin.user.admin";

    static final String UNCONFIRMED = "UNCONFIRMED";
    static final String CONFIRMED = "CONFIRMED";
    static final String FORCE_CHANGE_PASSWORD = "FORCE_CHANGE_PASSWORD";
    static final String RESET_REQUIRED = "RESET_REQUIRED";

    private static final Duration SIGN_UP_CODE_VALIDITY = Duration.ofHours(24);
    private static final Duration FORGOT_PASSWORD_CODE_VALIDITY = Duration.ofHours(1);
    private static final int MAX_CODE_ATTEMPTS = 5;
    private static final int MAX_CODE_REQUESTS_PER_HOUR = 5;
    private static final int FREE_FAILED_SIGN_INS = 5;
    private static final Duration MAX_LOCKOUT = Duration.ofMinutes(15);
    /** How far a PASSWORD_VERIFIER TIMESTAMP may be from our clock (AWS's window is not documented). */
    private static final Duration TIMESTAMP_TOLERANCE = Duration.ofMinutes(5);
    private static final int MAX_PENDING_CHALLENGES = 10_000;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+[0-9]{4,15}");
    private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
    private static final String SYMBOLS = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ";
    private static final Set<String> STANDARD_ATTRIBUTES = Set.of("address", "birthdate", "email", "email_verified",
            "family_name", "gender", "given_name", "locale", "middle_name", "name", "nickname", "phone_number",
            "phone_number_verified", "picture", "preferred_username", "profile", "updated_at", "website", "zoneinfo");
    private static final String REFRESH_TOKEN_HEADER =
            Base64.getUrlEncoder().withoutPadding().encodeToString(
                    "{\"cty\":\"JWT\",\"enc\":\"A256GCM\",\"alg\":\"RSA-OAEP\"}".getBytes(StandardCharsets.UTF_8));

    private final AppConfig config;
    private final UserPoolConfig poolConfig;
    private final PoolState state;
    private final StateStore store;
    private final String stateDocument;
    private final Clock clock;
    private final SecureRandom random;
    private final OutboxStore outbox;
    private final TokenService tokens;
    private final SrpServer srp;
    private final Map<String, ClientRuntime> clientsById = new LinkedHashMap<>();
    private final Map<String, ClientRuntime> clientsByName = new LinkedHashMap<>();
    private final Map<String, String> sessionByRefreshHash = new ConcurrentHashMap<>();
    private final Map<String, PendingSrp> pendingSrp = new ConcurrentHashMap<>();
    private final Map<String, PendingNewPassword> pendingNewPassword = new ConcurrentHashMap<>();

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
    public record CodeDelivery(String destination, String deliveryMedium, String attributeName) {
    }

    /** The outcome of checking a user's password (or SRP proof). */
    public sealed interface SignIn permits SignIn.Authenticated, SignIn.NewPasswordRequired {
        /** The user proved the password; tokens may be issued. */
        record Authenticated(UserView user) implements SignIn {
        }

        /** The password was a temporary one: the user must choose a new password first. */
        record NewPasswordRequired(UserView user, String session, List<String> requiredAttributes,
                Map<String, String> userAttributes) implements SignIn {
        }
    }

    /** A read-only snapshot of a user, for callers outside this package. */
    public record UserView(String username, String sub, Map<String, String> attributes, String status,
            boolean enabled, List<String> groups) {
    }

    /** Tokens issued for one sign-in (refreshToken null on refresh). */
    public record Tokens(String idToken, String accessToken, String refreshToken, long expiresInSeconds) {
        @Override
        public String toString() {
            return "Tokens[<hidden>, expiresIn=" + expiresInSeconds + "]";
        }
    }

    private record PendingSrp(String username, String clientId, SrpServer.Challenge challenge, Instant expires,
            boolean simulated) {
    }

    private record PendingNewPassword(String username, String clientId, Instant expires) {
    }

    private UserPool(AppConfig config, PoolState state, StateStore store, String stateDocument,
            TokenService tokens, Clock clock, SecureRandom random, OutboxStore outbox) {
        this.config = config;
        this.poolConfig = config.userPool();
        this.state = state;
        this.store = store;
        this.stateDocument = stateDocument;
        this.tokens = tokens;
        this.clock = clock;
        this.random = random;
        this.outbox = outbox;
        this.srp = SrpServer.forUserPool(state.poolId, random);
    }

    /**
     * Loads the pool from the state (or creates it), applies the config (clients, groups; ids and secrets of
     * existing clients are kept), and generates the signing keys on first start.
     *
     * @param issuer supplies the {@code iss} claim; it may depend on the port, known only after the server starts
     */
    public static UserPool open(AppConfig config, String poolId, StateStore store, Clock clock,
            SecureRandom random, OutboxStore outbox, Function<String, String> issuerForPool, RsaKeySource keySource) {
        String base = "cognito/user-pools/" + poolId + "/";
        PoolState state = StateJson.read(store, base + "pool.json", PoolState.class).orElseGet(() -> {
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
        KeysDoc keys = StateJson.read(store, base + "signing-keys.json", KeysDoc.class).orElse(null);
        CompletableFuture<RSAKey> idKey;
        CompletableFuture<RSAKey> accessKey;
        java.util.function.Consumer<TokenService.Keys> onFirstUse;
        if (keys == null) {
            // New keys are still being generated; they are written before anything is signed with them.
            idKey = keySource.future(JWSAlgorithm.RS256, null);
            accessKey = keySource.future(JWSAlgorithm.RS256, null);
            onFirstUse = ready -> {
                KeysDoc doc = new KeysDoc();
                doc.idTokenKey = ready.idKey().toJSONString();
                doc.accessTokenKey = ready.accessKey().toJSONString();
                StateJson.write(store, base + "signing-keys.json", doc);
            };
        } else {
            try {
                idKey = CompletableFuture.completedFuture(RSAKey.parse(keys.idTokenKey));
                accessKey = CompletableFuture.completedFuture(RSAKey.parse(keys.accessTokenKey));
            } catch (ParseException e) {
                throw new LocalStateException("The signing keys in " + base + "signing-keys.json are unreadable.", e);
            }
            onFirstUse = ready -> { };
        }
        Supplier<String> issuer = () -> issuerForPool.apply(poolId);
        TokenService tokens = new TokenService(idKey, accessKey, onFirstUse, issuer, clock);
        UserPool pool = new UserPool(config, state, store, base + "pool.json", tokens, clock, random, outbox);
        pool.applyConfig();
        return pool;
    }

    private static final class KeysDoc {
        String idTokenKey;
        String accessTokenKey;
    }

    private synchronized void applyConfig() {
        for (AppClientConfig clientConfig : poolConfig.clients()) {
            ClientRecord record = state.clients.get(clientConfig.name());
            if (record == null) {
                record = new ClientRecord();
                record.name = clientConfig.name();
                record.clientId = randomClientId();
                record.createdMillis = clock.millis();
                state.clients.put(record.name, record);
            }
            if (clientConfig.generateSecret() && record.clientSecret == null) {
                record.clientSecret = randomClientSecret();
            } else if (!clientConfig.generateSecret()) {
                record.clientSecret = null;
            }
            ClientRuntime runtime = new ClientRuntime(clientConfig, record.clientId, record.clientSecret);
            clientsById.put(record.clientId, runtime);
            clientsByName.put(record.name, runtime);
        }
        for (UserPoolGroup group : poolConfig.groups()) {
            GroupRecord record = state.groups.get(group.name());
            if (record == null) {
                record = new GroupRecord();
                record.name = group.name();
                record.createdMillis = clock.millis();
                state.groups.put(record.name, record);
            }
            record.description = group.description();
            record.precedence = group.precedence();
            record.modifiedMillis = clock.millis();
        }
        for (SessionRecord session : state.sessions.values()) {
            sessionByRefreshHash.put(session.refreshTokenSha256, session.originJti);
        }
        persist();
    }

    // ------------------------------------------------------------------ identity of the pool

    public String id() {
        return state.poolId;
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
        return List.copyOf(clientsByName.values());
    }

    public Optional<ClientRuntime> clientByName(String name) {
        return Optional.ofNullable(clientsByName.get(name));
    }

    public Optional<ClientRuntime> client(String clientId) {
        return clientId == null ? Optional.empty() : Optional.ofNullable(clientsById.get(clientId));
    }

    public ClientRuntime requireClient(String clientId) {
        return client(clientId).orElseThrow(() -> CognitoErrors.resourceNotFound(
                "User pool client " + clientId + " does not exist."));
    }

    /**
     * Checks {@code SECRET_HASH} for clients with a secret. Cognito computes it over the name the caller used;
     * any of {@code usernames} (e.g. the alias typed and the internal username) is accepted.
     */
    public void checkSecretHash(ClientRuntime client, String presented, String... usernames) {
        if (!client.hasSecret()) {
            return;
        }
        if (presented == null) {
            throw CognitoErrors.notAuthorized("Client " + client.clientId()
                    + " is configured with secret but SECRET_HASH was not received");
        }
        for (String username : usernames) {
            if (username != null && constantTimeEquals(presented,
                    CognitoSecretHash.compute(username, client.clientId(), client.clientSecret()))) {
                return;
            }
        }
        throw CognitoErrors.notAuthorized("Unable to verify secret hash for client " + client.clientId());
    }

    /** Whether a client secret (from Basic auth or a form) is this client's, in constant time. */
    public boolean clientSecretMatches(ClientRuntime client, String presented) {
        return client.hasSecret() && presented != null && constantTimeEquals(presented, client.clientSecret());
    }

    // ------------------------------------------------------------------ users: lookup

    private Optional<UserRecord> findUser(String signInName) {
        if (signInName == null) {
            return Optional.empty();
        }
        UserRecord byName = state.users.get(signInName.toLowerCase(Locale.ROOT));
        if (byName != null) {
            return Optional.of(byName);
        }
        for (String alias : poolConfig.usernameAttributes()) {
            for (UserRecord user : state.users.values()) {
                String value = user.attributes.get(alias);
                if (value != null && value.equalsIgnoreCase(signInName)) {
                    return Optional.of(user);
                }
            }
        }
        return Optional.empty();
    }

    private UserRecord requireUser(String username) {
        return findUser(username).orElseThrow(CognitoErrors::userNotFound);
    }

    public synchronized Optional<UserView> findUserView(String signInName) {
        return findUser(signInName).map(this::view);
    }

    UserView view(UserRecord user) {
        return new UserView(user.username, user.sub, Map.copyOf(withoutNulls(user.attributes)), user.status,
                user.enabled, groupsByPrecedence(user).stream().map(g -> g.name).toList());
    }

    private static Map<String, String> withoutNulls(Map<String, String> attributes) {
        Map<String, String> copy = new LinkedHashMap<>();
        attributes.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }

    /** The user's attributes in Cognito's order: sub first. */
    List<Map.Entry<String, String>> attributeList(UserRecord user) {
        List<Map.Entry<String, String>> list = new ArrayList<>();
        list.add(Map.entry("sub", user.sub));
        user.attributes.forEach((k, v) -> {
            if (v != null && !k.equals("sub")) {
                list.add(Map.entry(k, v));
            }
        });
        return list;
    }

    // ------------------------------------------------------------------ sign-up

    /** SignUp; returns the new user and where the code went (empty when no attribute is auto-verified). */
    public synchronized SignUpResult signUp(ClientRuntime client, String username, String password,
            Map<String, String> attributes) {
        Map<String, String> attrs = new LinkedHashMap<>(attributes);
        checkWritableAttributes(attrs, false);
        String canonical = canonicalNewUsername(username, attrs);
        checkPasswordPolicy(password);
        checkRequiredAttributes(attrs);
        checkAttributeFormats(attrs);
        if (state.users.containsKey(canonical.toLowerCase(Locale.ROOT))) {
            throw new AwsServiceException("UsernameExistsException", "User already exists");
        }
        checkAliasFree(attrs, null, "UsernameExistsException");
        UserRecord user = newUser(canonical, attrs);
        user.status = UNCONFIRMED;
        setPassword(user, password);
        state.users.put(canonical.toLowerCase(Locale.ROOT), user);
        Optional<CodeDelivery> delivery = Optional.empty();
        if (autoVerifiedChannel(user).isPresent()) {
            delivery = Optional.of(sendCode(user, "SIGN_UP", autoVerifiedChannel(user).orElseThrow(),
                    SIGN_UP_CODE_VALIDITY,
                    OutboxMessage.Kind.SIGN_UP_CODE));
        }
        persist();
        return new SignUpResult(view(user), delivery);
    }

    /** The result of SignUp. */
    public record SignUpResult(UserView user, Optional<CodeDelivery> delivery) {
    }

    private String canonicalNewUsername(String username, Map<String, String> attrs) {
        if (username == null || username.isEmpty()) {
            throw AwsServiceException.missing("Username");
        }
        if (username.length() > 128) {
            throw AwsServiceException.constraint("Username", "Member must have length less than or equal to 128");
        }
        List<String> aliases = poolConfig.usernameAttributes();
        if (aliases.isEmpty()) {
            if (!USERNAME.matcher(username).matches()) {
                throw AwsServiceException.constraint("Username",
                        "Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
            }
            return username;
        }
        if (aliases.contains("email") && EMAIL.matcher(username).matches()) {
            attrs.putIfAbsent("email", username);
            if (!username.equalsIgnoreCase(attrs.get("email"))) {
                throw CognitoErrors.invalidParameter("The email attribute must equal the username, which is an email.");
            }
        } else if (aliases.contains("phone_number") && PHONE.matcher(username).matches()) {
            attrs.putIfAbsent("phone_number", username);
        } else {
            throw CognitoErrors.invalidParameter(aliases.contains("email") && !aliases.contains("phone_number")
                    ? "Username should be an email." : aliases.contains("email")
                            ? "Username should be either an email or a phone number."
                            : "Username should be a phone number.");
        }
        // Pools that sign in by email or phone give every user an immutable UUID username.
        return UUID.randomUUID().toString();
    }

    private UserRecord newUser(String username, Map<String, String> attrs) {
        UserRecord user = new UserRecord();
        user.username = username;
        user.sub = UUID.randomUUID().toString();
        user.createdMillis = clock.millis();
        user.modifiedMillis = user.createdMillis;
        attrs.forEach((k, v) -> {
            if (v != null) {
                user.attributes.put(k, v);
            }
        });
        if (user.attributes.containsKey("email")) {
            user.attributes.putIfAbsent("email_verified", "false");
        }
        if (user.attributes.containsKey("phone_number")) {
            user.attributes.putIfAbsent("phone_number_verified", "false");
        }
        return user;
    }

    public synchronized void confirmSignUp(ClientRuntime client, String signInName, String code) {
        UserRecord user = findUser(signInName).orElse(null);
        if (user == null) {
            // With PreventUserExistenceErrors a wrong name looks like a wrong code.
            throw client.config().preventUserExistenceErrors() ? CognitoErrors.codeMismatch()
                    : CognitoErrors.userClientNotFound();
        }
        if (!UNCONFIRMED.equals(user.status)) {
            throw CognitoErrors.notAuthorized("User cannot be confirmed. Current status is " + user.status);
        }
        consumeCode(user, "SIGN_UP", code);
        user.status = CONFIRMED;
        autoVerifiedChannel(user).ifPresent(attr -> user.attributes.put(attr + "_verified", "true"));
        touch(user);
        persist();
    }

    public synchronized CodeDelivery resendConfirmationCode(ClientRuntime client, String signInName) {
        UserRecord user = findUser(signInName).orElse(null);
        if (user == null) {
            if (client.config().preventUserExistenceErrors()) {
                return simulatedDelivery(signInName);
            }
            throw CognitoErrors.userClientNotFound();
        }
        if (!UNCONFIRMED.equals(user.status)) {
            throw CognitoErrors.invalidParameter("User is already confirmed.");
        }
        if (autoVerifiedChannel(user).isEmpty()) {
            throw CognitoErrors.invalidParameter("Auto verification not turned on.");
        }
        rateLimitCodeRequests(user);
        CodeDelivery delivery = sendCode(user, "SIGN_UP", autoVerifiedChannel(user).orElseThrow(),
                SIGN_UP_CODE_VALIDITY, OutboxMessage.Kind.SIGN_UP_CODE);
        persist();
        return delivery;
    }

    // ------------------------------------------------------------------ sign-in

    /** USER_PASSWORD_AUTH / ADMIN_USER_PASSWORD_AUTH / the hosted UI's login form. */
    public synchronized SignIn passwordSignIn(ClientRuntime client, String signInName, String password) {
        UserRecord user = findUser(signInName).orElse(null);
        if (user == null) {
            throw client.config().preventUserExistenceErrors() ? CognitoErrors.incorrectCredentials()
                    : CognitoErrors.userNotFound();
        }
        boolean matches = user.verifierHex != null && password != null
                && srp.passwordMatches(verifier(user), user.username, password);
        return completeSignIn(client, user, matches);
    }

    /** InitiateAuth(USER_SRP_AUTH): the PASSWORD_VERIFIER challenge parameters. */
    public Map<String, String> startSrp(ClientRuntime client, String signInName, String srpA) {
        UserRecord user;
        SrpVerifier verifier;
        String userIdForSrp;
        boolean simulated = false;
        synchronized (this) {
            user = findUser(signInName).orElse(null);
            if (user == null) {
                if (!client.config().preventUserExistenceErrors()) {
                    throw CognitoErrors.userNotFound();
                }
                // A challenge that looks real (same salt and id for the same name every time) but cannot succeed.
                simulated = true;
                userIdForSrp = simulatedUserId(signInName);
                verifier = new SrpVerifier(HexFormat.of().formatHex(hmac("salt:" + signInName.toLowerCase(Locale.ROOT),
                        16)), "2");
            } else {
                if (!user.enabled) {
                    throw CognitoErrors.notAuthorized("User is disabled.");
                }
                userIdForSrp = user.username;
                verifier = user.verifierHex == null
                        ? new SrpVerifier(HexFormat.of().formatHex(hmac("salt:" + user.username, 16)), "2")
                        : verifier(user);
                simulated = user.verifierHex == null;
            }
        }
        SrpServer.Challenge challenge;
        try {
            challenge = srp.challenge(verifier, userIdForSrp, srpA);
        } catch (SrpException e) {
            throw CognitoErrors.invalidParameter("SRP_A is not a valid SRP value.");
        }
        byte[] block = new byte[64];
        random.nextBytes(block);
        // The leading bytes mimic the real (encrypted) SECRET_BLOCK's version prefix; the rest is random.
        block[0] = 0x02;
        block[1] = 0x05;
        block[2] = 0x78;
        String secretBlock = Base64.getEncoder().encodeToString(block);
        Instant expires = clock.instant().plus(client.config().authSessionValidity());
        prunePending();
        pendingSrp.put(secretBlock, new PendingSrp(userIdForSrp, client.clientId(), challenge, expires, simulated));
        // Captured real responses carry no Session with PASSWORD_VERIFIER; the SECRET_BLOCK identifies the challenge.
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("SALT", challenge.saltHex());
        parameters.put("SECRET_BLOCK", secretBlock);
        parameters.put("SRP_B", challenge.srpBHex());
        parameters.put("USERNAME", userIdForSrp);
        parameters.put("USER_ID_FOR_SRP", userIdForSrp);
        return parameters;
    }

    /** RespondToAuthChallenge(PASSWORD_VERIFIER). */
    public SignIn respondToPasswordVerifier(ClientRuntime client, String username, String secretBlock,
            String timestamp, String signature, String secretHash) {
        PendingSrp pending = pendingSrp.remove(secretBlock);
        if (pending == null || !pending.clientId().equals(client.clientId())) {
            throw CognitoErrors.notAuthorized("Invalid session for the user.");
        }
        if (!pending.expires().isAfter(clock.instant())) {
            throw CognitoErrors.notAuthorized("Invalid session for the user, session is expired.");
        }
        synchronized (this) {
            checkSecretHash(client, secretHash, username, pending.username());
        }
        if (pending.simulated()) {
            throw CognitoErrors.incorrectCredentials();
        }
        boolean proven;
        try {
            Instant claimed = SrpTimestamp.parse(timestamp);
            proven = Duration.between(claimed, clock.instant()).abs().compareTo(TIMESTAMP_TOLERANCE) <= 0
                    && srp.verify(pending.challenge(), secretBlock, timestamp, signature);
        } catch (SrpException e) {
            proven = false;
        }
        synchronized (this) {
            UserRecord user = state.users.get(pending.username().toLowerCase(Locale.ROOT));
            if (user == null) {
                throw client.config().preventUserExistenceErrors() ? CognitoErrors.incorrectCredentials()
                        : CognitoErrors.userNotFound();
            }
            if (!username.equals(user.username) && findUser(username).orElse(null) != user) {
                throw CognitoErrors.incorrectCredentials();
            }
            return completeSignIn(client, user, proven);
        }
    }

    private SignIn completeSignIn(ClientRuntime client, UserRecord user, boolean passwordProven) {
        if (!user.enabled) {
            throw CognitoErrors.notAuthorized("User is disabled.");
        }
        Instant now = clock.instant();
        if (user.lockedUntilMillis > now.toEpochMilli()) {
            throw CognitoErrors.notAuthorized("Password attempts exceeded");
        }
        // Cognito reports an unconfirmed user even when the password is wrong.
        if (UNCONFIRMED.equals(user.status)) {
            throw CognitoErrors.userNotConfirmed();
        }
        if (RESET_REQUIRED.equals(user.status)) {
            throw new AwsServiceException("PasswordResetRequiredException", "Password reset required for the user");
        }
        if (!passwordProven) {
            user.failedSignIns++;
            if (user.failedSignIns >= FREE_FAILED_SIGN_INS) {
                long seconds = 1L << Math.min(20, user.failedSignIns - FREE_FAILED_SIGN_INS);
                Duration lock = Duration.ofSeconds(seconds);
                user.lockedUntilMillis = now.plus(lock.compareTo(MAX_LOCKOUT) > 0 ? MAX_LOCKOUT : lock).toEpochMilli();
            }
            persist();
            throw CognitoErrors.incorrectCredentials();
        }
        if (user.failedSignIns != 0 || user.lockedUntilMillis != 0) {
            user.failedSignIns = 0;
            user.lockedUntilMillis = 0;
            persist();
        }
        if (FORCE_CHANGE_PASSWORD.equals(user.status)) {
            if (user.temporaryPasswordExpiresMillis != 0 && user.temporaryPasswordExpiresMillis < now.toEpochMilli()) {
                throw CognitoErrors.notAuthorized(
                        "Temporary password has expired and must be reset by an administrator.");
            }
            String session = randomToken(96);
            pendingNewPassword.put(session, new PendingNewPassword(user.username, client.clientId(),
                    now.plus(client.config().authSessionValidity())));
            Map<String, String> attributes = withoutNulls(user.attributes);
            attributes.remove("email_verified");
            attributes.remove("phone_number_verified");
            List<String> required = new ArrayList<>();
            for (String attr : poolConfig.requiredAttributes()) {
                if (user.attributes.get(attr) == null) {
                    required.add("userAttributes." + attr);
                }
            }
            return new SignIn.NewPasswordRequired(view(user), session, required, attributes);
        }
        return new SignIn.Authenticated(view(user));
    }

    /** RespondToAuthChallenge(NEW_PASSWORD_REQUIRED). */
    public synchronized SignIn respondToNewPassword(ClientRuntime client, String session, String username,
            String newPassword, Map<String, String> attributes, String secretHash) {
        PendingNewPassword pending = session == null ? null : pendingNewPassword.get(session);
        if (pending == null || !pending.clientId().equals(client.clientId())) {
            throw CognitoErrors.notAuthorized("Invalid session for the user.");
        }
        if (!pending.expires().isAfter(clock.instant())) {
            pendingNewPassword.remove(session);
            throw CognitoErrors.notAuthorized("Invalid session for the user, session is expired.");
        }
        UserRecord user = state.users.get(pending.username().toLowerCase(Locale.ROOT));
        if (user == null) {
            throw CognitoErrors.userNotFound();
        }
        if (username != null && !username.equals(user.username) && findUser(username).orElse(null) != user) {
            throw CognitoErrors.notAuthorized("Invalid session for the user.");
        }
        checkSecretHash(client, secretHash, username, user.username);
        if (newPassword == null) {
            throw CognitoErrors.invalidParameter("Missing required parameter NEW_PASSWORD");
        }
        checkPasswordPolicy(newPassword);
        Map<String, String> attrs = new LinkedHashMap<>(attributes);
        checkWritableAttributes(attrs, false);
        checkAttributeFormats(attrs);
        for (String required : poolConfig.requiredAttributes()) {
            if (user.attributes.get(required) == null && attrs.get(required) == null) {
                throw CognitoErrors.invalidParameter("Invalid attributes given, " + required + " is missing");
            }
        }
        checkAliasFree(attrs, user, "AliasExistsException");
        pendingNewPassword.remove(session);
        attrs.forEach((k, v) -> user.attributes.put(k, v));
        setPassword(user, newPassword);
        user.status = CONFIRMED;
        user.temporaryPasswordExpiresMillis = 0;
        touch(user);
        persist();
        return new SignIn.Authenticated(view(user));
    }

    // ------------------------------------------------------------------ sessions and tokens

    /**
     * Starts a sign-in session (one refresh token) and issues its tokens.
     *
     * @param scopes      the access token's scopes
     * @param withIdToken whether to include an ID token (hosted UI: only with {@code openid})
     * @param nonce       the hosted UI's nonce, or null
     */
    public synchronized Tokens startSession(ClientRuntime client, String username, List<String> scopes,
            boolean withIdToken, String nonce, boolean hostedUi) {
        UserRecord user = state.users.get(username.toLowerCase(Locale.ROOT));
        if (user == null) {
            throw CognitoErrors.userNotFound();
        }
        pruneSessions();
        String refreshToken = newRefreshToken();
        SessionRecord session = new SessionRecord();
        session.originJti = UUID.randomUUID().toString();
        session.eventId = UUID.randomUUID().toString();
        session.username = user.username;
        session.clientId = client.clientId();
        session.refreshTokenSha256 = sha256Hex(refreshToken);
        session.authTimeSeconds = clock.instant().getEpochSecond();
        session.createdMillis = clock.millis();
        session.refreshExpiresMillis = clock.instant().plus(client.config().refreshTokenValidity()).toEpochMilli();
        session.scopes = new ArrayList<>(scopes);
        session.hostedUi = hostedUi;
        state.sessions.put(session.originJti, session);
        sessionByRefreshHash.put(session.refreshTokenSha256, session.originJti);
        persist();
        Tokens issued = issue(user, client, session, withIdToken, nonce);
        return new Tokens(issued.idToken(), issued.accessToken(), refreshToken, issued.expiresInSeconds());
    }

    /** Why a refresh token was refused. */
    public enum RefreshRejection {
        INVALID("Invalid Refresh Token"),
        REVOKED("Refresh Token has been revoked"),
        EXPIRED("Refresh Token has expired"),
        USER_DISABLED("User is disabled.");

        private final String message;

        RefreshRejection(String message) {
            this.message = message;
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

    /** The user a refresh token belongs to, if it is valid for this client (used for SECRET_HASH checks). */
    public synchronized Optional<UserView> refreshTokenOwner(ClientRuntime client, String refreshToken) {
        SessionRecord session = sessionFor(refreshToken);
        if (session == null || !session.clientId.equals(client.clientId())) {
            return Optional.empty();
        }
        return Optional.ofNullable(state.users.get(session.username.toLowerCase(Locale.ROOT))).map(this::view);
    }

    /** REFRESH_TOKEN_AUTH and the token endpoint's refresh_token grant: new ID and access tokens. */
    public synchronized Tokens refresh(ClientRuntime client, String refreshToken) throws RefreshRejectedException {
        SessionRecord session = sessionFor(refreshToken);
        if (session == null || !session.clientId.equals(client.clientId())) {
            throw new RefreshRejectedException(RefreshRejection.INVALID);
        }
        if (session.revoked) {
            throw new RefreshRejectedException(RefreshRejection.REVOKED);
        }
        if (session.refreshExpiresMillis <= clock.millis()) {
            throw new RefreshRejectedException(RefreshRejection.EXPIRED);
        }
        UserRecord user = state.users.get(session.username.toLowerCase(Locale.ROOT));
        if (user == null) {
            throw new RefreshRejectedException(RefreshRejection.INVALID);
        }
        if (!user.enabled) {
            throw new RefreshRejectedException(RefreshRejection.USER_DISABLED);
        }
        boolean withId = !session.hostedUi || session.scopes.contains("openid");
        return issue(user, client, session, withId, null);
    }

    private SessionRecord sessionFor(String refreshToken) {
        if (refreshToken == null) {
            return null;
        }
        String origin = sessionByRefreshHash.get(sha256Hex(refreshToken));
        return origin == null ? null : state.sessions.get(origin);
    }

    private Tokens issue(UserRecord user, ClientRuntime client, SessionRecord session, boolean withIdToken,
            String nonce) {
        Instant now = clock.instant();
        Instant nowSeconds = Instant.ofEpochSecond(now.getEpochSecond());
        List<GroupRecord> groups = groupsByPrecedence(user);
        List<String> groupNames = groups.stream().map(g -> g.name).toList();

        JWTClaimsSet.Builder access = new JWTClaimsSet.Builder().subject(user.sub);
        if (!groupNames.isEmpty()) {
            access.claim("cognito:groups", groupNames);
        }
        access.issuer(tokens.issuer())
                .claim("client_id", client.clientId())
                .claim("origin_jti", session.originJti)
                .claim("event_id", session.eventId)
                .claim("token_use", "access")
                .claim("scope", String.join(" ", session.scopes))
                .claim("auth_time", session.authTimeSeconds)
                .expirationTime(TokenService.date(nowSeconds.plus(client.config().accessTokenValidity())))
                .issueTime(TokenService.date(nowSeconds))
                .jwtID(UUID.randomUUID().toString())
                .claim("username", user.username);
        String accessToken = tokens.signAccess(access.build());

        String idToken = null;
        if (withIdToken) {
            JWTClaimsSet.Builder id = new JWTClaimsSet.Builder().subject(user.sub);
            if (!groupNames.isEmpty()) {
                id.claim("cognito:groups", groupNames);
            }
            List<String> roles = groups.stream().map(g -> g.roleArn).filter(r -> r != null).toList();
            if (!roles.isEmpty()) {
                id.claim("cognito:roles", roles);
                if (groups.get(0).roleArn != null && (groups.size() == 1
                        || !java.util.Objects.equals(groups.get(0).precedence, groups.get(1).precedence))) {
                    id.claim("cognito:preferred_role", groups.get(0).roleArn);
                }
            }
            String emailVerified = user.attributes.get("email_verified");
            if (emailVerified != null) {
                id.claim("email_verified", Boolean.parseBoolean(emailVerified));
            }
            id.issuer(tokens.issuer())
                    .claim("cognito:username", user.username);
            if (nonce != null) {
                id.claim("nonce", nonce);
            }
            id.claim("origin_jti", session.originJti)
                    .audience(client.clientId())
                    .claim("event_id", session.eventId)
                    .claim("token_use", "id")
                    .claim("auth_time", session.authTimeSeconds);
            if (session.hostedUi) {
                id.claim("at_hash", TokenService.atHash(accessToken));
            }
            user.attributes.forEach((name, value) -> {
                if (value == null || name.equals("email_verified") || name.equals("sub")) {
                    return;
                }
                if (name.equals("phone_number_verified")) {
                    id.claim(name, Boolean.parseBoolean(value));
                } else {
                    id.claim(name, value);
                }
            });
            id.expirationTime(TokenService.date(nowSeconds.plus(client.config().idTokenValidity())))
                    .issueTime(TokenService.date(nowSeconds))
                    .jwtID(UUID.randomUUID().toString());
            idToken = tokens.signId(id.build());
        }
        return new Tokens(idToken, accessToken, null, client.config().accessTokenValidity().toSeconds());
    }

    /**
     * The token endpoint's client_credentials grant: an access token for the client itself (no user, no refresh
     * token), carrying resource-server scopes.
     */
    public String issueClientCredentialsToken(ClientRuntime client, List<String> scopes) {
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(client.clientId())
                .claim("token_use", "access")
                .claim("scope", String.join(" ", scopes))
                .claim("auth_time", now.getEpochSecond())
                .issuer(tokens.issuer())
                .expirationTime(TokenService.date(now.plus(client.config().accessTokenValidity())))
                .issueTime(TokenService.date(now))
                .claim("version", 2)
                .jwtID(UUID.randomUUID().toString())
                .claim("client_id", client.clientId())
                .build();
        return tokens.signAccess(claims);
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
    public record AccessTokenUser(UserView user, JWTClaimsSet claims, List<String> scopes) {
    }

    /**
     * Verifies an access token for a user-facing operation: signature, expiry, issuer, not revoked, user present and
     * enabled, and (for the Cognito API) the {@code aws.cognito.signin.user.admin} scope.
     *
     * @throws AccessRejectedException with the reason; a deleted user is {@link AccessRejection#INVALID}
     */
    public synchronized AccessTokenUser verifyAccessToken(String token, String requiredScope)
            throws AccessRejectedException {
        JWTClaimsSet claims;
        try {
            claims = tokens.verifyAccessToken(token);
        } catch (TokenService.TokenRejectedException e) {
            throw new AccessRejectedException(e.rejection() == TokenService.Rejection.EXPIRED
                    ? AccessRejection.EXPIRED : AccessRejection.INVALID);
        }
        Object username = claims.getClaim("username");
        if (username == null) {
            // A client_credentials token: it has no user, so no user-facing operation accepts it.
            throw new AccessRejectedException(AccessRejection.INVALID);
        }
        UserRecord user = state.users.get(username.toString().toLowerCase(Locale.ROOT));
        if (user == null || !user.sub.equals(claims.getSubject())) {
            throw new AccessRejectedException(AccessRejection.USER_NOT_FOUND);
        }
        Object origin = claims.getClaim("origin_jti");
        SessionRecord session = origin == null ? null : state.sessions.get(origin.toString());
        if (session == null || session.revoked) {
            throw new AccessRejectedException(AccessRejection.REVOKED);
        }
        Object scope = claims.getClaim("scope");
        List<String> scopes = scope == null ? List.of() : List.of(scope.toString().split(" "));
        if (requiredScope != null && !scopes.contains(requiredScope)) {
            throw new AccessRejectedException(AccessRejection.SCOPE);
        }
        if (!user.enabled) {
            throw new AccessRejectedException(AccessRejection.USER_DISABLED);
        }
        return new AccessTokenUser(view(user), claims, scopes);
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
        boolean changed = false;
        for (SessionRecord session : state.sessions.values()) {
            if (session.username.equalsIgnoreCase(username) && !session.revoked) {
                session.revoked = true;
                changed = true;
            }
        }
        if (changed) {
            persist();
        }
    }

    /** Outcome of revoking a refresh token. */
    public enum RevokeOutcome { REVOKED, UNKNOWN_TOKEN, OTHER_CLIENT }

    /** RevokeToken and /oauth2/revoke: the refresh token and the access tokens issued from it stop working. */
    public synchronized RevokeOutcome revokeRefreshToken(ClientRuntime client, String refreshToken) {
        SessionRecord session = sessionFor(refreshToken);
        if (session == null) {
            return RevokeOutcome.UNKNOWN_TOKEN;
        }
        if (!session.clientId.equals(client.clientId())) {
            return RevokeOutcome.OTHER_CLIENT;
        }
        if (!session.revoked) {
            session.revoked = true;
            persist();
        }
        return RevokeOutcome.REVOKED;
    }

    /** Whether a string has the shape of our refresh tokens (five JWE-like segments). */
    public static boolean looksLikeRefreshToken(String token) {
        return token != null && token.startsWith(REFRESH_TOKEN_HEADER + ".") && token.split("\\.", -1).length == 5;
    }

    private String newRefreshToken() {
        return REFRESH_TOKEN_HEADER + "." + randomToken(256) + "." + randomToken(12) + "." + randomToken(64) + "."
                + randomToken(16);
    }

    private void pruneSessions() {
        long now = clock.millis();
        state.sessions.values().removeIf(s -> {
            boolean expired = s.refreshExpiresMillis <= now;
            if (expired) {
                sessionByRefreshHash.remove(s.refreshTokenSha256);
            }
            return expired;
        });
    }

    private void prunePending() {
        Instant now = clock.instant();
        pendingSrp.values().removeIf(p -> !p.expires().isAfter(now));
        pendingNewPassword.values().removeIf(p -> !p.expires().isAfter(now));
        if (pendingSrp.size() > MAX_PENDING_CHALLENGES) {
            // Unfinished sign-ins cannot grow memory without bound; the oldest are dropped first.
            pendingSrp.entrySet().stream()
                    .sorted(Comparator.comparing(e -> e.getValue().expires()))
                    .limit(pendingSrp.size() - MAX_PENDING_CHALLENGES)
                    .map(Map.Entry::getKey)
                    .toList()
                    .forEach(pendingSrp::remove);
        }
    }

    // ------------------------------------------------------------------ passwords

    public synchronized CodeDelivery forgotPassword(ClientRuntime client, String signInName) {
        UserRecord user = findUser(signInName).orElse(null);
        if (user == null) {
            if (client.config().preventUserExistenceErrors()) {
                return simulatedDelivery(signInName);
            }
            throw CognitoErrors.userClientNotFound();
        }
        if (!user.enabled) {
            throw CognitoErrors.notAuthorized("User is disabled.");
        }
        if (FORCE_CHANGE_PASSWORD.equals(user.status)) {
            throw CognitoErrors.notAuthorized("User password cannot be reset in the current state.");
        }
        Optional<String> channel = verifiedChannel(user);
        if (channel.isEmpty()) {
            throw CognitoErrors.invalidParameter(
                    "Cannot reset password for the user as there is no registered/verified email or phone_number");
        }
        rateLimitCodeRequests(user);
        CodeDelivery delivery = sendCode(user, "FORGOT_PASSWORD", channel.get(), FORGOT_PASSWORD_CODE_VALIDITY,
                OutboxMessage.Kind.FORGOT_PASSWORD_CODE);
        persist();
        return delivery;
    }

    public synchronized void confirmForgotPassword(ClientRuntime client, String signInName, String code,
            String password) {
        UserRecord user = findUser(signInName).orElse(null);
        if (user == null) {
            throw client.config().preventUserExistenceErrors() ? CognitoErrors.codeMismatch()
                    : CognitoErrors.userClientNotFound();
        }
        checkPasswordPolicy(password);
        consumeCode(user, "FORGOT_PASSWORD", code);
        setPassword(user, password);
        if (RESET_REQUIRED.equals(user.status) || UNCONFIRMED.equals(user.status)) {
            user.status = CONFIRMED;
        }
        user.failedSignIns = 0;
        user.lockedUntilMillis = 0;
        touch(user);
        persist();
    }

    public synchronized void changePassword(String username, String previous, String proposed) {
        UserRecord user = requireUser(username);
        if (user.lockedUntilMillis > clock.millis()) {
            throw CognitoErrors.notAuthorized("Password attempts exceeded");
        }
        if (user.verifierHex == null || !srp.passwordMatches(verifier(user), user.username, previous)) {
            user.failedSignIns++;
            if (user.failedSignIns >= FREE_FAILED_SIGN_INS) {
                user.lockedUntilMillis = clock.instant().plusSeconds(
                        1L << Math.min(20, user.failedSignIns - FREE_FAILED_SIGN_INS)).toEpochMilli();
            }
            persist();
            throw CognitoErrors.incorrectCredentials();
        }
        checkPasswordPolicy(proposed);
        setPassword(user, proposed);
        user.failedSignIns = 0;
        touch(user);
        persist();
    }

    private void setPassword(UserRecord user, String password) {
        SrpVerifier verifier = srp.createVerifier(user.username, password);
        user.saltHex = verifier.saltHex();
        user.verifierHex = verifier.verifierHex();
    }

    private static SrpVerifier verifier(UserRecord user) {
        return new SrpVerifier(user.saltHex, user.verifierHex);
    }

    /** Checks the pool's password policy, in Cognito's wording. */
    public void checkPasswordPolicy(String password) {
        if (password == null) {
            throw AwsServiceException.missing("Password");
        }
        if (password.length() > 256) {
            throw AwsServiceException.constraint("password", "Member must have length less than or equal to 256");
        }
        if (!password.isEmpty() && (Character.isWhitespace(password.charAt(0))
                || Character.isWhitespace(password.charAt(password.length() - 1)))) {
            throw AwsServiceException.constraint("password",
                    "Member must satisfy regular expression pattern: ^[\\S]+.*[\\S]+$");
        }
        // Cognito's messages; the order in which it checks the rules is not documented, so length comes first.
        PasswordPolicy policy = poolConfig.passwordPolicy();
        if (password.codePointCount(0, password.length()) < policy.minimumLength()) {
            throw CognitoErrors.invalidPassword("Password not long enough");
        }
        if (policy.requireLowercase() && password.chars().noneMatch(c -> c >= 'a' && c <= 'z')) {
            throw CognitoErrors.invalidPassword("Password must have lowercase characters");
        }
        if (policy.requireUppercase() && password.chars().noneMatch(c -> c >= 'A' && c <= 'Z')) {
            throw CognitoErrors.invalidPassword("Password must have uppercase characters");
        }
        if (policy.requireNumbers() && password.chars().noneMatch(c -> c >= '0' && c <= '9')) {
            throw CognitoErrors.invalidPassword("Password must have numeric characters");
        }
        if (policy.requireSymbols() && password.chars().noneMatch(c -> SYMBOLS.indexOf(c) >= 0)) {
            throw CognitoErrors.invalidPassword("Password must have symbol characters");
        }
    }

    private String temporaryPassword() {
        String lower = "abcdefghijkmnopqrstuvwxyz";
        String upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        String digits = "23456789";
        String symbols = "!#%&*+-=?";
        String all = lower + upper + digits + symbols;
        int length = Math.max(12, poolConfig.passwordPolicy().minimumLength());
        StringBuilder password = new StringBuilder();
        password.append(lower.charAt(random.nextInt(lower.length())));
        password.append(upper.charAt(random.nextInt(upper.length())));
        password.append(digits.charAt(random.nextInt(digits.length())));
        password.append(symbols.charAt(random.nextInt(symbols.length())));
        while (password.length() < length) {
            password.append(all.charAt(random.nextInt(all.length())));
        }
        return password.toString();
    }

    // ------------------------------------------------------------------ attributes

    /** UpdateUserAttributes / AdminUpdateUserAttributes; returns where verification codes went. */
    public synchronized List<CodeDelivery> updateAttributes(String username, Map<String, String> attributes,
            boolean admin) {
        UserRecord user = requireUser(username);
        Map<String, String> attrs = new LinkedHashMap<>(attributes);
        checkWritableAttributes(attrs, admin);
        checkAttributeFormats(attrs);
        checkAliasFree(attrs, user, "AliasExistsException");
        List<CodeDelivery> deliveries = new ArrayList<>();
        for (Map.Entry<String, String> entry : attrs.entrySet()) {
            String name = entry.getKey();
            String value = entry.getValue();
            String old = user.attributes.get(name);
            if (value == null || value.isEmpty()) {
                user.attributes.remove(name);
                continue;
            }
            user.attributes.put(name, value);
            boolean changedChannel = (name.equals("email") || name.equals("phone_number"))
                    && !value.equalsIgnoreCase(old == null ? "" : old);
            if (changedChannel && !(admin && "true".equals(attrs.get(name + "_verified")))) {
                user.attributes.put(name + "_verified", "false");
                if (!admin && poolConfig.autoVerifiedAttributes().contains(name)) {
                    deliveries.add(sendCode(user, name, name, SIGN_UP_CODE_VALIDITY,
                            OutboxMessage.Kind.ATTRIBUTE_VERIFICATION_CODE));
                }
            }
        }
        touch(user);
        persist();
        return deliveries;
    }

    public synchronized CodeDelivery sendAttributeVerificationCode(String username, String attributeName) {
        UserRecord user = requireUser(username);
        if (!("email".equals(attributeName) || "phone_number".equals(attributeName))
                || user.attributes.get(attributeName) == null) {
            throw CognitoErrors.invalidParameter("Invalid attribute name: " + attributeName
                    + " (codes verify email or phone_number, and the user needs that attribute)");
        }
        rateLimitCodeRequests(user);
        CodeDelivery delivery = sendCode(user, attributeName, attributeName, SIGN_UP_CODE_VALIDITY,
                OutboxMessage.Kind.ATTRIBUTE_VERIFICATION_CODE);
        persist();
        return delivery;
    }

    public synchronized void verifyAttribute(String username, String attributeName, String code) {
        UserRecord user = requireUser(username);
        CodeRecord pending = user.attributeCode;
        if (pending == null || !pending.purpose.equals(attributeName)) {
            throw CognitoErrors.expiredCode();
        }
        checkCode(user, pending, code, true);
        user.attributeCode = null;
        user.attributes.put(attributeName + "_verified", "true");
        touch(user);
        persist();
    }

    private void checkWritableAttributes(Map<String, String> attrs, boolean admin) {
        for (String name : attrs.keySet()) {
            if (name.equals("sub")) {
                throw CognitoErrors.invalidParameter("Cannot modify the non-mutable attribute sub");
            }
            if (!admin && (name.equals("email_verified") || name.equals("phone_number_verified"))) {
                throw CognitoErrors.notAuthorized("A client attempted to write unauthorized attribute");
            }
            if (!STANDARD_ATTRIBUTES.contains(name)) {
                // Custom attributes must be declared in the pool's schema; fieldgate.json declares none.
                throw CognitoErrors.invalidParameter("Attributes did not conform to the schema: Type for attribute {"
                        + name + "} could not be determined");
            }
            String value = attrs.get(name);
            if (value != null && value.length() > 2048) {
                throw CognitoErrors.invalidParameter("Attributes did not conform to the schema: " + name
                        + ": String must be no longer than 2048 characters");
            }
        }
    }

    private void checkAttributeFormats(Map<String, String> attrs) {
        String email = attrs.get("email");
        if (email != null && !email.isEmpty() && !EMAIL.matcher(email).matches()) {
            throw CognitoErrors.invalidParameter("Invalid email address format.");
        }
        String phone = attrs.get("phone_number");
        if (phone != null && !phone.isEmpty() && !PHONE.matcher(phone).matches()) {
            throw CognitoErrors.invalidParameter("Invalid phone number format.");
        }
    }

    private void checkRequiredAttributes(Map<String, String> attrs) {
        for (String required : poolConfig.requiredAttributes()) {
            String value = attrs.get(required);
            if (value == null || value.isEmpty()) {
                throw CognitoErrors.invalidParameter("Attributes did not conform to the schema: " + required
                        + ": The attribute is required");
            }
        }
    }

    private void checkAliasFree(Map<String, String> attrs, UserRecord self, String errorType) {
        for (String alias : poolConfig.usernameAttributes()) {
            String value = attrs.get(alias);
            if (value == null) {
                continue;
            }
            for (UserRecord other : state.users.values()) {
                if (other != self && value.equalsIgnoreCase(other.attributes.get(alias))) {
                    String what = alias.equals("email") ? "email" : "phone_number";
                    throw new AwsServiceException(errorType, errorType.equals("UsernameExistsException")
                            ? "An account with the given " + what + " already exists."
                            : "An account with the " + what + " already exists.");
                }
            }
        }
    }

    private Optional<String> autoVerifiedChannel(UserRecord user) {
        for (String attr : poolConfig.autoVerifiedAttributes()) {
            if (user.attributes.get(attr) != null) {
                return Optional.of(attr);
            }
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ codes and the outbox

    /** The attribute a code can be delivered to: the verified email first, then a verified phone number. */
    private static Optional<String> verifiedChannel(UserRecord user) {
        for (String attr : List.of("email", "phone_number")) {
            if (user.attributes.get(attr) != null && "true".equals(user.attributes.get(attr + "_verified"))) {
                return Optional.of(attr);
            }
        }
        return Optional.empty();
    }

    /**
     * Creates a code and "sends" it to the outbox.
     *
     * @param channel {@code email} or {@code phone_number}: where the message goes
     */
    private CodeDelivery sendCode(UserRecord user, String purpose, String channel, Duration validity,
            OutboxMessage.Kind kind) {
        String code = String.format("%06d", random.nextInt(1_000_000));
        CodeRecord record = new CodeRecord();
        record.purpose = purpose;
        record.codeSha256 = sha256Hex(code);
        record.expiresMillis = clock.instant().plus(validity).toEpochMilli();
        if (kind == OutboxMessage.Kind.ATTRIBUTE_VERIFICATION_CODE) {
            user.attributeCode = record;
        } else {
            user.pendingCode = record;
        }
        String destination = user.attributes.get(channel);
        String medium = channel.equals("email") ? "EMAIL" : "SMS";
        String subject = switch (kind) {
            case SIGN_UP_CODE -> "Your verification code";
            case FORGOT_PASSWORD_CODE -> "Your password reset code";
            case ATTRIBUTE_VERIFICATION_CODE -> "Your verification code";
            case INVITATION -> "Your temporary password";
        };
        String body = switch (kind) {
            case FORGOT_PASSWORD_CODE -> "Your password reset code is " + code;
            default -> "Your verification code is " + code;
        };
        outbox.send(new OutboxMessage(UUID.randomUUID().toString(), clock.instant(), state.poolId, user.username,
                destination, medium, kind, code, subject, body));
        return new CodeDelivery(mask(destination, medium), medium, channel);
    }

    private void consumeCode(UserRecord user, String purpose, String code) {
        CodeRecord pending = user.pendingCode;
        if (pending == null || !pending.purpose.equals(purpose)) {
            throw CognitoErrors.expiredCode();
        }
        checkCode(user, pending, code, false);
        user.pendingCode = null;
    }

    private void checkCode(UserRecord user, CodeRecord pending, String code, boolean attribute) {
        if (pending.expiresMillis <= clock.millis()) {
            throw CognitoErrors.expiredCode();
        }
        if (pending.failedAttempts >= MAX_CODE_ATTEMPTS) {
            throw CognitoErrors.limitExceeded();
        }
        if (code == null || !constantTimeEquals(sha256Hex(code.trim()), pending.codeSha256)) {
            pending.failedAttempts++;
            persist();
            throw CognitoErrors.codeMismatch();
        }
    }

    private void rateLimitCodeRequests(UserRecord user) {
        long now = clock.millis();
        user.codeRequestsMillis.removeIf(t -> t < now - Duration.ofHours(1).toMillis());
        if (user.codeRequestsMillis.size() >= MAX_CODE_REQUESTS_PER_HOUR) {
            throw CognitoErrors.limitExceeded();
        }
        user.codeRequestsMillis.add(now);
    }

    private CodeDelivery simulatedDelivery(String signInName) {
        boolean phone = signInName != null && PHONE.matcher(signInName).matches();
        String destination = signInName != null && EMAIL.matcher(signInName).matches() ? signInName
                : phone ? signInName : "user@example.com";
        String medium = phone ? "SMS" : "EMAIL";
        return new CodeDelivery(mask(destination, medium), medium, phone ? "phone_number" : "email");
    }

    static String mask(String destination, String medium) {
        if (destination == null) {
            return null;
        }
        if ("SMS".equals(medium)) {
            return "+*******" + destination.substring(Math.max(0, destination.length() - 4));
        }
        int at = destination.indexOf('@');
        if (at <= 0 || at == destination.length() - 1) {
            return "***";
        }
        return destination.charAt(0) + "***@" + destination.charAt(at + 1) + "***";
    }

    // ------------------------------------------------------------------ administration

    /** AdminCreateUser (or, with {@code resend}, a new invitation for an existing FORCE_CHANGE_PASSWORD user). */
    public synchronized UserView adminCreateUser(String username, Map<String, String> attributes,
            String temporaryPassword, boolean resend, boolean suppress, Set<String> mediums) {
        if (resend) {
            UserRecord user = requireUser(username);
            if (!FORCE_CHANGE_PASSWORD.equals(user.status)) {
                throw new AwsServiceException("UnsupportedUserStateException",
                        "Resend not possible. " + user.username + " status is not FORCE_CHANGE_PASSWORD");
            }
            String password = temporaryPassword == null ? temporaryPassword() : temporaryPassword;
            checkPasswordPolicy(password);
            setPassword(user, password);
            user.temporaryPasswordExpiresMillis = temporaryExpiry();
            invite(user, password, mediums);
            touch(user);
            persist();
            return view(user);
        }
        Map<String, String> attrs = new LinkedHashMap<>(attributes);
        checkWritableAttributes(attrs, true);
        String canonical = canonicalNewUsername(username, attrs);
        checkAttributeFormats(attrs);
        if (findUser(canonical).isPresent() || findUser(username).isPresent()) {
            throw new AwsServiceException("UsernameExistsException", "User account already exists");
        }
        checkAliasFree(attrs, null, "UsernameExistsException");
        String password = temporaryPassword == null ? temporaryPassword() : temporaryPassword;
        checkPasswordPolicy(password);
        UserRecord user = newUser(canonical, attrs);
        user.status = FORCE_CHANGE_PASSWORD;
        user.temporaryPasswordExpiresMillis = temporaryExpiry();
        setPassword(user, password);
        state.users.put(canonical.toLowerCase(Locale.ROOT), user);
        if (!suppress) {
            invite(user, password, mediums);
        }
        persist();
        return view(user);
    }

    private long temporaryExpiry() {
        return clock.instant().plus(Duration.ofDays(poolConfig.passwordPolicy().temporaryPasswordValidityDays()))
                .toEpochMilli();
    }

    private void invite(UserRecord user, String password, Set<String> mediums) {
        boolean sms = mediums.contains("SMS") && user.attributes.get("phone_number") != null;
        boolean email = (mediums.isEmpty() || mediums.contains("EMAIL")) && user.attributes.get("email") != null;
        if (sms) {
            outbox.send(invitation(user, password, user.attributes.get("phone_number"), "SMS"));
        }
        if (email) {
            outbox.send(invitation(user, password, user.attributes.get("email"), "EMAIL"));
        }
    }

    private OutboxMessage invitation(UserRecord user, String password, String destination, String medium) {
        return new OutboxMessage(UUID.randomUUID().toString(), clock.instant(), state.poolId, user.username,
                destination, medium, OutboxMessage.Kind.INVITATION, password, "Your temporary password",
                "Your username is " + user.username + " and temporary password is " + password + ".");
    }

    public synchronized void adminSetUserPassword(String username, String password, boolean permanent) {
        UserRecord user = requireUser(username);
        checkPasswordPolicy(password);
        setPassword(user, password);
        user.failedSignIns = 0;
        user.lockedUntilMillis = 0;
        if (permanent) {
            user.status = CONFIRMED;
            user.temporaryPasswordExpiresMillis = 0;
        } else {
            user.status = FORCE_CHANGE_PASSWORD;
            user.temporaryPasswordExpiresMillis = temporaryExpiry();
        }
        touch(user);
        persist();
    }

    public synchronized void adminConfirmSignUp(String username) {
        UserRecord user = requireUser(username);
        if (!UNCONFIRMED.equals(user.status)) {
            throw CognitoErrors.notAuthorized("User cannot be confirmed. Current status is " + user.status);
        }
        user.status = CONFIRMED;
        user.pendingCode = null;
        touch(user);
        persist();
    }

    public synchronized void adminResetUserPassword(String username) {
        UserRecord user = requireUser(username);
        user.status = RESET_REQUIRED;
        verifiedChannel(user).ifPresent(channel -> sendCode(user, "FORGOT_PASSWORD", channel,
                FORGOT_PASSWORD_CODE_VALIDITY, OutboxMessage.Kind.FORGOT_PASSWORD_CODE));
        touch(user);
        persist();
    }

    public synchronized void setEnabled(String username, boolean enabled) {
        UserRecord user = requireUser(username);
        user.enabled = enabled;
        touch(user);
        persist();
    }

    public synchronized void deleteUser(String username) {
        UserRecord user = requireUser(username);
        state.users.remove(user.username.toLowerCase(Locale.ROOT));
        state.sessions.values().removeIf(s -> {
            boolean mine = s.username.equalsIgnoreCase(user.username);
            if (mine) {
                sessionByRefreshHash.remove(s.refreshTokenSha256);
            }
            return mine;
        });
        persist();
    }

    /** A consistent copy of a user for building API responses outside the lock. */
    record UserSnapshot(String username, String sub, List<Map.Entry<String, String>> attributes, String status,
            boolean enabled, long createdMillis, long modifiedMillis) {

        String attribute(String name) {
            return attributes.stream().filter(a -> a.getKey().equals(name)).map(Map.Entry::getValue).findFirst()
                    .orElse(null);
        }
    }

    private UserSnapshot snapshot(UserRecord user) {
        return new UserSnapshot(user.username, user.sub, List.copyOf(attributeList(user)), user.status, user.enabled,
                user.createdMillis, user.modifiedMillis);
    }

    synchronized UserSnapshot userSnapshot(String username) {
        return snapshot(requireUser(username));
    }

    synchronized List<UserSnapshot> allUserSnapshots() {
        return state.users.values().stream().map(this::snapshot).toList();
    }

    public synchronized void addUserToGroup(String username, String groupName) {
        GroupRecord group = requireGroup(groupName);
        UserRecord user = requireUser(username);
        if (user.groups.add(group.name)) {
            touch(user);
            persist();
        }
    }

    public synchronized void removeUserFromGroup(String username, String groupName) {
        GroupRecord group = requireGroup(groupName);
        UserRecord user = requireUser(username);
        if (user.groups.remove(group.name)) {
            touch(user);
            persist();
        }
    }

    synchronized List<GroupRecord> groupsOf(String username) {
        return groupsByPrecedence(requireUser(username));
    }

    private List<GroupRecord> groupsByPrecedence(UserRecord user) {
        List<GroupRecord> groups = new ArrayList<>();
        for (String name : user.groups) {
            GroupRecord g = state.groups.get(name);
            if (g != null) {
                groups.add(g);
            }
        }
        groups.sort(Comparator.comparing((GroupRecord g) -> g.precedence == null ? Integer.MAX_VALUE : g.precedence)
                .thenComparing(g -> g.name));
        return groups;
    }

    synchronized GroupRecord createGroup(String name, String description, Integer precedence, String roleArn) {
        if (state.groups.containsKey(name)) {
            throw new AwsServiceException("GroupExistsException", "A group with the name " + name
                    + " already exists.");
        }
        GroupRecord group = new GroupRecord();
        group.name = name;
        group.description = description;
        group.precedence = precedence;
        group.roleArn = roleArn;
        group.createdMillis = clock.millis();
        group.modifiedMillis = group.createdMillis;
        state.groups.put(name, group);
        persist();
        return group;
    }

    synchronized List<GroupRecord> groups() {
        return new ArrayList<>(state.groups.values());
    }

    private GroupRecord requireGroup(String name) {
        GroupRecord group = name == null ? null : state.groups.get(name);
        if (group == null) {
            throw CognitoErrors.resourceNotFound("Group not found.");
        }
        return group;
    }

    // ------------------------------------------------------------------ helpers

    private void touch(UserRecord user) {
        user.modifiedMillis = clock.millis();
    }

    private void persist() {
        StateJson.write(store, stateDocument, state);
    }

    private String simulatedUserId(String signInName) {
        byte[] bytes = hmac("id:" + signInName.toLowerCase(Locale.ROOT), 16);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong()).toString();
    }

    private byte[] hmac(String message, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(state.fakeUserSecret), "HmacSHA256"));
            return java.util.Arrays.copyOf(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)), length);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private String randomClientId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 26; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    private String randomClientSecret() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder secret = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            secret.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return secret.toString();
    }

    private String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
