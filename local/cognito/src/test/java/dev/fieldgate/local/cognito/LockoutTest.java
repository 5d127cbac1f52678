package dev.fieldgate.local.cognito;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;

/** The lock after repeated wrong passwords doubles with each failure but never lasts longer than 15 minutes. */
class LockoutTest extends CognitoTestBase {

    private static final Duration MAX_LOCKOUT = Duration.ofMinutes(15);

    @Test
    void changePasswordLocksOutForAtMostFifteenMinutes() {
        String email = newEmail();
        signUpConfirmed(email);
        // Access tokens last an hour; the refresh token gives fresh ones without a sign-in (which would clear the
        // count).
        String refreshToken = passwordSignIn(email).refreshToken();
        try {
            // Twenty failures: uncapped, the lock after the fifteenth would already last 2^10 s (17 minutes).
            for (int failure = 1; failure <= 20; failure++) {
                String access = accessToken(refreshToken);
                assertThatThrownBy(() -> idp.changePassword(r -> r.accessToken(access)
                                .previousPassword("Wrong-Pass-1")
                                .proposedPassword("Another-Pass-3")))
                        .as("failure %d", failure)
                        .isInstanceOf(NotAuthorizedException.class)
                        .hasMessageContaining("Incorrect username or password.");
                clock.advance(MAX_LOCKOUT.plusSeconds(1));
            }
            String access = accessToken(refreshToken);
            idp.changePassword(r ->
                    r.accessToken(access).previousPassword(TestConfigs.PASSWORD).proposedPassword("Another-Pass-3"));
        } finally {
            clock.set(Instant.now());
        }
    }

    private String accessToken(String refreshToken) {
        return idp.initiateAuth(r -> r.clientId(web())
                        .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                        .authParameters(Map.of("REFRESH_TOKEN", refreshToken)))
                .authenticationResult()
                .accessToken();
    }
}
