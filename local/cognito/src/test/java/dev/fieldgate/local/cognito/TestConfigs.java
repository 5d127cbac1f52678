package dev.fieldgate.local.cognito;

import java.time.Duration;
import java.util.List;

/** Configs shaped like the pins sample: sign-in by email, a public web client and a confidential backend client. */
public final class TestConfigs {

    public static final String PASSWORD = "Correct-Horse-9";

    private TestConfigs() {
    }

    public static CognitoConfig.AppClient.Builder web() {
        return CognitoConfig.AppClient.builder()
                .name("web")
                .explicitAuthFlows(List.of("ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH",
                        "ALLOW_USER_PASSWORD_AUTH"))
                .allowedOAuthFlows(List.of("code"))
                .allowedOAuthScopes(List.of("openid", "email", "profile", "aws.cognito.signin.user.admin"))
                .callbackUrls(List.of("http://localhost:3000/callback"))
                .logoutUrls(List.of("http://localhost:3000/"))
                .preventUserExistenceErrors("ENABLED")
                .enableTokenRevocation(true);
    }

    public static CognitoConfig.AppClient backend() {
        return CognitoConfig.AppClient.builder()
                .name("backend")
                .generateSecret(true)
                .explicitAuthFlows(List.of("ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH",
                        "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"))
                .preventUserExistenceErrors("ENABLED")
                .build();
    }

    public static CognitoConfig.AppClient legacy() {
        return CognitoConfig.AppClient.builder()
                .name("legacy")
                .explicitAuthFlows(List.of("ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH",
                        "ALLOW_REFRESH_TOKEN_AUTH"))
                .preventUserExistenceErrors("LEGACY")
                .accessTokenValidity(Duration.ofMinutes(5))
                .idTokenValidity(Duration.ofMinutes(10))
                .refreshTokenValidity(Duration.ofDays(1))
                .build();
    }

    public static CognitoConfig.AppClient service() {
        return CognitoConfig.AppClient.builder()
                .name("service")
                .generateSecret(true)
                .explicitAuthFlows(List.of("ALLOW_REFRESH_TOKEN_AUTH"))
                .allowedOAuthFlows(List.of("client_credentials"))
                .allowedOAuthScopes(List.of("pins/read", "pins/write"))
                .build();
    }

    public static CognitoConfig.UserPool.Builder pool(CognitoConfig.AppClient webClient) {
        return CognitoConfig.UserPool.builder()
                .name("pins-users")
                .usernameAttributes(List.of("email"))
                .autoVerifiedAttributes(List.of("email"))
                .requiredAttributes(List.of("email"))
                .passwordPolicy(new CognitoConfig.PasswordPolicy(8, true, true, true, false, 7))
                .addGroup(new CognitoConfig.Group("Admins", "Moderators", 1))
                .addGroup(new CognitoConfig.Group("Editors", null, 5))
                .addClient(webClient)
                .addClient(backend())
                .addClient(legacy())
                .addClient(service());
    }

    public static CognitoConfig pins() {
        return pins(web().build(), true);
    }

    public static CognitoConfig pins(CognitoConfig.AppClient webClient, boolean guests) {
        return CognitoConfig.builder()
                .app("pins")
                .region("us-east-1")
                .userPool(pool(webClient).build())
                // The basic (classic) flow is on so that GetOpenIdToken can be tested; deployed pools have it off.
                .identityPool(new CognitoConfig.IdentityPool("pins-identities", guests, List.of("web", "backend"),
                        true))
                .build();
    }
}
