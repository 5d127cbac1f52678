package dev.fieldgate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fieldgate.local.cognito.TestUsers;
import dev.fieldgate.local.core.LocalAdminCredentials;
import dev.fieldgate.policy.AccessMatrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The notes sample as it ships ({@code samples/notes/fieldgate.json}, its schema and its resolver function jar) on
 * a local stack, called over HTTP by each kind of caller: anonymous, an identity-pool guest (the pool admits none),
 * an identity-pool user who owns the note (user A through the authenticated role, SigV4) and another one (user B),
 * and user A with a user-pool token, which this IAM-only API does not admit. What they observe must be the
 * policy's access matrix, cell for cell; effects are checked in DynamoDB. A note's attachment is a file in the
 * {@code attachments} bucket under its owner's identity path ({@code private/<identity id>/}), which only that
 * identity reads, writes or deletes.
 */
class NotesAppTest {

    private static LocalStack stack;
    private static GraphQlClient http;
    private static DynamoDbClient dynamo;
    private static TestUsers users;
    private static TestUsers.User userA;
    private static AwsSessionCredentialsIdentity ownerA;
    private static AwsSessionCredentialsIdentity otherB;

    @BeforeAll
    static void start() {
        stack = LocalStack.builder().appConfigFile(notesConfig()).inMemory().start();
        http = new GraphQlClient(stack.graphqlEndpoint());
        users = new TestUsers(stack.cognito());
        userA = users.create("ann@example.com");
        ownerA = users.identityPoolUser(userA);
        otherB = users.identityPoolUser(users.create("bob@example.com"));
        LocalAdminCredentials key = stack.adminCredentials();
        dynamo = DynamoDbClient.builder()
                .endpointOverride(stack.dynamoDbEndpoint())
                .region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))
                .build();
        stack.functionReady().join();
    }

    @AfterAll
    static void stop() {
        if (dynamo != null) {
            dynamo.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    static Path notesConfig() {
        for (Path candidate :
                List.of(Path.of("samples/notes/fieldgate.json"), Path.of("../../samples/notes/fieldgate.json"))) {
            if (Files.isRegularFile(candidate)) {
                Path jar =
                        candidate.toAbsolutePath().getParent().resolve("resolvers/target/notes-resolvers-lambda.jar");
                assertThat(jar)
                        .as("the notes resolver function, built with -am")
                        .isRegularFile();
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException(
                "samples/notes/fieldgate.json not found from " + Path.of("").toAbsolutePath());
    }

    /** Each column is a real caller; a guest cannot even get credentials from this identity pool. */
    private static GraphQlClient.Response call(String column, String query, Map<String, ?> variables) {
        return switch (column) {
            case "anonymous" -> http.send(Map.of(), GraphQlClient.body(query, variables));
            case "guest" -> http.signed(users.guest(), "us-east-1", query, variables);
            case "identityPoolUser" -> http.signed(otherB, "us-east-1", query, variables);
            case "identityPoolOwner" -> http.signed(ownerA, "us-east-1", query, variables);
            case "userPoolToken" -> http.withToken(userA.idToken(), query, variables);
            default -> throw new IllegalArgumentException(column);
        };
    }

    private static boolean answered(String column, String query, Map<String, ?> variables, String path, String want) {
        GraphQlClient.Response r;
        try {
            r = call(column, query, variables);
        } catch (RuntimeException refused) {
            // The identity pool refuses guest credentials: the caller never reaches the API.
            assertThat(column).isEqualTo("guest");
            assertThat(refused).hasMessageContaining("nauthenticated");
            return false;
        }
        boolean ok = r.status() == 200 && r.errors().isMissingNode();
        return ok && (want == null || want.equals(r.data().at(path).asText()));
    }

    private static Map<String, AttributeValue> stored(String noteId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(stack.tableName("Note"))
                        .consistentRead(true)
                        .key(Map.of("noteId", AttributeValue.fromS(noteId))))
                .item();
        return item == null || item.isEmpty() ? null : item;
    }

    /** S3 on the stack's port with an identity's credentials, as the SDK's storage client calls it. */
    private static S3Client s3(AwsSessionCredentialsIdentity identity) {
        return S3Client.builder()
                .endpointOverride(stack.endpoint())
                .forcePathStyle(true)
                .region(Region.of(stack.region()))
                .credentialsProvider(ControlPlaneClients.session(identity))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    /** A new note of user A's identity. */
    private static String noteOfA(String content) {
        GraphQlClient.Response created = http.signed(
                ownerA,
                "us-east-1",
                "mutation C($in: CreateNoteInput!) { createNote(input: $in) { noteId owner } }",
                Map.of("in", Map.of("content", content)));
        assertThat(created.errors().isMissingNode())
                .as(created.body().toString())
                .isTrue();
        return created.data().at("/createNote/noteId").asText();
    }

    @Test
    void everyCellOfThePoliciesMatrixHoldsOverHttp() {
        AccessMatrix matrix = AccessMatrix.of(stack.policy());
        List<String> columns = new ArrayList<>(
                matrix.columns().stream().map(AccessMatrix.Column::id).toList());
        assertThat(columns).containsExactly("anonymous", "guest", "identityPoolUser", "identityPoolOwner");
        Map<String, Function<String, Boolean>> scenarios = scenarios();
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (AccessMatrix.Row row : matrix.rows()) {
            String name = row.type() + "." + row.field() + " " + row.operation();
            Function<String, Boolean> scenario = scenarios.get(name);
            assertThat(scenario).as("a scenario for " + name).isNotNull();
            StringBuilder want = new StringBuilder(String.format("%-26s", name));
            StringBuilder got = new StringBuilder(String.format("%-26s", name));
            for (String column : columns) {
                want.append(row.allowed().get(column) ? " ✓" : " ✗");
                got.append(scenario.apply(column) ? " ✓" : " ✗");
            }
            expected.add(want.toString());
            actual.add(got.toString());
        }
        assertThat(String.join("\n", actual)).isEqualTo(String.join("\n", expected));
        // And a kind the matrix has no column for, since the API does not enable its mode: a user-pool token.
        String id = noteOfA("not for tokens");
        assertThat(answered(
                        "userPoolToken",
                        "query G($id: ID!) { getNote(noteId: $id) { noteId } }",
                        Map.of("id", id),
                        "/getNote/noteId",
                        id))
                .isFalse();
    }

    /** One request per cell; each reports whether it had its effect. */
    private static Map<String, Function<String, Boolean>> scenarios() {
        Map<String, Function<String, Boolean>> s = new LinkedHashMap<>();
        s.put("Query.getNote get", c -> {
            String id = noteOfA("get");
            return answered(
                    c,
                    "query G($id: ID!) { getNote(noteId: $id) { noteId } }",
                    Map.of("id", id),
                    "/getNote/noteId",
                    id);
        });
        s.put("Query.listNotes list", c -> {
            String id = noteOfA("list");
            return answered(
                    c, "{ listNotes(limit: 1) { items { noteId } } }", Map.of(), "/listNotes/items/0/noteId", id);
        });
        s.put("Mutation.createNote create", c -> {
            GraphQlClient.Response r;
            try {
                r = call(
                        c,
                        "mutation C($in: CreateNoteInput!) { createNote(input: $in) { noteId } }",
                        Map.of("in", Map.of("content", "by " + c)));
            } catch (RuntimeException refused) {
                return answered(c, "{ __typename }", Map.of(), "", null);
            }
            return r.errors().isMissingNode()
                    && r.status() == 200
                    && stored(r.data().at("/createNote/noteId").asText()) != null;
        });
        s.put("Mutation.updateNote update", c -> {
            String id = noteOfA("before");
            answered(
                    c,
                    "mutation U($in: UpdateNoteInput!) { updateNote(input: $in) { noteId } }",
                    Map.of("in", Map.of("noteId", id, "content", "after")),
                    "/updateNote/noteId",
                    id);
            return "after".equals(stored(id).get("content").s());
        });
        s.put("Mutation.deleteNote delete", c -> {
            String id = noteOfA("doomed");
            answered(
                    c,
                    "mutation D($id: ID!) { deleteNote(noteId: $id) { noteId } }",
                    Map.of("id", id),
                    "/deleteNote/noteId",
                    id);
            return stored(id) == null;
        });
        for (String field : List.of("noteId", "owner", "content", "attachment", "createdAt", "updatedAt")) {
            s.put("Note." + field + " read", c -> {
                String id = noteOfA("fields");
                return answered(
                        c,
                        "query G($id: ID!) { getNote(noteId: $id) { noteId " + field + " } }",
                        Map.of("id", id),
                        "/getNote/noteId",
                        id);
            });
        }
        return s;
    }

    @Test
    void theOwnerIsTheIdentityAndListsComeNewestFirstPageByPage() {
        String first = noteOfA("first");
        String second = noteOfA("second");
        GraphQlClient.Response created = http.signed(
                ownerA, "us-east-1", "query G($id: ID!) { getNote(noteId: $id) { owner } }", Map.of("id", second));
        String owner = created.data().at("/getNote/owner").asText();
        assertThat(owner).matches("us-east-1:[0-9a-f-]{36}");
        assertThat(stored(first).get("owner").s()).isEqualTo(owner);

        // Newest first by createdAt; two notes written within the same millisecond may come in either order.
        String newer = stored(second)
                                .get("createdAt")
                                .s()
                                .compareTo(stored(first).get("createdAt").s())
                        >= 0
                ? second
                : first;
        String older = newer.equals(second) ? first : second;
        GraphQlClient.Response page1 =
                http.signed(ownerA, "us-east-1", "{ listNotes(limit: 1) { items { noteId } nextToken } }", Map.of());
        String onPage1 = page1.data().at("/listNotes/items/0/noteId").asText();
        boolean sameTime = stored(second)
                .get("createdAt")
                .s()
                .equals(stored(first).get("createdAt").s());
        assertThat(onPage1).isIn(sameTime ? List.of(first, second) : List.of(newer));
        String token = page1.data().at("/listNotes/nextToken").asText();
        GraphQlClient.Response page2 = http.signed(
                ownerA,
                "us-east-1",
                "query L($t: String) { listNotes(limit: 1, nextToken: $t) { items { noteId } } }",
                Map.of("t", token));
        assertThat(page2.data().at("/listNotes/items/0/noteId").asText())
                .isEqualTo(onPage1.equals(newer) ? older : newer);

        GraphQlClient.Response stolen = http.signed(
                otherB,
                "us-east-1",
                "query L($t: String) { listNotes(limit: 1, nextToken: $t) { items { noteId } } }",
                Map.of("t", token));
        assertThat(stolen.errors().at("/0/errorType").asText()).isEqualTo("ValidationException");
    }

    @Test
    void theOwnerUploadsAnAttachmentUnderHerIdentityAndAnotherIdentityIsRefused() {
        String bucket = stack.outputs()
                .storage()
                .flatMap(storage -> storage.bucket("attachments"))
                .orElseThrow(() -> new AssertionError("no attachments bucket in the outputs file"))
                .bucketName();
        String noteId = noteOfA("with a receipt");
        String identity = stored(noteId).get("owner").s();
        String key = "private/" + identity + "/receipts/" + noteId + ".txt";
        try (S3Client asOwner = s3(ownerA);
                S3Client asOther = s3(otherB)) {
            asOwner.putObject(
                    r -> r.bucket(bucket).key(key).contentType("text/plain"), RequestBody.fromString("paid: 12 EUR"));
            GraphQlClient.Response updated = http.signed(
                    ownerA,
                    "us-east-1",
                    "mutation U($in: UpdateNoteInput!) { updateNote(input: $in) { attachment } }",
                    Map.of("in", Map.of("noteId", noteId, "attachment", key)));
            assertThat(updated.data().at("/updateNote/attachment").asText())
                    .as(updated.body().toString())
                    .isEqualTo(key);
            assertThat(asOwner.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String())
                    .isEqualTo("paid: 12 EUR");

            for (Runnable attempt : List.<Runnable>of(
                    () -> asOther.getObjectAsBytes(r -> r.bucket(bucket).key(key)),
                    () -> asOther.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("forged")),
                    () -> asOther.deleteObject(r -> r.bucket(bucket).key(key)),
                    () -> asOther.listObjectsV2(r -> r.bucket(bucket).prefix("private/" + identity + "/")))) {
                S3Exception refused = catchThrowableOfType(S3Exception.class, attempt::run);
                assertThat(refused).as("another identity is refused").isNotNull();
                assertThat(refused.statusCode()).isEqualTo(403);
                assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            }
            assertThat(asOwner.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String())
                    .isEqualTo("paid: 12 EUR");
            asOwner.deleteObject(r -> r.bucket(bucket).key(key));
        }
    }
}
