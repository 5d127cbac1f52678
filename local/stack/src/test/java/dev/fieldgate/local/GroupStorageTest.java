package dev.fieldgate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.fieldgate.config.AppConfig;
import dev.fieldgate.config.IdentityPoolConfig;
import dev.fieldgate.config.OutputsFile;
import dev.fieldgate.config.StorageOutputs;
import dev.fieldgate.config.UserPoolGroup;
import dev.fieldgate.local.cognito.Clients;
import dev.fieldgate.local.cognito.TestConfigs;
import dev.fieldgate.local.cognito.TestUsers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.NotAuthorizedException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Storage granted to a user-pool group: the group gets an identity-pool role of its own, the user pool names it in
 * its members' ID tokens ({@code cognito:roles}, {@code cognito:preferred_role}), the identity pool hands it out
 * (token-based role mapping), and S3 and AppSync apply its policies. Everything through the AWS SDK for Java v2.
 */
class GroupStorageTest {

    static final String STORAGE = """
            {"buckets": [{"name": "files", "paths": {
               "shared/*": {"authenticated": ["read"], "groups": {"editors": ["write", "delete"]}},
               "private/{identity}/*": {"owner": ["read", "write", "delete"]}}}]}""";

    private static final String BUCKET = "pins-local-files";

    private static LocalStack stack;
    private static TestUsers.User erin;
    private static TestUsers.User nick;
    private static AwsSessionCredentialsIdentity erinCredentials;
    private static AwsSessionCredentialsIdentity nickCredentials;
    private static String editorsRole;

