package dev.fieldgate.verify.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldgate.policy.ApiAuthorization;
import dev.fieldgate.verify.VerifyException;
import org.junit.jupiter.api.Test;

class SchemaDiffTest {

    private static final ApiAuthorization API = ApiAuthorization.kitDefault();

    private static final String BASE = """
            schema { query: Query mutation: Mutation subscription: Subscription }

            "A pin."
            type Pin @aws_cognito_user_pools @aws_iam {
              id: ID!
              title: String!
              tags(first: Int = 10): [String!]!
              ownerContact: AWSEmail @aws_cognito_user_pools(cognito_groups: ["Admins", "Owners"])
              kind: Kind
            }

            enum Kind { PHOTO DRAWING }

            input CreatePinInput { title: String! kind: Kind = PHOTO }

            type Query {
              getPin(id: ID!): Pin @aws_cognito_user_pools @aws_iam
            }

            type Mutation {
              createPin(input: CreatePinInput!): Pin!
            }

            type Subscription {
              onCreatePin: Pin @aws_subscribe(mutations: ["createPin"]) @aws_cognito_user_pools @aws_iam
            }
            """;

    private static java.util.List<String> diff(String deployed) {
        return SchemaDiff.compare(BASE, deployed, API);
    }

    @Test
    void orderWhitespaceCommentsDescriptionsAndDirectivePlacementAreNoDifference() {
        String reordered = """
                # deployed by hand, reformatted
                type Subscription { onCreatePin: Pin @aws_iam @aws_cognito_user_pools @aws_subscribe(mutations: ["createPin"]) }
                type Mutation { createPin(input: CreatePinInput!): Pin! }
                type Query { getPin(id: ID!): Pin @aws_iam @aws_cognito_user_pools }
                input CreatePinInput { kind: Kind = PHOTO, title: String! }
                enum Kind { DRAWING PHOTO }
                "Another description."
                type Pin {
                  kind: Kind @aws_iam @aws_cognito_user_pools
                  ownerContact: AWSEmail @aws_cognito_user_pools(cognito_groups: ["Owners", "Admins"])
                  tags(first: Int = 10): [String!]! @aws_cognito_user_pools @aws_iam
                  title: String! @aws_cognito_user_pools @aws_iam
                  id: ID! @aws_iam @aws_cognito_user_pools
                }
                scalar AWSEmail
                directive @aws_iam on FIELD_DEFINITION | OBJECT
                schema { subscription: Subscription query: Query mutation: Mutation }
                """;
        assertThat(diff(reordered)).isEmpty();
        assertThat(diff(BASE)).isEmpty();
    }

    @Test
    void aChangedFieldTypeIsReportedWithBothTypes() {
        assertThat(diff(BASE.replace("title: String!\n", "title: String\n")))
                .containsExactly("Pin.title: expected type String!, deployed String");
    }

    @Test
    void missingAndExtraFieldsAndTypesAreReported() {
        String deployed = BASE.replace("  kind: Kind\n", "  secret: String\n")
                        .replace("enum Kind { PHOTO DRAWING }", "")
                        .replace("kind: Kind = PHOTO", "")
                + "\ntype Extra { x: Int }\n";
        assertThat(diff(deployed))
                .containsExactly(
                        "CreatePinInput.kind: expected kind: Kind = PHOTO, deployed none",
                        "Extra: expected none, deployed object type {x}",
                        "Kind: expected enum {DRAWING PHOTO}, deployed none",
                        "Pin.kind: expected kind: Kind, deployed none",
                        "Pin.secret: expected none, deployed secret: String");
    }

    @Test
    void argumentsTheirTypesAndDefaultsAreCompared() {
        assertThat(diff(BASE.replace("getPin(id: ID!)", "getPin(id: String!)")))
                .containsExactly("Query.getPin(id:): expected id: ID!, deployed id: String!");
        assertThat(diff(BASE.replace("tags(first: Int = 10)", "tags(first: Int = 50)")))
                .containsExactly("Pin.tags(first:): expected first: Int = 10, deployed first: Int = 50");
        assertThat(diff(BASE.replace("getPin(id: ID!)", "getPin(id: ID!, all: Boolean)")))
                .containsExactly("Query.getPin(all:): expected none, deployed argument all: Boolean");
    }

