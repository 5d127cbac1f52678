package dev.fieldgate.local.cognito.internal.userpool;

import dev.fieldgate.local.cognito.OutboxMessage;
import dev.fieldgate.local.cognito.internal.userpool.PoolState.GroupRecord;
import dev.fieldgate.local.cognito.internal.userpool.PoolState.UserRecord;
import dev.fieldgate.local.cognito.internal.userpool.UserPool.UserView;
import dev.fieldgate.local.core.internal.awsjson.AwsServiceException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What an administrator does to users: creating them with an invitation, setting or resetting passwords,
 * confirming, enabling and disabling, deleting, and group membership.
 */
final class UserAdministration {

    private final PoolContext pool;
    private final UserDirectory users;
    private final UserGroups groups;
    private final AttributeRules attributeRules;
    private final Passwords passwords;
    private final Lockout lockout;
    private final VerificationCodes codes;
    private final Sessions sessions;

    UserAdministration(
            PoolContext pool,
            UserDirectory users,
            UserGroups groups,
            AttributeRules attributeRules,
            Passwords passwords,
            Lockout lockout,
            VerificationCodes codes,
            Sessions sessions) {
        this.pool = pool;
        this.users = users;
        this.groups = groups;
        this.attributeRules = attributeRules;
        this.passwords = passwords;
        this.lockout = lockout;
        this.codes = codes;
        this.sessions = sessions;
    }

    /** See {@link UserPool#adminCreateUser}. */
    UserView createUser(
            String username,
            Map<String, String> attributes,
            String temporaryPassword,
            boolean resend,
            boolean suppress,
            Set<String> mediums) {
        if (resend) {
            UserRecord user = users.require(username);
            if (user.status != UserStatus.FORCE_CHANGE_PASSWORD) {
                throw new AwsServiceException(
                        "UnsupportedUserStateException",
                        "Resend not possible. " + user.username + " status is not FORCE_CHANGE_PASSWORD");
            }
            String password = temporaryPassword == null ? passwords.temporaryPassword() : temporaryPassword;
            passwords.checkPolicy(password);
            passwords.set(user, password);
            user.temporaryPasswordExpiresMillis = passwords.temporaryPasswordExpiry();
            invite(user, password, mediums);
            pool.touch(user);
            pool.persist();
            return users.view(user);
        }
        Map<String, String> attrs = new LinkedHashMap<>(attributes);
        attributeRules.checkWritable(attrs, true);
        String canonical = users.canonicalNewUsername(username, attrs);
        attributeRules.checkFormats(attrs);
        if (users.find(canonical).isPresent() || users.find(username).isPresent()) {
            throw new AwsServiceException("UsernameExistsException", "User account already exists");
        }
        attributeRules.checkAliasFree(attrs, null, "UsernameExistsException");
        String password = temporaryPassword == null ? passwords.temporaryPassword() : temporaryPassword;
        passwords.checkPolicy(password);
        UserRecord user = users.newUser(canonical, attrs);
        user.status = UserStatus.FORCE_CHANGE_PASSWORD;
        user.temporaryPasswordExpiresMillis = passwords.temporaryPasswordExpiry();
        passwords.set(user, password);
        users.add(user);
        if (!suppress) {
            invite(user, password, mediums);
        }
        pool.persist();
        return users.view(user);
    }

    /** Sends the temporary password by SMS and/or email (email when no medium is asked for). */
    private void invite(UserRecord user, String password, Set<String> mediums) {
        boolean sms = mediums.contains("SMS") && user.attributes.get("phone_number") != null;
        boolean email = (mediums.isEmpty() || mediums.contains("EMAIL")) && user.attributes.get("email") != null;
        if (sms) {
            pool.outbox.send(invitation(user, password, user.attributes.get("phone_number"), "SMS"));
        }
        if (email) {
            pool.outbox.send(invitation(user, password, user.attributes.get("email"), "EMAIL"));
        }
    }

    private OutboxMessage invitation(UserRecord user, String password, String destination, String medium) {
        return new OutboxMessage(
                UUID.randomUUID().toString(),
                pool.clock.instant(),
                pool.state.poolId,
                user.username,
                destination,
                medium,
                OutboxMessage.Kind.INVITATION,
                password,
                "Your temporary password",
                "Your username is " + user.username + " and temporary password is " + password + ".");
    }

    /** See {@link UserPool#adminSetUserPassword}. */
    void setPassword(String username, String password, boolean permanent) {
        UserRecord user = users.require(username);
        passwords.checkPolicy(password);
        passwords.set(user, password);
        lockout.clear(user);
        if (permanent) {
            user.status = UserStatus.CONFIRMED;
            user.temporaryPasswordExpiresMillis = 0;
        } else {
            user.status = UserStatus.FORCE_CHANGE_PASSWORD;
            user.temporaryPasswordExpiresMillis = passwords.temporaryPasswordExpiry();
        }
        pool.touch(user);
        pool.persist();
    }

    /** See {@link UserPool#adminConfirmSignUp}. */
    void confirmSignUp(String username) {
        UserRecord user = users.require(username);
        if (user.status != UserStatus.UNCONFIRMED) {
            throw CognitoErrors.notAuthorized("User cannot be confirmed. Current status is " + user.status);
        }
        user.status = UserStatus.CONFIRMED;
        user.pendingCode = null;
        pool.touch(user);
        pool.persist();
    }

    /** See {@link UserPool#adminResetUserPassword}. */
    void resetPassword(String username) {
        UserRecord user = users.require(username);
        user.status = UserStatus.RESET_REQUIRED;
        VerificationCodes.verifiedChannel(user).ifPresent(channel -> codes.sendForgotPasswordCode(user, channel));
        pool.touch(user);
        pool.persist();
    }

    void setEnabled(String username, boolean enabled) {
        UserRecord user = users.require(username);
        user.enabled = enabled;
        if (!enabled) {
            // "Deactivates a user and revokes all access tokens for the user" (AdminDisableUser); its refresh tokens
            // stop working too, so enabling the user again brings none of them back.
            sessions.globalSignOut(user.username);
        }
        pool.touch(user);
        pool.persist();
    }

    /** Deletes the user and all its sessions (its tokens stop working). */
    void deleteUser(String username) {
        UserRecord user = users.require(username);
        users.remove(user);
        sessions.forgetUser(user.username);
        pool.persist();
    }

    void addToGroup(String username, String groupName) {
        GroupRecord group = groups.require(groupName);
        UserRecord user = users.require(username);
        if (user.groups.add(group.name)) {
            pool.touch(user);
            pool.persist();
        }
    }

    void removeFromGroup(String username, String groupName) {
        GroupRecord group = groups.require(groupName);
        UserRecord user = users.require(username);
        if (user.groups.remove(group.name)) {
            pool.touch(user);
            pool.persist();
        }
    }

    List<GroupRecord> groupsOf(String username) {
        return groups.byPrecedence(users.require(username));
    }
}
