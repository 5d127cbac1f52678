package dev.fieldgate.local.cognito.internal.userpool;

import dev.fieldgate.local.cognito.internal.userpool.PoolState.UserRecord;
import dev.fieldgate.local.cognito.internal.userpool.UserPool.ClientRuntime;
import dev.fieldgate.local.cognito.internal.userpool.UserPool.SignIn;
import dev.fieldgate.sdk.srp.SrpException;
import dev.fieldgate.sdk.srp.SrpServer;
import dev.fieldgate.sdk.srp.SrpTimestamp;
import dev.fieldgate.sdk.srp.SrpVerifier;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * USER_SRP_AUTH: the PASSWORD_VERIFIER challenge and its answer. The SRP arithmetic runs outside the pool's lock,
 * so this class takes the lock itself around the parts that read or change the state. For unknown users (with
 * PreventUserExistenceErrors) and users without a password it answers a simulated challenge that looks real and
 * cannot succeed.
 */
final class SrpSignIn {

    /** How far a PASSWORD_VERIFIER TIMESTAMP may be from our clock (AWS's window is not documented). */
    private static final Duration TIMESTAMP_TOLERANCE = Duration.ofMinutes(5);

    private static final int MAX_PENDING_CHALLENGES = 10_000;

    private final PoolContext pool;
    private final AppClients clients;
    private final UserDirectory users;
    private final PasswordSignIn passwordSignIn;
    private final SrpWork srp;
    private final Map<String, PendingSrp> pendingSrp = new ConcurrentHashMap<>();

    private record PendingSrp(
            String username, String clientId, SrpServer.Challenge challenge, Instant expires, boolean simulated) {}

    SrpSignIn(PoolContext pool, AppClients clients, UserDirectory users, PasswordSignIn passwordSignIn, SrpWork srp) {
        this.pool = pool;
        this.clients = clients;
        this.users = users;
        this.passwordSignIn = passwordSignIn;
        this.srp = srp;
    }

    /** See {@link UserPool#startSrp}. */
    Map<String, String> start(ClientRuntime client, String signInName, String srpA) {
        UserRecord user;
        SrpVerifier verifier;
        String userIdForSrp;
        boolean simulated = false;
        synchronized (pool.lock) {
            user = users.find(signInName).orElse(null);
            if (user == null) {
                if (!client.config().preventUserExistenceErrors()) {
                    throw CognitoErrors.userNotFound();
                }
                // A challenge that looks real (same salt and id for the same name every time) but cannot succeed.
                simulated = true;
                userIdForSrp = simulatedUserId(signInName);
                verifier = new SrpVerifier(
                        HexFormat.of().formatHex(hmac("salt:" + signInName.toLowerCase(Locale.ROOT), 16)), "2");
            } else {
                if (!user.enabled) {
                    throw CognitoErrors.notAuthorized("User is disabled.");
                }
                userIdForSrp = user.username;
                verifier = user.verifierHex == null
                        ? new SrpVerifier(HexFormat.of().formatHex(hmac("salt:" + user.username, 16)), "2")
                        : Passwords.verifier(user);
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
        pool.random.nextBytes(block);
        // The leading bytes mimic the real (encrypted) SECRET_BLOCK's version prefix; the rest is random.
        block[0] = 0x02;
        block[1] = 0x05;
        block[2] = 0x78;
        String secretBlock = Base64.getEncoder().encodeToString(block);
        Instant expires = pool.clock.instant().plus(client.config().authSessionValidity());
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

    /** See {@link UserPool#respondToPasswordVerifier}. */
    SignIn respond(
            ClientRuntime client,
            String username,
            String secretBlock,
            String timestamp,
            String signature,
            String secretHash) {
        PendingSrp pending = pendingSrp.remove(secretBlock);
        if (pending == null || !pending.clientId().equals(client.clientId())) {
            throw CognitoErrors.notAuthorized("Invalid session for the user.");
        }
        if (!pending.expires().isAfter(pool.clock.instant())) {
            throw CognitoErrors.notAuthorized("Invalid session for the user, session is expired.");
        }
        synchronized (pool.lock) {
            clients.checkSecretHash(client, secretHash, username, pending.username());
        }
        if (pending.simulated()) {
            throw CognitoErrors.incorrectCredentials();
        }
        boolean proven;
        try {
            Instant claimed = SrpTimestamp.parse(timestamp);
            proven = Duration.between(claimed, pool.clock.instant()).abs().compareTo(TIMESTAMP_TOLERANCE) <= 0
                    && srp.verify(pending.challenge(), secretBlock, timestamp, signature);
        } catch (SrpException e) {
            proven = false;
        }
        synchronized (pool.lock) {
            UserRecord user = users.get(pending.username());
            if (user == null) {
                throw client.config().preventUserExistenceErrors()
                        ? CognitoErrors.incorrectCredentials()
                        : CognitoErrors.userNotFound();
            }
            if (!username.equals(user.username) && users.find(username).orElse(null) != user) {
                throw CognitoErrors.incorrectCredentials();
            }
            return passwordSignIn.complete(client, user, proven);
        }
    }

    private void prunePending() {
        Instant now = pool.clock.instant();
        pendingSrp.values().removeIf(p -> !p.expires().isAfter(now));
        passwordSignIn.pruneExpired(now);
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

    /** A stable, UUID-shaped id for a name no user has, so repeated attempts see the same id. */
    private String simulatedUserId(String signInName) {
        byte[] bytes = hmac("id:" + signInName.toLowerCase(Locale.ROOT), 16);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong()).toString();
    }

    private byte[] hmac(String message, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(pool.state.fakeUserSecret), "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)), length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
