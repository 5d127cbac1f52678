package dev.fieldgate.samples.moments;

import dev.fieldgate.policy.Manifest;
import dev.fieldgate.resolvers.AppSyncResolver;
import dev.fieldgate.resolvers.ResolverConfigurationException;
import dev.fieldgate.resolvers.dynamodb.DynamoDbSettings;
import dev.fieldgate.resolvers.dynamodb.OwnedTable;
import dev.fieldgate.resolvers.spring.AppSyncFunctions;
import dev.fieldgate.resolvers.storage.PresignedFiles;
import dev.fieldgate.samples.moments.model.Photo;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.utils.Lazy;

/**
 * The moments resolver function's start class ({@code MAIN_CLASS}, and the jar's {@code Start-Class}): a functional
 * Spring context with the router and nothing else. The DynamoDB client and the S3 presigner are made on first use,
 * so a denied call never pays for them.
 *
 * <p>Environment: {@code FIELDGATE_BUCKET_PHOTOS}, the physical name of the bucket {@code photos} that fieldgate.json
 * declares; {@code FIELDGATE_S3_ENDPOINT}, only against a local stack, where S3 is served (path-style) on the stack's
 * port. The local stack sets both; on AWS, set the first in the function's environment.
 *
 * <p>Lambda handler: {@code org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest}.
 */
public final class MomentsApplication implements ApplicationContextInitializer<GenericApplicationContext> {

    /** The photos bucket's physical name. */
    public static final String PHOTOS_BUCKET = "FIELDGATE_BUCKET_PHOTOS";

    /** S3's endpoint when it is not AWS's (a local stack). */
    public static final String S3_ENDPOINT = "FIELDGATE_S3_ENDPOINT";

    @Override
    public void initialize(GenericApplicationContext context) {
        Manifest manifest = AppSyncResolver.manifestFromClasspath();
        DynamoDbSettings settings = DynamoDbSettings.fromEnvironment();
        Lazy<OwnedTable<Photo>> photos = new Lazy<>(() -> OwnedTable.of(
                settings.createEnhancedClient(settings.createClient()), settings, manifest, Photo.class));
        Lazy<PresignedFiles> files = new Lazy<>(MomentsApplication::files);
        AppSyncFunctions.register(
                context,
                () -> AppSyncResolver.builder()
                        .manifest(manifest)
                        .include(MomentsResolvers.router(photos::getValue, files::getValue, Clock.systemUTC()))
                        .build(),
                List.of(() -> photos.getValue().primer().run()));
    }

    static PresignedFiles files() {
        String bucket = setting(PHOTOS_BUCKET);
        if (bucket == null) {
            throw new ResolverConfigurationException(
                    PHOTOS_BUCKET + " is not set: give the function the photos bucket's physical name.");
        }
        S3Presigner.Builder presigner = S3Presigner.builder();
        String endpoint = setting(S3_ENDPOINT);
        if (endpoint != null) {
            presigner.endpointOverride(URI.create(endpoint))
                    .serviceConfiguration(
                            S3Configuration.builder().pathStyleAccessEnabled(true).build());
        }
        return PresignedFiles.builder()
                .presigner(presigner.build())
                .bucket(bucket)
                .keyPrefix("photos/" + PresignedFiles.SUB_TOKEN + "/")
                .contentTypes("image/jpeg", "image/png", "image/webp")
                .maxSize(10L * 1024 * 1024)
                .uploadExpiry(Duration.ofMinutes(5))
                .downloadExpiry(Duration.ofMinutes(15))
                .build();
    }

    /** An environment variable or, when the process has none, the system property of that name. */
    private static String setting(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? null : value;
    }
}
