package dev.fieldgate.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;

/** The HTTP side of the client against scripted AppSync answers: decoding, errors, retries, auth headers. */
class FieldgateClientTest {

    /** A result type with AppSync scalars. */
    public static final class Pin {
        public String id;
        public String title;
        public URI imageUrl;
        public OffsetDateTime createdAt;
        public Long version;
    }

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScriptedAppSync appsync;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private FieldgateClient client;

    @BeforeEach
    void start() throws Exception {
        appsync = new ScriptedAppSync();
        client = FieldgateClient.builder()
                .config(appsync.config())
                .authorizer(AppSyncAuthorizer.userPool(() -> JWT))
                .retryPolicy(RetryPolicy.builder()
                        .maxAttempts(3)
                        .sleeper(sleeps::add)
                        .build())
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        appsync.close();
    }

    private static GraphQLOperation<Pin> getPin() {
        return GraphQLOperation.query(
                        "query Get($id: ID!) { getPin(id: $id) { id title imageUrl createdAt version } }",
                        "getPin",
                        Pin.class)
                .withVariable("id", "p-1");
    }

    private static GraphQLOperation<Pin> deletePin() {
        return GraphQLOperation.mutation("mutation Del($id: ID!) { deletePin(id: $id) { id } }", "deletePin", Pin.class)
                .withVariable("id", "p-1");
    }

