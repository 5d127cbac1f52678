package dev.fieldgate.local.cognito.internal.userpool;

import dev.fieldgate.local.cognito.internal.userpool.PoolState.UserRecord;
import dev.fieldgate.local.cognito.internal.userpool.UserPool.ClientRuntime;
import dev.fieldgate.local.cognito.internal.userpool.UserPool.SignIn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signing in with a password: checking it, what follows a proven or wrong password (status, lockout, the
 * NEW_PASSWORD_REQUIRED challenge for temporary passwords), and answering that challenge. {@link SrpSignIn} ends
 * here too once the SRP proof is checked.
 */
final class PasswordSignIn {

    private final PoolContext pool;
    private final AppClients clients;
    private final UserDirectory users;
    private final AttributeRules attributeRules;
    private final Passwords passwords;
    private final Lockout lockout;
    private final StandInUsers standIns;
    private final Map<String, PendingNewPassword> pendingNewPassword = new ConcurrentHashMap<>();

    private record PendingNewPassword(String username, String clientId, Instant expires) {}

    PasswordSignIn(
            PoolContext pool,
            AppClients clients,
            UserDirectory users,
            AttributeRules attributeRules,
            Passwords passwords,
            Lockout lockout,
            StandInUsers standIns) {
        this.pool = pool;
        this.clients = clients;
        this.users = users;
        this.attributeRules = attributeRules;
        this.passwords = passwords;
        this.lockout = lockout;
        this.standIns = standIns;
    }

    /** See {@link UserPool#passwordSignIn}. */
    SignIn signIn(ClientRuntime client, String signInName, String password) {
        // A name no user has gets a stand-in: the same password work, the same failure count and lockout.
        UserRecord user = standIns.resolve(client, signInName, CognitoErrors::userNotFound);
        boolean matches =
                password != null && passwords.matches(standIns.verifierToCheck(user), user.username, password);
        return complete(client, user, matches);
    }

    /**
     * Ends a sign-in whose password was checked (or not proven): the checks that follow, in Cognito's order. Users
     * without a password and stand-ins never count as proven.
     */
    SignIn complete(ClientRuntime client, UserRecord user, boolean passwordProven) {
        boolean proven = passwordProven && user.verifierHex != null && !standIns.isStandIn(user);
        if (!user.enabled) {
            throw CognitoErrors.notAuthorized("User is disabled.");
        }
        Instant now = pool.clock.instant();
        lockout.checkNotLocked(user, now.toEpochMilli());
        // Cognito reports an unconfirmed user even when the password is wrong.
        if (user.status == UserStatus.UNCONFIRMED) {
            throw CognitoErrors.userNotConfirmed();
        }
        if (user.status == UserStatus.RESET_REQUIRED) {
            throw CognitoErrors.passwordResetRequired();
        }
        if (!proven) {
            lockout.recordFailedSignIn(user, now);
            pool.persist();
            throw CognitoErrors.incorrectCredentials();
        }
        if (lockout.clear(user)) {
            pool.persist();
        }
        if (user.status == UserStatus.FORCE_CHANGE_PASSWORD) {
            if (user.temporaryPasswordExpiresMillis != 0 && user.temporaryPasswordExpiresMillis < now.toEpochMilli()) {
                throw CognitoErrors.notAuthorized(
                        "Temporary password has expired and must be reset by an administrator.");
            }
            String session = pool.randomToken(96);
            pendingNewPassword.put(
                    session,
                    new PendingNewPassword(
                            user.username,
                            client.clientId(),
                            now.plus(client.config().authSessionValidity())));
            Map<String, String> attributes = UserDirectory.withoutNulls(user.attributes);
            attributes.remove("email_verified");
            attributes.remove("phone_number_verified");
            List<String> required = new ArrayList<>();
            for (String attr : pool.poolConfig.requiredAttributes()) {
                if (user.attributes.get(attr) == null) {
                    required.add("userAttributes." + attr);
                }
            }
            return new SignIn.NewPasswordRequired(users.view(user), session, required, attributes);
        }
        return new SignIn.Authenticated(users.view(user));
    }

    /** See {@link UserPool#respondToNewPassword}. */
    SignIn respondToNewPassword(
            ClientRuntime client,
            String session,
            String username,
            String newPassword,
            Map<String, String> attributes,
            String secretHash) {
        PendingNewPassword pending = session == null ? null : pendingNewPassword.get(session);
        if (pending == null || !pending.clientId().equals(client.clientId())) {
            throw CognitoErrors.notAuthorized("Invalid session for the user.");
        }
        if (!pending.expires().isAfter(pool.clock.instant())) {
            pendingNewPassword.remove(session);
            throw CognitoErrors.notAuthorized("Invalid session for the user, session is expired.");
        }
        UserRecord user = users.get(pending.username());
        if (user == null) {
            throw CognitoErrors.userNotFound();
        }
        if (!user.enabled) {
            // Disabled since the challenge was issued: no new password, no tokens.
            pendingNewPassword.remove(session);
            throw CognitoErrors.notAuthorized("User is disabled.");
        }
        if (username != null
                && !username.equals(user.username)
                && users.find(username).orElse(null) != user) {
            throw CognitoErrors.notAuthorized("Invalid session for the user.");
        }
        clients.checkSecretHash(client, secretHash, username, user.username);
        if (newPassword == null) {
            throw CognitoErrors.invalidParameter("Missing required parameter NEW_PASSWORD");
        }
        passwords.checkPolicy(newPassword);
        Map<String, String> attrs = new LinkedHashMap<>(attributes);
        attributeRules.checkWritable(attrs, false);
        attributeRules.checkFormats(attrs);
        for (String required : pool.poolConfig.requiredAttributes()) {
            if (user.attributes.get(required) == null && attrs.get(required) == null) {
                throw CognitoErrors.invalidParameter("Invalid attributes given, " + required + " is missing");
            }
        }
        attributeRules.checkAliasFree(attrs, user, "AliasExistsException");
        pendingNewPassword.remove(session);
        attrs.forEach((k, v) -> user.attributes.put(k, v));
        passwords.set(user, newPassword);
        user.status = UserStatus.CONFIRMED;
        user.temporaryPasswordExpiresMillis = 0;
        pool.touch(user);
        pool.persist();
        return new SignIn.Authenticated(users.view(user));
    }

    /** Drops NEW_PASSWORD_REQUIRED challenges that have expired. */
    void pruneExpired(Instant now) {
        pendingNewPassword.values().removeIf(p -> !p.expires().isAfter(now));
    }
}
