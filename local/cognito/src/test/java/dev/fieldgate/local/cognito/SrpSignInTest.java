package dev.fieldgate.local.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldgate.sdk.srp.CognitoSecretHash;
import dev.fieldgate.sdk.srp.PasswordClaim;
import dev.fieldgate.sdk.srp.PasswordVerifierChallenge;
import dev.fieldgate.sdk.srp.SrpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotConfirmedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

/** USER_SRP_AUTH exactly as Cognito does it, driven through the AWS SDK with the SDK module's SRP client. */
class SrpSignInTest extends CognitoTestBase {

    @Test
    void srpSignInWithTheEmailAliasSucceedsAndTheChallengeLooksLikeCognitos() {
        String email = newEmail();
        signUpConfirmed(email);
        SrpClient srp = SrpClient.start(cognito.userPoolId());
        InitiateAuthResponse challenge = initiate(web(), email, srp);
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.PASSWORD_VERIFIER);
        Map<String, String> p = challenge.challengeParameters();
        assertThat(p).containsOnlyKeys("SALT", "SECRET_BLOCK", "SRP_B", "USERNAME", "USER_ID_FOR_SRP");
        assertThat(p.get("USER_ID_FOR_SRP")).matches("[0-9a-f-]{36}").isEqualTo(p.get("USERNAME"));
        assertThat(p.get("SECRET_BLOCK")).startsWith("AgV4");
        assertThat(p.get("SALT")).matches("[0-9a-f]{1,32}");

