package dev.fieldgate.local.cognito.internal.userpool;

import dev.fieldgate.local.cognito.internal.userpool.PoolState.UserRecord;
import dev.fieldgate.local.cognito.internal.userpool.UserPool.ClientRuntime;
import dev.fieldgate.local.cognito.internal.userpool.UserPool.CodeDelivery;
import java.util.Optional;

/** A user changing their own password: ChangePassword, and ForgotPassword with its confirmation. */
final class PasswordChanges {

    private final PoolContext pool;
    private final UserDirectory users;
    private final Passwords passwords;
    private final Lockout lockout;
    private final VerificationCodes codes;
    private final StandInUsers standIns;

    PasswordChanges(
            PoolContext pool,
            UserDirectory users,
            Passwords passwords,
            Lockout lockout,
            VerificationCodes codes,
            StandInUsers standIns) {
        this.pool = pool;
        this.users = users;
        this.passwords = passwords;
        this.lockout = lockout;
        this.codes = codes;
        this.standIns = standIns;
    }

    /** See {@link UserPool#forgotPassword}. */
    CodeDelivery forgotPassword(ClientRuntime client, String signInName) {
        // A name no user has gets a stand-in: the same limit of requests, a code that is never sent.
        UserRecord user = standIns.resolve(client, signInName, CognitoErrors::userClientNotFound);
        if (!user.enabled) {
            throw CognitoErrors.notAuthorized("User is disabled.");
        }
        if (user.status == UserStatus.FORCE_CHANGE_PASSWORD) {
            throw CognitoErrors.notAuthorized("User password cannot be reset in the current state.");
        }
        Optional<String> channel = VerificationCodes.verifiedChannel(user);
        if (channel.isEmpty()) {
            throw CognitoErrors.invalidParameter(
                    "Cannot reset password for the user as there is no registered/verified email or phone_number");
        }
        codes.rateLimit(user);
        CodeDelivery delivery = standIns.isStandIn(user)
                ? codes.pretendForgotPasswordCode(user, channel.get())
                : codes.sendForgotPasswordCode(user, channel.get());
        pool.persist();
        return delivery;
    }

    /** See {@link UserPool#confirmForgotPassword}. */
    void confirmForgotPassword(ClientRuntime client, String signInName, String code, String password) {
        // A stand-in answers as a user would: no code requested yet, a wrong code, then the attempt limit.
        UserRecord user = standIns.resolve(client, signInName, CognitoErrors::userClientNotFound);
        passwords.checkPolicy(password);
        codes.consumeForgotPasswordCode(user, code);
        if (standIns.isStandIn(user)) {
            // Not reached (no code matches a stand-in's); a stand-in never gets a password.
            throw CognitoErrors.codeMismatch();
        }
        passwords.set(user, password);
        if (user.status == UserStatus.RESET_REQUIRED || user.status == UserStatus.UNCONFIRMED) {
            user.status = UserStatus.CONFIRMED;
        }
        lockout.clear(user);
        pool.touch(user);
        pool.persist();
    }

    /** See {@link UserPool#changePassword}. */
    void changePassword(String username, String previous, String proposed) {
        UserRecord user = users.require(username);
        lockout.checkNotLocked(user, pool.clock.millis());
        if (user.verifierHex == null || !passwords.matches(user, previous)) {
            lockout.recordFailedPasswordChange(user);
            pool.persist();
            throw CognitoErrors.incorrectCredentials();
        }
        passwords.checkPolicy(proposed);
        passwords.set(user, proposed);
        lockout.clearFailures(user);
        pool.touch(user);
        pool.persist();
    }
}