    @Test
    void enumValuesInputFieldsAndUnionMembersAreCompared() {
        assertThat(diff(BASE.replace("enum Kind { PHOTO DRAWING }", "enum Kind { PHOTO }")))
                .containsExactly("Kind values: expected DRAWING PHOTO, deployed PHOTO");
        assertThat(diff(BASE.replace("kind: Kind = PHOTO", "kind: Kind = DRAWING")))
                .containsExactly("CreatePinInput.kind: expected default PHOTO, deployed DRAWING");
        assertThat(diff(BASE.replace("input CreatePinInput { title: String!", "input CreatePinInput { title: String")))
                .containsExactly("CreatePinInput.title: expected type String!, deployed String");
    }

    @Test
    void unionMembersAreComparedAndAuthDirectivesByAccessInSchemasWithUnions() {
        String withUnion = BASE + "\nunion Thing = Pin\n";
        assertThat(SchemaDiff.compare(withUnion, withUnion, API)).isEmpty();
        assertThat(SchemaDiff.compare(withUnion, BASE + "\nunion Thing = Pin | Query\n", API))
                .containsExactly("Thing members: expected Pin, deployed Pin Query");
        assertThat(SchemaDiff.compare(
                        withUnion,
                        withUnion.replace(
                                "getPin(id: ID!): Pin @aws_cognito_user_pools @aws_iam",
                                "getPin(id: ID!): Pin @aws_iam"),
                        API))
                .containsExactly(
                        "Query.getPin: expected access @aws_cognito_user_pools @aws_iam, deployed " + "@aws_iam");
    }

    @Test
    void aKindChangeIsOneDifference() {
        assertThat(diff(BASE.replace("enum Kind { PHOTO DRAWING }", "type Kind { id: ID }")))
                .hasSize(1)
                .first()
                .asString()
                .startsWith("Kind: expected enum {DRAWING PHOTO}, deployed object type");
    }

    @Test
    void authDirectivesAreComparedByTheAccessTheyGive() {
        assertThat(diff(BASE.replace(
                        "getPin(id: ID!): Pin @aws_cognito_user_pools @aws_iam",
                        "getPin(id: ID!): Pin @aws_cognito_user_pools")))
                .containsExactly("Query.getPin: expected access @aws_cognito_user_pools @aws_iam, deployed "
                        + "@aws_cognito_user_pools");
        // A type directive reaches every field without one of its own.
        assertThat(diff(BASE.replace(
                        "type Pin @aws_cognito_user_pools @aws_iam {", "type Pin @aws_cognito_user_pools {")))
                .contains(
                        "Pin.id: expected access @aws_cognito_user_pools @aws_iam, deployed @aws_cognito_user_pools",
                        "Pin.title: expected access @aws_cognito_user_pools @aws_iam, deployed "
                                + "@aws_cognito_user_pools")
                .noneMatch(line -> line.startsWith("Pin.ownerContact"));
    }

    @Test
    void cognitoGroupsAreCompared() {
        assertThat(diff(BASE.replace("cognito_groups: [\"Admins\", \"Owners\"]", "cognito_groups: [\"Admins\"]")))
                .containsExactly("Pin.ownerContact: expected access @aws_cognito_user_pools(cognito_groups: "
                        + "[\"Admins\", \"Owners\"]), deployed @aws_cognito_user_pools(cognito_groups: [\"Admins\"])");
    }

    @Test
    void otherDirectivesAreComparedAsWritten() {
        assertThat(diff(BASE.replace("mutations: [\"createPin\"]", "mutations: [\"createPin\", \"deletePin\"]")))
                .containsExactly("Subscription.onCreatePin directives: expected @aws_subscribe(mutations: "
                        + "[\"createPin\"]), deployed @aws_subscribe(mutations: [\"createPin\", \"deletePin\"])");
    }

    @Test
    void rootOperationTypesAreCompared() {
        assertThat(diff(BASE.replace("subscription: Subscription }", "}")))
                .containsExactly("schema.subscription: expected Subscription, deployed none");
    }

    @Test
    void authDirectivesInvalidForTheApisModesAreComparedAsWritten() {
        assertThat(diff(BASE.replace(
                        "getPin(id: ID!): Pin @aws_cognito_user_pools @aws_iam", "getPin(id: ID!): Pin @aws_api_key")))
                .containsExactly("Query.getPin auth directives: expected @aws_cognito_user_pools @aws_iam, "
                        + "deployed @aws_api_key");
    }

    @Test
    void aDeployedSchemaThatIsNotGraphQlIsAnError() {
        assertThatThrownBy(() -> diff("type {"))
                .isInstanceOf(VerifyException.class)
                .hasMessageStartingWith("the deployed schema is not valid GraphQL");
    }
}
