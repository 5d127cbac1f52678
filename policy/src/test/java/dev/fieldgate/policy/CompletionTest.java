package dev.fieldgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator adds the AppSync directives the kit's rules need, and says so; it never removes the author's. */
class CompletionTest {

    static final Principal GUEST = Principal.iamGuest("us-east-1:g");

    @Test
    void addsTheDirectiveARuleNeedsNextToWhatTheAuthorWrote() {
        String sdl = "type Pin @aws_cognito_user_pools @auth(rules: [{allow: guest, operations: [read]}, "
                + "{allow: authenticated}]) { id: ID! }\ntype Query { getPin(id: ID!): Pin }\n";

        CompiledSchema compiled = SchemaCompiler.create().compile(sdl, "s.graphql");

        assertThat(compiled.appSyncSchema()).contains("type Pin @aws_cognito_user_pools @aws_iam {");
        assertThat(compiled.notices()).anySatisfy(n -> {
            assertThat(n.level()).isEqualTo(Notice.Level.INFO);
            assertThat(n.toString())
                    .isEqualTo("s.graphql:1:10: info: Pin: added @aws_iam: its rules admit "
                            + "AWS_IAM (guest) and AMAZON_COGNITO_USER_POOLS (authenticated)");
        });
        assertThat(compiled.policy().decide(GUEST, "Pin", "id", Operation.READ).isAllowed())
                .isTrue();
    }

    @Test
    void writesExactlyWhatRulesNeedWhereTheAuthorWroteNothing() {
        String sdl = """
                type Pin @auth(rules: [{allow: guest, operations: [read]}]) { id: ID! }
                type Query { getPin(id: ID!): Pin }
                """;

        CompiledSchema compiled = SchemaCompiler.create().compile(sdl, "s.graphql");

        // Guest-only: user-pool users are refused by AppSync itself, before any resolver runs.
        assertThat(compiled.appSyncSchema()).contains("type Pin @aws_iam {").contains("getPin(id: ID!): Pin @aws_iam");
        Principal user = Principal.userPool("s", "u", List.of());
        assertThat(compiled.policy().appSyncAdmits(user, "Query", "getPin")).isFalse();
    }

    @Test
    void leavesTheDefaultModeImplicitWhenItIsAllThatIsNeeded() {
        String sdl = """
                type Pin @auth(rules: [{allow: owner}]) { id: ID! owner: String }
                type Mutation { deletePin(id: ID!): Pin }
                type Query { getPin(id: ID!): Pin }
                """;

        CompiledSchema compiled = SchemaCompiler.create().compile(sdl, "s.graphql");

        assertThat(compiled.appSyncSchema()).contains("type Pin {").contains("deletePin(id: ID!): Pin\n");
        assertThat(compiled.notices()).isEmpty();
    }

    @Test
    void groupOnlyAccessBecomesCognitoGroupsSoAppSyncEnforcesItToo() {
        String sdl = """
                type Report @auth(rules: [{allow: groups, groups: ["Admins"]}]) { id: ID! }
                type Query { getReport(id: ID!): Report }
                """;

        CompiledSchema compiled = SchemaCompiler.create().compile(sdl, "s.graphql");

        assertThat(compiled.appSyncSchema())
                .contains("type Report @aws_cognito_user_pools(cognito_groups: [\"Admins\"]) {");
        assertThat(compiled.policy().appSyncAdmits(Principal.userPool("s", "u", List.of()), "Report", "id"))
                .isFalse();
    }

    @Test
    void extendsTheAuthorsGroupsWhenARuleNeedsAnother() {
        String sdl = "type Report @aws_cognito_user_pools(cognito_groups: [\"Admins\"]) "
                + "@auth(rules: [{allow: groups, groups: [\"Admins\", \"Auditors\"]}]) { id: ID! }\n"
                + "type Query { getReport(id: ID!): Report }\n";

        CompiledSchema compiled = SchemaCompiler.create().compile(sdl, "s.graphql");

        assertThat(compiled.appSyncSchema())
                .contains("type Report @aws_cognito_user_pools(cognito_groups: [\"Admins\", \"Auditors\"]) {");
        assertThat(compiled.notices()).anySatisfy(n -> assertThat(n.message()).startsWith("extended "));
    }

    @Test
    void warnsWhenTheAuthorsGroupsAreNarrowerThanTheRulesButLeavesThem() {
        String sdl = "type Report @aws_cognito_user_pools(cognito_groups: [\"Admins\"]) "
                + "@auth(rules: [{allow: authenticated}]) { id: ID! }\n"
                + "type Query { getReport(id: ID!): Report }\n";

        CompiledSchema compiled = SchemaCompiler.create().compile(sdl, "s.graphql");

        assertThat(compiled.appSyncSchema())
                .contains("type Report @aws_cognito_user_pools(cognito_groups: [\"Admins\"]) {");
        assertThat(compiled.notices()).anySatisfy(n -> {
            assertThat(n.level()).isEqualTo(Notice.Level.WARNING);
            assertThat(n.message()).contains("admits only those groups, but rules here admit every user-pool user");
        });
    }

    @Test
    void aFieldRuleNarrowerThanItsTypeGetsItsOwnDirective() {
        String sdl = """
                type Pin @auth(rules: [{allow: guest, operations: [read]}, {allow: owner}]) {
                  id: ID!
                  owner: String
                  contact: String @auth(rules: [{allow: owner, operations: [read]}])
                }
                type Query { getPin(id: ID!): Pin }
                """;

        CompiledSchema compiled = SchemaCompiler.create().compile(sdl, "s.graphql");

        assertThat(compiled.appSyncSchema()).contains("contact: String @aws_cognito_user_pools");
        assertThat(compiled.policy().appSyncAdmits(GUEST, "Pin", "contact")).isFalse();
        assertThat(compiled.manifest().resolvers()).anySatisfy(r -> {
            assertThat(r.coordinate()).isEqualTo("Pin.contact");
            assertThat(r.reason()).isEqualTo(Manifest.ResolverReason.FIELD_RULE);
        });
    }

    @Test
    void cognitoOnlyApisGetAwsAuthOnTopLevelFieldsTheDefaultActionWouldDeny() {
        String sdl = """
                schema @api(additionalAuthModes: [], userPoolDefaultAction: DENY) { query: Query }
                type Pin @auth(rules: [{allow: authenticated}]) { id: ID! }
                type Query { getPin(id: ID!): Pin }
                """;

        CompiledSchema compiled = SchemaCompiler.create().compile(sdl, "s.graphql");

        assertThat(compiled.appSyncSchema()).contains("getPin(id: ID!): Pin @aws_auth\n");
        assertThat(compiled.policy().appSyncAdmits(Principal.userPool("s", "u", List.of()), "Query", "getPin"))
                .isTrue();
    }

    @Test
    void kitDirectivesAndTheirDeclarationsNeverReachTheDeployedSchema() {
        String sdl = """
                schema @api(additionalAuthModes: [AWS_IAM]) { query: Query }
                type Pin @table @auth(rules: [{allow: guest}]) { id: ID! more: String @resolver(maxBatchSize: 3) }
                type Query { pin: Pin @performs(operation: get, on: "Pin") }
                """;

        String deployed = SchemaCompiler.create().compile(sdl, "s.graphql").appSyncSchema();

        assertThat(deployed)
                .doesNotContain("@auth")
                .doesNotContain("@api")
                .doesNotContain("@table")
                .doesNotContain("@resolver")
                .doesNotContain("@performs")
                .doesNotContain("AuthRule")
                .doesNotContain("scalar AWS")
                .doesNotContain("directive @");
    }
}
