package dev.fieldgate.local.cognito;

/** Lets tests in internal packages use the shared test configs. */
public final class TestConfigsAccess {

    private TestConfigsAccess() {
    }

    public static CognitoConfig pins() {
        return TestConfigs.pins();
    }
}
