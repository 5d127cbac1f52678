package dev.fieldgate.sdk.srp;

import java.util.Map;
import java.util.Objects;

/**
 * The parameters of Cognito's {@code PASSWORD_VERIFIER} challenge, as returned by {@code InitiateAuth} with
 * {@code USER_SRP_AUTH}.
 *
 * @param userIdForSrp the user's internal username ({@code USER_ID_FOR_SRP}); the claim must use it, not the alias
 *                     the user typed
 * @param saltHex      {@code SALT}
 * @param srpBHex      {@code SRP_B}, the server's public ephemeral value
 * @param secretBlock  {@code SECRET_BLOCK}, opaque base64 that the claim signs and echoes back
 */
public record PasswordVerifierChallenge(String userIdForSrp, String saltHex, String srpBHex, String secretBlock) {

    public PasswordVerifierChallenge {
        Objects.requireNonNull(userIdForSrp, "userIdForSrp");
        Objects.requireNonNull(saltHex, "saltHex");
        Objects.requireNonNull(srpBHex, "srpBHex");
        Objects.requireNonNull(secretBlock, "secretBlock");
    }

    /**
     * Reads the challenge from the {@code ChallengeParameters} map of an {@code InitiateAuth} response.
     *
     * @throws SrpException if a parameter is missing
     */
    public static PasswordVerifierChallenge fromChallengeParameters(Map<String, String> parameters) {
        return new PasswordVerifierChallenge(
                required(parameters, "USER_ID_FOR_SRP"),
                required(parameters, "SALT"),
                required(parameters, "SRP_B"),
                required(parameters, "SECRET_BLOCK"));
    }

    private static String required(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null || value.isEmpty()) {
            throw new SrpException("The PASSWORD_VERIFIER challenge has no " + name + " parameter.");
        }
        return value;
    }
}
