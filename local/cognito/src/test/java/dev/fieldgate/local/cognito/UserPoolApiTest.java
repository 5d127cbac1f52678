package dev.fieldgate.local.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldgate.sdk.srp.CognitoSecretHash;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExpiredCodeException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UnsupportedTokenTypeException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotConfirmedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/** The public user pool operations through the AWS SDK for Java v2, including the error types it maps. */
class UserPoolApiTest extends CognitoTestBase {

    @Test
    void signUpSendsACodeToTheOutboxAndConfirmingVerifiesTheEmail() {
        String email = newEmail();
        var response = idp.signUp(r -> r.clientId(web())
                .username(email)
                .password(TestConfigs.PASSWORD)
                .userAttributes(attr("email", email), attr("name", "Ann")));
        assertThat(response.userConfirmed()).isFalse();
        assertThat(response.userSub()).matches("[0-9a-f-]{36}");
        assertThat(response.codeDeliveryDetails().deliveryMediumAsString()).isEqualTo("EMAIL");
        assertThat(response.codeDeliveryDetails().attributeName()).isEqualTo("email");
        assertThat(response.codeDeliveryDetails().destination()).isEqualTo(email.charAt(0) + "***@e***");

        OutboxMessage message = cognito.outbox().latestTo(email).orElseThrow();
        assertThat(message.kind()).isEqualTo(OutboxMessage.Kind.SIGN_UP_CODE);
        assertThat(message.code()).matches("\\d{6}");
        assertThat(message.body()).contains(message.code());
        assertThat(message.toString()).doesNotContain(message.code());

        assertThatThrownBy(() -> passwordSignIn(email))
                .isInstanceOf(UserNotConfirmedException.class)
                .hasMessageContaining("User is not confirmed.");
        assertThatThrownBy(() ->
                        idp.confirmSignUp(r -> r.clientId(web()).username(email).confirmationCode("000000")))
                .isInstanceOf(CodeMismatchException.class)
                .hasMessageContaining("Invalid verification code provided, please try again.");

        idp.confirmSignUp(r -> r.clientId(web()).username(email).confirmationCode(message.code()));
        GetUserResponse user =
                idp.getUser(r -> r.accessToken(passwordSignIn(email).accessToken()));
        // Pools that sign in by email give every user its sub as username; the email is an attribute.
        assertThat(user.username()).isEqualTo(response.userSub()).isNotEqualTo(email);
        assertThat(user.userAttributes())
                .extracting(AttributeType::name)
                .startsWith("sub")
                .contains("email", "email_verified", "name");
        assertThat(value(user, "sub")).isEqualTo(response.userSub());
        assertThat(value(user, "email_verified")).isEqualTo("true");

        assertThatThrownBy(() ->
                        idp.confirmSignUp(r -> r.clientId(web()).username(email).confirmationCode(message.code())))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("User cannot be confirmed. Current status is CONFIRMED");
    }

