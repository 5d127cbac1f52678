package dev.fieldgate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fieldgate.local.cognito.TestUsers;
import dev.fieldgate.policy.Manifest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.services.appsync.AppSyncClient;
import software.amazon.awssdk.services.appsync.model.AuthenticationType;
import software.amazon.awssdk.services.appsync.model.DataSource;
import software.amazon.awssdk.services.appsync.model.DataSourceType;
import software.amazon.awssdk.services.appsync.model.GraphqlApi;
import software.amazon.awssdk.services.appsync.model.ListResolversResponse;
import software.amazon.awssdk.services.appsync.model.NotFoundException;
import software.amazon.awssdk.services.appsync.model.OutputType;
import software.amazon.awssdk.services.appsync.model.Resolver;
import software.amazon.awssdk.services.appsync.model.ResolverKind;
import software.amazon.awssdk.services.appsync.model.TypeDefinitionFormat;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * The control plane with the AWS SDK v2 clients {@code fieldgate verify} uses: AppSync (the API, schema, types,
 * resolvers, data sources), STS (who is calling) and IAM (the identity pool's roles and their policies), each
 * SigV4-verified and authorized for the local administrator only.
 */
class ControlPlaneTest {

    private static LocalStack stack;
    private static AwsSessionCredentialsIdentity guest;
    private static AppSyncClient appSync;
    private static StsClient sts;
    private static IamClient iam;

    @BeforeAll
    static void start() {
        stack = NotesStack.builder().start();
        guest = new TestUsers(stack.cognito()).guest();
        appSync = ControlPlaneClients.appSync(stack, ControlPlaneClients.admin(stack));
        sts = ControlPlaneClients.sts(stack, ControlPlaneClients.admin(stack));
        iam = ControlPlaneClients.iam(stack, ControlPlaneClients.admin(stack));
    }

    @AfterAll
    static void stop() {
        appSync.close();
        sts.close();
        iam.close();
        stack.close();
    }

    // ------------------------------------------------------------------------------------------ STS

    @Test
    void getCallerIdentityNamesTheAdministratorAndIdentityPoolCredentials() {
        GetCallerIdentityResponse admin = sts.getCallerIdentity();
        assertThat(admin.account()).isEqualTo(stack.accountId());
        assertThat(admin.arn()).isEqualTo("arn:aws:iam::" + stack.accountId() + ":user/fieldgate-local-admin");
        assertThat(admin.userId()).matches("AIDA[A-Z2-7]{17}");
        assertThat(sts.getCallerIdentity().userId()).isEqualTo(admin.userId());

        try (StsClient asGuest = ControlPlaneClients.sts(stack, ControlPlaneClients.session(guest))) {
            GetCallerIdentityResponse caller = asGuest.getCallerIdentity();
            assertThat(caller.account()).isEqualTo(stack.accountId());
            assertThat(caller.arn())
                    .isEqualTo("arn:aws:sts::" + stack.accountId()
                            + ":assumed-role/pins-guest/CognitoIdentityCredentials");
            assertThat(caller.userId()).matches("AROA[A-Z2-7]{17}:CognitoIdentityCredentials");
        }
    }

    @Test
    void stsRefusesUnsignedAndBadlySignedCalls() {
        try (StsClient unsigned = ControlPlaneClients.sts(stack, ControlPlaneClients.anonymous());
                StsClient wrong = ControlPlaneClients.sts(stack, ControlPlaneClients.wrongSecret(stack))) {
            assertAwsError(() -> unsigned.getCallerIdentity(), 403, "MissingAuthenticationToken");
            assertAwsError(() -> wrong.getCallerIdentity(), 403, "SignatureDoesNotMatch");
        }
    }

    // ------------------------------------------------------------------------------------------ AppSync

    @Test
    void getGraphqlApiDescribesTheLocalApi() {
        GraphqlApi api = appSync.getGraphqlApi(r -> r.apiId(stack.apiId())).graphqlApi();
        assertThat(api.apiId()).isEqualTo(stack.apiId());
        assertThat(api.name()).isEqualTo("pins-local");
        assertThat(api.arn()).isEqualTo(stack.apiArn());
        assertThat(api.authenticationType()).isEqualTo(AuthenticationType.AMAZON_COGNITO_USER_POOLS);
        assertThat(api.userPoolConfig().userPoolId()).isEqualTo(stack.cognito().userPoolId());
        assertThat(api.userPoolConfig().awsRegion()).isEqualTo("us-east-1");
        assertThat(api.userPoolConfig().defaultActionAsString())
                .isEqualTo(stack.authorization().userPoolDefaultAction().name());
        assertThat(Pattern.compile(api.userPoolConfig().appIdClientRegex())
                        .matcher(stack.cognito().clientId("web"))
                        .matches())
                .isTrue();
        assertThat(Pattern.compile(api.userPoolConfig().appIdClientRegex())
                        .matcher("someoneelse")
                        .matches())
                .isFalse();
        assertThat(api.additionalAuthenticationProviders())
                .extracting(p -> p.authenticationType())
                .containsExactly(AuthenticationType.AWS_IAM, AuthenticationType.API_KEY);
        assertThat(api.logConfig()).isNull();
        assertThat(api.queryDepthLimit()).isEqualTo(4);
        assertThat(api.introspectionConfigAsString()).isEqualTo("ENABLED");
        assertThat(api.uris())
                .containsEntry("GRAPHQL", stack.graphqlEndpoint().toString())
                .containsEntry("REALTIME", stack.realtimeEndpoint().toString());
        assertThat(api.apiTypeAsString()).isEqualTo("GRAPHQL");
        assertThat(api.visibilityAsString()).isEqualTo("GLOBAL");
        assertThat(api.xrayEnabled()).isFalse();
        assertThat(api.owner()).isEqualTo(stack.accountId());

        assertThat(appSync.listGraphqlApis().graphqlApis())
                .extracting(GraphqlApi::apiId)
                .containsExactly(stack.apiId());
    }

    @Test
    void theIntrospectionSchemaIsTheDeployedSchema() {
        String sdl = appSync.getIntrospectionSchema(
                        r -> r.apiId(stack.apiId()).format(OutputType.SDL).includeDirectives(true))
                .schema()
                .asUtf8String();
        assertThat(sdl).isEqualTo(stack.schema().appSyncSchema());
        String bare = appSync.getIntrospectionSchema(
                        r -> r.apiId(stack.apiId()).format(OutputType.SDL).includeDirectives(false))
                .schema()
                .asUtf8String();
        assertThat(stack.schema().appSyncSchema()).contains("@aws_");
        assertThat(bare)
                .contains("type Note")
                .contains("getNote(id: ID!): Note")
                .doesNotContain("@aws_");
    }

    @Test
    void listTypesPagesThroughEveryTypeOfTheSchema() {
        Set<String> names = new TreeSet<>();
        String token = null;
        int pages = 0;
        do {
            String next = token;
            var page = appSync.listTypes(r -> r.apiId(stack.apiId())
                    .format(TypeDefinitionFormat.SDL)
                    .maxResults(3)
                    .nextToken(next));
            assertThat(page.types()).hasSizeLessThanOrEqualTo(3);
            page.types().forEach(t -> {
                assertThat(t.arn()).isEqualTo(stack.apiArn() + "/types/" + t.name());
                assertThat(t.formatAsString()).isEqualTo("SDL");
                assertThat(t.definition()).contains(t.name());
                names.add(t.name());
            });
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(pages).isGreaterThan(1);
        assertThat(names).contains("Query", "Mutation", "Subscription", "Note", "Author", "CreateNoteInput");
        var note = appSync.getType(r -> r.apiId(stack.apiId()).typeName("Note").format(TypeDefinitionFormat.SDL))
                .type();
        assertThat(note.definition()).startsWith("type Note").contains("author: Author");
    }

    @Test
    void listResolversHasOneUnitResolverPerManifestEntry() throws Exception {
        String responseTemplate =
                Files.readString(Path.of("../../terraform/modules/appsync-api/templates/response.vtl"));
        for (String type : List.of("Query", "Mutation", "Note", "Subscription", "Author")) {
            List<Resolver> resolvers = new ArrayList<>();
            String token = null;
            do {
                String next = token;
                ListResolversResponse page = appSync.listResolvers(
                        r -> r.apiId(stack.apiId()).typeName(type).maxResults(2).nextToken(next));
                resolvers.addAll(page.resolvers());
                token = page.nextToken();
            } while (token != null);
            List<Manifest.Resolver> expected = stack.manifest().resolvers().stream()
                    .filter(r -> r.type().equals(type))
                    .toList();
            assertThat(resolvers)
                    .as(type)
                    .extracting(Resolver::fieldName)
                    .containsExactlyElementsOf(
                            expected.stream().map(Manifest.Resolver::field).toList());
            for (int i = 0; i < resolvers.size(); i++) {
                Resolver resolver = resolvers.get(i);
                assertThat(resolver.typeName()).isEqualTo(type);
                assertThat(resolver.kind()).isEqualTo(ResolverKind.UNIT);
                assertThat(resolver.dataSourceName()).isEqualTo("pins_local_resolvers");
                assertThat(resolver.resolverArn())
                        .isEqualTo(stack.apiArn() + "/types/" + type + "/resolvers/" + resolver.fieldName());
                assertThat(resolver.requestMappingTemplate()).isNull();
                assertThat(resolver.responseMappingTemplate()).isEqualTo(responseTemplate);
                Integer batch = expected.get(i).maxBatchSize();
                assertThat(resolver.maxBatchSize()).isEqualTo(batch == null ? 0 : batch);
            }
        }
        Resolver author = appSync.getResolver(
                        r -> r.apiId(stack.apiId()).typeName("Note").fieldName("author"))
                .resolver();
        assertThat(author.maxBatchSize()).isEqualTo(2);
        assertThat(author.fieldName()).isEqualTo("author");
    }

    @Test
    void listDataSourcesHasTheDirectLambdaDataSource() {
        List<DataSource> sources =
                appSync.listDataSources(r -> r.apiId(stack.apiId())).dataSources();
        assertThat(sources).hasSize(1);
        DataSource source = sources.get(0);
        assertThat(source.name()).isEqualTo("pins_local_resolvers");
        assertThat(source.type()).isEqualTo(DataSourceType.AWS_LAMBDA);
        assertThat(source.dataSourceArn()).isEqualTo(stack.apiArn() + "/datasources/pins_local_resolvers");
        assertThat(source.lambdaConfig().lambdaFunctionArn())
                .isEqualTo("arn:aws:lambda:us-east-1:" + stack.accountId() + ":function:pins-local-resolvers:live");
        assertThat(source.serviceRoleArn())
                .isEqualTo("arn:aws:iam::" + stack.accountId() + ":role/pins-local-appsync-invoke");
        assertThat(appSync.getDataSource(r -> r.apiId(stack.apiId()).name("pins_local_resolvers"))
                        .dataSource()
                        .name())
                .isEqualTo("pins_local_resolvers");
    }

    @Test
    void unknownApisTypesAndResolversAreNotFound() {
        assertThatThrownBy(() -> appSync.getGraphqlApi(r -> r.apiId("abcdefghijklmnopqrstuvwxyz")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("GraphQL API abcdefghijklmnopqrstuvwxyz" + " not found.")
                .satisfies(e -> assertThat(((NotFoundException) e).statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> appSync.listResolvers(
                        r -> r.apiId("abcdefghijklmnopqrstuvwxyz").typeName("Query")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> appSync.getResolver(
                        r -> r.apiId(stack.apiId()).typeName("Query").fieldName("nothing")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(
                        () -> appSync.listResolvers(r -> r.apiId(stack.apiId()).typeName("Nope")))
                .isInstanceOf(NotFoundException.class);
        assertAwsError(
                () -> appSync.listResolvers(
                        r -> r.apiId(stack.apiId()).typeName("Query").maxResults(26)),
                400,
                "BadRequestException");
        assertAwsError(
                () -> appSync.listResolvers(
                        r -> r.apiId(stack.apiId()).typeName("Query").nextToken("forged")),
                400,
                "BadRequestException");
    }

    @Test
    void theAppSyncControlPlaneRefusesUnsignedBadlySignedAndIdentityPoolCallers() {
        try (AppSyncClient unsigned = ControlPlaneClients.appSync(stack, ControlPlaneClients.anonymous());
                AppSyncClient wrong = ControlPlaneClients.appSync(stack, ControlPlaneClients.wrongSecret(stack));
                AppSyncClient asGuest = ControlPlaneClients.appSync(stack, ControlPlaneClients.session(guest))) {
            assertAwsError(
                    () -> unsigned.getGraphqlApi(r -> r.apiId(stack.apiId())),
                    403,
                    "MissingAuthenticationTokenException");
            assertAwsError(() -> wrong.getGraphqlApi(r -> r.apiId(stack.apiId())), 403, "InvalidSignatureException");
            assertAwsError(() -> asGuest.getGraphqlApi(r -> r.apiId(stack.apiId())), 403, "AccessDeniedException");
            assertThatThrownBy(() -> asGuest.deleteResolver(
                            r -> r.apiId(stack.apiId()).typeName("Query").fieldName("echo")))
                    .hasMessageContaining("User: arn:aws:sts::" + stack.accountId()
                            + ":assumed-role/pins-guest/CognitoIdentityCredentials is not authorized to perform:"
                            + " appsync:DeleteResolver");
        }
        // Nothing was deleted.
        assertThat(appSync.getResolver(
                                r -> r.apiId(stack.apiId()).typeName("Query").fieldName("echo"))
                        .resolver()
                        .fieldName())
                .isEqualTo("echo");
    }

    // ------------------------------------------------------------------------------------------ IAM

    @Test
    void theRolesCarryTheManifestsGrantsAsManagedPolicies() throws Exception {
        String guestRole = stack.cognito().guestRoleArn().orElseThrow();
        var role = iam.getRole(r -> r.roleName("pins-guest")).role();
        assertThat(role.arn()).isEqualTo(guestRole);
        assertThat(role.roleId()).startsWith("AROA");
        assertThat(role.createDate()).isNotNull();
        JsonNode trust =
                GraphQlClient.JSON.readTree(URLDecoder.decode(role.assumeRolePolicyDocument(), StandardCharsets.UTF_8));
        assertThat(trust.at("/Statement/0/Action").asText()).isEqualTo("sts:AssumeRoleWithWebIdentity");
        assertThat(trust.at("/Statement/0/Principal/Federated").asText()).isEqualTo("cognito-identity.amazonaws.com");
        assertThat(trust.at("/Statement/0/Condition/StringEquals/cognito-identity.amazonaws.com:aud")
                        .asText())
                .isEqualTo(stack.cognito().identityPoolId().orElseThrow());
        assertThat(trust.at("/Statement/0/Condition/ForAnyValue:StringLike/cognito-identity.amazonaws.com:amr")
                        .asText())
                .isEqualTo("unauthenticated");

        // Terraform attaches managed policies; no inline policy exists until someone adds one.
        assertThat(iam.listRolePolicies(r -> r.roleName("pins-guest")).policyNames())
                .isEmpty();
        var attached =
                iam.listAttachedRolePolicies(r -> r.roleName("pins-guest")).attachedPolicies();
        assertThat(attached).extracting(p -> p.policyName()).containsExactly("pins-guest-1-appsync");
        String policyArn = attached.get(0).policyArn();
        assertThat(policyArn).isEqualTo("arn:aws:iam::" + stack.accountId() + ":policy/pins-guest-1-appsync");
        var policy = iam.getPolicy(r -> r.policyArn(policyArn)).policy();
        assertThat(policy.defaultVersionId()).isEqualTo("v1");
        assertThat(policy.policyId()).startsWith("ANPA");
        String document = URLDecoder.decode(
                iam.getPolicyVersion(r -> r.policyArn(policyArn).versionId("v1"))
                        .policyVersion()
                        .document(),
                StandardCharsets.UTF_8);
        assertThat(document).isEqualTo(stack.rolePolicies().get(guestRole).get("pins-guest-1-appsync"));
        assertThat(iam.listAttachedRolePolicies(r -> r.roleName("pins-authenticated"))
                        .attachedPolicies())
                .extracting(p -> p.policyName())
                .containsExactly("pins-authenticated-1-appsync");
    }

    @Test
    void iamAnswersNoSuchEntityAndRefusesIdentityPoolCallers() {
        assertThatThrownBy(() -> iam.listRolePolicies(r -> r.roleName("nobody")))
                .isInstanceOf(NoSuchEntityException.class)
                .hasMessageContaining("The role with name nobody cannot be found.");
        assertThatThrownBy(() -> iam.getRolePolicy(r -> r.roleName("pins-guest").policyName("none")))
                .isInstanceOf(NoSuchEntityException.class)
                .hasMessageContaining("The role policy with name none cannot be found.");
        assertThatThrownBy(() -> iam.getPolicy(r -> r.policyArn("arn:aws:iam::" + stack.accountId() + ":policy/none")))
                .isInstanceOf(NoSuchEntityException.class);
        try (IamClient asGuest = ControlPlaneClients.iam(stack, ControlPlaneClients.session(guest));
                IamClient unsigned = ControlPlaneClients.iam(stack, ControlPlaneClients.anonymous())) {
            assertAwsError(() -> asGuest.listRolePolicies(r -> r.roleName("pins-guest")), 403, "AccessDenied");
            assertAwsError(
                    () -> asGuest.putRolePolicy(
                            r -> r.roleName("pins-guest").policyName("more").policyDocument("{}")),
                    403,
                    "AccessDenied");
            assertAwsError(() -> unsigned.getRole(r -> r.roleName("pins-guest")), 403, "MissingAuthenticationToken");
        }
        assertThat(iam.listRolePolicies(r -> r.roleName("pins-guest")).policyNames())
                .isEmpty();
    }

    @Test
    void theOutputsFileListsTheControlPlaneEndpoints() throws Exception {
        JsonNode endpoints =
                GraphQlClient.JSON.readTree(stack.outputs().toJson()).at("/custom/fieldgate/endpoints");
        for (String service : List.of("sts", "iam", "appsync")) {
            assertThat(endpoints.get(service).asText())
                    .as(service)
                    .isEqualTo(stack.endpoint().toString());
        }
    }

    static void assertAwsError(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).as(e.getMessage()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).as(e.getMessage()).isEqualTo(code);
        });
    }
}