        RespondToAuthChallengeResponse result = respond(web(), srp, p, TestConfigs.PASSWORD, clock.instant(), null);
        assertThat(result.authenticationResult().accessToken()).isNotBlank();
        assertThat(idp.getUser(r -> r.accessToken(result.authenticationResult().accessToken()))
                        .username())
                .isEqualTo(p.get("USER_ID_FOR_SRP"));
    }

    @Test
    void aWrongPasswordAReplayedSecretBlockAndAStaleOrMisformattedTimestampAreRefused() {
        String email = newEmail();
        signUpConfirmed(email);

        SrpClient wrong = SrpClient.start(cognito.userPoolId());
        Map<String, String> p1 = initiate(web(), email, wrong).challengeParameters();
        assertThatThrownBy(() -> respond(web(), wrong, p1, "Not-The-Password-1", clock.instant(), null))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Incorrect username or password.");

        SrpClient right = SrpClient.start(cognito.userPoolId());
        Map<String, String> p2 = initiate(web(), email, right).challengeParameters();
        respond(web(), right, p2, TestConfigs.PASSWORD, clock.instant(), null);
        assertThatThrownBy(() -> respond(web(), right, p2, TestConfigs.PASSWORD, clock.instant(), null))
                .as("a secret block is good for one answer")
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Invalid session for the user.");

        SrpClient stale = SrpClient.start(cognito.userPoolId());
        Map<String, String> p3 = initiate(web(), email, stale).challengeParameters();
        assertThatThrownBy(() -> respond(
                        web(), stale, p3, TestConfigs.PASSWORD, clock.instant().minus(Duration.ofMinutes(10)), null))
                .isInstanceOf(NotAuthorizedException.class);

        SrpClient padded = SrpClient.start(cognito.userPoolId());
        Map<String, String> p4 = initiate(web(), email, padded).challengeParameters();
        PasswordClaim claim = padded.respond(
                PasswordVerifierChallenge.fromChallengeParameters(p4),
                TestConfigs.PASSWORD,
                Instant.parse("2026-03-05T09:03:07Z"));
        Map<String, String> responses = new HashMap<>(claim.toChallengeResponses());
        responses.put("TIMESTAMP", claim.timestamp().replace(" 5 ", " 05 "));
        assertThatThrownBy(() -> idp.respondToAuthChallenge(r -> r.clientId(web())
                        .challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                        .challengeResponses(responses)))
                .isInstanceOf(NotAuthorizedException.class);
    }

    @Test
    void theChallengeExpiresAfterTheClientsAuthSessionValidity() {
        String email = newEmail();
        signUpConfirmed(email);
        SrpClient srp = SrpClient.start(cognito.userPoolId());
        Map<String, String> p = initiate(web(), email, srp).challengeParameters();
        clock.advance(Duration.ofMinutes(4));
        try {
            assertThatThrownBy(() -> respond(web(), srp, p, TestConfigs.PASSWORD, clock.instant(), null))
                    .isInstanceOf(NotAuthorizedException.class)
                    .hasMessageContaining("Invalid session for the user, session is expired.");
        } finally {
            clock.set(Instant.now());
        }
    }

    @Test
    void unknownUsersGetASimulatedChallengeWhenExistenceErrorsArePrevented() {
        String unknown = newEmail();
        SrpClient srp = SrpClient.start(cognito.userPoolId());
        Map<String, String> first = initiate(web(), unknown, srp).challengeParameters();
        Map<String, String> again =
                initiate(web(), unknown, SrpClient.start(cognito.userPoolId())).challengeParameters();
        assertThat(first.get("SALT")).isEqualTo(again.get("SALT"));
        assertThat(first.get("USER_ID_FOR_SRP"))
                .isEqualTo(again.get("USER_ID_FOR_SRP"))
                .matches("[0-9a-f-]{36}");
        assertThatThrownBy(() -> respond(web(), srp, first, TestConfigs.PASSWORD, clock.instant(), null))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Incorrect username or password.");

        assertThatThrownBy(() -> initiate(cognito.clientId("legacy"), unknown, SrpClient.start(cognito.userPoolId())))
                .isInstanceOf(UserNotFoundException.class);
    }

    @Test
    void unconfirmedUsersAreToldSoAfterTheChallenge() {
        String email = newEmail();
        idp.signUp(r -> r.clientId(web()).username(email).password(TestConfigs.PASSWORD));
        SrpClient srp = SrpClient.start(cognito.userPoolId());
        Map<String, String> p = initiate(web(), email, srp).challengeParameters();
        assertThatThrownBy(() -> respond(web(), srp, p, TestConfigs.PASSWORD, clock.instant(), null))
                .isInstanceOf(UserNotConfirmedException.class);
    }

    @Test
    void srpWithAClientSecretNeedsTheSecretHashOfTheInternalUsernameInTheAnswer() {
        String email = newEmail();
        signUpConfirmed(email);
        String backend = cognito.clientId("backend");
        String secret = cognito.clientSecret("backend").orElseThrow();
        SrpClient srp = SrpClient.start(cognito.userPoolId());
        Map<String, String> p = idp.initiateAuth(r -> r.clientId(backend)
                        .authFlow(AuthFlowType.USER_SRP_AUTH)
                        .authParameters(Map.of(
                                "USERNAME",
                                email,
                                "SRP_A",
                                srp.srpA(),
                                "SECRET_HASH",
                                CognitoSecretHash.compute(email, backend, secret))))
                .challengeParameters();
        String userId = p.get("USER_ID_FOR_SRP");
        var result = respond(
                backend,
                srp,
                p,
                TestConfigs.PASSWORD,
                clock.instant(),
                CognitoSecretHash.compute(userId, backend, secret));
        assertThat(result.authenticationResult().refreshToken()).isNotBlank();
    }

    private InitiateAuthResponse initiate(String clientId, String username, SrpClient srp) {
        return idp.initiateAuth(r -> r.clientId(clientId)
                .authFlow(AuthFlowType.USER_SRP_AUTH)
                .authParameters(Map.of("USERNAME", username, "SRP_A", srp.srpA())));
    }

    private RespondToAuthChallengeResponse respond(
            String clientId,
            SrpClient srp,
            Map<String, String> parameters,
            String password,
            Instant at,
            String secretHash) {
        PasswordClaim claim = srp.respond(PasswordVerifierChallenge.fromChallengeParameters(parameters), password, at);
        Map<String, String> responses = new HashMap<>(claim.toChallengeResponses());
        if (secretHash != null) {
            responses.put("SECRET_HASH", secretHash);
        }
        return idp.respondToAuthChallenge(r -> r.clientId(clientId)
                .challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                .challengeResponses(responses));
    }
}
