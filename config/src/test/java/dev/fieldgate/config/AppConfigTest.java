package dev.fieldgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** fieldgate.json read, validated and written by its one owner. */
class AppConfigTest {

    static final Path PINS = Path.of("../samples/pins/fieldgate.json");

    @Test
    void readsThePinsSampleWithPathsResolvedAgainstTheFile() {
        AppConfig config = AppConfig.read(PINS);

        assertThat(config.app()).isEqualTo("pins");
        assertThat(config.region()).isEqualTo("us-east-1");
        assertThat(config.schema())
                .contains(PINS.toAbsolutePath()
                        .getParent()
                        .resolve("schema.graphql")
                        .normalize());
        UserPoolConfig pool = config.userPool();
        assertThat(pool.usernameAttributes()).containsExactly("email");
        assertThat(pool.groups()).containsExactly(new UserPoolGroup("Admins", "Moderators who may delete any pin", 1));
        assertThat(pool.clients()).extracting(AppClientConfig::name).containsExactly("web", "backend");
        AppClientConfig web = pool.client("web").orElseThrow();
        assertThat(web.explicitAuthFlows())
                .containsExactly("ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_PASSWORD_AUTH");
        assertThat(web.preventUserExistenceErrors()).isTrue();
        assertThat(web.usesHostedUi()).isTrue();
        assertThat(pool.client("backend").orElseThrow().generateSecret()).isTrue();
        assertThat(config.guestsEnabled()).isTrue();
        assertThat(config.identityPool().orElseThrow().clients()).containsExactly("web");
        assertThat(config.api()).isEqualTo(new ApiConfig("pins", false, 10, true, false, "ERROR"));
        FunctionConfig function = config.function().orElseThrow();
        assertThat(function.artifact())
                .isEqualTo(PINS.toAbsolutePath()
                        .getParent()
                        .resolve("resolvers/target/pins-resolvers-lambda.jar")
                        .normalize());
        assertThat(function.runtimeName()).contains("java21");
        assertThat(function.environment()).containsEntry("MAIN_CLASS", "dev.fieldgate.samples.pins.PinsApplication");
    }

    @Test
    void whatTheWriterWritesTheReaderReadsBackUnchanged(@TempDir Path dir) throws Exception {
        AppConfig pins = AppConfig.read(PINS);
        Path copy = dir.resolve("app/fieldgate.json");
        pins.writeTo(copy);

        AppConfig again = AppConfig.read(copy);

        assertThat(again.toJson(dir.resolve("app"))).isEqualTo(Files.readString(copy));
        assertThat(again.schema()).isEqualTo(pins.schema());
        assertThat(again.function().orElseThrow().artifact())
                .isEqualTo(pins.function().orElseThrow().artifact());
        assertThat(again.userPool().client("web").orElseThrow().refreshTokenValidity())
                .isEqualTo(Duration.ofDays(30));
    }

    @Test
    void absentSectionsTakeAwsDefaults() {
        AppConfig config = AppConfig.parse("""
                {"app": "notes", "region": "eu-west-1",
                 "userPool": {"name": "notes-users", "clients": [{"name": "web"}]}}
                """, Path.of("."));

        AppClientConfig web = config.userPool().clients().get(0);
        assertThat(web.explicitAuthFlows())
                .containsExactly("ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH");
        assertThat(web.preventUserExistenceErrors())
                .as("the API's default is LEGACY")
                .isFalse();
        assertThat(web.accessTokenValidity()).isEqualTo(Duration.ofHours(1));
        assertThat(config.userPool().passwordPolicy()).isEqualTo(PasswordPolicy.AWS_DEFAULT);
        assertThat(config.userPool().mfa()).isEqualTo("OFF");
        assertThat(config.identityPool()).isEmpty();
        assertThat(config.guestsEnabled()).isFalse();
        assertThat(config.api()).isEqualTo(ApiConfig.DEFAULT);
        assertThat(config.apiName()).isEqualTo("notes");
        assertThat(config.function()).isEmpty();
        assertThat(config.schema()).isEmpty();
    }

