package dev.fieldgate.local.cognito;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.sdk.srp.PasswordClaim;
import dev.fieldgate.sdk.srp.PasswordVerifierChallenge;
import dev.fieldgate.sdk.srp.SrpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeDeliveryDetailsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;

/**
 * With PreventUserExistenceErrors ENABLED (the web client) the API's answers do not tell a name some user has from a
 * name no user has: not the errors of repeated failures, not the limits of code requests and confirmations, not the
 * masked destination of a code. ({@code SignInWorkTest} compares the work a failed sign-in costs.)
 */
class UserExistenceTest extends CognitoTestBase {

    private static final String WRONG_PASSWORD = "Wrong-Password-1";
    private static final String INCORRECT = "NotAuthorizedException: Incorrect username or password.";
    private static final String LOCKED_OUT = "NotAuthorizedException: Password attempts exceeded";
    private static final String DELIVERED = "delivered EMAIL email x***@x***";
    private static final String CODE_MISMATCH =
            "CodeMismatchException: Invalid verification code provided, please try again.";
    private static final String LIMIT_EXCEEDED =
            "LimitExceededException: Attempt limit exceeded, please try after some time.";

    @Test
    void repeatedFailuresAnswerTheSameForAnUnknownNameAsForAUser() {
        String known = newEmail();
        signUpConfirmed(known);
        List<String> forUser = failingSession(this::failedPasswordSignIn, known);
        assertThat(forUser)
                .startsWith(repeat(5, INCORRECT))
                .containsSequence(repeat(5, LOCKED_OUT))
                .endsWith(INCORRECT, LOCKED_OUT);
        assertThat(failingSession(this::failedPasswordSignIn, newEmail())).isEqualTo(forUser);

        String knownSrp = newEmail();
        signUpConfirmed(knownSrp);
        assertThat(failingSession(this::failedSrpSignIn, knownSrp)).isEqualTo(forUser);
        assertThat(failingSession(this::failedSrpSignIn, newEmail())).isEqualTo(forUser);
    }

    @Test
    void aPasswordResetAnswersTheSameForAnUnknownNameAsForAUser() {
        String known = newEmail();
        signUpConfirmed(known);
        List<String> forUser = forgotPasswordSession(known);
        assertThat(forUser)
                .containsExactly(
                        "ExpiredCodeException: Invalid code provided, please request a code again.",
                        DELIVERED,
                        DELIVERED,
                        DELIVERED,
                        DELIVERED,
                        DELIVERED,
                        LIMIT_EXCEEDED,
                        "InvalidPasswordException: Password did not conform with policy: Password not long enough",
                        CODE_MISMATCH,
                        CODE_MISMATCH,
                        CODE_MISMATCH,
                        CODE_MISMATCH,
                        CODE_MISMATCH,
                        LIMIT_EXCEEDED);
        assertThat(forgotPasswordSession(newEmail())).isEqualTo(forUser);
    }

    @Test
    void aSignUpConfirmationAnswersTheSameForAnUnknownNameAsForAnUnconfirmedUser() {
        String unconfirmed = newEmail();
        idp.signUp(r -> r.clientId(web()).username(unconfirmed).password(TestConfigs.PASSWORD));
        List<String> forUnconfirmed = confirmationSession(unconfirmed);
        assertThat(forUnconfirmed)
                .containsExactly(
                        CODE_MISMATCH,
                        CODE_MISMATCH,
                        CODE_MISMATCH,
                        CODE_MISMATCH,
                        CODE_MISMATCH,
                        LIMIT_EXCEEDED,
                        DELIVERED,
                        DELIVERED,
                        DELIVERED,
                        DELIVERED,
                        DELIVERED,
                        LIMIT_EXCEEDED,
                        CODE_MISMATCH);
        assertThat(confirmationSession(newEmail())).isEqualTo(forUnconfirmed);
    }

    @Test
    void theMaskedDestinationIsBuiltTheSameWayWhateverTheCase() {
        String stored = "Mixed.Case-" + newEmail().substring(5, 13) + "@Example.com";
        signUpConfirmed(stored);
        String unknown = "Other.Case-" + newEmail().substring(5, 13) + "@Example.com";
        List<UnaryOperator<String>> cases =
                List.of(name -> name, name -> name.toLowerCase(Locale.ROOT), name -> name.toUpperCase(Locale.ROOT));
        for (UnaryOperator<String> typed : cases) {
            CodeDeliveryDetailsType forUser = forgotPassword(typed.apply(stored));
            CodeDeliveryDetailsType forUnknown = forgotPassword(typed.apply(unknown));
            assertThat(forUser.destination()).as(typed.apply(stored)).isEqualTo("m***@e***");
            assertThat(forUnknown.destination()).as(typed.apply(unknown)).isEqualTo("o***@e***");
            assertThat(forUnknown.deliveryMediumAsString()).isEqualTo(forUser.deliveryMediumAsString());
            assertThat(forUnknown.attributeName()).isEqualTo(forUser.attributeName());
        }
    }

