package dev.fieldgate.verify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoleGrantsTest {

    private static final String API = "arn:aws:appsync:us-east-1:123456789012:apis/abc123";
    private static final List<String> GRANTS =
            List.of("types/Query/fields/listPins", "types/Pin/fields/id", "types/Pin/fields/title");
    private static final List<String> SCHEMA = List.of(
            "types/Query/fields/listPins",
            "types/Query/fields/getPin",
            "types/Pin/fields/id",
            "types/Pin/fields/title",
            "types/Pin/fields/ownerContact",
            "types/Mutation/fields/deletePin");

    private static RoleGrants.Findings compare(String... documents) {
        List<RoleGrants.PolicySource> policies = new java.util.ArrayList<>();
        for (int i = 0; i < documents.length; i++) {
            policies.add(new RoleGrants.PolicySource("policy-" + (i + 1), documents[i]));
        }
        return RoleGrants.compare(API, GRANTS, SCHEMA, policies);
    }

    private static String allow(String... resources) {
        return statementDocument("Allow", "\"appsync:GraphQL\"", resources);
    }

    private static String statementDocument(String effect, String action, String... resources) {
        StringBuilder list = new StringBuilder();
        for (String resource : resources) {
            list.append(list.isEmpty() ? "" : ",").append('"').append(resource).append('"');
        }
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"" + effect + "\",\"Action\":" + action
                + ",\"Resource\":[" + list + "]}]}";
    }

    @Test
    void exactlyTheGrantsPass() {
        RoleGrants.Findings findings = compare(
                allow(API + "/types/Query/fields/listPins", API + "/types/Pin/fields/id"),
                allow(API + "/types/Pin/fields/title"));
        assertThat(findings.failures()).isEmpty();
        assertThat(findings.warnings()).isEmpty();
        assertThat(findings.granted()).hasSize(3);
    }

    @Test
    void anExtraFieldOrAnotherApisFieldIsAFailureNamingTheArn() {
        String other = "arn:aws:appsync:us-east-1:123456789012:apis/other/types/Query/fields/x";
        RoleGrants.Findings findings = compare(allow(
                API + "/types/Query/fields/listPins",
                API + "/types/Pin/fields/id",
                API + "/types/Pin/fields/title",
                API + "/types/Pin/fields/ownerContact",
                other));
        assertThat(findings.failures())
                .containsExactly(
                        "extra grant " + API
                                + "/types/Pin/fields/ownerContact (policy-1): the manifest does not grant it to "
                                + "this role",
                        "extra grant " + other + " (policy-1): the manifest does not grant it to this role");
    }

    @Test
    void aMissingGrantIsAFailure() {
        RoleGrants.Findings findings =
                compare(allow(API + "/types/Query/fields/listPins", API + "/types/Pin/fields/id"));
        assertThat(findings.failures()).containsExactly("missing grant " + API + "/types/Pin/fields/title");
    }

    @Test
    void aDenyStatementRemovesAGrant() {
        RoleGrants.Findings findings = compare(
                allow(
                        API + "/types/Query/fields/listPins",
                        API + "/types/Pin/fields/id",
                        API + "/types/Pin/fields/title"),
                statementDocument("Deny", "\"appsync:*\"", API + "/types/Pin/*"));
        assertThat(findings.failures())
                .containsExactly(
                        "missing grant " + API + "/types/Pin/fields/id (allowed, but a Deny statement removes it)",
                        "missing grant " + API + "/types/Pin/fields/title (allowed, but a Deny statement removes it)");
    }

    @Test
    void aDenyOfFieldsOutsideTheGrantsChangesNothing() {
        RoleGrants.Findings findings = compare(
                allow(
                        API + "/types/Query/fields/listPins",
                        API + "/types/Pin/fields/id",
                        API + "/types/Pin/fields/title"),
                statementDocument("Deny", "\"*\"", API + "/types/Mutation/*"));
        assertThat(findings.failures()).isEmpty();
    }

    @Test
    void aWideningWildcardIsAFailureNamingWhatItReaches() {
        RoleGrants.Findings findings =
                compare(allow(API + "/types/Query/fields/listPins", API + "/types/Pin/fields/*"));
        assertThat(findings.failures())
                .singleElement()
                .asString()
                .startsWith("wildcard " + API + "/types/Pin/fields/* (policy-1) widens the grant to Pin.ownerContact,")
                .endsWith("fields the schema does not have or other APIs");
    }

    @Test
    void everyWildcardFormWidens() {
        assertThat(compare(statementDocument("Allow", "\"*\"", "*")).failures())
                .anyMatch(f -> f.startsWith("wildcard * (policy-1) widens the grant to Mutation.deletePin"));
        assertThat(compare(statementDocument("Allow", "[\"appsync:Graph*\"]", "arn:aws:appsync:*:123456789012:apis/*"))
                        .failures())
                .anyMatch(f -> f.contains("widens the grant"));
        assertThat(compare(allow(
                                API + "/types/Query/fields/list*",
                                API + "/types/Pin/fields/id",
                                API + "/types/Pin/fields/title"))
                        .failures())
                .singleElement()
                .asString()
                .contains("widens the grant to fields the schema does not have");
    }

    @Test
    void aWildcardThatReachesOnlyGrantedFieldsIsAWarning() {
        RoleGrants.Findings findings = compare(allow(
                API + "/types/Query/fields/listPins", API + "/types/Pin/fields/id", API + "/types/Pin/fields/t?tle"));
        assertThat(findings.failures()).isEmpty();
        assertThat(findings.warnings())
                .containsExactly("wildcard " + API + "/types/Pin/fields/t?tle (policy-1) "
                        + "matches only granted fields today; exact field ARNs are safer");
    }

    @Test
    void notActionAndNotResourceAllowsAreFailures() {
        String notAction = "{\"Statement\":{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":[\"" + API
                + "/types/Query/fields/listPins\"]}}";
        assertThat(compare(notAction, allow(API + "/types/Pin/fields/id", API + "/types/Pin/fields/title"))
                        .failures())
                .containsExactly("policy-1 allows every action except iam:*, which includes appsync:GraphQL: list "
                        + "appsync:GraphQL and exact field ARNs instead");
        String notResource = "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"appsync:GraphQL\",\"NotResource\":\""
                + API + "/types/Mutation/*\"}}";
        assertThat(compare(notResource).failures())
                .first()
                .asString()
                .startsWith("policy-1 allows appsync:GraphQL on everything except");
    }

    @Test
    void otherActionsAndConditionsAreWarnings() {
        String s3 = statementDocument("Allow", "\"s3:GetObject\"", "arn:aws:s3:::bucket/*");
        String conditional = "{\"Statement\":[{\"Sid\":\"Fields\",\"Effect\":\"Allow\",\"Action\":\"appsync:GraphQL\","
                + "\"Resource\":[\"" + API + "/types/Query/fields/listPins\",\"" + API + "/types/Pin/fields/id\",\""
                + API + "/types/Pin/fields/title\"],\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}}}]}";
        RoleGrants.Findings findings = compare(s3, conditional);
        assertThat(findings.failures()).isEmpty();
        assertThat(findings.warnings())
                .containsExactly(
                        "policy-1 also allows s3:GetObject on arn:aws:s3:::bucket/*; the kit's roles need appsync:GraphQL only",
                        "policy-2 (Fields) grants appsync:GraphQL under a condition; counted as granted");
    }

    @Test
    void aMalformedDocumentIsAFailureAndIamsUrlEncodingIsUndone() {
        assertThat(compare("not json").failures()).contains("policy-1: the policy document is not valid JSON");
        assertThat(RoleGrants.decodeDocument("%7B%22Statement%22%3A%5B%5D%7D")).isEqualTo("{\"Statement\":[]}");
        assertThat(RoleGrants.decodeDocument(" {\"a\":\"x+y\"}")).isEqualTo("{\"a\":\"x+y\"}");
    }
}
