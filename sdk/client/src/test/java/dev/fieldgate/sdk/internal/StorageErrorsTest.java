package dev.fieldgate.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.sdk.FieldgateException;
import dev.fieldgate.sdk.NotAuthenticatedException;
import dev.fieldgate.sdk.NotAuthorizedException;
import dev.fieldgate.sdk.storage.ObjectNotFoundException;
import dev.fieldgate.sdk.storage.StorageAccess;
import dev.fieldgate.sdk.storage.StorageBucket;
import dev.fieldgate.sdk.storage.StorageConfig;
import dev.fieldgate.sdk.storage.StorageConfigException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** S3's error answers, as the AWS SDK raises them, become the SDK's exceptions with what to fix. */
class StorageErrorsTest {

    private static final String ALICE = "us-east-1:1b7c6a52-0000-4000-8000-00000000a11c";
    private static final String BOB = "us-east-1:2c8d7b63-0000-4000-8000-000000000b0b";
    private static final StorageBucket FILES =
            StorageConfig.fromOutputsJson("""
                    {"storage": {"aws_region": "us-east-1", "bucket_name": "app-files", "buckets": [{
                      "name": "files", "bucket_name": "app-files", "aws_region": "us-east-1",
                      "paths": {"public/*": {"guest": ["get", "list"], "authenticated": ["get", "list", "write"]},
                                "private/{entity_id}/*": {"entityidentity": ["get", "list", "write", "delete"]}}}]}}
                    """).defaultBucket();

    private static S3Exception s3(int status, String code, String message) {
        return (S3Exception) S3Exception.builder()
                .statusCode(status)
                .requestId("req-1")
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .serviceName("S3")
                        .build())
                .build();
    }

    @Test
    void accessDeniedOnAnotherIdentitysPrivatePathNamesTheRuleAndBothIdentities() {
        String key = "private/" + BOB + "/diary.txt";
        FieldgateException e = StorageErrors.map(
                s3(403, "AccessDenied", "Access Denied"),
                "GetObject",
                StorageAccess.GET,
                key,
                FILES,
                new StorageErrors.Caller(false, ALICE));

        assertThat(e).isInstanceOf(NotAuthorizedException.class);
        assertThat(e.errorType()).contains("AccessDenied");
        assertThat(e.statusCode()).isEqualTo(403);
        assertThat(e.requestId()).contains("req-1");
        assertThat(e.getMessage())
                .contains("S3 refused GetObject on '" + key + "' in bucket files (AccessDenied: Access Denied)")
                .contains("The path rule private/{entity_id}/*")
                .contains("lets only the owner get under private/" + BOB + "/")
                .contains("this caller is identity " + ALICE)
                .contains("StorageClient.privatePath()");
    }

    @Test
    void aGuestWritingThePublicPathIsToldToSignIn() {
        FieldgateException e = StorageErrors.map(
                s3(403, "AccessDenied", "Access Denied"),
                "PutObject",
                StorageAccess.WRITE,
                "public/x.txt",
                FILES,
                new StorageErrors.Caller(true, "us-east-1:guest-0001"));

        assertThat(e).isInstanceOf(NotAuthorizedException.class);
        assertThat(e.getMessage()).contains("does not let guests write: sign in first");
    }

    @Test
    void aPathOnlyAGroupMayWriteNamesTheGroupAndTheGroupTheCallersCredentialsCarry() {
        StorageBucket shared = StorageConfig.fromOutputsJson("""
                        {"storage": {"aws_region": "us-east-1", "bucket_name": "app-files", "buckets": [{
                          "name": "files", "bucket_name": "app-files", "aws_region": "us-east-1",
                          "paths": {"shared/*": {"authenticated": ["get"], "groupseditors": ["write"]}}}]}}
                        """).defaultBucket();

        String outside = StorageErrors.refusal(
                StorageAccess.WRITE, "shared/a.txt", shared, new StorageErrors.Caller(false, ALICE));
        assertThat(outside)
                .contains("The path rule shared/* (guests: nothing; signed-in users: get; group editors: write)")
                .contains("lets only group editors write there")
                .contains("identity " + ALICE + "'s credentials carry no group's role (its groups: [])")
                .contains("add the user to that group in the user pool and sign in again");
        String otherGroup = StorageErrors.refusal(
                StorageAccess.WRITE,
                "shared/a.txt",
                shared,
                new StorageErrors.Caller(false, ALICE, "auditors", java.util.List.of("auditors", "editors")));
        assertThat(otherGroup)
                .contains("carry group auditors's role, its lowest-precedence group with a role (its groups:"
                        + " [auditors, editors])");
        String member = StorageErrors.refusal(
                StorageAccess.WRITE,
                "shared/a.txt",
                shared,
                new StorageErrors.Caller(false, ALICE, "editors", java.util.List.of("editors")));
        assertThat(member).contains("lets group editors write, but the group's role does not: deploy");
    }

    @Test
    void signaturesClocksMissingKeysAndBucketsSayWhatToFix() {
        StorageErrors.Caller alice = new StorageErrors.Caller(false, ALICE);
        assertThat(StorageErrors.map(
                        s3(403, "SignatureDoesNotMatch", "The request signature we calculated does not match"),
                        "PutObject",
                        StorageAccess.WRITE,
                        "public/a",
                        FILES,
                        alice))
                .isInstanceOfSatisfying(
                        NotAuthenticatedException.class,
                        n -> assertThat(n.reason()).isEqualTo(NotAuthenticatedException.Reason.INVALID_SIGNATURE));
        assertThat(StorageErrors.map(
                                s3(403, "RequestTimeTooSkewed", "too skewed"),
                                "GetObject",
                                StorageAccess.GET,
                                "public/a",
                                FILES,
                                alice)
                        .getMessage())
                .contains("clock is more than 15 minutes off");
        assertThat(StorageErrors.map(
                        s3(404, "NoSuchKey", "The specified key does not exist."),
                        "GetObject",
                        StorageAccess.GET,
                        "public/a",
                        FILES,
                        alice))
                .isInstanceOfSatisfying(
                        ObjectNotFoundException.class, n -> assertThat(n.key()).isEqualTo("public/a"));
        assertThat(StorageErrors.map(
                        s3(404, "NoSuchBucket", "The specified bucket does not exist"),
                        "GetObject",
                        StorageAccess.GET,
                        "public/a",
                        FILES,
                        alice))
                .isInstanceOf(StorageConfigException.class)
                .hasMessageContaining("deploy the storage module");
    }
}
