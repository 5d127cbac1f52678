package dev.fieldgate.sdk.srp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The answer to a {@code PASSWORD_VERIFIER} challenge.
 *
 * @param username    the internal username ({@code USER_ID_FOR_SRP}), sent as {@code USERNAME}
 * @param secretBlock the challenge's {@code SECRET_BLOCK}, echoed as {@code PASSWORD_CLAIM_SECRET_BLOCK}
 * @param timestamp   {@code TIMESTAMP} in {@link SrpTimestamp} format
 * @param signature   {@code PASSWORD_CLAIM_SIGNATURE}, base64
 */
public record PasswordClaim(String username, String secretBlock, String timestamp, String signature) {

    public PasswordClaim {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(secretBlock, "secretBlock");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(signature, "signature");
    }

    /**
     * The {@code ChallengeResponses} of {@code RespondToAuthChallenge}; add {@code SECRET_HASH} for a client
     * with a secret (see {@link CognitoSecretHash}).
     */
    public Map<String, String> toChallengeResponses() {
        Map<String, String> responses = new LinkedHashMap<>();
        responses.put("USERNAME", username);
        responses.put("PASSWORD_CLAIM_SECRET_BLOCK", secretBlock);
        responses.put("TIMESTAMP", timestamp);
        responses.put("PASSWORD_CLAIM_SIGNATURE", signature);
        return responses;
    }
}