    @Test
    void theStorageSectionIsKeptForThePolicyAndWrittenBack() {
        String storage = "{\"buckets\":[{\"name\":\"files\",\"paths\":{\"public/*\":{\"guest\":[\"read\"]}}}]}";
        AppConfig config = AppConfig.parse(
                "{\"app\": \"a1\", \"region\": \"us-east-1\", \"userPool\": {\"name\": \"p\", \"clients\": [{\"name\": \"w\"}]}, \"storage\": "
                        + storage + "}",
                Path.of("."));

        assertThat(config.storageJson()).contains(storage);
        assertThat(AppConfig.parse(config.toJson(Path.of(".")), Path.of(".")).storageJson())
                .contains(storage);
        assertThatThrownBy(() -> AppConfig.parse(
                        "{\"app\": \"a1\", \"region\": \"us-east-1\", \"userPool\": {\"name\": \"p\", \"clients\": [{\"name\": \"w\"}]},"
                                + " \"storage\": []}",
                        Path.of(".")))
                .hasMessageContaining("storage must be an object");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"app\": \"a1\", \"region\": \"us-east-1\", \"colour\": 1}|colour is not a known key; known keys: [$schema, api, app, function, identityPool, region, schema, storage, userPool]",
                "{\"app\": \"a1\", \"region\": \"us-east-1\", \"userPool\": {\"name\": \"p\", \"clients\": [{\"name\": \"web\", \"callbackURLs\": []}]}}|userPool.clients[web].callbackURLs is not a known key of userPool.clients[web]",
                "{\"app\": \"a1\", \"region\": \"us-east-1\", \"userPool\": {\"name\": \"p\", \"passwordPolicy\": {\"length\": 9}}}|userPool.passwordPolicy.length is not a known key",
                "{\"app\": \"a1\", \"region\": \"us-east-1\", \"userPool\": {\"name\": \"p\", \"clients\": [{\"name\": \"w\"}]}, \"api\": {\"depth\": 3}}|api.depth is not a known key",
                "{\"app\": \"a1\", \"region\": \"us-east-1\", \"userPool\": {\"name\": \"p\", \"clients\": [{\"name\": \"w\"}]}, \"function\": {\"handler\": \"h\", \"artifact\": \"a.jar\", \"memory\": 1}}|function.memory is not a known key",
            })
    void anUnknownKeyAnywhereIsRefusedWithItsPathAndTheKnownKeys(String json, String message) {
        assertThatThrownBy(() -> AppConfig.parse(json, Path.of(".")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"app\": 7|app must be a string",
                "\"app\": \"Pins\"|app 'Pins' must match [a-z][a-z0-9-]{1,30}, such as 'pins'",
                "\"region\": \"mars\"|region 'mars' is not an AWS region name such as 'us-east-1'",
                "\"api\": {\"queryDepthLimit\": 80}|api.queryDepthLimit is 80; write a whole number from 0 to 75",
                "\"api\": {\"introspection\": \"yes\"}|api.introspection must be true or false",
                "\"api\": {\"fieldLogLevel\": \"LOUD\"}|api.fieldLogLevel is 'LOUD'; write one of [ALL, DEBUG, ERROR, INFO, NONE]",
                "\"function\": {\"artifact\": \"f.jar\", \"handler\": \"h\", \"runtime\": \"java8\"}|function.runtime is 'java8'; write one of [java17, java21, java25]",
                "\"function\": {\"artifact\": \"f.jar\"}|function.handler is required",
                "\"userPool\": {\"name\": \"p\", \"clients\": [{\"name\": \"web\", \"explicitAuthFlows\": [\"ALLOW_EVERYTHING\"]}]}|userPool.clients[web].explicitAuthFlows contains 'ALLOW_EVERYTHING'; write one of [ALLOW_ADMIN_USER_PASSWORD_AUTH",
                "\"userPool\": {\"name\": \"p\", \"passwordPolicy\": {\"minimumLength\": 4}, \"clients\": [{\"name\": \"web\"}]}|userPool.passwordPolicy.minimumLength is 4; write a whole number from 6 to 99",
                "\"userPool\": {\"name\": \"p\", \"clients\": []}|userPool.clients must name at least one app client",
                "\"identityPool\": {\"name\": \"ids\", \"clients\": [\"mobile\"]}|identityPool.clients names 'mobile', which is not in userPool.clients; write one of [web]",
            })
    void aBadValueNamesItsKeyAndWhatToWrite(String member, String message) {
        String pool = "\"userPool\": {\"name\": \"p\", \"clients\": [{\"name\": \"web\"}]}";
        String json = "{\"app\": \"pins\", \"region\": \"us-east-1\", "
                + (member.startsWith("\"userPool\"") ? member : pool + ", " + member) + "}";
        assertThatThrownBy(() -> AppConfig.parse(json, Path.of(".")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aRedirectToAnotherHostOverPlainHttpIsRefusedAsAwsDoes() {
        assertThatThrownBy(() -> AppClientConfig.builder()
                        .name("web")
                        .allowedOAuthFlows(java.util.List.of("code"))
                        .callbackUrls(java.util.List.of("http://app.example.com/callback"))
                        .build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("userPool.clients[web].callbackUrls contains 'http://app.example.com/callback'; AWS "
                        + "accepts plain http only for localhost, so write https.");
    }

    @Test
    void aFileThatIsMissingOrNotJsonSaysWhich(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> AppConfig.read(dir.resolve("fieldgate.json")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not exist; pass the fieldgate.json beside the app's schema.graphql");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"app\": \"pins\",\n  \"region\" }");
        assertThatThrownBy(() -> AppConfig.read(broken))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is not valid JSON (line 2, column");
    }
}
