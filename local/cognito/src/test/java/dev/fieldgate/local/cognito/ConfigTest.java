package dev.fieldgate.local.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldgate.config.AppConfig;
import dev.fieldgate.config.ConfigException;
import dev.fieldgate.local.core.LocalConfigException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What the local pool makes of an app config (reading and validating the file is the config module's job, tested
 * there).
 */
class ConfigTest {

    private static final Path PINS = Path.of("../../samples/pins/fieldgate.json");

    @Test
    void theSampleAppConfigStartsAStack() {
        try (LocalCognito cognito = LocalCognito.builder().appConfigFile(PINS).start()) {
            assertThat(cognito.clientIds()).containsOnlyKeys("web", "backend");
            assertThat(cognito.clientSecret("backend")).isPresent();
        }
    }

    @Test
    void mfaIsValidInTheFileButRefusedByTheLocalPoolRatherThanSkipped() {
        AppConfig pins = AppConfig.read(PINS);
        AppConfig withMfa = pins.toBuilder()
                .userPool(pins.userPool().toBuilder().mfa("ON").build())
                .build();

        assertThatThrownBy(() -> LocalCognito.builder().config(withMfa).start())
                .isInstanceOf(LocalConfigException.class)
                .hasMessage("userPool.mfa 'ON' is not supported by the local stack yet; set it to OFF for local runs.");
    }

    @Test
    void aMissingOrInvalidConfigSaysWhatToGive() {
        assertThatThrownBy(() -> LocalCognito.builder().start())
                .isInstanceOf(LocalConfigException.class)
                .hasMessageContaining("No Cognito config: call appConfigFile(path) or config(config).");
        assertThatThrownBy(() -> LocalCognito.builder()
                        .appConfigFile(Path.of("missing/fieldgate.json"))
                        .start())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not exist");
    }
}
