package dev.fieldgate.local;

import static dev.fieldgate.local.ControlPlaneTest.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fieldgate.config.AppConfig;
import dev.fieldgate.config.IdentityPoolConfig;
import dev.fieldgate.local.cognito.Clients;
import dev.fieldgate.local.cognito.LocalCognito;
import dev.fieldgate.local.cognito.TestConfigs;
import dev.fieldgate.local.cognito.TestUsers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.services.appsync.AppSyncClient;
import software.amazon.awssdk.services.appsync.model.NotFoundException;
import software.amazon.awssdk.services.appsync.model.Resolver;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.InvalidParameterException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Changes made through the control plane take effect on the running API, the way drift happens on AWS: a deleted
 * resolver, an inline policy that widens a role's grants, and credentials from the identity pool's basic flow (STS
 * AssumeRoleWithWebIdentity). Each test gets a stack of its own, since each changes it.
 */
class ControlPlaneDriftTest {

    private LocalStack stack;
    private GraphQlClient graphql;
    private TestUsers users;
    private AwsCredentialsIdentity admin;

    @BeforeEach
    void start() {
        stack = NotesStack.builder().start();
        graphql = new GraphQlClient(stack.graphqlEndpoint());
        users = new TestUsers(stack.cognito());
        admin = AwsCredentialsIdentity.create(
                stack.adminCredentials().accessKeyId(), stack.adminCredentials().secretAccessKey());
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void deleteResolverTakesTheResolverOutOfTheRunningApi() {
        assertThat(graphql.signed(admin, "us-east-1", "{ echo }")
                        .data()
                        .get("echo")
                        .isTextual())
                .isTrue();
        TestUsers.User ann = users.create("ann@example.com");
        String id = graphql.withToken(ann.idToken(), "mutation { createNote(input: {text: \"t\"}) { id } }")
                .data()
                .at("/createNote/id")
                .asText();
        String read = "{ getNote(id: \"" + id + "\") { text author { name } } }";
        assertThat(graphql.withToken(ann.idToken(), read)
                        .data()
                        .at("/getNote/author/name")
                        .asText())
                .isEqualTo("author of " + id);

        try (AppSyncClient appSync = ControlPlaneClients.appSync(stack, ControlPlaneClients.admin(stack))) {
            appSync.deleteResolver(r -> r.apiId(stack.apiId()).typeName("Query").fieldName("echo"));
            appSync.deleteResolver(r -> r.apiId(stack.apiId()).typeName("Note").fieldName("author"));

            assertThat(appSync.listResolvers(r -> r.apiId(stack.apiId()).typeName("Query"))
                            .resolvers())
                    .extracting(Resolver::fieldName)
                    .isNotEmpty()
                    .doesNotContain("echo");
            assertThat(appSync.listResolvers(r -> r.apiId(stack.apiId()).typeName("Note"))
                            .resolvers())
                    .extracting(Resolver::fieldName)
                    .isNotEmpty()
                    .doesNotContain("author");
            assertThatThrownBy(() -> appSync.getResolver(
                            r -> r.apiId(stack.apiId()).typeName("Query").fieldName("echo")))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> appSync.deleteResolver(
                            r -> r.apiId(stack.apiId()).typeName("Query").fieldName("echo")))
                    .isInstanceOf(NotFoundException.class);
        }
        // A root field without a resolver is null; a nested one resolves from its parent (which has no author).
        GraphQlClient.Response echo = graphql.signed(admin, "us-east-1", "{ echo }");
        assertThat(echo.data().get("echo").isNull()).isTrue();
        assertThat(echo.errors().isMissingNode()).isTrue();
        JsonNode note = graphql.withToken(ann.idToken(), read).data().get("getNote");
        assertThat(note.get("text").asText()).isEqualTo("t");
        assertThat(note.get("author").isNull()).isTrue();
    }

