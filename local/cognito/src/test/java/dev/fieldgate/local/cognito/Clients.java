package dev.fieldgate.local.cognito;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/** Real AWS SDK v2 clients pointed at a local stack; only the endpoint differs from production use. */
public final class Clients {

    private Clients() {}

    public static CognitoIdentityProviderClient publicIdp(LocalCognito cognito) {
        return idp(cognito, AnonymousCredentialsProvider.create());
    }

    public static CognitoIdentityProviderClient adminIdp(LocalCognito cognito) {
        return idp(
                cognito,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        cognito.adminCredentials().accessKeyId(),
                        cognito.adminCredentials().secretAccessKey())));
    }

    public static CognitoIdentityProviderClient idp(LocalCognito cognito, AwsCredentialsProvider credentials) {
        return CognitoIdentityProviderClient.builder()
                .endpointOverride(cognito.endpoint())
                .region(Region.of(cognito.region()))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                // Errors are asserted, not retried; retries would only slow the tests down.
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    public static CognitoIdentityClient identity(LocalCognito cognito) {
        return CognitoIdentityClient.builder()
                .endpointOverride(cognito.endpoint())
                .region(Region.of(cognito.region()))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    public static CognitoIdentityClient adminIdentity(LocalCognito cognito) {
        return CognitoIdentityClient.builder()
                .endpointOverride(cognito.endpoint())
                .region(Region.of(cognito.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        cognito.adminCredentials().accessKeyId(),
                        cognito.adminCredentials().secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }
}
