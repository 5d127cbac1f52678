package dev.fieldgate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A plain AppSync schema, without any kit rule: it compiles, and AppSync's directives alone decide (default mode,
 * field directives replacing type directives, groups), as for an API deployed without the kit. The manifest grants
 * the identity pool's roles nothing. A schema with a rule anywhere keeps deny-by-default.
 */
class PlainSchemaTest {

    static final Principal GUEST = Principal.iamGuest("us-east-1:guest-1");
    static final Principal IDP_USER = Principal.iamAuthenticated("us-east-1:user-1", "sub-alice");
    static final Principal ALICE = Principal.userPool("sub-alice", "alice", List.of());
    static final Principal ADMIN = Principal.userPool("sub-admin", "admin", List.of("Admins"));
    static final Principal API_KEY = Principal.apiKey();

    static final String PLAIN = """
            schema @api(defaultAuthMode: AMAZON_COGNITO_USER_POOLS, additionalAuthModes: [AWS_IAM, API_KEY]) {
              query: Query
              mutation: Mutation
            }

            type Note @aws_cognito_user_pools @aws_iam {
              id: ID!
              text: String
              secret: String @aws_cognito_user_pools(cognito_groups: ["Admins"])
              forMachines: String @aws_iam
            }

            type Stats @aws_iam {
              count: Int
            }

            type Query {
              getNote(id: ID!): Note @aws_cognito_user_pools @aws_iam
              listNotes: [Note]
              stats: Stats @aws_iam
              health: String @aws_api_key
            }

            type Mutation {
              saveNote(text: String): Note
            }
            """;

    private static CompiledSchema compile(String sdl) {
        return SchemaCompiler.create().compile(sdl, "plain.graphql");
    }

    @Test
    void aSchemaWithoutRulesCompilesAndSaysSo() {
        CompiledSchema compiled = compile(PLAIN);

        assertThat(compiled.policy().hasKitRules()).isFalse();
        assertThat(compiled.notices())
                .filteredOn(n -> n.level() == Notice.Level.INFO && n.subject().equals("schema"))
                .singleElement()
                .satisfies(n -> assertThat(n.message()).contains("no @auth rules anywhere"));
        // Nothing is added: the schema to deploy is the schema as written.
        assertThat(compiled.notices())
                .noneMatch(n -> n.message().startsWith("wrote ") || n.message().startsWith("added "));
        assertThat(compiled.appSyncSchema()).contains("type Note @aws_cognito_user_pools @aws_iam {");
        assertThat(compiled.appSyncSchema()).contains("listNotes: [Note]\n");
        assertThat(compiled.manifest().resolvers())
                .extracting(Manifest.Resolver::coordinate)
                .containsExactly(
                        "Query.getNote", "Query.listNotes", "Query.stats", "Query.health", "Mutation.saveNote");
    }

    @Test
    void theDirectivesAloneDecide() {
        AccessPolicy policy = compile(PLAIN).policy();

        // The default mode (user pools) where neither field nor type has a directive.
        assertThat(policy.decide(ALICE, "Query", "listNotes", Operation.LIST).isAllowed())
                .isTrue();
        assertThat(policy.decide(GUEST, "Query", "listNotes", Operation.LIST).code())
                .isEqualTo(Decision.Code.APPSYNC_DIRECTIVE);
        assertThat(policy.decide(ALICE, "Mutation", "saveNote", Operation.UPDATE)
                        .isAllowed())
                .isTrue();
        // Field and type directives.
        Decision allowed = policy.decide(ALICE, "Query", "getNote", Operation.GET);
        assertThat(allowed.code()).isEqualTo(Decision.Code.APPSYNC_ONLY);
        assertThat(allowed.isAllowed()).isTrue();
        assertThat(policy.decide(GUEST, "Query", "getNote", Operation.GET).isAllowed())
                .isTrue();
        assertThat(policy.decide(IDP_USER, "Note", "text", Operation.READ).isAllowed())
                .isTrue();
        assertThat(policy.decide(ALICE, "Query", "stats", Operation.GET).isAllowed())
                .isFalse();
        assertThat(policy.decide(GUEST, "Query", "stats", Operation.GET).isAllowed())
                .isTrue();
        // A field's directives replace its type's.
        assertThat(policy.decide(ALICE, "Note", "forMachines", Operation.READ).isAllowed())
                .isFalse();
        assertThat(policy.decide(GUEST, "Note", "forMachines", Operation.READ).isAllowed())
                .isTrue();
        assertThat(policy.decide(ALICE, "Note", "secret", Operation.READ).isAllowed())
                .isFalse();
        assertThat(policy.decide(GUEST, "Note", "secret", Operation.READ).isAllowed())
                .isFalse();
        assertThat(policy.decide(ADMIN, "Note", "secret", Operation.READ).isAllowed())
                .isTrue();
        // API key, and no credentials.
        assertThat(policy.decide(API_KEY, "Query", "health", Operation.GET).isAllowed())
                .isTrue();
        assertThat(policy.decide(API_KEY, "Query", "getNote", Operation.GET).isAllowed())
                .isFalse();
        assertThat(policy.decide(Principal.anonymous(), "Query", "health", Operation.GET)
                        .code())
                .isEqualTo(Decision.Code.NO_CREDENTIALS);
    }

    @Test
    void theMatrixShowsEveryTypesFieldsAsTheDirectivesDecideThem() {
        AccessMatrix matrix = compile(PLAIN).accessMatrix();

        assertThat(matrix.valueTypes()).isEmpty();
        assertThat(matrix.row("Note", "forMachines", "read").orElseThrow().allowed())
                .containsEntry("guest", true)
                .containsEntry("user", false);
        assertThat(matrix.row("Query", "stats", "call").orElseThrow().allowed())
                .containsEntry("guest", true)
                .containsEntry("user", false);
    }

    @Test
    void theIdentityPoolsRolesAreGrantedNothing() {
        Manifest manifest = compile(PLAIN).manifest();

        assertThat(manifest.grants().guest()).isEmpty();
        assertThat(manifest.grants().authenticated()).isEmpty();
        // The manifest read back decides the same way (the resolver runtime builds its policy from it).
        AccessPolicy read = AccessPolicy.of(Manifest.read(
                new java.io.ByteArrayInputStream(manifest.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        assertThat(read.hasKitRules()).isFalse();
        assertThat(read.decide(GUEST, "Query", "stats", Operation.GET).isAllowed())
                .isTrue();
    }

    @Test
    void aRuleAnywhereKeepsDenyByDefault() {
        String withOneRule =
                PLAIN.replace("health: String @aws_api_key", "health: String @auth(rules: [{allow: apiKey}])");

        assertThatThrownBy(() -> compile(withOneRule))
                .isInstanceOf(SchemaValidationException.class)
                .hasMessageContaining("Query.getNote: has no @auth rules and Fieldgate cannot tell which model");
        String onlyRootRules = """
                type Query {
                  health: String @auth(rules: [{allow: guest}])
                  other: String @aws_cognito_user_pools @auth(rules: [])
                }
                """;
        AccessPolicy policy = compile(onlyRootRules).policy();
        assertThat(policy.hasKitRules()).isTrue();
        assertThat(policy.decide(ALICE, "Query", "other", Operation.GET).code()).isEqualTo(Decision.Code.NO_RULES);
    }
}
