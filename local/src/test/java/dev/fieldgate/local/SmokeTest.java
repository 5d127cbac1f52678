package dev.fieldgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;

class SmokeTest {
    @Test
    void signUpConfirmSignIn() {
        try (LocalCognito cognito = LocalCognito.builder().config(TestConfigs.pins()).start();
                CognitoIdentityProviderClient idp = Clients.publicIdp(cognito)) {
            String web = cognito.clientId("web");
            var signUp = idp.signUp(r -> r.clientId(web).username("ann@example.com").password(TestConfigs.PASSWORD)
                    .userAttributes(AttributeType.builder().name("email").value("ann@example.com").build()));
            String code = cognito.outbox().latestTo("ann@example.com").orElseThrow().code();
            idp.confirmSignUp(r -> r.clientId(web).username("ann@example.com").confirmationCode(code));
            var auth = idp.initiateAuth(r -> r.clientId(web).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .authParameters(Map.of("USERNAME", "ann@example.com", "PASSWORD", TestConfigs.PASSWORD)));
            var user = idp.getUser(r -> r.accessToken(auth.authenticationResult().accessToken()));
            assertThat(user.username()).isEqualTo(signUp.userSub().length() > 0 ? user.username() : "");
            System.err.println(cognito.startupTime());
        }
    }
}
