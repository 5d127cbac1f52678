package dev.fieldgate.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.local.core.internal.iam.RolePolicies;
import dev.fieldgate.policy.StoragePolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The resolver function's role: its tables, and the objects of the bucket paths {@code fieldgate.json} declares for
 * {@code "function"} (for the URLs it presigns), and nothing else.
 */
class FunctionRoleTest {

    static final String ROLE = "arn:aws:iam::123456789012:role/moments-local-resolvers";
    static final String PHOTOS = "arn:aws:s3:::moments-local-photos";

    static final String DECLARED = """
            {"buckets": [{"name": "photos", "paths": {
              "photos/*": {"function": ["get", "write", "delete"]},
              "private/{identity}/*": {"owner": ["read", "write", "delete"]}
            }}]}""";

    static RolePolicies policies(StoragePolicy storage) {
        FunctionRole role = new FunctionRole(
                "moments-local-resolvers",
                "123456789012",
                "us-east-1",
                List.of(),
                "moments-local-",
                storage,
                name -> "arn:aws:s3:::moments-local-" + name);
        assertThat(role.arn()).isEqualTo(ROLE);
        return RolePolicies.of(Map.of()).withRole(role.arn(), role.policies());
    }

    @Test
    void theFunctionReadsWritesAndDeletesTheObjectsOfThePathsDeclaredForItOnly() {
        RolePolicies policies = policies(StoragePolicy.parse(DECLARED));
        for (String action : List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject")) {
            assertThat(policies.evaluate(ROLE, action, PHOTOS + "/photos/sub-1/a.jpg")
                            .isAllowed())
                    .as(action)
                    .isTrue();
            // Deny by default: a path of the same bucket that is not declared for the function.
            assertThat(policies.evaluate(ROLE, action, PHOTOS + "/private/sub-1/a.jpg")
                            .isAllowed())
                    .as(action + " on a path not declared for the function")
                    .isFalse();
            assertThat(policies.evaluate(ROLE, action, "arn:aws:s3:::another-bucket/photos/a.jpg")
                            .isAllowed())
                    .as(action + " elsewhere")
                    .isFalse();
        }
        assertThat(policies.evaluate(ROLE, "s3:ListBucket", PHOTOS).isAllowed()).isFalse();
        assertThat(policies.evaluate(ROLE, "s3:DeleteBucket", PHOTOS).isAllowed())
                .isFalse();
    }

    @Test
    void bucketsWithoutAFunctionDeclarationGiveTheFunctionNothing() {
        RolePolicies policies = policies(
                StoragePolicy.parse(
                        "{\"buckets\": [{\"name\": \"photos\", \"paths\": {\"private/{identity}/*\": {\"owner\": [\"read\"]}}}]}"));
        for (String action : List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject")) {
            assertThat(policies.evaluate(ROLE, action, PHOTOS + "/private/sub-1/a.jpg")
                            .isAllowed())
                    .as(action)
                    .isFalse();
        }
    }

    @Test
    void withoutStorageTheFunctionHasNoS3Access() {
        assertThat(policies(StoragePolicy.none())
                        .evaluate(ROLE, "s3:GetObject", PHOTOS + "/a.jpg")
                        .isAllowed())
                .isFalse();
    }
}
