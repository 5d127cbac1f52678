package dev.fieldgate.local.cognito;

import dev.fieldgate.config.AppConfig;

/** Lets tests in internal packages use the shared test configs. */
public final class TestConfigsAccess {

    private TestConfigsAccess() {}

    public static AppConfig pins() {
        return TestConfigs.pins();
    }
}