    @Test
    void anInlinePolicyWidensARolesGrantsOnTheNextRequest() {
        TestUsers.User ann = users.create("ann@example.com");
        String id = graphql.withToken(
                        ann.idToken(), "mutation { createNote(input: {text: \"t\", internal: \"for users\"}) { id } }")
                .data()
                .at("/createNote/id")
                .asText();
        AwsSessionCredentialsIdentity guest = users.guest();
        String read = "{ getNote(id: \"" + id + "\") { id internal } }";
        GraphQlClient.Response denied = graphql.signed(guest, "us-east-1", read);
        assertThat(denied.data().at("/getNote/internal").isNull()).isTrue();
        assertThat(denied.errors().get(0).get("errorType").asText()).isEqualTo("Unauthorized");

        String extra =
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"appsync:GraphQL\","
                        + "\"Resource\":\"" + stack.apiArn() + "/types/Note/fields/internal\"}]}";
        try (IamClient iam = ControlPlaneClients.iam(stack, ControlPlaneClients.admin(stack))) {
            iam.putRolePolicy(
                    r -> r.roleName("pins-guest").policyName("extra-grant").policyDocument(extra));
            assertThat(iam.listRolePolicies(r -> r.roleName("pins-guest")).policyNames())
                    .containsExactly("extra-grant");
            var policy = iam.getRolePolicy(r -> r.roleName("pins-guest").policyName("extra-grant"));
            assertThat(policy.roleName()).isEqualTo("pins-guest");
            assertThat(java.net.URLDecoder.decode(policy.policyDocument(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(extra);
            assertThat(stack.rolePolicies().get(stack.cognito().guestRoleArn().orElseThrow()))
                    .containsKeys("pins-guest-1-appsync", "extra-grant");

            GraphQlClient.Response allowed = graphql.signed(guest, "us-east-1", read);
            assertThat(allowed.errors().isMissingNode())
                    .as(allowed.body().toString())
                    .isTrue();
            assertThat(allowed.data().at("/getNote/internal").asText()).isEqualTo("for users");

            assertAwsError(
                    () -> iam.putRolePolicy(
                            r -> r.roleName("pins-guest").policyName("bad").policyDocument("{\"Statement\": 3}")),
                    400,
                    "MalformedPolicyDocument");
            iam.deleteRolePolicy(r -> r.roleName("pins-guest").policyName("extra-grant"));
            assertThat(iam.listRolePolicies(r -> r.roleName("pins-guest")).policyNames())
                    .isEmpty();
        }
        assertThat(graphql.signed(guest, "us-east-1", read)
                        .data()
                        .at("/getNote/internal")
                        .isNull())
                .isTrue();
    }

    @Test
    void theBasicFlowHandsOutTheRolesCredentialsThroughSts() {
        String poolId = stack.cognito().identityPoolId().orElseThrow();
        TestUsers.User ann = users.create("ann@example.com");
        String login = "cognito-idp.us-east-1.amazonaws.com/" + stack.cognito().userPoolId();
        String guestToken;
        String annToken;
        String guestIdentity;
        try (CognitoIdentityClient identity = Clients.identity(stack.cognito())) {
            guestIdentity = identity.getId(r -> r.identityPoolId(poolId)).identityId();
            guestToken =
                    identity.getOpenIdToken(r -> r.identityId(guestIdentity)).token();
            String annIdentity = identity.getId(r -> r.identityPoolId(poolId).logins(Map.of(login, ann.idToken())))
                    .identityId();
            annToken = identity.getOpenIdToken(r -> r.identityId(annIdentity).logins(Map.of(login, ann.idToken())))
                    .token();
        }
        String guestRole = stack.cognito().guestRoleArn().orElseThrow();
        String authenticatedRole = stack.cognito().authenticatedRoleArn().orElseThrow();
        try (StsClient sts = ControlPlaneClients.sts(stack, ControlPlaneClients.anonymous())) {
            AssumeRoleWithWebIdentityResponse assumed = sts.assumeRoleWithWebIdentity(
                    r -> r.roleArn(guestRole).roleSessionName("classic-guest").webIdentityToken(guestToken));
            assertThat(assumed.subjectFromWebIdentityToken()).isEqualTo(guestIdentity);
            assertThat(assumed.audience()).isEqualTo(poolId);
            assertThat(assumed.provider()).isEqualTo("cognito-identity.amazonaws.com");
            assertThat(assumed.assumedRoleUser().arn())
                    .isEqualTo("arn:aws:sts::" + stack.accountId() + ":assumed-role/pins-guest/classic-guest");
            assertThat(assumed.assumedRoleUser().assumedRoleId()).matches("AROA[A-Z2-7]{17}:classic-guest");
            Credentials credentials = assumed.credentials();
            assertThat(credentials.accessKeyId()).startsWith("ASIA");
            assertThat(credentials.expiration()).isAfter(java.time.Instant.now().plusSeconds(3500));
            AwsSessionCredentialsIdentity session = AwsSessionCredentialsIdentity.create(
                    credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken());

            // The credentials sign AppSync calls with the guest role's grants, and nothing more.
            GraphQlClient.Response echo = graphql.signed(session, "us-east-1", "{ echo }");
            assertThat(echo.status()).isEqualTo(200);
            JsonNode identity = readJson(echo.data().get("echo").asText()).at("/event/identity");
            assertThat(identity.get("userArn").asText()).endsWith(":assumed-role/pins-guest/classic-guest");
            assertThat(identity.get("cognitoIdentityAuthType").asText()).isEqualTo("unauthenticated");
            assertThat(identity.get("cognitoIdentityId").asText()).isEqualTo(guestIdentity);
            assertThat(graphql.signed(session, "us-east-1", "{ adminStats }").status())
                    .isEqualTo(401);
            try (StsClient asSession = ControlPlaneClients.sts(stack, ControlPlaneClients.session(session))) {
                assertThat(asSession.getCallerIdentity().arn()).endsWith(":assumed-role/pins-guest/classic-guest");
            }

            // A signed-in identity's token is admitted by the authenticated role only, and the reverse.
            assertThat(sts.assumeRoleWithWebIdentity(r -> r.roleArn(authenticatedRole)
                                    .roleSessionName("ann")
                                    .webIdentityToken(annToken))
                            .assumedRoleUser()
                            .arn())
                    .endsWith(":assumed-role/pins-authenticated/ann");
            for (List<String> refused : List.of(
                    List.of(authenticatedRole, guestToken),
                    List.of(guestRole, annToken),
                    List.of("arn:aws:iam::" + stack.accountId() + ":role/admin", annToken))) {
                assertAwsError(
                        () -> sts.assumeRoleWithWebIdentity(r ->
                                r.roleArn(refused.get(0)).roleSessionName("s1").webIdentityToken(refused.get(1))),
                        403,
                        "AccessDenied");
            }
            String forged = guestToken.substring(0, guestToken.lastIndexOf('.') + 1) + "AAAA";
            assertAwsError(
                    () -> sts.assumeRoleWithWebIdentity(
                            r -> r.roleArn(guestRole).roleSessionName("s1").webIdentityToken(forged)),
                    400,
                    "InvalidIdentityToken");
            assertAwsError(
                    () -> sts.assumeRoleWithWebIdentity(
                            r -> r.roleArn(guestRole).roleSessionName("s1").webIdentityToken(ann.idToken())),
                    400,
                    "InvalidIdentityToken");
            assertAwsError(
                    () -> sts.assumeRoleWithWebIdentity(r -> r.roleArn(guestRole)
                            .roleSessionName("s1")
                            .webIdentityToken(guestToken)
                            .durationSeconds(7200)),
                    400,
                    "ValidationError");
        }
    }

    @Test
    void withoutTheBasicFlowGetOpenIdTokenIsRefusedAsCognitoRefusesIt() {
        AppConfig config = AppConfig.builder()
                .app("pins")
                .region("us-east-1")
                .userPool(TestConfigs.pool(TestConfigs.web().build()).build())
                .identityPool(new IdentityPoolConfig("pins-identities", true, List.of("web")))
                .build();
        try (LocalCognito cognito = LocalCognito.builder().config(config).start();
                CognitoIdentityClient identity = Clients.identity(cognito);
                CognitoIdentityClient adminIdentity = Clients.adminIdentity(cognito)) {
            String poolId = cognito.identityPoolId().orElseThrow();
            String id = identity.getId(r -> r.identityPoolId(poolId)).identityId();
            assertThatThrownBy(() -> identity.getOpenIdToken(r -> r.identityId(id)))
                    .isInstanceOf(InvalidParameterException.class)
                    .hasMessageContaining("Basic (classic) flow is not enabled, please use enhanced flow.");
            assertThat(adminIdentity
                            .describeIdentityPool(r -> r.identityPoolId(poolId))
                            .allowClassicFlow())
                    .isFalse();
            // The enhanced flow is unaffected.
            assertThat(identity.getCredentialsForIdentity(r -> r.identityId(id))
                            .credentials()
                            .accessKeyId())
                    .startsWith("ASIA");
        }
        assertThat(stackAllowsClassicFlow()).isTrue();
    }

    private boolean stackAllowsClassicFlow() {
        try (CognitoIdentityClient adminIdentity = Clients.adminIdentity(stack.cognito())) {
            return adminIdentity
                    .describeIdentityPool(r ->
                            r.identityPoolId(stack.cognito().identityPoolId().orElseThrow()))
                    .allowClassicFlow();
        }
    }

    private static JsonNode readJson(String text) {
        try {
            return GraphQlClient.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
