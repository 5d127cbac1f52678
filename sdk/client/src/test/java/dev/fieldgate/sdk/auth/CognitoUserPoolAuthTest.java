package dev.fieldgate.sdk.auth;

import static dev.fieldgate.sdk.LocalCognitoSupport.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldgate.local.cognito.LocalCognito;
import dev.fieldgate.local.cognito.OutboxMessage;
import dev.fieldgate.sdk.FieldgateConfig;
import dev.fieldgate.sdk.FieldgateConfigException;
import dev.fieldgate.sdk.InvalidRequestException;
import dev.fieldgate.sdk.LocalCognitoSupport;
import dev.fieldgate.sdk.NotAuthenticatedException;
import dev.fieldgate.sdk.NotAuthenticatedException.Reason;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/** The user-pool flows through the AWS SDK's Cognito client against the local Cognito. */
class CognitoUserPoolAuthTest {

    private static LocalCognito cognito;
    private static FieldgateConfig config;

    @BeforeAll
    static void start() {
        cognito = LocalCognitoSupport.start();
        config = LocalCognitoSupport.config(cognito);
    }

    @AfterAll
    static void stop() {
        cognito.close();
    }

    private CognitoUserPoolAuth auth() {
        return CognitoUserPoolAuth.builder().config(config).build();
    }

    private String signedUp(CognitoUserPoolAuth auth) {
        String email = LocalCognitoSupport.newEmail();
        SignUpResult result = auth.signUp(email, PASSWORD, Map.of("email", email));
        assertThat(result.userConfirmed()).isFalse();
        auth.confirmSignUp(email, LocalCognitoSupport.signUpCode(cognito, email));
        return email;
    }

