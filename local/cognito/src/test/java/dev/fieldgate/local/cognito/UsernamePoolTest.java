package dev.fieldgate.local.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldgate.config.AppConfig;
import dev.fieldgate.config.UserPoolConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/** A pool where users pick a username and verify a phone number by SMS (delivered to the outbox). */
class UsernamePoolTest extends CognitoTestBase {

    @Override
    protected AppConfig config() {
        return AppConfig.builder()
                .app("chat")
                .region("eu-west-1")
                .userPool(UserPoolConfig.builder()
                        .name("chat-users")
                        .autoVerifiedAttributes(List.of("phone_number"))
                        .requiredAttributes(List.of("phone_number"))
                        .addClient(TestConfigs.web().build())
                        .build())
                .build();
    }

    @Test
    void usersSignUpWithAUsernameAndConfirmWithAnSmsCode() {
        var signUp = idp.signUp(r -> r.clientId(web())
                .username("Ada")
                .password("Lovelace-1815!")
                .userAttributes(attr("phone_number", "+447700900123")));
        assertThat(signUp.codeDeliveryDetails().deliveryMediumAsString()).isEqualTo("SMS");
        assertThat(signUp.codeDeliveryDetails().attributeName()).isEqualTo("phone_number");
        assertThat(signUp.codeDeliveryDetails().destination()).isEqualTo("+*******0123");
        OutboxMessage sms = cognito.outbox().latestTo("+447700900123").orElseThrow();
        assertThat(sms.deliveryMedium()).isEqualTo("SMS");
        assertThat(sms.username()).isEqualTo("Ada");
        idp.confirmSignUp(r -> r.clientId(web()).username("ada").confirmationCode(sms.code()));

        // Usernames are case-insensitive, and the username is what the user typed.
        var tokens = idp.initiateAuth(r -> r.clientId(web())
                        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", "ADA", "PASSWORD", "Lovelace-1815!")))
                .authenticationResult();
        var user = idp.getUser(r -> r.accessToken(tokens.accessToken()));
        assertThat(user.username()).isEqualTo("Ada");
        assertThat(user.userAttributes())
                .anyMatch(a ->
                        a.name().equals("phone_number_verified") && a.value().equals("true"));
        assertThat(cognito.userPoolId()).startsWith("eu-west-1_");

        assertThatThrownBy(() -> idp.signUp(r -> r.clientId(web())
                        .username("ADA")
                        .password("Lovelace-1815!")
                        .userAttributes(attr("phone_number", "+447700900124"))))
                .isInstanceOf(UsernameExistsException.class)
                .hasMessageContaining("User already exists");
        assertThatThrownBy(() -> idp.signUp(r -> r.clientId(web())
                        .username("Bob Smith")
                        .password("Lovelace-1815!")
                        .userAttributes(attr("phone_number", "+447700900125"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("failed to satisfy constraint");
        assertThatThrownBy(
                        () -> idp.signUp(r -> r.clientId(web()).username("Bob").password("Lovelace-1815!")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("phone_number: The attribute is required");
        assertThatThrownBy(() -> idp.signUp(r -> r.clientId(web())
                        .username("Bob")
                        .password("Lovelace-1815!")
                        .userAttributes(attr("phone_number", "0770090"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Invalid phone number format.");

        // The default policy (AWS's) wants symbols too.
        assertThatThrownBy(() -> idp.signUp(r -> r.clientId(web())
                        .username("Cy")
                        .password("NoSymbols123")
                        .userAttributes(attr("phone_number", "+447700900126"))))
                .hasMessageContaining("Password must have symbol characters");
        idp.forgotPassword(r -> r.clientId(web()).username("ada"));
        assertThat(cognito.outbox()
                        .latestTo("Ada", OutboxMessage.Kind.FORGOT_PASSWORD_CODE)
                        .orElseThrow()
                        .deliveryMedium())
                .isEqualTo("SMS");
    }
}
