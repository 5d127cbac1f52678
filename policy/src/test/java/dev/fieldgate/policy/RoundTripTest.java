package dev.fieldgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The generated AppSync schema re-parses and yields the same AppSync-layer decisions as the compiled policy. */
class RoundTripTest {

    static Stream<Arguments> schemas() throws Exception {
        return Stream.of(
                Arguments.of("pins sample", java.nio.file.Files.readString(Path.of("../samples/pins/schema.graphql"))),
                Arguments.of(
                        "explicit directives kept and completed",
                        "type Pin @aws_cognito_user_pools(cognito_groups: [\"Admins\"]) @auth(rules: ["
                                + "{allow: groups, groups: [\"Admins\", \"Mods\"]}, {allow: guest, operations: [read]}]) {\n"
                                + "  id: ID!\n  secret: String @aws_iam @auth(rules: [{allow: guest, operations: [read]}])\n}\n"
                                + "type Query { getPin(id: ID!): Pin @aws_iam }\n"),
                Arguments.of("user pools only, default DENY", """
                        schema @api(additionalAuthModes: [], userPoolDefaultAction: DENY) { query: Query }
                        type Doc @auth(rules: [{allow: groups, groups: ["Staff"]}]) { id: ID! }
                        type Query { getDoc(id: ID!): Doc
                         open: String @auth(rules: [{allow: authenticated}]) }
                        """),
                Arguments.of(
                        "IAM default with user pools",
                        "schema @api(defaultAuthMode: AWS_IAM, additionalAuthModes: [AMAZON_COGNITO_USER_POOLS]) "
                                + "{ query: Query }\n"
                                + "type Doc @auth(rules: [{allow: guest}, {allow: owner}]) { id: ID! owner: ID }\n"
                                + "type Page { items: [Doc] }\n"
                                + "type Query { listDocs: Page\n getDoc(id: ID!): Doc }\n"),
                Arguments.of(
                        "interfaces and unions",
                        "interface Node { id: ID! }\n"
                                + "type Pin implements Node @auth(rules: [{allow: guest, operations: [read]}]) "
                                + "{ id: ID! title: String }\n"
                                + "type Note implements Node @auth(rules: [{allow: owner}]) { id: ID! owner: ID }\n"
                                + "union SearchHit = Pin | Note\n"
                                + "type Query { node(id: ID!): Node @auth(rules: [{allow: authenticated}])\n"
                                + " search(text: String!): [SearchHit] @auth(rules: [{allow: guest}])\n"
                                + " getPin(id: ID!): Pin }\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemas")
    void generatedSchemaReadsBackToTheSameAppSyncLayer(String title, String sdl) {
        CompiledSchema compiled = SchemaCompiler.create().compile(sdl, "source.graphql");

        AppSyncLayer reread = AppSyncLayer.read(
                compiled.appSyncSchema(), "appsync.graphql", compiled.policy().api());
        AppSyncLayer expected = AppSyncLayer.of(compiled.policy());

        assertThat(reread.modes()).isEqualTo(expected.modes());
        List<Principal> callers = List.of(
                Principal.iamGuest("g"),
                Principal.userPool("s", "u", List.of()),
                Principal.userPool("a", "admin", List.of("Admins", "Staff")),
                Principal.apiKey());
        expected.modes()
                .forEach((type, fields) -> fields.keySet()
                        .forEach(field -> callers.forEach(caller -> assertThat(reread.admits(caller, type, field))
                                .as(type + "." + field + " for " + caller)
                                .isEqualTo(compiled.policy().appSyncAdmits(caller, type, field)))));
    }
}
