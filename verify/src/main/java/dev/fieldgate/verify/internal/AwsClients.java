package dev.fieldgate.verify.internal;

import dev.fieldgate.config.FieldgateOutputs;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.appsync.AppSyncClient;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The AWS SDK clients the checks read through, each pointed at the outputs file's endpoint override when it has one
 * (the local stack) and at AWS's regional (IAM: global) endpoint otherwise.
 */
public final class AwsClients implements AutoCloseable {

    private final StsClient sts;
    private final AppSyncClient appSync;
    private final CognitoIdentityClient cognitoIdentity;
    private final IamClient iam;
    private final S3Client s3;

    public AwsClients(FieldgateOutputs fieldgate, AwsCredentialsProvider credentials, String region, Duration timeout) {
        Region regional = Region.of(region);
        this.sts = configure(StsClient.builder(), fieldgate.endpoint("sts"), regional, credentials, timeout)
                .build();
        this.appSync = configure(AppSyncClient.builder(), fieldgate.endpoint("appsync"), regional, credentials, timeout)
                .build();
        this.cognitoIdentity = configure(
                        CognitoIdentityClient.builder(),
                        fieldgate.endpoint("cognito_identity"),
                        regional,
                        credentials,
                        timeout)
                .build();
        Optional<URI> iamEndpoint = fieldgate.endpoint("iam");
        this.iam = configure(
                        IamClient.builder(),
                        iamEndpoint,
                        iamEndpoint.isPresent() ? regional : iamRegion(region),
                        credentials,
                        timeout)
                .build();
        Optional<URI> s3Endpoint = fieldgate.endpoint("s3");
        // An endpoint override (the local stack) takes bucket names in the path, not in the host name.
        this.s3 = configure(S3Client.builder(), s3Endpoint, regional, credentials, timeout)
                .forcePathStyle(s3Endpoint.isPresent())
                .build();
    }

    public StsClient sts() {
        return sts;
    }

    public AppSyncClient appSync() {
        return appSync;
    }

    public CognitoIdentityClient cognitoIdentity() {
        return cognitoIdentity;
    }

    public IamClient iam() {
        return iam;
    }

    public S3Client s3() {
        return s3;
    }

    @Override
    public void close() {
        sts.close();
        appSync.close();
        cognitoIdentity.close();
        iam.close();
        s3.close();
    }

    private static <B extends AwsClientBuilder<B, ?>> B configure(
            B builder, Optional<URI> endpoint, Region region, AwsCredentialsProvider credentials, Duration timeout) {
        builder.region(region)
                .credentialsProvider(credentials)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(timeout)
                        .build());
        if (builder instanceof AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClientBuilder(UrlConnectionHttpClient.builder());
        }
        endpoint.ifPresent(builder::endpointOverride);
        return builder;
    }

    /** IAM is global: its endpoint and signing region belong to the partition, not to the API's region. */
    private static Region iamRegion(String region) {
        if (region.startsWith("cn-")) {
            return Region.AWS_CN_GLOBAL;
        }
        if (region.startsWith("us-gov-")) {
            return Region.AWS_US_GOV_GLOBAL;
        }
        return Region.AWS_GLOBAL;
    }
}