    @Test
    void decodesTypedResultsWithAppSyncScalarsAndSendsTheRawJwt() throws Exception {
        appsync.respond(
                200,
                "{\"data\":{\"getPin\":{\"id\":\"p-1\",\"title\":\"Kestrel\",\"imageUrl\":"
                        + "\"https://img.example.com/k.jpg\",\"createdAt\":\"2024-03-05T09:03:07.123+01:00\",\"version\":"
                        + "1709625787,\"extra\":true}}}");
        GraphQLResponse<Pin> response = client.execute(getPin());

        Pin pin = response.data();
        assertThat(pin.title).isEqualTo("Kestrel");
        assertThat(pin.imageUrl).isEqualTo(URI.create("https://img.example.com/k.jpg"));
        assertThat(pin.createdAt).isEqualTo(OffsetDateTime.of(2024, 3, 5, 9, 3, 7, 123_000_000, ZoneOffset.ofHours(1)));
        assertThat(pin.version).isEqualTo(1709625787L);
        assertThat(response.hasErrors()).isFalse();
        assertThat(response.requestId()).hasValue("req-0");
        assertThat(response.rawData().path("getPin").path("extra").asBoolean()).isTrue();

        ScriptedAppSync.Received request = appsync.received().get(0);
        assertThat(request.header("Authorization")).isEqualTo(JWT);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("query").asText()).startsWith("query Get");
        assertThat(body.get("variables").get("id").asText()).isEqualTo("p-1");
    }

    @Test
    void theRawPathReturnsTheWholeDataTree() {
        appsync.respond(200, "{\"data\":{\"listPins\":{\"items\":[{\"id\":\"a\"}]}}}");
        GraphQLResponse<JsonNode> response = client.execute("{ listPins { items { id } } }", Map.of());
        assertThat(response.data().at("/listPins/items/0/id").asText()).isEqualTo("a");
    }

    @Test
    void partialResultsKeepTheirDataAndTheFieldErrors() {
        appsync.respond(
                200,
                "{\"data\":{\"getPin\":{\"id\":\"p-1\",\"title\":\"Kestrel\",\"ownerContact\":null}},"
                        + "\"errors\":[{\"path\":[\"getPin\",\"ownerContact\"],\"data\":null,\"errorType\":\"Unauthorized\","
                        + "\"errorInfo\":null,\"locations\":[{\"line\":1,\"column\":40,\"sourceName\":null}],"
                        + "\"message\":\"Not Authorized to access ownerContact on type Pin\"}]}");
        GraphQLResponse<Pin> response = client.execute(getPin());
        assertThat(response.data().title).isEqualTo("Kestrel");
        assertThat(response.errors()).hasSize(1);
        GraphQLError error = response.errorsAt("getPin", "ownerContact").get(0);
        assertThat(error.isUnauthorized()).isTrue();
        assertThat(error.locations()).containsExactly(new GraphQLError.Location(1, 40));
        assertThatThrownBy(response::dataOrThrow).isInstanceOf(NotAuthorizedException.class);
    }

    @Test
    void anOperationRefusedByAppSyncThrowsNotAuthorizedWithItsPath() {
        appsync.respond(
                200,
                "{\"data\":{\"deletePin\":null},\"errors\":[{\"path\":[\"deletePin\"],\"data\":null,"
                        + "\"errorType\":\"Unauthorized\",\"errorInfo\":null,\"locations\":[{\"line\":1,\"column\":26}],"
                        + "\"message\":\"Not Authorized to access deletePin on type Mutation\"}]}");
        assertThatThrownBy(() -> client.execute(deletePin()))
                .isInstanceOfSatisfying(NotAuthorizedException.class, e -> {
                    assertThat(e.errorType()).hasValue("Unauthorized");
                    assertThat(e.path()).containsExactly("deletePin");
                    assertThat(e.statusCode()).isEqualTo(200);
                })
                .hasMessageContaining("Not Authorized to access deletePin on type Mutation");
    }

    @Test
    void requestLevelRefusalsBecomeTypedExceptions() {
        appsync.respond(
                401,
                "{\"errors\":[{\"errorType\":\"UnauthorizedException\",\"message\":"
                        + "\"Valid authorization header not provided.\"}]}");
        assertThatThrownBy(() -> client.execute(getPin()))
                .isInstanceOfSatisfying(NotAuthenticatedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(NotAuthenticatedException.Reason.MISSING_AUTHORIZATION);
                    assertThat(e.statusCode()).isEqualTo(401);
                });

        appsync.respond(
                401, "{\"errors\":[{\"errorType\":\"UnauthorizedException\",\"message\":\"Permission denied\"}]}");
        assertThatThrownBy(() -> client.execute(getPin()))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("appsync:GraphQL");

        appsync.respond(
                403,
                "{\"message\":\"The request signature we calculated does not match the signature you " + "provided.\"}",
                "x-amzn-ErrorType",
                "InvalidSignatureException:http://internal.amazon.com/");
        assertThatThrownBy(() -> client.execute(getPin()))
                .isInstanceOfSatisfying(NotAuthenticatedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(NotAuthenticatedException.Reason.INVALID_SIGNATURE);
                    assertThat(e.errorType()).hasValue("InvalidSignatureException");
                })
                .hasMessageContaining("clock");

        appsync.respond(
                400,
                "{\"errors\":[{\"errorType\":\"MalformedHttpRequestException\",\"message\":"
                        + "\"Unable to parse GraphQL query.\"}]}");
        assertThatThrownBy(() -> client.execute(getPin())).isInstanceOf(InvalidRequestException.class);

        appsync.respond(
                200,
                "{\"data\":null,\"errors\":[{\"errorType\":\"ValidationError\",\"message\":"
                        + "\"Validation error of type FieldUndefined: Field 'nope' in type 'Query' is undefined\"}]}");
        assertThatThrownBy(() -> client.execute(getPin()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("FieldUndefined");

        appsync.respond(
                200,
                "{\"data\":{\"getPin\":null},\"errors\":[{\"path\":[\"getPin\"],\"errorType\":"
                        + "\"Lambda:Unhandled\",\"message\":\"boom\"}]}");
        assertThatThrownBy(() -> client.execute(getPin()))
                .isInstanceOfSatisfying(
                        ServiceException.class, e -> assertThat(e.errorType()).hasValue("Lambda:Unhandled"));

        appsync.respond(200, "<html>gateway</html>");
        assertThatThrownBy(() -> client.execute(getPin()))
                .isInstanceOf(ServiceException.class)
                .hasMessageContaining("not a GraphQL response");
        assertThat(sleeps).as("none of these is retried").isEmpty();
    }

    @Test
    void queriesAreRetriedOnServerErrorsThrottlingAndDroppedConnections() {
        appsync.respond(500, "{\"errors\":[{\"errorType\":\"InternalFailure\",\"message\":\"oops\"}]}")
                .drop()
                .respond(200, "{\"data\":{\"getPin\":{\"id\":\"p-1\"}}}");
        GraphQLResponse<Pin> response = client.execute(getPin());
        assertThat(response.data().id).isEqualTo("p-1");
        assertThat(response.attempts()).isEqualTo(3);
        assertThat(appsync.received()).hasSize(3);
        assertThat(sleeps).hasSize(2).allMatch(d -> !d.isNegative() && d.compareTo(Duration.ofSeconds(20)) <= 0);

        appsync.respond(503, "").respond(503, "").respond(503, "");
        assertThatThrownBy(() -> client.execute(getPin()))
                .isInstanceOfSatisfying(
                        ServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
        assertThat(appsync.received()).hasSize(6);
    }

    @Test
    void retryAfterIsHonouredAndTooLongAWaitIsLeftToTheCaller() {
        appsync.respond(
                        429,
                        "{\"errors\":[{\"errorType\":\"TooManyRequestsException\",\"message\":\"slow down\"}]}",
                        "Retry-After",
                        "2")
                .respond(200, "{\"data\":{\"getPin\":{\"id\":\"p-1\"}}}");
        client.execute(getPin());
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2));

        sleeps.clear();
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.now().plusSeconds(120).atOffset(ZoneOffset.UTC));
        appsync.respond(
                429,
                "{\"errors\":[{\"errorType\":\"TooManyRequestsException\",\"message\":\"slow down\"}]}",
                "Retry-After",
                inTwoMinutes);
        assertThatThrownBy(() -> client.execute(getPin()))
                .isInstanceOfSatisfying(
                        ThrottledException.class,
                        e -> assertThat(e.retryAfter())
                                .hasValueSatisfying(d -> assertThat(d).isGreaterThan(Duration.ofSeconds(100))));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void mutationsAreRetriedOnlyWhenMarkedIdempotent() {
        appsync.respond(500, "{}");
        assertThatThrownBy(() -> client.execute(deletePin())).isInstanceOf(ServiceException.class);
        assertThat(appsync.received()).hasSize(1);

        appsync.respond(500, "{}").respond(200, "{\"data\":{\"deletePin\":{\"id\":\"p-1\"}}}");
        assertThat(client.execute(deletePin(), o -> o.idempotent(true)).attempts())
                .isEqualTo(2);

        appsync.respond(500, "{}");
        assertThatThrownBy(() -> client.execute(getPin(), o -> o.idempotent(false)))
                .isInstanceOf(ServiceException.class);
        assertThat(appsync.received()).hasSize(4);
    }

    @Test
    void aSlowAnswerTimesOut() {
        appsync.hang();
        assertThatThrownBy(() -> client.execute(
                        getPin(), o -> o.timeout(Duration.ofMillis(300)).idempotent(false)))
                .isInstanceOfSatisfying(
                        NetworkException.class, e -> assertThat(e.timedOut()).isTrue());
    }

    @Test
    void iamRequestsCarryASigV4SignatureForAppSyncThatTheSdksSignerReproduces() throws Exception {
        AwsSessionCredentials credentials =
                AwsSessionCredentials.create("ASIAEXAMPLEKEY0000001", "secret/key+value", "session-token-value");
        appsync.respond(200, "{\"data\":{\"getPin\":{\"id\":\"p-1\"}}}");
        client.execute(
                getPin(),
                o -> o.authorizer(AppSyncAuthorizer.iam(StaticCredentialsProvider.create(credentials), "us-east-1")));

        ScriptedAppSync.Received request = appsync.received().get(0);
        String authorization = request.header("Authorization");
        Matcher m = Pattern.compile("AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, "
                        + "SignedHeaders=([^,]+), Signature=([0-9a-f]{64})")
                .matcher(authorization);
        assertThat(m.matches()).as(authorization).isTrue();
        assertThat(m.group(1)).isEqualTo("ASIAEXAMPLEKEY0000001");
        assertThat(m.group(3)).isEqualTo("us-east-1");
        assertThat(m.group(4)).isEqualTo("appsync");
        assertThat(request.header("x-amz-security-token")).isEqualTo("session-token-value");

        // Verify as a server does: rebuild the signed request and sign it again with the SDK's signer.
        SdkHttpRequest.Builder rebuilt = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create("http://" + request.header("host") + "/graphql"));
        for (String name : m.group(5).split(";", -1)) {
            if (!name.equals("x-amz-date") && !name.equals("x-amz-security-token")) {
                rebuilt.putHeader(name, request.header(name));
            }
        }
        Instant signedAt = java.time.LocalDateTime.parse(
                        request.header("x-amz-date"), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
                .toInstant(ZoneOffset.UTC);
        String expected = AwsV4HttpSigner.create()
                .sign(r -> r.identity(credentials)
                        .request(rebuilt.build())
                        .payload(ContentStreamProvider.fromUtf8String(request.body()))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "appsync")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
                .request()
                .firstMatchingHeader("Authorization")
                .orElseThrow();
        assertThat(expected).isEqualTo(authorization);
        assertThat(authorization.getBytes(StandardCharsets.UTF_8)).isNotEmpty();
    }

    /** An input object as generated code has it: a property per field, null when not set. */
    public static final class UpdatePinInput {
        public String id = "p-1";
        public String title = "Renamed";
        public URI imageUrl;
    }

    @Test
    void nullPropertiesOfInputObjectsAreLeftOutAndNullVariablesAreSent() throws Exception {
        appsync.respond(200, "{\"data\":{\"updatePin\":{\"id\":\"p-1\"}}}");
        client.execute(GraphQLOperation.mutation(
                        "mutation U($input: UpdatePinInput!, $note: String) { updatePin(input: $input) { id } }",
                        "updatePin",
                        Pin.class)
                .withVariable("input", new UpdatePinInput())
                .withVariable("note", null));
        JsonNode variables = JSON.readTree(appsync.received().get(0).body()).get("variables");
        assertThat(variables.get("input").has("imageUrl"))
                .as("an unset field stays absent, so AppSync leaves it as it is")
                .isFalse();
        assertThat(variables.get("input").get("title").asText()).isEqualTo("Renamed");
        assertThat(variables.has("note")).isTrue();
        assertThat(variables.get("note").isNull()).isTrue();
    }

    @Test
    void iamSignsForTheRegionOfTheClientsConfigurationWhenGivenNone() {
        AwsSessionCredentials credentials =
                AwsSessionCredentials.create("ASIAEXAMPLEKEY0000001", "secret/key+value", "session-token-value");
        appsync.respond(200, "{\"data\":{\"getPin\":{\"id\":\"p-1\"}}}");
        try (FieldgateClient inFrankfurt = FieldgateClient.builder()
                .config(appsync.config().copy(b -> b.region("eu-central-1")))
                .authorizer(AppSyncAuthorizer.iam(StaticCredentialsProvider.create(credentials)))
                .build()) {
            inFrankfurt.execute(getPin());
        }
        assertThat(appsync.received().get(0).header("Authorization")).contains("/eu-central-1/appsync/aws4_request");
    }

    @Test
    void iamWithoutAClientTakesTheRegionFromAnAppSyncHostOrSaysWhatIsMissing() {
        AppSyncAuthorizer iam = AppSyncAuthorizer.iam(StaticCredentialsProvider.create(
                AwsSessionCredentials.create("ASIAEXAMPLEKEY0000001", "secret", "token")));
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("content-type", "application/json");
        assertThat(iam.authorize(new AppSyncHttpRequest(
                                URI.create(
                                        "https://abcdefghijklmnopqrstuvwxyz.appsync-api.ap-southeast-2.amazonaws.com/graphql"),
                                headers,
                                body))
                        .get("Authorization"))
                .contains("/ap-southeast-2/appsync/");
        assertThatThrownBy(() -> iam.authorize(
                        new AppSyncHttpRequest(URI.create("https://api.example.com/graphql"), headers, body)))
                .isInstanceOf(FieldgateConfigException.class)
                .hasMessageContaining("AppSyncAuthorizer.iam(credentials, region)");
    }

    @Test
    void eachRequestMayUseAnotherModeAndExtraHeadersNeverReplaceAuthorization() {
        appsync.respond(200, "{\"data\":{\"getPin\":{\"id\":\"p-1\"}}}")
                .respond(200, "{\"data\":{\"getPin\":{\"id\":\"p-1\"}}}")
                .respond(200, "{\"data\":{\"getPin\":{\"id\":\"p-1\"}}}");
        client.execute(
                getPin(), o -> o.authorizer(AppSyncAuthorizer.apiKey("da2-key")).header("x-trace", "t-1"));
        client.execute(
                getPin(),
                o -> o.authorizer(AppSyncAuthorizer.lambda(() -> "custom-token"))
                        .header("Authorization", "attacker"));
        client.execute(
                getPin(),
                o -> o.authorizer(AppSyncAuthorizer.lambda(() -> "custom-token"))
                        .header("authorization", "attacker"));
        assertThat(appsync.received().get(0).header("x-api-key")).isEqualTo("da2-key");
        assertThat(appsync.received().get(0).header("Authorization")).isNull();
        assertThat(appsync.received().get(0).header("x-trace")).isEqualTo("t-1");
        assertThat(appsync.received().get(1).header("Authorization")).isEqualTo("custom-token");
        assertThat(appsync.received().get(2).header("Authorization"))
                .as("another case, same header")
                .isEqualTo("custom-token");
    }

    @Test
    void withoutAnyAuthorizationTheClientSaysHowToProvideOne() throws Exception {
        try (FieldgateClient bare =
                FieldgateClient.builder().config(appsync.config()).build()) {
            assertThatThrownBy(() -> bare.execute(getPin()))
                    .isInstanceOf(FieldgateConfigException.class)
                    .hasMessageContaining("authorizer");
        }
        assertThatThrownBy(() -> FieldgateClient.builder()
                        .config(FieldgateConfig.builder().region("us-east-1").build())
                        .build())
                .isInstanceOf(FieldgateConfigException.class)
                .hasMessageContaining("data.url");
        assertThat(client.toString()).doesNotContain(JWT);
    }
}