    @BeforeAll
    static void start() {
        AppConfig pins = TestConfigs.pins();
        AppConfig config = pins.toBuilder()
                .userPool(pins.userPool().toBuilder()
                        .addGroup(new UserPoolGroup("editors", "Edit the shared files", 5))
                        .build())
                .identityPool(new IdentityPoolConfig(
                        pins.identityPool().orElseThrow().name(),
                        true,
                        pins.identityPool().orElseThrow().clients(),
                        // The classic flow would let any signed-in identity assume the group's role.
                        false))
                .storageJson(STORAGE)
                .build();
        stack = NotesStack.builder().config(config).start();
        TestUsers users = new TestUsers(stack.cognito());
        erin = users.create("erin@example.com", "editors");
        nick = users.create("nick@example.com");
        erinCredentials = users.identityPoolUser(erin);
        nickCredentials = users.identityPoolUser(nick);
        editorsRole = "arn:aws:iam::" + stack.accountId() + ":role/pins-group-editors";
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static S3Client s3(AwsSessionCredentialsIdentity credentials) {
        return S3Client.builder()
                .endpointOverride(stack.endpoint())
                .forcePathStyle(true)
                .region(Region.of(stack.region()))
                .credentialsProvider(ControlPlaneClients.session(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    private static JWTClaimsSet claims(String token) throws Exception {
        return SignedJWT.parse(token).getJWTClaimsSet();
    }

    private static String identityId(TestUsers.User user) {
        try (CognitoIdentityClient identity = Clients.identity(stack.cognito())) {
            return identity.getId(r -> r.identityPoolId(
                                    stack.cognito().identityPoolId().orElseThrow())
                            .logins(logins(user)))
                    .identityId();
        }
    }

    private static Map<String, String> logins(TestUsers.User user) {
        return Map.of(
                "cognito-idp." + stack.region() + ".amazonaws.com/"
                        + stack.cognito().userPoolId(),
                user.idToken());
    }

    @Test
    void theOutputsFileListsTheGroupsAccessAsAmplifyDoes() {
        OutputsFile outputs = stack.outputs();
        StorageOutputs.Bucket files =
                outputs.storage().orElseThrow().bucket("files").orElseThrow();
        assertThat(files.paths().get("shared/*"))
                .containsExactly(
                        Map.entry("authenticated", List.of("get", "list")),
                        Map.entry("groupseditors", List.of("write", "delete")));
        assertThat(files.paths().get("private/{entity_id}/*")).containsOnlyKeys("entityidentity");
        assertThat(outputs.auth().orElseThrow().groups()).containsEntry("editors", 5);
    }

    @Test
    void aMembersIdTokenNamesTheGroupsRoleAsCognitoDoes() throws Exception {
        JWTClaimsSet member = claims(erin.idToken());
        assertThat(member.getStringListClaim("cognito:groups")).containsExactly("editors");
        assertThat(member.getStringListClaim("cognito:roles")).containsExactly(editorsRole);
        assertThat(member.getStringClaim("cognito:preferred_role")).isEqualTo(editorsRole);
        // Roles go into ID tokens only.
        assertThat(claims(erin.accessToken()).getClaims())
                .doesNotContainKeys("cognito:roles", "cognito:preferred_role");

        JWTClaimsSet other = claims(nick.idToken());
        assertThat(other.getClaims()).doesNotContainKeys("cognito:groups", "cognito:roles", "cognito:preferred_role");
    }

    @Test
    void aMemberWritesUnderTheGroupsPathAndOthersAreRefused() {
        try (S3Client asErin = s3(erinCredentials);
                S3Client asNick = s3(nickCredentials)) {
            asErin.putObject(r -> r.bucket(BUCKET).key("shared/agenda.txt"), RequestBody.fromString("agenda"));

            S3StorageTest.refused(
                    () -> asNick.putObject(
                            r -> r.bucket(BUCKET).key("shared/agenda.txt"), RequestBody.fromString("mine now")),
                    403,
                    "AccessDenied");
            S3StorageTest.refused(
                    () -> asNick.deleteObject(r -> r.bucket(BUCKET).key("shared/agenda.txt")), 403, "AccessDenied");
            // Every signed-in user still reads and lists what the editors wrote.
            assertThat(asNick.getObjectAsBytes(r -> r.bucket(BUCKET).key("shared/agenda.txt"))
                            .asUtf8String())
                    .isEqualTo("agenda");
            assertThat(asNick.listObjectsV2(r -> r.bucket(BUCKET).prefix("shared/"))
                            .contents())
                    .extracting(S3Object::key)
                    .contains("shared/agenda.txt");
            // The group's role goes no further than its grants: no writing outside the declared paths.
            S3StorageTest.refused(
                    () -> asErin.putObject(r -> r.bucket(BUCKET).key("other/x.txt"), RequestBody.fromString("x")),
                    403,
                    "AccessDenied");
            asErin.deleteObject(r -> r.bucket(BUCKET).key("shared/agenda.txt"));
        }
    }

    @Test
    void aMemberLosesNothingOfWhatEverySignedInUserHas() throws Exception {
        String erinId = identityId(erin);
        String nickId = identityId(nick);
        try (S3Client asErin = s3(erinCredentials)) {
            String own = "private/" + erinId + "/draft.txt";
            asErin.putObject(r -> r.bucket(BUCKET).key(own), RequestBody.fromString("draft"));
            assertThat(asErin.getObjectAsBytes(r -> r.bucket(BUCKET).key(own)).asUtf8String())
                    .isEqualTo("draft");
            assertThat(asErin.listObjectsV2(r -> r.bucket(BUCKET).prefix("private/" + erinId + "/"))
                            .contents())
                    .extracting(S3Object::key)
                    .containsExactly(own);
            // Another identity's private path stays closed to the group.
            S3StorageTest.refused(
                    () -> asErin.getObject(r -> r.bucket(BUCKET).key("private/" + nickId + "/draft.txt")),
                    403,
                    "AccessDenied");
        }

        // The API with IAM: the same fields as the authenticated role, under the group's role.
        GraphQlClient graphql = new GraphQlClient(stack.graphqlEndpoint());
        GraphQlClient.Response echo = graphql.signed(erinCredentials, stack.region(), "{ echo }");
        assertThat(echo.status()).as(echo.body().toString()).isEqualTo(200);
        JsonNode identity =
                GraphQlClient.JSON.readTree(echo.data().get("echo").asText()).at("/event/identity");
        assertThat(identity.get("userArn").asText())
                .isEqualTo("arn:aws:sts::" + stack.accountId()
                        + ":assumed-role/pins-group-editors/CognitoIdentityCredentials");
        assertThat(identity.get("cognitoIdentityAuthType").asText()).isEqualTo("authenticated");
        // What the authenticated role may not reach, the group's role may not either.
        GraphQlClient.Response member = graphql.signed(erinCredentials, stack.region(), "{ isolation }");
        GraphQlClient.Response plain = graphql.signed(nickCredentials, stack.region(), "{ isolation }");
        assertThat(member.body().path("errors").get(0).path("errorType").asText())
                .isEqualTo(plain.body().path("errors").get(0).path("errorType").asText())
                .isNotEmpty();
    }

    @Test
    void aCustomRoleArnMustBeOneOfTheTokensRoles() {
        String nickId = identityId(nick);
        String erinId = identityId(erin);
        try (CognitoIdentityClient identity = Clients.identity(stack.cognito())) {
            NotAuthorizedException refused = catchThrowableOfType(
                    NotAuthorizedException.class,
                    () -> identity.getCredentialsForIdentity(
                            r -> r.identityId(nickId).logins(logins(nick)).customRoleArn(editorsRole)));
            assertThat(refused).isNotNull();
            assertThat(refused.getMessage()).contains("cognito:roles");

            // A member may ask for the authenticated role instead of the group's.
            String authenticatedRole = "arn:aws:iam::" + stack.accountId() + ":role/pins-authenticated";
            var credentials = identity.getCredentialsForIdentity(
                            r -> r.identityId(erinId).logins(logins(erin)).customRoleArn(authenticatedRole))
                    .credentials();
            try (S3Client asPlainErin = s3(AwsSessionCredentialsIdentity.create(
                    credentials.accessKeyId(), credentials.secretKey(), credentials.sessionToken()))) {
                S3StorageTest.refused(
                        () -> asPlainErin.putObject(
                                r -> r.bucket(BUCKET).key("shared/plain.txt"), RequestBody.fromString("x")),
                        403,
                        "AccessDenied");
            }
        }
    }

    @Test
    void iamListsTheGroupsRoleWithItsTrustAndPolicies() {
        try (var iam = ControlPlaneClients.iam(stack, ControlPlaneClients.admin(stack))) {
            var role = iam.getRole(r -> r.roleName("pins-group-editors")).role();
            assertThat(java.net.URLDecoder.decode(
                            role.assumeRolePolicyDocument(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("cognito-identity.amazonaws.com:aud", "\"authenticated\"");
            List<String> attached =
                    iam.listAttachedRolePolicies(r -> r.roleName("pins-group-editors")).attachedPolicies().stream()
                            .map(p -> p.policyName())
                            .toList();
            assertThat(attached).contains("pins-authenticated-1-appsync", "pins-group-editors-storage");
        }
    }
}
