package dev.fieldgate.local.cognito.internal.userpool;

import dev.fieldgate.local.cognito.internal.userpool.PoolState.UserRecord;
import dev.fieldgate.local.cognito.internal.userpool.UserPool.ClientRuntime;
import dev.fieldgate.local.cognito.internal.userpool.UserPool.SignIn;
import dev.fieldgate.sdk.srp.SrpException;
import dev.fieldgate.sdk.srp.SrpServer;
import dev.fieldgate.sdk.srp.SrpTimestamp;
import dev.fieldgate.sdk.srp.SrpVerifier;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * USER_SRP_AUTH: the PASSWORD_VERIFIER challenge and its answer. The SRP arithmetic runs outside the pool's lock,
 * so this class takes the lock itself around the parts that read or change the state. A name no user has (with
 * PreventUserExistenceErrors) gets its stand-in's challenge, and a user without a password one against a made-up
 * verifier: both look real, cost the same work to answer and cannot succeed.
 */
final class SrpSignIn {

    /** How far a PASSWORD_VERIFIER TIMESTAMP may be from our clock (AWS's window is not documented). */
    private static final Duration TIMESTAMP_TOLERANCE = Duration.ofMinutes(5);

    private static final int MAX_PENDING_CHALLENGES = 10_000;

    private final PoolContext pool;
    private final AppClients clients;
    private final UserDirectory users;
    private final StandInUsers standIns;
    private final PasswordSignIn passwordSignIn;
    private final SrpWork srp;
    private final Map<String, PendingSrp> pendingSrp = new ConcurrentHashMap<>();

    /**
     * @param standInFor the name the sign-in began with when it is a stand-in's, else null
     */
    private record PendingSrp(
            String username, String standInFor, String clientId, SrpServer.Challenge challenge, Instant expires) {}

    SrpSignIn(
            PoolContext pool,
            AppClients clients,
            UserDirectory users,
            StandInUsers standIns,
            PasswordSignIn passwordSignIn,
            SrpWork srp) {
        this.pool = pool;
        this.clients = clients;
        this.users = users;
        this.standIns = standIns;
        this.passwordSignIn = passwordSignIn;
        this.srp = srp;
    }

    /** See {@link UserPool#startSrp}. */
    Map<String, String> start(ClientRuntime client, String signInName, String srpA) {
        SrpVerifier verifier;
        String userIdForSrp;
        String standInFor;
        synchronized (pool.lock) {
            UserRecord user = standIns.resolve(client, signInName, CognitoErrors::userNotFound);
            if (!user.enabled) {
                throw CognitoErrors.notAuthorized("User is disabled.");
            }
            userIdForSrp = user.username;
            verifier = standIns.verifierToCheck(user);
            standInFor = standIns.isStandIn(user) ? signInName : null;
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
        pendingSrp.put(secretBlock, new PendingSrp(userIdForSrp, standInFor, client.clientId(), challenge, expires));
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
        // Checked for stand-ins too: the same work, and a made-up verifier no proof can match.
        boolean proven;
        try {
            Instant claimed = SrpTimestamp.parse(timestamp);
            proven = Duration.between(claimed, pool.clock.instant()).abs().compareTo(TIMESTAMP_TOLERANCE) <= 0
                    && srp.verify(pending.challenge(), secretBlock, timestamp, signature);
        } catch (SrpException e) {
            proven = false;
        }
        synchronized (pool.lock) {
            UserRecord user = pending.standInFor() != null
                    ? standIns.resolve(client, pending.standInFor(), CognitoErrors::incorrectCredentials)
                    : users.get(pending.username());
            if (user == null) {
                throw client.config().preventUserExistenceErrors()
                        ? CognitoErrors.incorrectCredentials()
                        : CognitoErrors.userNotFound();
            }
            if (!username.equals(user.username)
                    && standIns.resolve(client, username, CognitoErrors::incorrectCredentials) != user) {
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
}