    @Test
    void signUpConfirmAndSrpSignInGiveASessionForThatUser() {
        try (CognitoUserPoolAuth auth = auth()) {
            String email = LocalCognitoSupport.newEmail();
            SignUpResult result = auth.signUp(email, PASSWORD, Map.of("email", email));
            assertThat(result.userSub()).isNotBlank();
            assertThat(result.codeDelivery()).hasValueSatisfying(d -> {
                assertThat(d.medium()).isEqualTo("EMAIL");
                assertThat(d.destination()).doesNotContain(email); // masked
            });

            assertThatThrownBy(() -> auth.signIn(email, PASSWORD))
                    .isInstanceOfSatisfying(
                            NotAuthenticatedException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.USER_NOT_CONFIRMED))
                    .hasMessageContaining("confirmSignUp");
            assertThatThrownBy(() -> auth.confirmSignUp(email, "000000"))
                    .isInstanceOfSatisfying(
                            InvalidRequestException.class,
                            e -> assertThat(e.errorType()).hasValue("CodeMismatchException"));

            CodeDelivery resent = auth.resendConfirmationCode(email);
            assertThat(resent.attributeName()).isEqualTo("email");
            auth.confirmSignUp(email, LocalCognitoSupport.signUpCode(cognito, email));

            SignInResult signedIn = auth.signIn(email, PASSWORD);
            UserPoolSession session = signedIn.sessionOrThrow();
            assertThat(session.sub()).isEqualTo(result.userSub());
            assertThat(session.idTokenClaim("email")).hasValue(email);
            assertThat(session.refreshToken()).isPresent();
            assertThat(auth.currentSession()).isEqualTo(session);
            assertThat(session.toString())
                    .doesNotContain(session.idToken())
                    .doesNotContain(session.accessToken())
                    .doesNotContain(session.refreshToken().get());
        }
    }

    @Test
    void wrongPasswordsAndUnknownUsersAreRefusedAlike() {
        try (CognitoUserPoolAuth auth = auth()) {
            String email = signedUp(auth);
            for (String[] attempt : new String[][] {{email, "Wrong-Password-1"}, {"nobody@example.com", PASSWORD}}) {
                assertThatThrownBy(() -> auth.signIn(attempt[0], attempt[1]))
                        .isInstanceOfSatisfying(NotAuthenticatedException.class, e -> {
                            assertThat(e.reason()).isEqualTo(Reason.INCORRECT_USERNAME_OR_PASSWORD);
                            assertThat(e.errorType()).hasValue("NotAuthorizedException");
                        })
                        .hasMessageNotContaining(attempt[1]);
            }
            assertThatThrownBy(() -> auth.signIn(email, "Wrong-Password-1", AuthFlow.USER_PASSWORD_AUTH))
                    .isInstanceOfSatisfying(
                            NotAuthenticatedException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.INCORRECT_USERNAME_OR_PASSWORD));
            assertThatThrownBy(auth::currentSession)
                    .isInstanceOfSatisfying(
                            NotAuthenticatedException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.NOT_SIGNED_IN));
        }
    }

    @Test
    void refreshChangePasswordAndForgotPassword() {
        try (CognitoUserPoolAuth auth = auth()) {
            String email = signedUp(auth);
            UserPoolSession first =
                    auth.signIn(email, PASSWORD, AuthFlow.USER_PASSWORD_AUTH).sessionOrThrow();
            UserPoolSession refreshed = auth.refresh();
            assertThat(refreshed.accessToken()).isNotEqualTo(first.accessToken());
            assertThat(refreshed.refreshToken()).isEqualTo(first.refreshToken());
            assertThat(refreshed.sub()).isEqualTo(first.sub());

            auth.changePassword(PASSWORD, "Changed-Password-8");
            assertThatThrownBy(() -> auth.signIn(email, PASSWORD)).isInstanceOf(NotAuthenticatedException.class);
            auth.signIn(email, "Changed-Password-8").sessionOrThrow();

            CodeDelivery delivery = auth.forgotPassword(email);
            assertThat(delivery.medium()).isEqualTo("EMAIL");
            String code = cognito.outbox()
                    .latestTo(email, OutboxMessage.Kind.FORGOT_PASSWORD_CODE)
                    .orElseThrow()
                    .code();
            assertThatThrownBy(() -> auth.confirmForgotPassword(email, code, "weak"))
                    .isInstanceOfSatisfying(
                            InvalidRequestException.class,
                            e -> assertThat(e.errorType()).hasValue("InvalidPasswordException"));
            auth.confirmForgotPassword(email, code, "Reset-Password-9");
            auth.signIn(email, "Reset-Password-9").sessionOrThrow();
        }
    }

    @Test
    void signOutRevokesTheRefreshTokenAndGlobalSignOutEndsEverySession() {
        try (CognitoUserPoolAuth laptop = auth();
                CognitoUserPoolAuth phone = auth()) {
            String email = signedUp(laptop);
            UserPoolSession laptopSession = laptop.signIn(email, PASSWORD).sessionOrThrow();
            laptop.signOut();
            assertThat(laptop.isSignedIn()).isFalse();
            // The revoked refresh token is refused by Cognito even if someone kept a copy.
            laptop.useSession(laptopSession);
            assertThatThrownBy(laptop::refresh)
                    .isInstanceOfSatisfying(
                            NotAuthenticatedException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.SESSION_EXPIRED));
            assertThat(laptop.isSignedIn()).isFalse();

            phone.signIn(email, PASSWORD).sessionOrThrow();
            laptop.signIn(email, PASSWORD).sessionOrThrow();
            phone.globalSignOut();
            assertThat(phone.isSignedIn()).isFalse();
            assertThatThrownBy(laptop::refresh)
                    .isInstanceOfSatisfying(
                            NotAuthenticatedException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.SESSION_EXPIRED))
                    .hasMessageContaining("Sign in again");
        }
    }

    @Test
    void aUserCreatedByAnAdministratorChoosesANewPassword() {
        String email = LocalCognitoSupport.newEmail();
        try (CognitoIdentityProviderClient admin = LocalCognitoSupport.admin(cognito);
                CognitoUserPoolAuth auth = auth()) {
            admin.adminCreateUser(r -> r.userPoolId(cognito.userPoolId())
                    .username(email)
                    .temporaryPassword("Temporary-Pass-1")
                    .messageAction("SUPPRESS"));
            SignInResult first = auth.signIn(email, "Temporary-Pass-1");
            assertThat(first.isSignedIn()).isFalse();
            AuthChallenge challenge = first.challenge().orElseThrow();
            assertThat(challenge.name()).isEqualTo(AuthChallenge.NEW_PASSWORD_REQUIRED);
            assertThat(challenge.toString()).doesNotContain(challenge.session());
            assertThatThrownBy(first::sessionOrThrow)
                    .isInstanceOfSatisfying(
                            NotAuthenticatedException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.CHALLENGE_REQUIRED));

            UserPoolSession session = auth.completeNewPassword(challenge, "Chosen-Password-2", Map.of())
                    .sessionOrThrow();
            assertThat(session.idTokenClaim("email")).hasValue(email);
            assertThat(auth.signIn(email, "Chosen-Password-2").isSignedIn()).isTrue();
        }
    }

    @Test
    void aConfidentialClientSendsItsSecretHash() {
        String secret = cognito.clientSecret("backend").orElseThrow();
        FieldgateConfig backend = config.withUserPoolClient("backend");
        try (CognitoUserPoolAuth web = auth();
                CognitoUserPoolAuth withSecret = CognitoUserPoolAuth.builder()
                        .config(backend.copy(b -> b.userPoolClientSecret(secret)))
                        .defaultFlow(AuthFlow.USER_PASSWORD_AUTH)
                        .build();
                CognitoUserPoolAuth withoutSecret = CognitoUserPoolAuth.builder()
                        .config(backend)
                        .defaultFlow(AuthFlow.USER_PASSWORD_AUTH)
                        .build()) {
            String email = signedUp(web);
            UserPoolSession session = withSecret.signIn(email, PASSWORD).sessionOrThrow();
            assertThat(withSecret.refresh().sub()).isEqualTo(session.sub());
            assertThat(withSecret.toString()).doesNotContain(secret);

            assertThatThrownBy(() -> withoutSecret.signIn(email, PASSWORD))
                    .isInstanceOf(FieldgateConfigException.class)
                    .hasMessageContaining("userPoolClientSecret");
        }
    }
}
