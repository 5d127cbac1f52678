package dev.fieldgate.config;

import dev.fieldgate.config.internal.Checks;

/**
 * {@code userPool.passwordPolicy}: AWS's names and AWS's defaults (8 characters, all four character classes,
 * temporary passwords valid for 7 days).
 */
public record PasswordPolicy(
        int minimumLength,
        boolean requireLowercase,
        boolean requireUppercase,
        boolean requireNumbers,
        boolean requireSymbols,
        int temporaryPasswordValidityDays) {

    public static final PasswordPolicy AWS_DEFAULT = new PasswordPolicy(8, true, true, true, true, 7);

    /** @throws ConfigException naming the key that is out of range */
    public PasswordPolicy {
        Checks.range(minimumLength, 6, 99, "userPool.passwordPolicy.minimumLength");
        Checks.range(temporaryPasswordValidityDays, 0, 365, "userPool.passwordPolicy.temporaryPasswordValidityDays");
        if (temporaryPasswordValidityDays == 0) {
            // 0 is how AWS's API says "the default".
            temporaryPasswordValidityDays = 7;
        }
    }
}
