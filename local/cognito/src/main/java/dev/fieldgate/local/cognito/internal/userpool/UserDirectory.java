package dev.fieldgate.local.cognito.internal.userpool;

import dev.fieldgate.local.cognito.internal.userpool.PoolState.UserRecord;
import dev.fieldgate.local.cognito.internal.userpool.UserPool.UserView;
import dev.fieldgate.local.core.internal.awsjson.AwsServiceException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The pool's users: finding one by username or alias, the username a new user gets, adding and removing records,
 * and the copies of a user handed out of the lock. Users are keyed by the lower-cased username.
 */
final class UserDirectory {

    private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");

    private final PoolContext pool;
    private final UserGroups groups;

    UserDirectory(PoolContext pool, UserGroups groups) {
        this.pool = pool;
        this.groups = groups;
    }

    /**
     * The user with this username or, in pools that sign in by email or phone, this alias (case-insensitive); else
     * the user with this sub, which Cognito accepts wherever a username is asked for.
     */
    Optional<UserRecord> find(String signInName) {
        if (signInName == null) {
            return Optional.empty();
        }
        UserRecord byName = pool.state.users.get(signInName.toLowerCase(Locale.ROOT));
        if (byName != null) {
            return Optional.of(byName);
        }
        for (String alias : pool.poolConfig.usernameAttributes()) {
            for (UserRecord user : pool.state.users.values()) {
                String value = user.attributes.get(alias);
                if (value != null && value.equalsIgnoreCase(signInName)) {
                    return Optional.of(user);
                }
            }
        }
        // New users of email or phone pools are found above (their username is their sub); users kept under an
        // older username (the email, or another UUID) are found by their sub here.
        for (UserRecord user : pool.state.users.values()) {
            if (user.sub.equalsIgnoreCase(signInName)) {
                return Optional.of(user);
            }
        }
        return Optional.empty();
    }

    UserRecord require(String username) {
        return find(username).orElseThrow(CognitoErrors::userNotFound);
    }

    /** The user with exactly this (internal) username, not an alias; null if there is none. */
    UserRecord get(String username) {
        return pool.state.users.get(username.toLowerCase(Locale.ROOT));
    }

    /** Whether this very record is one of the pool's users (not a copy, not a stand-in). */
    boolean holds(UserRecord user) {
        return pool.state.users.get(user.username.toLowerCase(Locale.ROOT)) == user;
    }

    boolean contains(String username) {
        return pool.state.users.containsKey(username.toLowerCase(Locale.ROOT));
    }

    Collection<UserRecord> all() {
        return pool.state.users.values();
    }

    void add(UserRecord user) {
        pool.state.users.put(user.username.toLowerCase(Locale.ROOT), user);
    }

    void remove(UserRecord user) {
        pool.state.users.remove(user.username.toLowerCase(Locale.ROOT));
    }

    /**
     * Checks a new username and returns the one the user gets: the name itself, or a new UUID in pools that sign in
     * by email or phone (the email or phone attribute is then taken from the name when it is missing), which
     * {@link #newUser} also makes the user's sub.
     */
    String canonicalNewUsername(String username, Map<String, String> attrs) {
        if (username == null || username.isEmpty()) {
            throw AwsServiceException.missing("Username");
        }
        if (username.length() > 128) {
            throw AwsServiceException.constraint("Username", "Member must have length less than or equal to 128");
        }
        List<String> aliases = pool.poolConfig.usernameAttributes();
        if (aliases.isEmpty()) {
            if (!USERNAME.matcher(username).matches()) {
                throw AwsServiceException.constraint(
                        "Username",
                        "Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
            }
            return username;
        }
        if (aliases.contains("email") && AttributeRules.EMAIL.matcher(username).matches()) {
            attrs.putIfAbsent("email", username);
            if (!username.equalsIgnoreCase(attrs.get("email"))) {
                throw CognitoErrors.invalidParameter("The email attribute must equal the username, which is an email.");
            }
        } else if (aliases.contains("phone_number")
                && AttributeRules.PHONE.matcher(username).matches()) {
            attrs.putIfAbsent("phone_number", username);
        } else {
            throw CognitoErrors.invalidParameter(
                    aliases.contains("email") && !aliases.contains("phone_number")
                            ? "Username should be an email."
                            : aliases.contains("email")
                                    ? "Username should be either an email or a phone number."
                                    : "Username should be a phone number.");
        }
        // Pools that sign in by email or phone give every user an immutable UUID username: its sub.
        return UUID.randomUUID().toString();
    }

    /**
     * A new user record (not yet added) with a new sub, which in pools that sign in by email or phone is the UUID
     * username (Cognito's {@code cognito:username} and {@code sub} are then equal); email and phone start
     * unverified. Users stored before keep whatever username they have: their SRP verifier is bound to it.
     */
    UserRecord newUser(String username, Map<String, String> attrs) {
        UserRecord user = new UserRecord();
        user.username = username;
        user.sub = pool.poolConfig.usernameAttributes().isEmpty()
                ? UUID.randomUUID().toString()
                : username;
        user.createdMillis = pool.clock.millis();
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

    UserView view(UserRecord user) {
        return new UserView(
                user.username,
                user.sub,
                Map.copyOf(withoutNulls(user.attributes)),
                user.status,
                user.enabled,
                groups.byPrecedence(user).stream().map(g -> g.name).toList());
    }

    static Map<String, String> withoutNulls(Map<String, String> attributes) {
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

    UserSnapshot snapshot(UserRecord user) {
        return new UserSnapshot(
                user.username,
                user.sub,
                List.copyOf(attributeList(user)),
                user.status,
                user.enabled,
                user.createdMillis,
                user.modifiedMillis);
    }

    List<UserSnapshot> allSnapshots() {
        return pool.state.users.values().stream().map(this::snapshot).toList();
    }
}
