package dev.fieldgate.local.cognito.internal.userpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldgate.local.cognito.IssuerStyle;
import dev.fieldgate.local.cognito.MutableClock;
import dev.fieldgate.local.cognito.TestConfigsAccess;
import dev.fieldgate.local.cognito.internal.CognitoStack;
import dev.fieldgate.local.cognito.internal.userpool.SrpWork.Step;
import dev.fieldgate.local.core.internal.awsjson.AwsServiceException;
import dev.fieldgate.local.core.internal.state.MemoryStateStore;
import dev.fieldgate.sdk.srp.PasswordClaim;
import dev.fieldgate.sdk.srp.PasswordVerifierChallenge;
import dev.fieldgate.sdk.srp.SrpClient;
import java.net.URI;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A failed sign-in costs the pool the same work for a name no user has as for a user's name (PreventUserExistenceErrors
 * ENABLED), so its delay does not tell them apart: the pool's SRP steps are counted rather than timed, which would
 * be slow and flaky on a busy machine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInWorkTest {

    private static final String PASSWORD = "Correct-Horse-9";
    private static final String WRONG_PASSWORD = "Wrong-Password-1";

    private final MutableClock clock = new MutableClock();
    private UserPool pool;
    private UserPool.ClientRuntime web;

    @BeforeAll
    void openPool() {
        pool = CognitoStack.open(
                        TestConfigsAccess.pins(),
                        new MemoryStateStore(),
                        clock,
                        new SecureRandom(),
                        IssuerStyle.AWS,
                        () -> URI.create("http://127.0.0.1"))
                .userPool();
        web = pool.clientByName("web").orElseThrow();
        assertThat(web.config().preventUserExistenceErrors()).isTrue();
    }

    @Test
    void aFailedPasswordSignInDoesTheSameWorkForAnUnknownName() {
        String known = newUser("password-user@example.com");
        String unknown = "password-nobody@example.com";

        Map<Step, Long> forUser = workOf(() -> pool.passwordSignIn(web, known, WRONG_PASSWORD));
        Map<Step, Long> forUnknown = workOf(() -> pool.passwordSignIn(web, unknown, WRONG_PASSWORD));

        assertThat(forUser).containsEntry(Step.PASSWORD_CHECK, 1L);
        assertThat(forUnknown).isEqualTo(forUser);
    }

    @Test
    void aFailedSrpSignInDoesTheSameWorkForAnUnknownName() {
        String known = newUser("srp-user@example.com");
        String unknown = "srp-nobody@example.com";

        Map<Step, Long> forUser = srpWorkOf(known);
        Map<Step, Long> forUnknown = srpWorkOf(unknown);

        assertThat(forUser).containsEntry(Step.CHALLENGE, 1L).containsEntry(Step.PROOF_CHECK, 1L);
        assertThat(forUnknown).isEqualTo(forUser);
    }

    @Test
    void anUnknownNamesChallengeChangesLikeAUsersBetweenAttempts() {
        String known = newUser("srp-again@example.com");
        String unknown = "srp-again-nobody@example.com";
        for (String name : new String[] {known, unknown}) {
            Map<String, String> first =
                    pool.startSrp(web, name, SrpClient.start(pool.id()).srpA());
            Map<String, String> again =
                    pool.startSrp(web, name, SrpClient.start(pool.id()).srpA());
            assertThat(again.get("SALT")).as(name).isEqualTo(first.get("SALT")).matches("[1-9a-f][0-9a-f]*");
            assertThat(again.get("USER_ID_FOR_SRP")).as(name).isEqualTo(first.get("USER_ID_FOR_SRP"));
            assertThat(again.get("SRP_B")).as(name).isNotEqualTo(first.get("SRP_B"));
        }
    }

    /** A confirmed user of its own for each test: the failures of one test must not lock out another's user. */
    private String newUser(String email) {
        pool.adminCreateUser(email, Map.of("email", email, "email_verified", "true"), null, false, true, Set.of());
        pool.adminSetUserPassword(email, PASSWORD, true);
        return email;
    }

    /** The pool's SRP steps for a whole failed SRP sign-in: the challenge and the (wrong) answer to it. */
    private Map<Step, Long> srpWorkOf(String name) {
        SrpClient srp = SrpClient.start(pool.id());
        Map<Step, Long> before = counts();
        Map<String, String> challenge = pool.startSrp(web, name, srp.srpA());
        PasswordClaim claim = srp.respond(
                PasswordVerifierChallenge.fromChallengeParameters(challenge), WRONG_PASSWORD, clock.instant());
        assertIncorrect(() -> pool.respondToPasswordVerifier(
                web, challenge.get("USERNAME"), claim.secretBlock(), claim.timestamp(), claim.signature(), null));
        return since(before);
    }

    private Map<Step, Long> workOf(ThrowingCallable failedSignIn) {
        Map<Step, Long> before = counts();
        assertIncorrect(failedSignIn);
        return since(before);
    }

    private static void assertIncorrect(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(AwsServiceException.class).hasMessage("Incorrect username or password.");
    }

    private Map<Step, Long> counts() {
        Map<Step, Long> counts = new EnumMap<>(Step.class);
        for (Step step : Step.values()) {
            counts.put(step, pool.srpWork().count(step));
        }
        return counts;
    }

    private Map<Step, Long> since(Map<Step, Long> before) {
        Map<Step, Long> now = counts();
        now.replaceAll((step, count) -> count - before.get(step));
        return now;
    }
}
