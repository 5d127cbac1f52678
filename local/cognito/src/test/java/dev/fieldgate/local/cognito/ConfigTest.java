package dev.fieldgate.local.cognito;

import dev.fieldgate.local.core.LocalConfigException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading fieldgate.json and validating configs built in code. */
class ConfigTest {

    private static final Path PINS = Path.of("../../samples/pins/fieldgate.json");

    @TempDir
    Path dir;

    @Test
    void theSampleAppConfigIsReadWithTerraformsValues() {
        CognitoConfig config = CognitoConfig.fromAppConfigFile(PINS);
        assertThat(config.app()).isEqualTo("pins");
        assertThat(config.region()).isEqualTo("us-east-1");
        CognitoConfig.UserPool pool = config.userPool();
        assertThat(pool.name()).isEqualTo("pins-users");
        assertThat(pool.usernameAttributes()).containsExactly("email");
        assertThat(pool.passwordPolicy()).isEqualTo(new CognitoConfig.PasswordPolicy(8, true, true, true, false, 7));
        assertThat(pool.groups()).containsExactly(new CognitoConfig.Group("Admins",
                "Moderators who may delete any pin", 1));
        assertThat(pool.clients()).extracting(CognitoConfig.AppClient::name).containsExactly("web", "backend");
        CognitoConfig.AppClient web = pool.client("web").orElseThrow();
        assertThat(web.explicitAuthFlows()).containsExactly("ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH",
                "ALLOW_USER_PASSWORD_AUTH");
        assertThat(web.allowedOAuthScopes()).containsExactly("openid", "email", "profile",
                "aws.cognito.signin.user.admin");
        assertThat(web.preventUserExistenceErrors()).isTrue();
        assertThat(web.authSessionValidity()).isEqualTo(Duration.ofMinutes(3));
        assertThat(pool.client("backend").orElseThrow().generateSecret()).isTrue();
        assertThat(config.identityPool().orElseThrow().clients()).containsExactly("web");
    }

    @Test
    void theSampleAppConfigStartsAStack() {
        try (LocalCognito cognito = LocalCognito.builder().appConfigFile(PINS).start()) {
            assertThat(cognito.clientIds()).containsOnlyKeys("web", "backend");
            assertThat(cognito.clientSecret("backend")).isPresent();
        }
    }

    @Test
    void mistakesAreReportedWithTheKeyAndWhatIsAccepted() throws Exception {
        assertThat(error("{\"app\":\"pins\",\"region\":\"us-east-1\",\"userPool\":{\"name\":\"p\",\"clientz\":[]}}"))
                .contains("userPool has an unknown key 'clientz'");
        assertThat(error("{\"app\":\"Pins!\",\"region\":\"us-east-1\",\"userPool\":{\"name\":\"p\",\"clients\":"
                + "[{\"name\":\"web\"}]}}"))
                .contains("app 'Pins!' must match");
        assertThat(error("{\"app\":\"pins\",\"region\":\"us-east-1\",\"userPool\":{\"name\":\"p\",\"clients\":"
                + "[{\"name\":\"web\",\"explicitAuthFlows\":[\"ALLOW_EVERYTHING\"]}]}}"))
                .contains("userPool.clients[web].explicitAuthFlows contains 'ALLOW_EVERYTHING'");
        assertThat(error("{\"app\":\"pins\",\"region\":\"us-east-1\",\"userPool\":{\"name\":\"p\",\"passwordPolicy\":"
                + "{\"minimumLength\":4},\"clients\":[{\"name\":\"web\"}]}}"))
                .contains("minimumLength must be 6 to 99");
        assertThat(error("{\"app\":\"pins\",\"region\":\"us-east-1\",\"userPool\":{\"name\":\"p\",\"clients\":"
                + "[{\"name\":\"web\",\"allowedOAuthFlows\":[\"code\"],\"callbackUrls\":[\"http://example.com/cb\"]}]}}"))
                .contains("plain http only for localhost");
        assertThat(error("{\"app\":\"pins\",\"region\":\"us-east-1\",\"userPool\":{\"name\":\"p\",\"clients\":"
                + "[{\"name\":\"web\"}]},\"identityPool\":{\"name\":\"i\",\"clients\":[\"mobile\"]}}"))
                .contains("identityPool.clients names 'mobile'");
        assertThat(error("{\"app\":\"pins\",\"region\":\"us-east-1\",\"userPool\":{\"name\":\"p\",\"mfa\":\"ON\","
                + "\"clients\":[{\"name\":\"web\"}]}}")).contains("not supported by the local stack");
        assertThat(error("{ nope")).contains("is not valid JSON (line 1");
        assertThatThrownBy(() -> CognitoConfig.fromAppConfigFile(dir.resolve("missing.json")))
                .isInstanceOf(LocalConfigException.class).hasMessageContaining("does not exist");
    }

    @Test
    void awsDefaultsApplyWhenAClientLeavesThemOut() {
        CognitoConfig.AppClient client = CognitoConfig.AppClient.builder().name("c").build();
        assertThat(client.explicitAuthFlows()).containsExactlyInAnyOrder("ALLOW_REFRESH_TOKEN_AUTH",
                "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH");
        assertThat(client.preventUserExistenceErrors()).as("the API default is LEGACY").isFalse();
        assertThat(client.accessTokenValidity()).isEqualTo(Duration.ofHours(1));
        assertThat(client.idTokenValidity()).isEqualTo(Duration.ofHours(1));
        assertThat(client.refreshTokenValidity()).isEqualTo(Duration.ofDays(30));
        assertThat(client.enableTokenRevocation()).isTrue();
        assertThatThrownBy(() -> CognitoConfig.AppClient.builder().name("c")
                .accessTokenValidity(Duration.ofMinutes(2)).build()).isInstanceOf(LocalConfigException.class)
                .hasMessageContaining("accessTokenValidityMinutes");
        assertThatThrownBy(() -> LocalCognito.builder().start()).isInstanceOf(LocalConfigException.class)
                .hasMessageContaining("No Cognito config");
        assertThat(CognitoConfig.UserPool.builder().name("p").addClient(client).build().passwordPolicy())
                .isEqualTo(CognitoConfig.PasswordPolicy.AWS_DEFAULT);
        assertThatThrownBy(() -> CognitoConfig.UserPool.builder().name("p").clients(List.of()).build())
                .hasMessageContaining("at least one app client");
    }

    private String error(String json) throws Exception {
        Path file = dir.resolve("fieldgate.json");
        Files.writeString(file, json);
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> CognitoConfig.fromAppConfigFile(file));
        assertThat(thrown).isInstanceOf(LocalConfigException.class);
        return thrown.getMessage();
    }
}
