package dev.fieldgate.local.core.internal.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyConditionsTest {

    private static final PolicyDocument OWNER = PolicyDocument.parse("""
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": ["s3:GetObject"],
               "Resource": ["arn:aws:s3:::files/private/${cognito-identity.amazonaws.com:sub}/*"]},
              {"Effect": "Allow", "Action": ["s3:ListBucket"], "Resource": ["arn:aws:s3:::files"],
               "Condition": {"StringLike": {"s3:prefix": ["private/${cognito-identity.amazonaws.com:sub}/",
                                                          "private/${cognito-identity.amazonaws.com:sub}/*"]}}}
            ]}""");

    private static PolicyDocument.RequestContext as(String identity, Map<String, String> keys) {
        return new PolicyDocument.RequestContext(Map.of("cognito-identity.amazonaws.com:sub", identity), keys);
    }

    @Test
    void thePolicyVariableLimitsAnIdentityToItsOwnPath() {
        String a = "us-east-1:aaaa";
        assertThat(PolicyDocument.evaluate(
                        List.of(OWNER), "s3:GetObject", "arn:aws:s3:::files/private/" + a + "/x", as(a, Map.of())))
                .isEqualTo(PolicyDocument.Decision.ALLOW);
        assertThat(PolicyDocument.evaluate(
                        List.of(OWNER), "s3:GetObject", "arn:aws:s3:::files/private/us-east-1:bbbb/x", as(a, Map.of())))
                .isEqualTo(PolicyDocument.Decision.IMPLICIT_DENY);
        // Without the variable's value (no identity) nothing is allowed.
        assertThat(PolicyDocument.evaluate(
                        List.of(OWNER),
                        "s3:GetObject",
                        "arn:aws:s3:::files/private/" + a + "/x",
                        PolicyDocument.RequestContext.NONE))
                .isEqualTo(PolicyDocument.Decision.IMPLICIT_DENY);
    }

    @Test
    void listingIsAllowedForTheOwnPrefixOnly() {
        String a = "us-east-1:aaaa";
        assertThat(PolicyDocument.evaluate(
                        List.of(OWNER),
                        "s3:ListBucket",
                        "arn:aws:s3:::files",
                        as(a, Map.of("s3:prefix", "private/" + a + "/"))))
                .isEqualTo(PolicyDocument.Decision.ALLOW);
        assertThat(PolicyDocument.evaluate(
                        List.of(OWNER), "s3:ListBucket", "arn:aws:s3:::files", as(a, Map.of("s3:prefix", "private/"))))
                .isEqualTo(PolicyDocument.Decision.IMPLICIT_DENY);
        assertThat(PolicyDocument.evaluate(List.of(OWNER), "s3:ListBucket", "arn:aws:s3:::files", as(a, Map.of())))
                .isEqualTo(PolicyDocument.Decision.IMPLICIT_DENY);
        // Without a context a conditional Allow never applies, as before.
        assertThat(OWNER.evaluate("s3:ListBucket", "arn:aws:s3:::files"))
                .isEqualTo(PolicyDocument.Decision.IMPLICIT_DENY);
    }

    @Test
    void aNegatedConditionDeniesWhenItsValueDiffers() {
        PolicyDocument deny = PolicyDocument.parse("""
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
                  {"Effect": "Deny", "Action": "s3:ListBucket", "Resource": "*",
                   "Condition": {"StringNotEquals": {"s3:delimiter": "/"}}}]}""");

        assertThat(PolicyDocument.evaluate(
                        List.of(deny), "s3:ListBucket", "arn:aws:s3:::files", as("x", Map.of("s3:delimiter", "/"))))
                .isEqualTo(PolicyDocument.Decision.ALLOW);
        assertThat(PolicyDocument.evaluate(
                        List.of(deny), "s3:ListBucket", "arn:aws:s3:::files", as("x", Map.of("s3:delimiter", ","))))
                .isEqualTo(PolicyDocument.Decision.EXPLICIT_DENY);
    }
}
