package dev.fieldgate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.local.bench.PinsLoad;
import dev.fieldgate.local.cognito.TestUsers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * DynamoDB on the stack's port, as AWS guards it: every request SigV4-verified and IAM-evaluated. The administrator's
 * key reaches every table, the resolver function's role the app's tables, identity-pool credentials nothing their
 * role's policies do not grant; unsigned, forged and unknown-key requests get DynamoDB's own errors; and a web page
 * cannot write through a browser's CORS preflight without signing.
 */
class DynamoDbAccessTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalStack stack;
    private static AwsSessionCredentialsIdentity guest;
    private static AwsSessionCredentialsIdentity signedIn;
    private static TestUsers.User ann;
    private static DynamoDbClient admin;
    private static String pinTable;

    @BeforeAll
    static void start() {
        stack = LocalStack.builder()
                .appConfigFile(PinsLoad.pinsConfig())
                .inMemory()
                .start();
        TestUsers users = new TestUsers(stack.cognito());
        guest = users.guest();
        ann = users.create("ann@example.com");
        signedIn = users.identityPoolUser(ann);
        admin = client(ControlPlaneClients.admin(stack));
        pinTable = stack.tableName("Pin");
        stack.functionReady().join();
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static DynamoDbClient client(AwsCredentialsProvider credentials) {
        return DynamoDbClient.builder()
                .endpointOverride(stack.dynamoDbEndpoint())
                .region(Region.of(stack.region()))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    private static String tableArn(String table) {
        return "arn:aws:dynamodb:" + stack.region() + ":" + stack.accountId() + ":table/" + table;
    }

    /** A pin item written with the administrator's key. */
    private static String storedPin(String title) {
        String id = UUID.randomUUID().toString();
        admin.putItem(r -> r.tableName(pinTable)
                .item(Map.of("id", AttributeValue.fromS(id), "title", AttributeValue.fromS(title))));
        return id;
    }

    private static String titleOf(String id) {
        Map<String, AttributeValue> item = admin.getItem(
                        r -> r.tableName(pinTable).consistentRead(true).key(Map.of("id", AttributeValue.fromS(id))))
                .item();
        return item == null || item.isEmpty() ? null : item.get("title").s();
    }

    private static DynamoDbException refused(ThrowableAssert.ThrowingCallable call, String errorCode) {
        DynamoDbException e = catchThrowableOfType(DynamoDbException.class, call);
        assertThat(e).as("refused with " + errorCode).isNotNull();
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(errorCode);
        return e;
    }

    private static JsonNode body(DynamoDbException e) throws IOException {
        return JSON.readTree(e.awsErrorDetails().rawResponse().asByteArray());
    }

    @Test
    void identityPoolCredentialsCannotReadOrWriteTheTables() throws IOException {
        String id = storedPin("before");
        String guestArn = "arn:aws:sts::" + stack.accountId() + ":assumed-role/pins-guest/CognitoIdentityCredentials";
        try (DynamoDbClient asGuest = client(ControlPlaneClients.session(guest));
                DynamoDbClient asUser = client(ControlPlaneClients.session(signedIn))) {
            DynamoDbException scan = refused(() -> asGuest.scan(r -> r.tableName(pinTable)), "AccessDeniedException");
            assertThat(scan.awsErrorDetails().errorMessage())
                    .isEqualTo("User: " + guestArn + " is not authorized to perform: dynamodb:Scan on resource: "
                            + tableArn(pinTable) + " because no identity-based policy allows the dynamodb:Scan action");
            JsonNode error = body(scan);
            assertThat(error.path("__type").asText())
                    .isEqualTo("com.amazonaws.dynamodb.v20120810#AccessDeniedException");
            assertThat(error.path("Message").asText()).startsWith("User: " + guestArn + " is not authorized");

            DynamoDbException update = refused(
                    () -> asGuest.updateItem(r -> r.tableName(pinTable)
                            .key(Map.of("id", AttributeValue.fromS(id)))
                            .updateExpression("SET title = :t")
                            .expressionAttributeValues(Map.of(":t", AttributeValue.fromS("defaced")))),
                    "AccessDeniedException");
            assertThat(update.awsErrorDetails().errorMessage()).contains("dynamodb:UpdateItem");
            refused(() -> asGuest.listTables(), "AccessDeniedException");
            DynamoDbException userScan =
                    refused(() -> asUser.scan(r -> r.tableName(pinTable)), "AccessDeniedException");
            assertThat(userScan.awsErrorDetails().errorMessage()).contains(":assumed-role/pins-authenticated/");
        }
        assertThat(titleOf(id)).isEqualTo("before");
    }

    @Test
    void aRolesOwnPolicyGrantsWhatItNamesAndNoMore() {
        String id = storedPin("readable");
        String grant = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"dynamodb:GetItem\",\"Resource\":\"" + tableArn(pinTable) + "\"}]}";
        try (IamClient iam = ControlPlaneClients.iam(stack, ControlPlaneClients.admin(stack));
                DynamoDbClient asUser = client(ControlPlaneClients.session(signedIn))) {
            iam.putRolePolicy(r ->
                    r.roleName("pins-authenticated").policyName("read-pins").policyDocument(grant));
            try {
                Map<String, AttributeValue> item = asUser.getItem(
                                r -> r.tableName(pinTable).key(Map.of("id", AttributeValue.fromS(id))))
                        .item();
                assertThat(item.get("title").s()).isEqualTo("readable");
                refused(() -> asUser.scan(r -> r.tableName(pinTable)), "AccessDeniedException");
                refused(
                        () -> asUser.getItem(r -> r.tableName(stack.tableName("Profile"))
                                .key(Map.of("owner", AttributeValue.fromS(ann.sub())))),
                        "AccessDeniedException");
            } finally {
                iam.deleteRolePolicy(r -> r.roleName("pins-authenticated").policyName("read-pins"));
            }
            refused(
                    () -> asUser.getItem(r -> r.tableName(pinTable).key(Map.of("id", AttributeValue.fromS(id)))),
                    "AccessDeniedException");
        }
    }

    @Test
    void unsignedForgedAndUnknownKeysGetDynamoDbsSignatureErrors() throws Exception {
        try (DynamoDbClient madeUp = client(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")));
                DynamoDbClient wrongSecret = client(ControlPlaneClients.wrongSecret(stack));
                DynamoDbClient wrongToken = client(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        guest.accessKeyId(), guest.secretAccessKey(), guest.sessionToken() + "x")))) {
            DynamoDbException unknown =
                    refused(() -> madeUp.scan(r -> r.tableName(pinTable)), "UnrecognizedClientException");
            assertThat(body(unknown).path("__type").asText())
                    .isEqualTo("com.amazon.coral.service#UnrecognizedClientException");
            assertThat(unknown.awsErrorDetails().errorMessage())
                    .isEqualTo("The security token included in the request is invalid.");
            DynamoDbException forged =
                    refused(() -> wrongSecret.scan(r -> r.tableName(pinTable)), "InvalidSignatureException");
            assertThat(forged.awsErrorDetails().errorMessage())
                    .startsWith("The request signature we calculated does not match the signature you provided.");
            refused(() -> wrongToken.scan(r -> r.tableName(pinTable)), "UnrecognizedClientException");
        }
        HttpResponse<String> unsigned =
                post(Map.of(), "DynamoDB_20120810.Scan", "{\"TableName\":\"" + pinTable + "\"}");
        assertThat(unsigned.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(unsigned.body());
        assertThat(error.path("__type").asText())
                .isEqualTo("com.amazon.coral.service#MissingAuthenticationTokenException");
        assertThat(error.path("message").asText()).isEqualTo("Request is missing Authentication Token");
        assertThat(error.has("Items")).isFalse();
    }

    @Test
    void theAdministratorsKeyReachesEveryTable() {
        String id = storedPin("admin's");
        assertThat(admin.listTables().tableNames()).contains(pinTable, stack.tableName("Profile"));
        assertThat(admin.scan(r -> r.tableName(pinTable).consistentRead(true)).items())
                .anySatisfy(item -> assertThat(item.get("id").s()).isEqualTo(id));
        admin.updateItem(r -> r.tableName(pinTable)
                .key(Map.of("id", AttributeValue.fromS(id)))
                .updateExpression("SET title = :t")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS("renamed"))));
        assertThat(titleOf(id)).isEqualTo("renamed");
    }

    @Test
    void theFunctionsRoleReachesTheAppsTablesAndNothingElse() {
        // Through the app: the resolver function writes the pin with its own role's credentials.
        GraphQlClient.Response created = new GraphQlClient(stack.graphqlEndpoint())
                .withToken(
                        ann.idToken(),
                        "mutation C($in: CreatePinInput!) { createPin(input: $in) { id title } }",
                        Map.of(
                                "in",
                                Map.of("title", "through the function", "imageUrl", "https://img.example.com/p.jpg")));
        assertThat(created.errors().isMissingNode())
                .as(created.body().toString())
                .isTrue();
        String id = created.data().at("/createPin/id").asText();
        assertThat(titleOf(id)).isEqualTo("through the function");

        // Its credentials are the function's environment, which the stack hands over as system properties.
        AwsSessionCredentials role = AwsSessionCredentials.create(
                System.getProperty("aws.accessKeyId"),
                System.getProperty("aws.secretAccessKey"),
                System.getProperty("aws.sessionToken"));
        assertThat(role.accessKeyId()).startsWith("ASIA");
        try (DynamoDbClient asFunction = client(StaticCredentialsProvider.create(role))) {
            assertThat(asFunction.scan(r -> r.tableName(pinTable)).items()).isNotEmpty();
            DynamoDbException create = refused(
                    () -> asFunction.createTable(r -> r.tableName("pins-local-Other")
                            .attributeDefinitions(AttributeDefinition.builder()
                                    .attributeName("id")
                                    .attributeType(ScalarAttributeType.S)
                                    .build())
                            .keySchema(KeySchemaElement.builder()
                                    .attributeName("id")
                                    .keyType(KeyType.HASH)
                                    .build())
                            .billingMode("PAY_PER_REQUEST")),
                    "AccessDeniedException");
            assertThat(create.awsErrorDetails().errorMessage())
                    .isEqualTo("User: arn:aws:sts::" + stack.accountId()
                            + ":assumed-role/pins-local-resolvers/pins-local-resolvers is not authorized to perform:"
                            + " dynamodb:CreateTable on resource: " + tableArn("pins-local-Other")
                            + " because no identity-based policy allows the dynamodb:CreateTable action");
            refused(() -> asFunction.listTables(), "AccessDeniedException");
        }
        assertThat(admin.listTables().tableNames()).doesNotContain("pins-local-Other");
    }

    @Test
    void aWebPageCannotWriteThroughThePreflightWithoutSigning() throws Exception {
        String id = UUID.randomUUID().toString();
        HttpResponse<String> preflight = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(stack.dynamoDbEndpoint().resolve("/"))
                                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                .header("Origin", "https://attacker.example")
                                .header("Access-Control-Request-Method", "POST")
                                .header("Access-Control-Request-Headers", "content-type,x-amz-target")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(200);
        // Any origin, as AWS answers, but never with credentials (cookies, HTTP auth): only a signature can act.
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("*");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials"))
                .isEmpty();

        String put = "{\"TableName\":\"" + pinTable + "\",\"Item\":{\"id\":{\"S\":\"" + id
                + "\"},\"title\":{\"S\":\"blind write\"}}}";
        HttpResponse<String> write =
                post(Map.of("Origin", "https://attacker.example"), "DynamoDB_20120810.PutItem", put);
        assertThat(write.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(write.body()).path("__type").asText())
                .isEqualTo("com.amazon.coral.service#MissingAuthenticationTokenException");
        assertThat(write.headers().firstValue("Access-Control-Allow-Credentials"))
                .isEmpty();
        // A form's simple POST cannot even name the operation; the body alone does nothing either.
        HttpResponse<String> simple = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(stack.dynamoDbEndpoint().resolve("/"))
                                .header("Origin", "https://attacker.example")
                                .header("Content-Type", "text/plain")
                                .POST(HttpRequest.BodyPublishers.ofString(put))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(simple.statusCode()).isNotEqualTo(200);
        assertThat(titleOf(id)).isNull();
    }

    private static HttpResponse<String> post(Map<String, String> headers, String target, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.dynamoDbEndpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", target)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
