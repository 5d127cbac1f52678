package dev.fieldgate.local.cognito.internal.userpool;

import dev.fieldgate.config.PasswordPolicy;
import dev.fieldgate.local.cognito.internal.userpool.PoolState.UserRecord;
import dev.fieldgate.local.core.internal.awsjson.AwsServiceException;
import dev.fieldgate.sdk.srp.SrpVerifier;
import java.time.Duration;

/**
 * The pool's password policy, and passwords as the pool keeps them: an SRP salt and verifier per user, never the
 * password itself. Also makes the temporary passwords of invitations.
 */
final class Passwords {

    private static final String SYMBOLS = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ";

    private final PoolContext pool;
    private final SrpWork srp;

    Passwords(PoolContext pool, SrpWork srp) {
        this.pool = pool;
        this.srp = srp;
    }

    /** Checks the pool's password policy, in Cognito's wording. */
    void checkPolicy(String password) {
        if (password == null) {
            throw AwsServiceException.missing("Password");
        }
        if (password.length() > 256) {
            throw AwsServiceException.constraint("password", "Member must have length less than or equal to 256");
        }
        if (!password.isEmpty()
                && (Character.isWhitespace(password.charAt(0))
                        || Character.isWhitespace(password.charAt(password.length() - 1)))) {
            throw AwsServiceException.constraint(
                    "password", "Member must satisfy regular expression pattern: ^[\\S]+.*[\\S]+$");
        }
        // Cognito's messages; the order in which it checks the rules is not documented, so length comes first.
        PasswordPolicy policy = pool.poolConfig.passwordPolicy();
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

    void set(UserRecord user, String password) {
        SrpVerifier verifier = srp.createVerifier(user.username, password);
        user.saltHex = verifier.saltHex();
        user.verifierHex = verifier.verifierHex();
    }

    /** Whether the password is the user's; the user must have one ({@code verifierHex} set). */
    boolean matches(UserRecord user, String password) {
        return matches(verifier(user), user.username, password);
    }

    /** Whether the password produces this verifier for this SRP user id. */
    boolean matches(SrpVerifier verifier, String userIdForSrp, String password) {
        return srp.passwordMatches(verifier, userIdForSrp, password);
    }

    static SrpVerifier verifier(UserRecord user) {
        return new SrpVerifier(user.saltHex, user.verifierHex);
    }

    /** A random password that satisfies the policy, at least 12 characters, without look-alike characters. */
    String temporaryPassword() {
        String lower = "abcdefghijkmnopqrstuvwxyz";
        String upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        String digits = "23456789";
        String symbols = "!#%&*+-=?";
        String all = lower + upper + digits + symbols;
        int length = Math.max(12, pool.poolConfig.passwordPolicy().minimumLength());
        StringBuilder password = new StringBuilder();
        password.append(lower.charAt(pool.random.nextInt(lower.length())));
        password.append(upper.charAt(pool.random.nextInt(upper.length())));
        password.append(digits.charAt(pool.random.nextInt(digits.length())));
        password.append(symbols.charAt(pool.random.nextInt(symbols.length())));
        while (password.length() < length) {
            password.append(all.charAt(pool.random.nextInt(all.length())));
        }
        return password.toString();
    }

    /** When a temporary password set now expires, per the policy. */
    long temporaryPasswordExpiry() {
        return pool.clock
                .instant()
                .plus(Duration.ofDays(pool.poolConfig.passwordPolicy().temporaryPasswordValidityDays()))
                .toEpochMilli();
    }
}