    @Test
    void signUpRejectsTakenEmailsWeakPasswordsAndMissingAttributes() {
        String email = newEmail();
        signUpConfirmed(email);
        assertThatThrownBy(
                        () -> idp.signUp(r -> r.clientId(web()).username(email).password(TestConfigs.PASSWORD)))
                .isInstanceOf(UsernameExistsException.class)
                .hasMessageContaining("An account with the given email already exists.");
        assertThatThrownBy(() ->
                        idp.signUp(r -> r.clientId(web()).username(newEmail()).password("short1A")))
                .isInstanceOf(InvalidPasswordException.class)
                .hasMessageContaining("Password did not conform with policy: Password not long enough");
        assertThatThrownBy(() ->
                        idp.signUp(r -> r.clientId(web()).username(newEmail()).password("alllowercase1")))
                .isInstanceOf(InvalidPasswordException.class)
                .hasMessageContaining("Password must have uppercase characters");
        assertThatThrownBy(() ->
                        idp.signUp(r -> r.clientId(web()).username(newEmail()).password("NoDigitsHere")))
                .isInstanceOf(InvalidPasswordException.class)
                .hasMessageContaining("Password must have numeric characters");
        assertThatThrownBy(() -> idp.signUp(
                        r -> r.clientId(web()).username("not-an-email").password(TestConfigs.PASSWORD)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Username should be an email.");
        assertThatThrownBy(() -> idp.signUp(r -> r.clientId(web())
                        .username(newEmail())
                        .password(TestConfigs.PASSWORD)
                        .userAttributes(attr("custom:team", "x"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Attributes did not conform to the schema");
        assertThatThrownBy(() -> idp.signUp(r -> r.clientId("nosuchclient00000000000000")
                        .username(newEmail())
                        .password(TestConfigs.PASSWORD)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("User pool client nosuchclient00000000000000 does not exist.");
    }

    @Test
    void codesExpireAndCanBeResent() {
        String email = newEmail();
        idp.signUp(r -> r.clientId(web()).username(email).password(TestConfigs.PASSWORD));
        String first = cognito.outbox().latestTo(email).orElseThrow().code();
        clock.advance(Duration.ofHours(25));
        assertThatThrownBy(() ->
                        idp.confirmSignUp(r -> r.clientId(web()).username(email).confirmationCode(first)))
                .isInstanceOf(ExpiredCodeException.class)
                .hasMessageContaining("Invalid code provided, please request a code again.");
        clock.set(java.time.Instant.now());
        var resent = idp.resendConfirmationCode(r -> r.clientId(web()).username(email));
        assertThat(resent.codeDeliveryDetails().deliveryMediumAsString()).isEqualTo("EMAIL");
        String second = cognito.outbox().latestTo(email).orElseThrow().code();
        idp.confirmSignUp(r -> r.clientId(web()).username(email).confirmationCode(second));
        assertThat(passwordSignIn(email).accessToken()).isNotBlank();
    }

    @Test
    void passwordSignInIssuesTokensAndHidesWhetherAUserExistsWhenEnabled() {
        String email = newEmail();
        signUpConfirmed(email);
        AuthenticationResultType result = passwordSignIn(email);
        assertThat(result.tokenType()).isEqualTo("Bearer");
        assertThat(result.expiresIn()).isEqualTo(3600);
        assertThat(result.idToken()).isNotBlank();
        assertThat(result.refreshToken()).matches("[A-Za-z0-9-_]+(\\.[A-Za-z0-9-_]+){4}");

        assertThatThrownBy(() -> idp.initiateAuth(r -> r.clientId(web())
                        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", email, "PASSWORD", "Wrong-Password-1"))))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Incorrect username or password.");
        // ENABLED: an unknown user looks exactly like a wrong password.
        assertThatThrownBy(() -> idp.initiateAuth(r -> r.clientId(web())
                        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", newEmail(), "PASSWORD", "Wrong-Password-1"))))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Incorrect username or password.");
        // LEGACY: it says so.
        assertThatThrownBy(() -> idp.initiateAuth(r -> r.clientId(cognito.clientId("legacy"))
                        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", newEmail(), "PASSWORD", "Wrong-Password-1"))))
                .isInstanceOf(UserNotFoundException.class)
                .hasMessageContaining("User does not exist.");
        assertThatThrownBy(() -> idp.initiateAuth(r -> r.clientId(web())
                        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", email))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Missing required parameter PASSWORD");
        assertThatThrownBy(() -> idp.initiateAuth(r -> r.clientId(cognito.clientId("service"))
                        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", email, "PASSWORD", TestConfigs.PASSWORD))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("USER_PASSWORD_AUTH flow not enabled for this client");
        assertThatThrownBy(() -> idp.initiateAuth(r -> r.clientId(web())
                        .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", email, "PASSWORD", TestConfigs.PASSWORD))))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void repeatedFailuresLockTheUserOutUntilTheLockoutPasses() {
        String email = newEmail();
        signUpConfirmed(email);
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> idp.initiateAuth(r -> r.clientId(web())
                            .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                            .authParameters(Map.of("USERNAME", email, "PASSWORD", "Wrong-Password-1"))))
                    .hasMessageContaining("Incorrect username or password.");
        }
        assertThatThrownBy(() -> passwordSignIn(email))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Password attempts exceeded");
        clock.advance(Duration.ofSeconds(2));
        try {
            assertThat(passwordSignIn(email).accessToken()).isNotBlank();
        } finally {
            clock.set(java.time.Instant.now());
        }
    }

    @Test
    void clientsWithASecretRequireTheSecretHash() {
        String email = newEmail();
        signUpConfirmed(email);
        String backend = cognito.clientId("backend");
        String secret = cognito.clientSecret("backend").orElseThrow();
        assertThat(cognito.clientSecret("web")).isEmpty();
        assertThatThrownBy(() -> idp.initiateAuth(r -> r.clientId(backend)
                        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", email, "PASSWORD", TestConfigs.PASSWORD))))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining(
                        "Client " + backend + " is configured with secret but SECRET_HASH was not received");
        assertThatThrownBy(() -> idp.initiateAuth(r -> r.clientId(backend)
                        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(Map.of(
                                "USERNAME",
                                email,
                                "PASSWORD",
                                TestConfigs.PASSWORD,
                                "SECRET_HASH",
                                CognitoSecretHash.compute(email, backend, "wrong-secret")))))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Unable to verify secret hash for client " + backend);
        var result = idp.initiateAuth(r -> r.clientId(backend)
                        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(Map.of(
                                "USERNAME",
                                email,
                                "PASSWORD",
                                TestConfigs.PASSWORD,
                                "SECRET_HASH",
                                CognitoSecretHash.compute(email, backend, secret))))
                .authenticationResult();
        String username = idp.getUser(r -> r.accessToken(result.accessToken())).username();
        var refreshed = idp.initiateAuth(r -> r.clientId(backend)
                .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of(
                        "REFRESH_TOKEN",
                        result.refreshToken(),
                        "SECRET_HASH",
                        CognitoSecretHash.compute(username, backend, secret))));
        assertThat(refreshed.authenticationResult().accessToken()).isNotBlank();
    }

    @Test
    void refreshTokensIssueNewTokensUntilRevoked() {
        String email = newEmail();
        signUpConfirmed(email);
        AuthenticationResultType first = passwordSignIn(email);
        for (AuthFlowType flow : new AuthFlowType[] {AuthFlowType.REFRESH_TOKEN_AUTH, AuthFlowType.REFRESH_TOKEN}) {
            var refreshed = idp.initiateAuth(r -> r.clientId(web())
                            .authFlow(flow)
                            .authParameters(Map.of("REFRESH_TOKEN", first.refreshToken())))
                    .authenticationResult();
            assertThat(refreshed.refreshToken()).isNull();
            assertThat(refreshed.accessToken()).isNotEqualTo(first.accessToken());
            assertThat(refreshed.idToken()).isNotBlank();
        }
        idp.revokeToken(r -> r.clientId(web()).token(first.refreshToken()));
        assertThatThrownBy(() -> idp.initiateAuth(r -> r.clientId(web())
                        .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                        .authParameters(Map.of("REFRESH_TOKEN", first.refreshToken()))))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Refresh Token has been revoked");
        // Revoking the refresh token revokes the access tokens issued from it.
        assertThatThrownBy(() -> idp.getUser(r -> r.accessToken(first.accessToken())))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Access Token has been revoked");
        assertThatThrownBy(() -> idp.revokeToken(r -> r.clientId(web()).token(first.accessToken())))
                .isInstanceOf(UnsupportedTokenTypeException.class);
        assertThatThrownBy(() -> idp.initiateAuth(r -> r.clientId(web())
                        .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                        .authParameters(Map.of("REFRESH_TOKEN", "not-a-token"))))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Invalid Refresh Token");
        // Another client's refresh token is not valid for this client.
        AuthenticationResultType second = passwordSignIn(email);
        assertThatThrownBy(() -> idp.initiateAuth(r -> r.clientId(cognito.clientId("legacy"))
                        .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                        .authParameters(Map.of("REFRESH_TOKEN", second.refreshToken()))))
                .hasMessageContaining("Invalid Refresh Token");
    }

    @Test
    void refreshTokensExpireAfterTheClientsValidity() {
        String email = newEmail();
        signUpConfirmed(email);
        var result = idp.initiateAuth(r -> r.clientId(cognito.clientId("legacy"))
                        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", email, "PASSWORD", TestConfigs.PASSWORD)))
                .authenticationResult();
        assertThat(result.expiresIn()).isEqualTo(300);
        clock.advance(Duration.ofMinutes(6));
        try {
            assertThatThrownBy(() -> idp.getUser(r -> r.accessToken(result.accessToken())))
                    .isInstanceOf(NotAuthorizedException.class)
                    .hasMessageContaining("Access Token has expired");
            clock.advance(Duration.ofDays(1));
            assertThatThrownBy(() -> idp.initiateAuth(r -> r.clientId(cognito.clientId("legacy"))
                            .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                            .authParameters(Map.of("REFRESH_TOKEN", result.refreshToken()))))
                    .hasMessageContaining("Refresh Token has expired");
        } finally {
            clock.set(java.time.Instant.now());
        }
    }

    @Test
    void globalSignOutRevokesEveryTokenOfTheUser() {
        String email = newEmail();
        signUpConfirmed(email);
        AuthenticationResultType a = passwordSignIn(email);
        AuthenticationResultType b = passwordSignIn(email);
        idp.globalSignOut(r -> r.accessToken(a.accessToken()));
        for (AuthenticationResultType tokens : new AuthenticationResultType[] {a, b}) {
            assertThatThrownBy(() -> idp.getUser(r -> r.accessToken(tokens.accessToken())))
                    .isInstanceOf(NotAuthorizedException.class)
                    .hasMessageContaining("Access Token has been revoked");
            assertThatThrownBy(() -> idp.initiateAuth(r -> r.clientId(web())
                            .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                            .authParameters(Map.of("REFRESH_TOKEN", tokens.refreshToken()))))
                    .hasMessageContaining("Refresh Token has been revoked");
        }
        assertThat(passwordSignIn(email).accessToken()).isNotBlank();
    }

    @Test
    void forgotPasswordResetsThePasswordWithTheCodeFromTheOutbox() {
        String email = newEmail();
        signUpConfirmed(email);
        var forgot = idp.forgotPassword(r -> r.clientId(web()).username(email));
        assertThat(forgot.codeDeliveryDetails().destination()).endsWith("@e***");
        String code = cognito.outbox()
                .latestTo(email, OutboxMessage.Kind.FORGOT_PASSWORD_CODE)
                .orElseThrow()
                .code();
        assertThatThrownBy(() -> idp.confirmForgotPassword(r ->
                        r.clientId(web()).username(email).confirmationCode(code).password("weak")))
                .isInstanceOf(InvalidPasswordException.class);
        assertThatThrownBy(() -> idp.confirmForgotPassword(r -> r.clientId(web())
                        .username(email)
                        .confirmationCode("123123")
                        .password("New-Password-2")))
                .isInstanceOf(CodeMismatchException.class);
        idp.confirmForgotPassword(
                r -> r.clientId(web()).username(email).confirmationCode(code).password("New-Password-2"));
        assertThatThrownBy(() -> passwordSignIn(email)).isInstanceOf(NotAuthorizedException.class);
        assertThat(idp.initiateAuth(r -> r.clientId(web())
                                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                                .authParameters(Map.of("USERNAME", email, "PASSWORD", "New-Password-2")))
                        .authenticationResult()
                        .accessToken())
                .isNotBlank();

        // ENABLED: unknown users get a simulated delivery, and confirming says "wrong code".
        var simulated = idp.forgotPassword(r -> r.clientId(web()).username("nobody@example.com"));
        assertThat(simulated.codeDeliveryDetails().destination()).isEqualTo("n***@e***");
        assertThatThrownBy(() -> idp.confirmForgotPassword(r -> r.clientId(web())
                        .username("nobody@example.com")
                        .confirmationCode("123456")
                        .password("New-Password-2")))
                .isInstanceOf(CodeMismatchException.class);
        assertThatThrownBy(() -> idp.forgotPassword(
                        r -> r.clientId(cognito.clientId("legacy")).username("nobody@example.com")))
                .isInstanceOf(UserNotFoundException.class)
                .hasMessageContaining("Username/client id combination not found.");
    }

    @Test
    void usersUpdateAndVerifyAttributesChangeTheirPasswordAndDeleteThemselves() {
        String email = newEmail();
        signUpConfirmed(email);
        String access = passwordSignIn(email).accessToken();
        String newEmail = newEmail();
        var update = idp.updateUserAttributes(
                r -> r.accessToken(access).userAttributes(attr("email", newEmail), attr("given_name", "Ann")));
        assertThat(update.codeDeliveryDetailsList()).hasSize(1);
        GetUserResponse user = idp.getUser(r -> r.accessToken(access));
        assertThat(value(user, "email")).isEqualTo(newEmail);
        assertThat(value(user, "email_verified")).isEqualTo("false");
        assertThat(value(user, "given_name")).isEqualTo("Ann");
        String code = cognito.outbox()
                .latestTo(newEmail, OutboxMessage.Kind.ATTRIBUTE_VERIFICATION_CODE)
                .orElseThrow()
                .code();
        idp.verifyUserAttribute(
                r -> r.accessToken(access).attributeName("email").code(code));
        assertThat(value(idp.getUser(r -> r.accessToken(access)), "email_verified"))
                .isEqualTo("true");
        assertThatThrownBy(() -> idp.updateUserAttributes(
                        r -> r.accessToken(access).userAttributes(attr("email_verified", "true"))))
                .isInstanceOf(NotAuthorizedException.class);
        assertThatThrownBy(() ->
                        idp.updateUserAttributes(r -> r.accessToken(access).userAttributes(attr("sub", "x"))))
                .isInstanceOf(InvalidParameterException.class);

        assertThatThrownBy(() -> idp.changePassword(r ->
                        r.accessToken(access).previousPassword("Wrong-Pass-1").proposedPassword("Another-Pass-3")))
                .isInstanceOf(NotAuthorizedException.class);
        idp.changePassword(r ->
                r.accessToken(access).previousPassword(TestConfigs.PASSWORD).proposedPassword("Another-Pass-3"));
        assertThat(idp.initiateAuth(r -> r.clientId(web())
                                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                                .authParameters(Map.of("USERNAME", newEmail, "PASSWORD", "Another-Pass-3")))
                        .authenticationResult())
                .isNotNull();

        idp.deleteUser(r -> r.accessToken(access));
        assertThatThrownBy(() -> idp.getUser(r -> r.accessToken(access)))
                .isInstanceOf(UserNotFoundException.class)
                .hasMessageContaining("User does not exist.");
    }

    @Test
    void errorsCarryTheAwsErrorCodeAndAStatusOf400() {
        CognitoIdentityProviderException e = (CognitoIdentityProviderException)
                org.assertj.core.api.Assertions.catchThrowable(() -> idp.getUser(r -> r.accessToken("abc.def.ghi")));
        assertThat(e).isInstanceOf(NotAuthorizedException.class);
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotAuthorizedException");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Invalid Access Token");
        assertThat(e.requestId()).matches("[0-9a-f-]{36}");
    }

    @Test
    void theNewPasswordChallengeOfATemporaryPasswordIsAnsweredThroughTheApi() {
        String email = newEmail();
        admin.adminCreateUser(r -> r.userPoolId(cognito.userPoolId())
                .username(email)
                .temporaryPassword("Temp-Password-1")
                .userAttributes(attr("email", email), attr("email_verified", "true")));
        var challenge = idp.initiateAuth(r -> r.clientId(web())
                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", email, "PASSWORD", "Temp-Password-1")));
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);
        assertThat(challenge.session()).hasSizeGreaterThan(20);
        assertThat(challenge.challengeParameters())
                .containsKeys("USER_ID_FOR_SRP", "requiredAttributes", "userAttributes");
        assertThat(challenge.challengeParameters().get("userAttributes"))
                .contains(email)
                .doesNotContain("email_verified");
        String username = challenge.challengeParameters().get("USER_ID_FOR_SRP");
        assertThatThrownBy(() -> idp.respondToAuthChallenge(r -> r.clientId(web())
                        .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED)
                        .session(challenge.session())
                        .challengeResponses(Map.of("USERNAME", username, "NEW_PASSWORD", "weak"))))
                .isInstanceOf(InvalidPasswordException.class);
        var done = idp.respondToAuthChallenge(r -> r.clientId(web())
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED)
                .session(challenge.session())
                .challengeResponses(Map.of("USERNAME", username, "NEW_PASSWORD", "Chosen-Password-7")));
        assertThat(done.authenticationResult().accessToken()).isNotBlank();
        assertThatThrownBy(() -> idp.respondToAuthChallenge(r -> r.clientId(web())
                        .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED)
                        .session("x".repeat(40))
                        .challengeResponses(Map.of("USERNAME", username, "NEW_PASSWORD", "Chosen-Password-7"))))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Invalid session for the user.");
    }

    static String value(GetUserResponse user, String name) {
        return user.userAttributes().stream()
                .filter(a -> a.name().equals(name))
                .map(AttributeType::value)
                .findFirst()
                .orElse(null);
    }
}
