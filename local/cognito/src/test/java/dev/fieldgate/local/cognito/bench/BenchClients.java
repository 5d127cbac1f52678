package dev.fieldgate.local.cognito.bench;

import dev.fieldgate.local.cognito.LocalCognito;
import dev.fieldgate.local.cognito.OutboxMessage;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

final class BenchClients {

    private BenchClients() {}

    static CognitoIdentityProviderClient publicIdp(LocalCognito cognito) {
        return CognitoIdentityProviderClient.builder()
                .endpointOverride(cognito.endpoint())
                .region(Region.of(cognito.region()))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    static CognitoIdentityClient identity(LocalCognito cognito) {
        return CognitoIdentityClient.builder()
                .endpointOverride(cognito.endpoint())
                .region(Region.of(cognito.region()))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    static String confirmedUser(LocalCognito cognito, String password) {
        String email = "bench-" + UUID.randomUUID() + "@example.com";
        try (CognitoIdentityProviderClient idp = publicIdp(cognito)) {
            idp.signUp(r -> r.clientId(cognito.clientId("web")).username(email).password(password));
            String code = cognito.outbox()
                    .latestTo(email, OutboxMessage.Kind.SIGN_UP_CODE)
                    .orElseThrow()
                    .code();
            idp.confirmSignUp(
                    r -> r.clientId(cognito.clientId("web")).username(email).confirmationCode(code));
        }
        return email;
    }
}
