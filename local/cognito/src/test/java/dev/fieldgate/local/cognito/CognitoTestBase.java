package dev.fieldgate.local.cognito;

import dev.fieldgate.config.AppConfig;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;

/** One in-memory stack per test class, with a clock the tests move, and real SDK clients. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CognitoTestBase {

    protected final MutableClock clock = new MutableClock();
    protected LocalCognito cognito;
    protected CognitoIdentityProviderClient idp;
    protected CognitoIdentityProviderClient admin;
    protected CognitoIdentityClient identity;

    protected AppConfig config() {
        return TestConfigs.pins();
    }

    protected LocalCognito.Builder builder() {
        return LocalCognito.builder().config(config()).clock(clock);
    }

    @BeforeAll
    public void startStack() {
        cognito = builder().start();
        idp = Clients.publicIdp(cognito);
        admin = Clients.adminIdp(cognito);
        identity = Clients.identity(cognito);
    }

    @AfterAll
    public void stopStack() {
        idp.close();
        admin.close();
        identity.close();
        cognito.close();
    }

    protected String web() {
        return cognito.clientId("web");
    }

    protected static String newEmail() {
        return "user-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** Signs a user up through the public API and confirms them with the code from the outbox. */
    protected String signUpConfirmed(String email) {
        String sub = idp.signUp(r -> r.clientId(web())
                        .username(email)
                        .password(TestConfigs.PASSWORD)
                        .userAttributes(attr("email", email)))
                .userSub();
        String code = cognito.outbox()
                .latestTo(email, OutboxMessage.Kind.SIGN_UP_CODE)
                .orElseThrow()
                .code();
        idp.confirmSignUp(r -> r.clientId(web()).username(email).confirmationCode(code));
        return sub;
    }

    protected AuthenticationResultType passwordSignIn(String email) {
        return idp.initiateAuth(r -> r.clientId(web())
                        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", email, "PASSWORD", TestConfigs.PASSWORD)))
                .authenticationResult();
    }

    protected static AttributeType attr(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    protected static List<AttributeType> attrs(String... nameValues) {
        List<AttributeType> list = new java.util.ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            list.add(attr(nameValues[i], nameValues[i + 1]));
        }
        return list;
    }
}
