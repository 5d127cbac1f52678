package dev.fieldgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fieldgate.local.cognito.TestUsers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * IAM callers: SigV4 (service {@code appsync}) signed by the AWS SDK's {@code AwsV4HttpSigner} with credentials the
 * identity pool issued. Their identity in the Direct Lambda event comes from those credentials, and every field they
 * reach needs both an AppSync directive for IAM and {@code appsync:GraphQL} in their role's policy — the policy
 * built from the manifest's grants exactly as Terraform attaches it.
 */
class AppSyncIamTest {

    private static LocalStack stack;
    private static GraphQlClient client;
    private static TestUsers users;
    private static TestUsers.User ann;
    private static AwsSessionCredentialsIdentity guest;
    private static AwsSessionCredentialsIdentity annIdentity;

    @BeforeAll
    static void start() {
        stack = NotesStack.builder().start();
        client = new GraphQlClient(stack.graphqlEndpoint());
        users = new TestUsers(stack.cognito());
        ann = users.create("ann@example.com");
        guest = users.guest();
        annIdentity = users.identityPoolUser(ann);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static JsonNode echo(AwsCredentialsIdentity credentials) throws Exception {
        GraphQlClient.Response response = client.signed(credentials, "us-east-1", "{ echo }");
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return GraphQlClient.JSON.readTree(response.data().get("echo").asText()).get("event");
    }

    @Test
    void aGuestsIdentityComesFromItsCredentials() throws Exception {
        JsonNode identity = echo(guest).get("identity");
        assertThat(identity.get("accountId").asText()).isEqualTo(stack.accountId());
        assertThat(identity.get("cognitoIdentityAuthType").asText()).isEqualTo("unauthenticated");
        assertThat(identity.get("cognitoIdentityAuthProvider").isNull()).isTrue();
        assertThat(identity.get("cognitoIdentityPoolId").asText())
                .isEqualTo(stack.cognito().identityPoolId().orElseThrow());
        assertThat(identity.get("cognitoIdentityId").asText()).startsWith("us-east-1:");
        assertThat(identity.get("userArn").asText())
                .isEqualTo("arn:aws:sts::" + stack.accountId() + ":assumed-role/pins-guest/CognitoIdentityCredentials");
        assertThat(identity.get("username").asText()).matches("AROA[A-Z0-9]+:CognitoIdentityCredentials");
        assertThat(identity.get("sourceIp")).extracting(JsonNode::asText).containsExactly("127.0.0.1");
    }

    @Test
    void anIdentityPoolUsersIdentityNamesItsLogin() throws Exception {
        JsonNode event = echo(annIdentity);
        JsonNode identity = event.get("identity");
        String provider =
                "cognito-idp.us-east-1.amazonaws.com/" + stack.cognito().userPoolId();
        assertThat(identity.get("cognitoIdentityAuthType").asText()).isEqualTo("authenticated");
        assertThat(identity.get("cognitoIdentityAuthProvider").asText())
                .isEqualTo("\"" + provider + "\",\"" + provider + ":CognitoSignIn:" + ann.sub() + "\"");
        assertThat(identity.get("userArn").asText())
                .endsWith(":assumed-role/pins-authenticated/CognitoIdentityCredentials");
        assertThat(event.at("/request/headers/authorization").asText()).startsWith("AWS4-HMAC-SHA256 Credential=ASIA");
        assertThat(event.at("/request/headers/x-amz-security-token").asText()).isEqualTo(annIdentity.sessionToken());
    }

    @Test
    void guestsReadWhatTheirRoleIsGranted() {
        GraphQlClient.Response created = client.withToken(
                ann.idToken(),
                "mutation { createNote(input: {text: \"for guests\", secret: \"s\", internal: \"i\"}) { id } }");
        String id = created.data().at("/createNote/id").asText();
        GraphQlClient.Response read =
                client.signed(guest, "us-east-1", "{ getNote(id: \"" + id + "\") { id text author { name } } }");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.data().at("/getNote/text").asText()).isEqualTo("for guests");
        assertThat(read.data().at("/getNote/author/name").asText()).isEqualTo("author of " + id);
        assertThat(read.errors().isMissingNode()).isTrue();
    }

