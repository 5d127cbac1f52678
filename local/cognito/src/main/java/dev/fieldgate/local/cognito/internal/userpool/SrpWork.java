package dev.fieldgate.local.cognito.internal.userpool;

import dev.fieldgate.sdk.srp.SrpServer;
import dev.fieldgate.sdk.srp.SrpVerifier;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The pool's costly SRP arithmetic, counted step by step. Every password check, challenge and proof check of the
 * pool goes through here, so a test can tell that a name no user has costs the same work as a user's name by
 * counting the steps instead of timing them.
 */
final class SrpWork {

    /** One costly step (each is at least one modular exponentiation over the 3072-bit group). */
    enum Step {
        NEW_VERIFIER,
        PASSWORD_CHECK,
        CHALLENGE,
        PROOF_CHECK
    }

    private final SrpServer srp;
    private final Map<Step, LongAdder> counts = new EnumMap<>(Step.class);

    SrpWork(SrpServer srp) {
        this.srp = srp;
        for (Step step : Step.values()) {
            counts.put(step, new LongAdder());
        }
    }

    SrpVerifier createVerifier(String userIdForSrp, String password) {
        counts.get(Step.NEW_VERIFIER).increment();
        return srp.createVerifier(userIdForSrp, password);
    }

    boolean passwordMatches(SrpVerifier verifier, String userIdForSrp, String password) {
        counts.get(Step.PASSWORD_CHECK).increment();
        return srp.passwordMatches(verifier, userIdForSrp, password);
    }

    /** See {@link SrpServer#challenge}; throws its {@code SrpException} for a bad {@code SRP_A}. */
    SrpServer.Challenge challenge(SrpVerifier verifier, String userIdForSrp, String srpA) {
        counts.get(Step.CHALLENGE).increment();
        return srp.challenge(verifier, userIdForSrp, srpA);
    }

    boolean verify(SrpServer.Challenge challenge, String secretBlock, String timestamp, String signature) {
        counts.get(Step.PROOF_CHECK).increment();
        return srp.verify(challenge, secretBlock, timestamp, signature);
    }

    /** How often the step has run since the pool opened. */
    long count(Step step) {
        return counts.get(step).sum();
    }
}
