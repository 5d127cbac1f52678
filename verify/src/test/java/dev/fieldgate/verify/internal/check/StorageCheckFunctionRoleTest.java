package dev.fieldgate.verify.internal.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.policy.StoragePolicy;
import dev.fieldgate.verify.internal.RoleGrants;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The function half of the storage check: the resolver function's execution role, found by the function the API's
 * Lambda data source calls, is granted exactly the statements of the paths {@code fieldgate.json} declares for
 * {@code "function"}; the blanket grant on every object of a bucket is drift.
 */
class StorageCheckFunctionRoleTest {

    static final StoragePolicy MOMENTS = StoragePolicy.parse("""
            {"buckets": [{"name": "photos", "paths": {
              "photos/*": {"function": ["get", "write", "delete"]},
              "private/{identity}/*": {"owner": ["read", "write", "delete"]}
            }}]}""");

    static final String ARN = "arn:aws:s3:::moments-dev-photos-111122223333";

    static RoleGrants.Findings compare(String policyJson) {
        return StorageCheck.functionRoleFindings(
                MOMENTS,
                name -> ARN,
                List.of(new RoleGrants.PolicySource("inline policy moments-dev-storage", policyJson)));
    }

    @Test
    void theRoleTerraformAttachesPasses() {
        RoleGrants.Findings findings = compare("""
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "GetObjectPhotos", "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["%1$s/photos/*"]},
                  {"Sid": "PutObjectPhotos", "Effect": "Allow", "Action": ["s3:PutObject"], "Resource": ["%1$s/photos/*"]},
                  {"Sid": "AbortMultipartUploadPhotos", "Effect": "Allow", "Action": ["s3:AbortMultipartUpload"],
                   "Resource": ["%1$s/photos/*"]},
                  {"Sid": "DeleteObjectPhotos", "Effect": "Allow", "Action": ["s3:DeleteObject"], "Resource": ["%1$s/photos/*"]},
                  {"Sid": "AppTables", "Effect": "Allow", "Action": ["dynamodb:GetItem"], "Resource": ["arn:aws:dynamodb:*"]}
                ]}""".formatted(ARN));

        assertThat(findings.failures()).isEmpty();
        assertThat(findings.granted()).hasSize(4);
    }

    @Test
    void aGrantOnEveryObjectOfTheBucketIsDriftAndTheDeclaredOnesAreMissing() {
        RoleGrants.Findings findings = compare("""
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "AppBucketObjects", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
                   "Resource": ["%s/*"]}
                ]}""".formatted(ARN));

        assertThat(findings.failures())
                .anyMatch(f -> f.startsWith("extra grant") && f.contains(ARN + "/*") && f.contains("function role"))
                .anyMatch(f -> f.equals("missing grant s3:PutObject on " + ARN + "/photos/*"));
    }

    @Test
    void theFunctionIsNamedByTheLambdaArnOfTheDataSource() {
        assertThat(StorageCheck.functionName(
                        "arn:aws:lambda:us-east-1:111122223333:function:moments-dev-resolvers:live"))
                .contains("moments-dev-resolvers");
        assertThat(StorageCheck.functionName("arn:aws:lambda:us-east-1:111122223333:function:moments-dev-resolvers"))
                .contains("moments-dev-resolvers");
        assertThat(StorageCheck.functionName("not-an-arn")).isEqualTo(Optional.empty());
    }
}