    @Test
    void aNestedFieldTheDirectivesAdmitButTheRolePolicyDoesNotIsDenied() {
        GraphQlClient.Response created = client.withToken(
                ann.idToken(), "mutation { createNote(input: {text: \"t\", internal: \"only for users\"}) { id } }");
        String id = created.data().at("/createNote/id").asText();
        // Note.internal carries @aws_iam, but no grant: its rules admit user-pool users only.
        assertThat(stack.policy().appSyncAdmits(dev.fieldgate.policy.Principal.iamGuest("x"), "Note", "internal"))
                .isTrue();
        assertThat(stack.manifest().grants().guest()).doesNotContain("types/Note/fields/internal");
        GraphQlClient.Response read =
                client.signed(guest, "us-east-1", "{ getNote(id: \"" + id + "\") { id internal } }");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.data().at("/getNote/id").asText()).isEqualTo(id);
        assertThat(read.data().at("/getNote/internal").isNull()).isTrue();
        AppSyncEndpointTest.assertFieldError(read.errors().get(0), List.of("getNote", "internal"), "internal", "Note");

        // The signed-in user reads it with a token.
        assertThat(client.withToken(ann.idToken(), "{ getNote(id: \"" + id + "\") { internal } }")
                        .data()
                        .at("/getNote/internal")
                        .asText())
                .isEqualTo("only for users");
    }

    @Test
    void aRootFieldTheRolePolicyDoesNotGrantRefusesTheRequest() {
        for (String query : List.of(
                "{ adminStats }", "mutation { createNote(input: {text: \"x\"}) { id } }", "{ echo adminStats }")) {
            GraphQlClient.Response response = client.signed(guest, "us-east-1", query);
            assertThat(response.status()).as(query).isEqualTo(401);
            assertThat(response.body().toString())
                    .isEqualTo("{\"errors\":[{\"errorType\":\"UnauthorizedException\","
                            + "\"message\":\"Permission denied\"}]}");
        }
        // The local administrator's IAM user may call anything its directives admit, like an account admin.
        AwsCredentialsIdentity admin = AwsCredentialsIdentity.create(
                stack.adminCredentials().accessKeyId(), stack.adminCredentials().secretAccessKey());
        assertThat(client.signed(admin, "us-east-1", "{ adminStats }")
                        .data()
                        .get("adminStats")
                        .asInt())
                .isEqualTo(42);
    }

    @Test
    void theRolesPoliciesAreTheOnesTerraformAttaches() throws Exception {
        Map<String, Map<String, String>> policies = stack.rolePolicies();
        String guestRole = stack.cognito().guestRoleArn().orElseThrow();
        assertThat(policies)
                .containsOnlyKeys(stack.cognito().authenticatedRoleArn().orElseThrow(), guestRole);
        assertThat(policies.get(guestRole)).containsOnlyKeys("pins-guest-1-appsync");
        JsonNode document = GraphQlClient.JSON.readTree(policies.get(guestRole).get("pins-guest-1-appsync"));
        assertThat(document.get("Version").asText()).isEqualTo("2012-10-17");
        JsonNode statement = document.at("/Statement/0");
        assertThat(statement.get("Sid").asText()).isEqualTo("AppSyncFields");
        assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
        assertThat(statement.get("Action").asText()).isEqualTo("appsync:GraphQL");
        List<String> expected = stack.manifest().grants().guest().stream()
                .sorted()
                .map(suffix -> stack.apiArn() + "/" + suffix)
                .toList();
        assertThat(statement.get("Resource")).extracting(JsonNode::asText).containsExactlyElementsOf(expected);
        assertThat(stack.apiArn()).matches("arn:aws:appsync:us-east-1:\\d{12}:apis/[a-z0-9]{26}");
    }
}
