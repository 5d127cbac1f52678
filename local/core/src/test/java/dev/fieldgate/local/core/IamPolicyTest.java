package dev.fieldgate.local.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldgate.local.core.internal.iam.PolicyDocument;
import dev.fieldgate.local.core.internal.iam.PolicyDocument.Decision;
import dev.fieldgate.local.core.internal.iam.RolePolicies;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IAM's evaluation of identity-based policies for {@code appsync:GraphQL} on field ARNs. */
class IamPolicyTest {

    private static final String API = "arn:aws:appsync:us-east-1:123456789012:apis/abc";
    private static final String GRAPHQL = "appsync:GraphQL";

    private static String field(String type, String field) {
        return API + "/types/" + type + "/fields/" + field;
    }

    private static PolicyDocument policy(String statements) {
        return PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}");
    }

    @Test
    void nothingIsAllowedUnlessAStatementAllowsIt() {
        PolicyDocument document = policy("{\"Effect\":\"Allow\",\"Action\":\"appsync:GraphQL\",\"Resource\":\""
                + field("Query", "getPin") + "\"}");
        assertThat(document.evaluate(GRAPHQL, field("Query", "getPin"))).isEqualTo(Decision.ALLOW);
        assertThat(document.evaluate(GRAPHQL, field("Query", "listPins"))).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(document.evaluate("appsync:ListApiKeys", field("Query", "getPin")))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void wildcardsMatchWithinTheirArnPart() {
        PolicyDocument document = policy("{\"Effect\":\"Allow\",\"Action\":\"appsync:*\",\"Resource\":["
                + "\"arn:aws:appsync:*:123456789012:apis/abc/types/Pin/*\","
                + "\"arn:aws:appsync:us-east-1:123456789012:apis/abc/types/Query/fields/get?in\"]}");
        assertThat(document.evaluate("AppSync:GraphQL", field("Pin", "title"))).isEqualTo(Decision.ALLOW);
        assertThat(document.evaluate(GRAPHQL, field("Query", "getPin"))).isEqualTo(Decision.ALLOW);
        assertThat(document.evaluate(GRAPHQL, field("Query", "getProfile"))).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(document.evaluate(GRAPHQL, field("PinConnection", "items"))).isEqualTo(Decision.IMPLICIT_DENY);
        // A wildcard in the region never swallows the account.
        assertThat(document.evaluate(GRAPHQL, "arn:aws:appsync:us-east-1:999999999999:apis/abc/types/Pin/fields/id"))
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(policy("{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}")
                        .evaluate(GRAPHQL, field("Any", "thing")))
                .isEqualTo(Decision.ALLOW);
    }

    @Test
    void anExplicitDenyWinsOverEveryAllow() {
        PolicyDocument allowAll =
                policy("{\"Effect\":\"Allow\",\"Action\":\"appsync:GraphQL\",\"Resource\":\"" + API + "/*\"}");
        PolicyDocument denyOne = policy("{\"Effect\":\"Deny\",\"Action\":\"appsync:GraphQL\",\"Resource\":\""
                + field("Mutation", "deletePin") + "\"}");
        assertThat(PolicyDocument.evaluate(List.of(allowAll, denyOne), GRAPHQL, field("Mutation", "deletePin")))
                .isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(PolicyDocument.evaluate(List.of(denyOne, allowAll), GRAPHQL, field("Mutation", "createPin")))
                .isEqualTo(Decision.ALLOW);
    }

    @Test
    void notActionNotResourceAndConditionsAreReadConservatively() {
        PolicyDocument notResource = policy("{\"Effect\":\"Allow\",\"Action\":\"appsync:GraphQL\",\"NotResource\":\""
                + field("Mutation", "*") + "\"}");
        assertThat(notResource.evaluate(GRAPHQL, field("Query", "getPin"))).isEqualTo(Decision.ALLOW);
        assertThat(notResource.evaluate(GRAPHQL, field("Mutation", "deletePin")))
                .isEqualTo(Decision.IMPLICIT_DENY);
        PolicyDocument notAction = policy("{\"Effect\":\"Deny\",\"NotAction\":\"appsync:GraphQL\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}");
        assertThat(notAction.evaluate(GRAPHQL, field("Query", "getPin"))).isEqualTo(Decision.ALLOW);
        assertThat(notAction.evaluate("appsync:DeleteGraphqlApi", API)).isEqualTo(Decision.EXPLICIT_DENY);
        // A condition the evaluator cannot check: the Allow never applies, the Deny always does.
        PolicyDocument conditional = policy("{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":"
                + "{\"Bool\":{\"aws:SecureTransport\":\"true\"}}}");
        assertThat(conditional.evaluate(GRAPHQL, field("Query", "getPin"))).isEqualTo(Decision.IMPLICIT_DENY);
        PolicyDocument conditionalDeny = policy("{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"IpAddress\":"
                + "{\"aws:SourceIp\":\"10.0.0.0/8\"}}}");
        assertThat(conditionalDeny.evaluate(GRAPHQL, field("Query", "getPin"))).isEqualTo(Decision.EXPLICIT_DENY);
    }

    @Test
    void invalidPoliciesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> PolicyDocument.parse("not json")).isInstanceOf(LocalConfigException.class);
        assertThatThrownBy(() -> policy("{\"Effect\":\"Maybe\",\"Action\":\"*\",\"Resource\":\"*\"}"))
                .hasMessageContaining("Allow or Deny");
        assertThatThrownBy(() -> policy("{\"Effect\":\"Allow\",\"Resource\":\"*\"}"))
                .hasMessageContaining("Action");
        assertThatThrownBy(() ->
                        policy("{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"," + "\"Principal\":\"*\"}"))
                .hasMessageContaining("Principal");
    }

    @Test
    void grantsBecomeTerraformsChunkedPolicies() {
        List<String> guest = new ArrayList<>();
        for (int i = 0; i < 65; i++) {
            guest.add("types/T/fields/f" + String.format("%02d", i));
        }
        guest.add("types/T/fields/f00");
        RolePolicies policies = RolePolicies.fromGrants(
                guest,
                List.of("types/Query/fields/a"),
                API,
                "pins",
                "arn:aws:iam::123456789012:role/pins-guest",
                "arn:aws:iam::123456789012:role/pins-authenticated");
        List<RolePolicies.NamedPolicy> guestPolicies = policies.policies("arn:aws:iam::123456789012:role/pins-guest");
        assertThat(guestPolicies)
                .extracting(RolePolicies.NamedPolicy::policyName)
                .containsExactly("pins-guest-1-appsync", "pins-guest-2-appsync", "pins-guest-3-appsync");
        assertThat(policies.evaluate("arn:aws:iam::123456789012:role/pins-guest", GRAPHQL, API + "/types/T/fields/f64"))
                .isEqualTo(Decision.ALLOW);
        assertThat(policies.evaluate(
                        "arn:aws:iam::123456789012:role/pins-guest", GRAPHQL, API + "/types/Query/fields/a"))
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(policies.evaluate("arn:aws:iam::123456789012:role/other", GRAPHQL, API + "/types/T/fields/f01"))
                .isEqualTo(Decision.IMPLICIT_DENY);
        // No guest role when the identity pool admits no guests.
        assertThat(RolePolicies.fromGrants(
                                guest,
                                List.of(),
                                API,
                                "pins",
                                null,
                                "arn:aws:iam::123456789012:role/pins-authenticated")
                        .byRole())
                .hasSize(1);
    }
}
