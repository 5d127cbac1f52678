package dev.fieldgate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of invalid schema fails with the element, line and column, and what to write instead. */
class SchemaValidationTest {

    private static final String MODEL = "type Pin @auth(rules: [{allow: authenticated}]) { id: ID! owner: String }\n";

    static Stream<Arguments> invalidSchemas() {
        return Stream.of(
                Arguments.of("syntax error", "type Query {\n  broken(: String\n}\n", "2:10", "syntax"),
                Arguments.of(
                        "AppSync scalar redeclared",
                        "scalar AWSDateTime\ntype Query { now: AWSDateTime @auth(rules: [{allow: guest}]) }\n",
                        "1:1",
                        "is built into AppSync, which refuses a schema that declares it again"),
                Arguments.of(
                        "kit directive redeclared", """
                        directive @auth(rules: [String]) on FIELD_DEFINITION
                        type Query { a: String @auth(rules: []) }
                        """, "1:1", "is declared by Fieldgate; remove this declaration"),
                Arguments.of(
                        "@aws_auth with additional modes",
                        MODEL + "type Query {\n  getPin(id: ID!): Pin @aws_auth\n}\n",
                        "3:24",
                        "AppSync accepts @aws_auth only when user pools are the API's one auth mode"),
                Arguments.of(
                        "DENY with additional modes",
                        "schema @api(additionalAuthModes: [AWS_IAM], userPoolDefaultAction: DENY) { query: Query }\n"
                                + MODEL + "type Query { getPin(id: ID!): Pin }\n",
                        "1:8",
                        "AppSync requires userPoolDefaultAction: ALLOW"),
                Arguments.of(
                        "rule needs a mode the API lacks",
                        """
                        schema @api(additionalAuthModes: []) { query: Query }
                        type Pin @auth(rules: [{allow: guest}]) { id: ID! }
                        type Query { getPin(id: ID!): Pin }
                        """,
                        "2:10",
                        "needs AWS_IAM, which the API does not enable; add AWS_IAM to schema @api"),
                Arguments.of(
                        "owner field missing",
                        """
                        type Pin @auth(rules: [{allow: owner, ownerField: "author"}]) { id: ID! owner: String }
                        type Query { getPin(id: ID!): Pin }
                        """,
                        "1:10",
                        "which Pin does not have; add 'author: String' to Pin or set ownerField to one of: id, owner"),
                Arguments.of(
                        "owner field not an id",
                        """
                        type Pin @auth(rules: [{allow: owner}]) { id: ID! owner: Int }
                        type Query { getPin(id: ID!): Pin }
                        """,
                        "1:10",
                        "ownerField \"owner\" is a Int; an owner field holds an id"),
                Arguments.of(
                        "owner rule on a root field",
                        MODEL + "type Query {\n  mine: [Pin] @auth(rules: [{allow: owner}])\n}\n",
                        "3:15",
                        "owner rules need a record, and a root field has none"),
                Arguments.of(
                        "operations on a root field rule",
                        MODEL + "type Query {\n  stats: Int @auth(rules: [{allow: guest, operations: [read]}])\n}\n",
                        "3:28",
                        "a root field performs one operation, so its rules take no 'operations'"),
                Arguments.of(
                        "get on a field rule", """
                        type Pin @auth(rules: [{allow: authenticated}]) {
                          id: ID!
                          note: String @auth(rules: [{allow: authenticated, operations: [get]}])
                        }
                        type Query { getPin(id: ID!): Pin }
                        """,
                        "3:30", "'get' is not allowed on a field rule; use read"),
                Arguments.of(
                        "Amplify's public",
                        "type Pin @auth(rules: [{allow: public}]) { id: ID! }\ntype Query { getPin(id: ID!): Pin }\n",
                        "1:24",
                        "write {allow: guest} for identity-pool guests (IAM) or {allow: apiKey}"),
                Arguments.of(
                        "Amplify's private",
                        "type Pin @auth(rules: [{allow: private}]) { id: ID! }\ntype Query { getPin(id: ID!): Pin }\n",
                        "1:24",
                        "{allow: authenticated}; add provider: identityPool"),
                Arguments.of(
                        "Amplify's provider iam", """
                        type Pin @auth(rules: [{allow: authenticated, provider: iam}]) { id: ID! }
                        type Query { getPin(id: ID!): Pin }
                        """,
                        "1:24", "write provider: identityPool"),
                Arguments.of(
                        "groups rule without groups",
                        "type Pin @auth(rules: [{allow: groups}]) { id: ID! }\ntype Query { getPin(id: ID!): Pin }\n",
                        "1:24",
                        "a groups rule names its groups"),
                Arguments.of(
                        "ownerField on a guest rule", """
                        type Pin @auth(rules: [{allow: guest, ownerField: "x"}]) { id: ID! }
                        type Query { getPin(id: ID!): Pin }
                        """,
                        "1:24", "'ownerField' belongs to owner rules"),
                Arguments.of(
                        "sync operation", """
                        type Pin @auth(rules: [{allow: guest, operations: [sync]}]) { id: ID! }
                        type Query { getPin(id: ID!): Pin }
                        """,
                        "1:24", "Fieldgate has no 'sync' operation; use list or read"),
                Arguments.of(
                        "@performs on a type without rules",
                        MODEL + "type Query {\n  stats: Int @performs(operation: get, on: \"Stats\")\n}\n",
                        "3:14",
                        "must name a type with @auth rules; models here: Pin"),
                Arguments.of(
                        "@performs an operation the root cannot",
                        MODEL + "type Query {\n  pin: Pin @performs(operation: delete, on: \"Pin\")\n}\n",
                        "3:12",
                        "a Query field cannot delete; use one of get, list"),
                Arguments.of(
                        "root field without rules or target",
                        MODEL + "type Query {\n  health: String\n}\n",
                        "3:3",
                        "has no @auth rules and Fieldgate cannot tell which model it acts on"),
                Arguments.of(
                        "@auth on a root type",
                        MODEL + "type Query @auth(rules: [{allow: guest}]) { getPin(id: ID!): Pin }\n",
                        "2:12",
                        "put @auth on each field of Query"),
                Arguments.of(
                        "table key missing", """
                        type Pin @table(partitionKey: "pinId") @auth(rules: [{allow: guest}]) { id: ID! }
                        type Query { getPin(id: ID!): Pin }
                        """, "1:10", "@table names key field \"pinId\", which Pin does not have"),
                Arguments.of(
                        "batch size out of range",
                        """
                        type Pin @auth(rules: [{allow: guest}]) {
                          id: ID!
                          more: String @resolver(maxBatchSize: 5000)
                        }
                        type Query { getPin(id: ID!): Pin }
                        """,
                        "3:16",
                        "maxBatchSize 5000 is outside AppSync's range 1 to 2000"),
                Arguments.of(
                        "unknown type",
                        "type Query { getPin(id: ID!): Pinn @auth(rules: [{allow: guest}]) }\n",
                        "1:1",
                        "The field type 'Pinn' is not present when resolving type 'Query'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSchemas")
    void invalidSchemasNameTheLineColumnAndTheFix(String title, String sdl, String lineColumn, String message) {
        SchemaValidationException error = catchThrowableOfType(
                SchemaValidationException.class, () -> SchemaCompiler.create().compile(sdl, "bad.graphql"));

        assertThat(error).as(title).isNotNull();
        assertThat(error.problems()).as(title).anySatisfy(problem -> {
            assertThat(problem.level()).isEqualTo(Notice.Level.ERROR);
            assertThat(problem.toString()).startsWith("bad.graphql:" + lineColumn + ": error: ");
            assertThat(problem.message()).contains(message);
        });
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String sdl = """
                type Pin @auth(rules: [{allow: public}]) { id: ID! }
                type Note @auth(rules: [{allow: groups}]) { id: ID! }
                type Query { getPin(id: ID!): Pin }
                """;

        SchemaValidationException error = catchThrowableOfType(
                SchemaValidationException.class, () -> SchemaCompiler.create().compile(sdl, "bad.graphql"));

        assertThat(error.problems()).extracting(p -> p.position().line()).containsExactly(1, 2);
        assertThat(error.getMessage()).startsWith("2 problems in the schema:");
    }

    @Test
    void awsAuthOnNestedFieldsOfACognitoOnlyApiIsAWarningNotAnError() {
        String sdl = """
                schema @api(additionalAuthModes: [], userPoolDefaultAction: DENY) { query: Query }
                type Pin @auth(rules: [{allow: authenticated}]) { id: ID! @aws_auth }
                type Query { getPin(id: ID!): Pin @aws_auth }
                """;

        List<Notice> notices =
                SchemaCompiler.create().compile(sdl, "cognito.graphql").notices();

        assertThat(notices).anySatisfy(n -> {
            assertThat(n.level()).isEqualTo(Notice.Level.WARNING);
            assertThat(n.subject()).isEqualTo("Pin.id");
            assertThat(n.message()).contains("AppSync ignores @aws_auth here");
        });
    }
}
