package dev.fieldgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.config.internal.ConfigOverlay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An environment's overlay, {@code fieldgate.<environment>.json}, merged over {@code fieldgate.json}: objects merge,
 * arrays and other values replace, null is refused. The cases in {@code src/test/resources/overlay-cases} are shared
 * with the Terraform app-config module's test (terraform/tools/validate), so both merges are held to one result.
 */
class ConfigOverlayTest {

    static final Path CASES = Path.of("src/test/resources/overlay-cases");
    static final Path PINS = AppConfigTest.PINS;
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> sharedCases() throws IOException {
        try (Stream<Path> dirs = Files.list(CASES)) {
            List<Path> cases = dirs.filter(Files::isDirectory).sorted().toList();
            assertThat(cases).hasSizeGreaterThanOrEqualTo(5);
            return cases.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sharedCases")
    void mergesEachSharedCaseAsTerraformDoes(Path dir) throws IOException {
        JsonNode spec = JSON.readTree(dir.resolve("case.json").toFile());
        String environment = spec.get("environment").asText();
        Path base = dir.resolve("fieldgate.json");

        if (spec.has("error")) {
            assertThatThrownBy(() -> ConfigOverlay.mergedText(base, environment))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("fieldgate." + environment + ".json")
                    .hasMessageContaining(spec.get("error").asText());
        } else {
            JsonNode merged = JSON.readTree(ConfigOverlay.mergedText(base, environment));
            assertThat(merged).as(spec.get("description").asText()).isEqualTo(spec.get("expected"));
        }
    }

    @Test
    void theMergeLeavesBothDocumentsUnchanged() throws IOException {
        JsonNode base = JSON.readTree("{\"api\": {\"introspection\": true, \"name\": \"a\"}, \"list\": [1, 2]}");
        JsonNode overlay = JSON.readTree("{\"api\": {\"introspection\": false}, \"list\": [3]}");
        JsonNode baseBefore = base.deepCopy();
        JsonNode overlayBefore = overlay.deepCopy();

        JsonNode merged = ConfigOverlay.merge(base, overlay, "fieldgate.test.json");

        assertThat(merged)
                .isEqualTo(JSON.readTree("{\"api\": {\"introspection\": false, \"name\": \"a\"}, \"list\": [3]}"));
        assertThat(base).isEqualTo(baseBefore);
        assertThat(overlay).isEqualTo(overlayBefore);
    }

    @Test
    void productionOverlayOfThePinsSampleTurnsOnWhatProductionNeeds() {
        AppConfig prod = AppConfig.read(PINS, "prod");

        AppClientConfig web = prod.userPool().client("web").orElseThrow();
        assertThat(web.explicitAuthFlows()).containsExactly("ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH");
        assertThat(web.callbackUrls()).containsExactly("https://pins.example.com/callback");
        assertThat(web.logoutUrls()).containsExactly("https://pins.example.com/");
        assertThat(prod.api().introspection()).isFalse();
        assertThat(prod.userPool().deletionProtection()).isTrue();
        // Keys the overlay leaves out keep fieldgate.json's values.
        assertThat(prod.userPool().groups())
                .isEqualTo(AppConfig.read(PINS).userPool().groups());
        assertThat(prod.region()).isEqualTo("us-east-1");
        assertThat(prod.function()).isEqualTo(AppConfig.read(PINS).function());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void noDeployedEnvironmentOfThePinsSampleLetsThePublicClientSendPasswords(String environment) {
        assertThat(AppConfig.overlayFile(PINS, environment)).exists();
        AppConfig config = AppConfig.read(PINS, environment);

        for (AppClientConfig client : config.userPool().clients()) {
            if (!client.generateSecret()) {
                assertThat(client.explicitAuthFlows())
                        .as(environment + ": " + client.name())
                        .doesNotContain("ALLOW_USER_PASSWORD_AUTH");
            }
        }
        // Locally (no environment) the web client keeps password sign-in, which the local tests use.
        assertThat(AppConfig.read(PINS).userPool().client("web").orElseThrow().explicitAuthFlows())
                .contains("ALLOW_USER_PASSWORD_AUTH");
    }

    @Test
    void anEnvironmentWithoutAnOverlayReadsTheFileAsItIs() {
        assertThat(AppConfig.overlayFile(PINS, "qa")).doesNotExist();

        assertThat(AppConfig.read(PINS, "qa").toJson(PINS.toAbsolutePath().getParent()))
                .isEqualTo(AppConfig.read(PINS).toJson(PINS.toAbsolutePath().getParent()));
        assertThat(AppConfig.read(PINS, null).toJson(PINS.toAbsolutePath().getParent()))
                .isEqualTo(AppConfig.read(PINS).toJson(PINS.toAbsolutePath().getParent()));
    }

    @Test
    void anUnknownKeyInAnOverlayIsRefusedNamingTheOverlay(@TempDir Path dir) throws IOException {
        Path base = dir.resolve("fieldgate.json");
        Files.copy(PINS, base);
        Files.writeString(dir.resolve("fieldgate.prod.json"), "{\"api\": {\"introspecton\": false}}");

        assertThatThrownBy(() -> AppConfig.read(base, "prod"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("fieldgate.prod.json")
                .hasMessageContaining("api.introspecton is not a known key");
    }

    @Test
    void anOverlayThatIsNotAnObjectIsRefused(@TempDir Path dir) throws IOException {
        Path base = dir.resolve("fieldgate.json");
        Files.copy(PINS, base);
        Files.writeString(dir.resolve("fieldgate.prod.json"), "[]");

        assertThatThrownBy(() -> AppConfig.read(base, "prod"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("must be a JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Prod", "", "prod-1", "../prod", "averyverylongname"})
    void environmentNamesAreThoseTerraformAccepts(String environment) {
        assertThatThrownBy(() -> AppConfig.read(PINS, environment))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("environment '" + environment + "'");
    }
}
