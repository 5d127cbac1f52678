package dev.fieldgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.local.cognito.TestConfigs;
import dev.fieldgate.local.cognito.TestUsers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * A plain AppSync schema, without any kit rule, runs on the local stack as AppSync runs it: its {@code @aws_*}
 * directives alone decide (default mode, field directives replacing type directives), the identity pool's roles are
 * granted nothing, and the stack says so when it starts.
 */
class PlainSchemaTest {

    private static final String SCHEMA = """
            schema @api(defaultAuthMode: AMAZON_COGNITO_USER_POOLS, additionalAuthModes: [AWS_IAM]) {
              query: Query
              mutation: Mutation
            }

            type Note @aws_cognito_user_pools @aws_iam {
              id: ID!
              text: String
              owner: ID
              internal: String @aws_iam
            }

            input CreateNoteInput {
              text: String!
              secret: String
              internal: String
            }

            type Query {
              getNote(id: ID!): Note @aws_cognito_user_pools @aws_iam
              listNotes: [Note!]!
              adminStats: Int @aws_iam
            }

            type Mutation {
              createNote(input: CreateNoteInput!): Note
            }
            """;

    private static LocalStack stack;
    private static GraphQlClient client;
    private static TestUsers.User ann;
    private static AwsSessionCredentialsIdentity guest;
    private static String startupLog;

    @BeforeAll
    static void start() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            stack = LocalStack.builder()
                    .config(TestConfigs.pins())
                    .schema(SCHEMA)
                    .function(TestFunctions.notes())
                    .inMemory()
                    .start();
        } finally {
            System.setErr(original);
            startupLog = captured.toString(StandardCharsets.UTF_8);
        }
        client = new GraphQlClient(stack.graphqlEndpoint());
        TestUsers users = new TestUsers(stack.cognito());
        ann = users.create("ann@example.com");
        guest = users.guest();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theStackSaysOnceThatNoKitRulesApply() {
        assertThat(startupLog.lines().filter(l -> l.contains("no @auth rules")))
                .singleElement()
                .satisfies(line -> assertThat(line).contains("INFO").contains("no kit rules apply"));
        assertThat(stack.policy().hasKitRules()).isFalse();
        assertThat(stack.manifest().grants().guest()).isEmpty();
        assertThat(stack.manifest().grants().authenticated()).isEmpty();
        assertThat(stack.rolePolicies().values())
                .allSatisfy(policies -> assertThat(policies).isEmpty());
    }

    @Test
    void aUserPoolCallerReadsWhatTheDirectivesAllow() {
        GraphQlClient.Response created =
                client.withToken(ann.idToken(), "mutation { createNote(input: {text: \"hello\"}) { id text owner } }");
        assertThat(created.errors().isMissingNode())
                .as(created.body().toString())
                .isTrue();
        assertThat(created.data().at("/createNote/owner").asText()).isEqualTo(ann.sub());

        GraphQlClient.Response read =
                client.withToken(ann.idToken(), "{ getNote(id: \"echo\") { id owner } listNotes { text } }");
        assertThat(read.errors().isMissingNode()).as(read.body().toString()).isTrue();
        assertThat(read.data().at("/getNote/owner").asText()).isEqualTo("nobody");
        assertThat(read.data().at("/listNotes/0/text").isMissingNode()).isFalse();
    }

    @Test
    void aUserPoolCallerIsRefusedAnIamOnlyField() {
        GraphQlClient.Response root = client.withToken(ann.idToken(), "{ adminStats }");
        assertThat(root.status()).isEqualTo(200);
        assertThat(root.data().get("adminStats").isNull()).isTrue();
        AppSyncEndpointTest.assertFieldError(root.errors().get(0), List.of("adminStats"), "adminStats", "Query");

        // The field's @aws_iam replaces its type's directives.
        GraphQlClient.Response nested = client.withToken(ann.idToken(), "{ getNote(id: \"echo\") { id internal } }");
        assertThat(nested.data().at("/getNote/id").asText()).isEqualTo("echo");
        AppSyncEndpointTest.assertFieldError(
                nested.errors().get(0), List.of("getNote", "internal"), "internal", "Note");
    }

    @Test
    void anIamGuestNeedsARolePolicyThenReadsTheIamFieldsAndIsRefusedTheOthers() {
        // Nothing is granted: IAM refuses the request before any field runs.
        GraphQlClient.Response ungranted = client.signed(guest, "us-east-1", "{ adminStats }");
        assertThat(ungranted.status()).isEqualTo(401);

        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"appsync:GraphQL\",\"Resource\":\"" + stack.apiArn() + "/*\"}]}";
        try (IamClient iam = ControlPlaneClients.iam(stack, ControlPlaneClients.admin(stack))) {
            iam.putRolePolicy(
                    r -> r.roleName("pins-guest").policyName("app-grant").policyDocument(policy));
            GraphQlClient.Response stats = client.signed(guest, "us-east-1", "{ adminStats }");
            assertThat(stats.errors().isMissingNode())
                    .as(stats.body().toString())
                    .isTrue();
            assertThat(stats.data().get("adminStats").asInt()).isEqualTo(42);

            GraphQlClient.Response note =
                    client.signed(guest, "us-east-1", "{ getNote(id: \"echo\") { id internal } }");
            assertThat(note.errors().isMissingNode()).as(note.body().toString()).isTrue();
            assertThat(note.data().at("/getNote/id").asText()).isEqualTo("echo");

            // listNotes has no directive: the default mode (user pools) only.
            GraphQlClient.Response list = client.signed(guest, "us-east-1", "{ listNotes { id } }");
            assertThat(list.status()).isEqualTo(200);
            AppSyncEndpointTest.assertFieldError(list.errors().get(0), List.of("listNotes"), "listNotes", "Query");
            GraphQlClient.Response create =
                    client.signed(guest, "us-east-1", "mutation { createNote(input: {text: \"x\"}) { id } }");
            AppSyncEndpointTest.assertFieldError(
                    create.errors().get(0), List.of("createNote"), "createNote", "Mutation");
        } finally {
            try (IamClient iam = ControlPlaneClients.iam(stack, ControlPlaneClients.admin(stack))) {
                iam.deleteRolePolicy(r -> r.roleName("pins-guest").policyName("app-grant"));
            }
        }
    }
}
