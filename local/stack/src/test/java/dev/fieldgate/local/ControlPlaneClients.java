package dev.fieldgate.local;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.appsync.AppSyncClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The control-plane clients as {@code fieldgate verify} builds them: real AWS SDK v2 clients whose only change is
 * the endpoint override (the stack's base URL). IAM is global and signs for us-east-1 ({@link Region#AWS_GLOBAL}).
 */
final class ControlPlaneClients {

    private ControlPlaneClients() {}

    static AwsCredentialsProvider admin(LocalStack stack) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                stack.adminCredentials().accessKeyId(), stack.adminCredentials().secretAccessKey()));
    }

    static AwsCredentialsProvider session(AwsSessionCredentialsIdentity credentials) {
        return StaticCredentialsProvider.create(AwsSessionCredentials.create(
                credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()));
    }

    static AwsCredentialsProvider wrongSecret(LocalStack stack) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                stack.adminCredentials().accessKeyId(), "not-the-secret-of-this-key-0000000000000"));
    }

    static AwsCredentialsProvider anonymous() {
        return AnonymousCredentialsProvider.create();
    }

    static AppSyncClient appSync(LocalStack stack, AwsCredentialsProvider credentials) {
        return AppSyncClient.builder()
                .endpointOverride(stack.endpoint())
                .region(Region.of(stack.region()))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    static StsClient sts(LocalStack stack, AwsCredentialsProvider credentials) {
        return StsClient.builder()
                .endpointOverride(stack.endpoint())
                .region(Region.of(stack.region()))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    static IamClient iam(LocalStack stack, AwsCredentialsProvider credentials) {
        return IamClient.builder()
                .endpointOverride(stack.endpoint())
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }
}
