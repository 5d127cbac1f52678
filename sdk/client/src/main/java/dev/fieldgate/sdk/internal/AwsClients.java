package dev.fieldgate.sdk.internal;

import dev.fieldgate.sdk.FieldgateConfig;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * The AWS SDK clients for Cognito's public operations (no AWS credentials needed: they are unsigned), pointed at
 * the configured endpoint override when there is one.
 */
public final class AwsClients {

    private AwsClients() {}

    public static CognitoIdentityProviderClient userPools(FieldgateConfig config) {
        var builder = CognitoIdentityProviderClient.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create());
        override(config, FieldgateConfig.COGNITO_IDP).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public static CognitoIdentityClient identityPools(FieldgateConfig config) {
        var builder = CognitoIdentityClient.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create());
        override(config, FieldgateConfig.COGNITO_IDENTITY).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static Optional<URI> override(FieldgateConfig config, String service) {
        return config.endpointOverride(service);
    }
}
