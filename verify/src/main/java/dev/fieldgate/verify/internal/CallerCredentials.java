package dev.fieldgate.verify.internal;

import dev.fieldgate.config.FieldgateOutputs;
import dev.fieldgate.verify.VerifyException;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * The credentials the checks sign with when none were given: for a local stack's outputs file, the local
 * administrator's key from the credentials file it names; otherwise the AWS SDK's default chain. And a failure to
 * find any that says which variables to set.
 */
public final class CallerCredentials {

    private CallerCredentials() {}

    /** The default credentials for an environment's outputs. */
    public static AwsCredentialsProvider defaultFor(FieldgateOutputs outputs) {
        if (outputs.isLocal() && outputs.adminCredentials().isPresent()) {
            Path file = Path.of(outputs.adminCredentials().get());
            if (!Files.isRegularFile(file)) {
                throw new VerifyException("the local stack's admin credentials file " + file + " (named by the "
                        + "outputs file) is missing: start the stack again with ./fieldgate local, or set "
                        + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY to its admin key");
            }
            return ProfileCredentialsProvider.builder()
                    .profileFile(ProfileFile.builder()
                            .content(file)
                            .type(ProfileFile.Type.CREDENTIALS)
                            .build())
                    .profileName(FieldgateOutputs.LOCAL_ADMIN_PROFILE)
                    .build();
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /**
     * Resolves the credentials once, before any call.
     *
     * @throws VerifyException naming the variables to set when there are none
     */
    public static void requirePresent(AwsCredentialsProvider credentials, FieldgateOutputs outputs) {
        try {
            credentials.resolveCredentials();
        } catch (SdkClientException e) {
            throw new VerifyException(
                    "no AWS credentials to sign with: set AWS_ACCESS_KEY_ID and "
                            + "AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary credentials), or AWS_PROFILE or "
                            + "--profile NAME for a profile of ~/.aws/credentials"
                            + (outputs.isLocal()
                                    ? "; this outputs file is a local stack's but names no admin credentials file (start it"
                                            + " with ./fieldgate local to write one)"
                                    : ""),
                    e);
        }
    }
}
