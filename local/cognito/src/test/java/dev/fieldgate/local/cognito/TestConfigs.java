package dev.fieldgate.local.cognito;

import dev.fieldgate.config.AppClientConfig;
import dev.fieldgate.config.AppConfig;
import dev.fieldgate.config.IdentityPoolConfig;
import dev.fieldgate.config.PasswordPolicy;
import dev.fieldgate.config.UserPoolConfig;
import dev.fieldgate.config.UserPoolGroup;
import java.time.Duration;
import java.util.List;

/** Configs shaped like the pins sample: sign-in by email, a public web client and a confidential backend client. */
public final class TestConfigs {

    public static final String PASSWORD = "Correct-Horse-9";

    private TestConfigs() {}

    public static AppClientConfig.Builder web() {
        return AppClientConfig.builder()
                .name("web")
                .explicitAuthFlows(
                        List.of("ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_PASSWORD_AUTH"))
                .allowedOAuthFlows(List.of("code"))
                .allowedOAuthScopes(List.of("openid", "email", "profile", "aws.cognito.signin.user.admin"))
                .callbackUrls(List.of("http://localhost:3000/callback"))
                .logoutUrls(List.of("http://localhost:3000/"))
                .preventUserExistenceErrors("ENABLED")
                .enableTokenRevocation(true);
    }

    public static AppClientConfig backend() {
        return AppClientConfig.builder()
                .name("backend")
                .generateSecret(true)
                .explicitAuthFlows(List.of(
                        "ALLOW_USER_PASSWORD_AUTH",
                        "ALLOW_ADMIN_USER_PASSWORD_AUTH",
                        "ALLOW_REFRESH_TOKEN_AUTH",
                        "ALLOW_USER_SRP_AUTH"))
                .preventUserExistenceErrors("ENABLED")
                .build();
    }

    public static AppClientConfig legacy() {
        return AppClientConfig.builder()
                .name("legacy")
                .explicitAuthFlows(
                        List.of("ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"))
                .preventUserExistenceErrors("LEGACY")
                .accessTokenValidity(Duration.ofMinutes(5))
                .idTokenValidity(Duration.ofMinutes(10))
                .refreshTokenValidity(Duration.ofDays(1))
                .build();
    }

    public static AppClientConfig service() {
        return AppClientConfig.builder()
                .name("service")
                .generateSecret(true)
                .explicitAuthFlows(List.of("ALLOW_REFRESH_TOKEN_AUTH"))
                .allowedOAuthFlows(List.of("client_credentials"))
                .allowedOAuthScopes(List.of("pins/read", "pins/write"))
                .build();
    }

    public static UserPoolConfig.Builder pool(AppClientConfig webClient) {
        return UserPoolConfig.builder()
                .name("pins-users")
                .usernameAttributes(List.of("email"))
                .autoVerifiedAttributes(List.of("email"))
                .requiredAttributes(List.of("email"))
                .passwordPolicy(new PasswordPolicy(8, true, true, true, false, 7))
                .addGroup(new UserPoolGroup("Admins", "Moderators", 1))
                .addGroup(new UserPoolGroup("Editors", null, 5))
                .addClient(webClient)
                .addClient(backend())
                .addClient(legacy())
                .addClient(service());
    }

    public static AppConfig pins() {
        return pins(web().build(), true);
    }

    public static AppConfig pins(AppClientConfig webClient, boolean guests) {
        return AppConfig.builder()
                .app("pins")
                .region("us-east-1")
                .userPool(pool(webClient).build())
                // The basic (classic) flow is on so that GetOpenIdToken can be tested; deployed pools have it off.
                .identityPool(new IdentityPoolConfig("pins-identities", guests, List.of("web", "backend"), true))
                .build();
    }
}
