package dev.fieldgate.local.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldgate.sdk.srp.CognitoSecretHash;
import dev.fieldgate.sdk.srp.PasswordClaim;
import dev.fieldgate.sdk.srp.PasswordVerifierChallenge;
import dev.fieldgate.sdk.srp.SrpClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;

/** A disabled user gets no tokens from any API flow, and AdminDisableUser revokes the tokens it already has. */
class DisabledUserTest extends CognitoTestBase {

    @Test
    void noApiFlowIssuesTokensToADisabledUser() {
        String email = newEmail();
        signUpConfirmed(email);
        AuthenticationResultType before = passwordSignIn(email);
        disable(email);

        assertDisabled(() -> passwordSignIn(email));
        assertDisabled(() -> refresh(before.refreshToken()));
        assertDisabled(() -> srpSignIn(email));
        String backend = cognito.clientId("backend");
        String secret = cognito.clientSecret("backend").orElseThrow();
        assertDisabled(() -> admin.adminInitiateAuth(r -> r.userPoolId(cognito.userPoolId())
                .clientId(backend)
                .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                .authParameters(Map.of(
                        "USERNAME",
                        email,
                        "PASSWORD",
                        TestConfigs.PASSWORD,
                        "SECRET_HASH",
                        CognitoSecretHash.compute(email, backend, secret)))));

        admin.adminEnableUser(r -> r.userPoolId(cognito.userPoolId()).username(email));
        assertThatThrownBy(() -> refresh(before.refreshToken()))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Refresh Token has been revoked");
        assertThatThrownBy(() -> idp.getUser(r -> r.accessToken(before.accessToken())))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Access Token has been revoked");
        assertThat(passwordSignIn(email).accessToken()).isNotBlank();
    }

    @Test
    void aUserDisabledDuringTheNewPasswordChallengeGetsNoTokens() {
        String email = newEmail();
        admin.adminCreateUser(r -> r.userPoolId(cognito.userPoolId())
                .username(email)
                .temporaryPassword("Temp-Pass-77")
                .messageAction("SUPPRESS"));
        InitiateAuthResponse challenge = idp.initiateAuth(r -> r.clientId(web())
                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", email, "PASSWORD", "Temp-Pass-77")));
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);
        disable(email);
        assertDisabled(() -> idp.respondToAuthChallenge(r -> r.clientId(web())
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED)
                .session(challenge.session())
                .challengeResponses(Map.of(
                        "USERNAME",
                        challenge.challengeParameters().get("USER_ID_FOR_SRP"),
                        "NEW_PASSWORD",
                        "Chosen-Pass-5"))));
    }

    private void disable(String email) {
        admin.adminDisableUser(r -> r.userPoolId(cognito.userPoolId()).username(email));
    }

    private static void assertDisabled(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(NotAuthorizedException.class).hasMessageContaining("User is disabled.");
    }

    private AuthenticationResultType refresh(String refreshToken) {
        return idp.initiateAuth(r -> r.clientId(web())
                        .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                        .authParameters(Map.of("REFRESH_TOKEN", refreshToken)))
                .authenticationResult();
    }

    private AuthenticationResultType srpSignIn(String email) {
        SrpClient srp = SrpClient.start(cognito.userPoolId());
        Map<String, String> parameters = idp.initiateAuth(r -> r.clientId(web())
                        .authFlow(AuthFlowType.USER_SRP_AUTH)
                        .authParameters(Map.of("USERNAME", email, "SRP_A", srp.srpA())))
                .challengeParameters();
        PasswordClaim claim = srp.respond(
                PasswordVerifierChallenge.fromChallengeParameters(parameters), TestConfigs.PASSWORD, clock.instant());
        return idp.respondToAuthChallenge(r -> r.clientId(web())
                        .challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                        .challengeResponses(claim.toChallengeResponses()))
                .authenticationResult();
    }
}
