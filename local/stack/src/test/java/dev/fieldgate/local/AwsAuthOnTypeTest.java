package dev.fieldgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.local.cognito.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code @aws_auth} on an object type: AppSync accepts it in a user-pools-only API and ignores it there (only a
 * top-level field's {@code @aws_auth} takes effect), so the local endpoint starts with such a schema and a user in
 * none of the type's groups still reads the type's fields.
 */
class AwsAuthOnTypeTest {

    private static final String SCHEMA = """
            schema @api(defaultAuthMode: AMAZON_COGNITO_USER_POOLS) {
              query: Query
            }

            type Note @aws_auth(cognito_groups: ["Admins"]) @auth(rules: [{allow: authenticated}]) {
              id: ID!
              text: String!
              owner: ID!
            }

            type Query {
              getNote(id: ID!): Note
              adminStats: Int @aws_auth(cognito_groups: ["Admins"]) @auth(rules: [{allow: groups, groups: ["Admins"]}])
            }
            """;

    private static LocalStack stack;
    private static GraphQlClient client;
    private static TestUsers.User ann;
    private static TestUsers.User admin;

    @BeforeAll
    static void start() {
        stack = LocalStack.builder()
                .config(dev.fieldgate.local.cognito.TestConfigs.pins())
                .schema(SCHEMA)
                .function(TestFunctions.notes())
                .inMemory()
                .start();
        client = new GraphQlClient(stack.graphqlEndpoint());
        TestUsers users = new TestUsers(stack.cognito());
        ann = users.create("ann@example.com");
        admin = users.create("admin@example.com", "Admins");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theDeployedSchemaKeepsTheDirectiveOnTheType() {
        assertThat(stack.schema().appSyncSchema()).contains("type Note @aws_auth(cognito_groups: [\"Admins\"])");
    }

    @Test
    void aUserInNoneOfTheTypesGroupsReadsItsFields() {
        GraphQlClient.Response response = client.withToken(ann.idToken(), "{ getNote(id: \"echo\") { id owner } }");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.errors().isMissingNode())
                .as(response.body().toString())
                .isTrue();
        assertThat(response.data().at("/getNote/id").asText()).isEqualTo("echo");
        assertThat(response.data().at("/getNote/owner").asText()).isEqualTo("nobody");
    }

    @Test
    void onATopLevelFieldTheDirectiveStillDecides() {
        GraphQlClient.Response refused = client.withToken(ann.idToken(), "{ adminStats }");
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.data().get("adminStats").isNull()).isTrue();
        AppSyncEndpointTest.assertFieldError(
                refused.errors().get(0), java.util.List.of("adminStats"), "adminStats", "Query");
        assertThat(client.withToken(admin.idToken(), "{ adminStats }")
                        .data()
                        .get("adminStats")
                        .asInt())
                .isEqualTo(42);
    }
}