    // ------------------------------------------------------------------ helpers

    /**
     * What a caller sees of failing to sign in: ten wrong passwords in a row, then two more once the first lock (of
     * a second) is over.
     */
    private List<String> failingSession(UnaryOperator<String> failedSignIn, String name) {
        List<String> seen = new ArrayList<>();
        Instant start = clock.instant();
        try {
            for (int i = 0; i < 10; i++) {
                seen.add(failedSignIn.apply(name));
            }
            clock.advance(Duration.ofSeconds(1));
            seen.add(failedSignIn.apply(name));
            seen.add(failedSignIn.apply(name));
        } finally {
            clock.set(start);
        }
        return seen;
    }

    /**
     * What a caller sees of a password reset: a confirmation before any request, six code requests, then
     * confirmations with a weak password and with wrong codes.
     */
    private List<String> forgotPasswordSession(String name) {
        List<String> seen = new ArrayList<>();
        seen.add(confirmForgotPassword(name, "123456", "Reset-Pass-11"));
        for (int i = 0; i < 6; i++) {
            seen.add(outcome(() -> forgotPassword(name)));
        }
        seen.add(confirmForgotPassword(name, "123456", "weak"));
        for (int i = 0; i < 6; i++) {
            seen.add(confirmForgotPassword(name, "000000", "Reset-Pass-11"));
        }
        return seen;
    }

    /** What a caller sees of confirming a sign-up: wrong codes, six requests for a new one, a wrong code again. */
    private List<String> confirmationSession(String name) {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            seen.add(confirmSignUp(name, "000000"));
        }
        for (int i = 0; i < 6; i++) {
            seen.add(outcome(
                    () -> idp.resendConfirmationCode(r -> r.clientId(web()).username(name))
                            .codeDeliveryDetails()));
        }
        seen.add(confirmSignUp(name, "000000"));
        return seen;
    }

    private String confirmSignUp(String name, String code) {
        return outcome(() -> {
            idp.confirmSignUp(r -> r.clientId(web()).username(name).confirmationCode(code));
            return "confirmed";
        });
    }

    private CodeDeliveryDetailsType forgotPassword(String name) {
        return idp.forgotPassword(r -> r.clientId(web()).username(name)).codeDeliveryDetails();
    }

    private String confirmForgotPassword(String name, String code, String password) {
        return outcome(() -> {
            idp.confirmForgotPassword(
                    r -> r.clientId(web()).username(name).confirmationCode(code).password(password));
            return "confirmed";
        });
    }

    private static String outcome(Supplier<Object> call) {
        try {
            Object result = call.get();
            return result instanceof CodeDeliveryDetailsType d
                    ? "delivered " + d.deliveryMediumAsString() + " " + d.attributeName() + " "
                            + d.destination().replaceAll("[a-z]", "x")
                    : String.valueOf(result);
        } catch (CognitoIdentityProviderException e) {
            return e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage();
        }
    }

    private String failedPasswordSignIn(String name) {
        return outcome(() -> idp.initiateAuth(r -> r.clientId(web())
                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", name, "PASSWORD", WRONG_PASSWORD))));
    }

    private String failedSrpSignIn(String name) {
        return outcome(() -> {
            SrpClient srp = SrpClient.start(cognito.userPoolId());
            Map<String, String> parameters = idp.initiateAuth(r -> r.clientId(web())
                            .authFlow(AuthFlowType.USER_SRP_AUTH)
                            .authParameters(Map.of("USERNAME", name, "SRP_A", srp.srpA())))
                    .challengeParameters();
            PasswordClaim claim = srp.respond(
                    PasswordVerifierChallenge.fromChallengeParameters(parameters), WRONG_PASSWORD, clock.instant());
            return idp.respondToAuthChallenge(r -> r.clientId(web())
                    .challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                    .challengeResponses(claim.toChallengeResponses()));
        });
    }

    private static String[] repeat(int times, String value) {
        String[] values = new String[times];
        Arrays.fill(values, value);
        return values;
    }
}
