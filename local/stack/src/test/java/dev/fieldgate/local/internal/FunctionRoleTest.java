package dev.fieldgate.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.local.core.internal.iam.RolePolicies;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The resolver function's role: its tables, and the objects of the app's buckets (for the URLs it presigns), and
 * nothing else.
 */
class FunctionRoleTest {

    static final String ROLE = "arn:aws:iam::123456789012:role/moments-local-resolvers";
    static final String PHOTOS = "arn:aws:s3:::moments-local-photos";

    static RolePolicies policies(List<String> buckets) {
        FunctionRole role = new FunctionRole(
                "moments-local-resolvers", "123456789012", "us-east-1", List.of(), "moments-local-", buckets);
        assertThat(role.arn()).isEqualTo(ROLE);
        return RolePolicies.of(Map.of()).withRole(role.arn(), role.policies());
    }

    @Test
    void theFunctionReadsWritesAndDeletesTheObjectsOfTheAppsBucketsOnly() {
        RolePolicies policies = policies(List.of(PHOTOS));
        for (String action : List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject")) {
            assertThat(policies.evaluate(ROLE, action, PHOTOS + "/photos/sub-1/a.jpg")
                            .isAllowed())
                    .as(action)
                    .isTrue();
            assertThat(policies.evaluate(ROLE, action, "arn:aws:s3:::another-bucket/a.jpg")
                            .isAllowed())
                    .as(action + " elsewhere")
                    .isFalse();
        }
        assertThat(policies.evaluate(ROLE, "s3:ListBucket", PHOTOS).isAllowed()).isFalse();
        assertThat(policies.evaluate(ROLE, "s3:DeleteBucket", PHOTOS).isAllowed())
                .isFalse();
    }

    @Test
    void withoutStorageTheFunctionHasNoS3Access() {
        assertThat(policies(List.of())
                        .evaluate(ROLE, "s3:GetObject", PHOTOS + "/a.jpg")
                        .isAllowed())
                .isFalse();
    }
}
