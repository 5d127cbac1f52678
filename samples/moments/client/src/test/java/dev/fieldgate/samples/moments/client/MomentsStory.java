package dev.fieldgate.samples.moments.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.local.LocalStack;
import dev.fieldgate.local.cognito.OutboxMessage;
import dev.fieldgate.policy.AccessMatrix;
import dev.fieldgate.policy.SchemaCompiler;
import dev.fieldgate.sdk.AppSyncAuthorizer;
import dev.fieldgate.sdk.AppSyncHttpRequest;
import dev.fieldgate.sdk.AuthMode;
import dev.fieldgate.sdk.FieldgateClient;
import dev.fieldgate.sdk.FieldgateConfig;
import dev.fieldgate.sdk.FieldgateException;
import dev.fieldgate.sdk.GraphQLOperation;
import dev.fieldgate.sdk.NotAuthenticatedException;
import dev.fieldgate.sdk.NotAuthorizedException;
import dev.fieldgate.sdk.auth.CognitoUserPoolAuth;
import dev.fieldgate.sdk.auth.IdentityPoolCredentialsProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The moments story, told with the SDK against the local stack: Ann signs in (with SRP here; the web app's hosted-UI
 * sign-in with PKCE is its browser test's), asks {@code createPhoto} where to upload, PUTs the bytes straight to S3
 * through the presigned URL it answers, and finds the photo under today's date with a presigned GET that serves the
 * same bytes. Bob, signed in too, sees nothing of hers and his {@code deletePhoto} of her photo is refused. Then
 * each kind of caller tries each operation and field over HTTP, and what they observe is compared cell by cell with
 * the matrix the policy derives from the schema; a caller of a mode the API does not enable (IAM, with the identity
 * pool's credentials) is refused everything. Each step checks its own outcome and reports it; nothing here
 * prints (the demo command prints the reports).
 */
public final class MomentsStory implements AutoCloseable {

    /** One step: what was done, whether it went as the schema's rules say, and what happened. */
    public record Step(String title, boolean passed, String outcome) {}

    /** The GraphQL {@code Photo}; {@code uploadHeaders} is AWSJSON. */
    public record Photo(
            String photoId,
            String owner,
            String key,
            String fileName,
            String contentType,
            String caption,
            String createdAt,
            String url,
            String uploadUrl,
            JsonNode uploadHeaders) {}

    /** The GraphQL {@code PhotoConnection}. */
    public record PhotoConnection(List<Photo> items, String nextToken) {}

    /** A failed expectation inside a step. */
    static final class Unexpected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unexpected(String message) {
            super(message);
        }
    }

    private static final String PASSWORD = "Moments-Story-Password-1";
    private static final String FIELDS =
            "{ photoId owner key fileName contentType caption createdAt url uploadUrl uploadHeaders }";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The smallest PNG there is: one transparent pixel. */
    private static final byte[] PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private final Path schemaFile;
    private final LocalStack stack;
    private final FieldgateConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Consumer<Step> report;
    private boolean allPassed = true;

    // Characters of the story, set as it unfolds.
    private CognitoUserPoolAuth ann;
    private CognitoUserPoolAuth bob;
    private FieldgateClient annClient;
    private Photo created;

    private MomentsStory(Path appConfigFile, Consumer<Step> report) {
        this.report = report;
        this.schemaFile = appConfigFile.toAbsolutePath().getParent().resolve("schema.graphql");
        long started = System.nanoTime();
        this.stack = LocalStack.builder().appConfigFile(appConfigFile).inMemory().port(0).start();
        stack.functionReady().join();
        this.config = FieldgateConfig.fromOutputsJson(stack.outputs().toJson());
        step("The local stack runs the moments sample", () -> "Cognito with the hosted UI, AppSync, the resolver "
                + "function, S3 and DynamoDB Local on " + stack.endpoint() + ", ready in "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    /** Starts the local stack for the app whose {@code fieldgate.json} is given. */
    public static MomentsStory start(Path appConfigFile, Consumer<Step> report) {
        return new MomentsStory(appConfigFile, report);
    }

    /** Tells the whole story; true if every step went as the rules say. */
    public boolean run() {
        story();
        try {
            matrix();
        } catch (RuntimeException e) {
            step("The access matrix observed over HTTP matches the one the policy derives", () -> {
                throw e;
            });
        }
        step("Callers of a mode the API does not enable (no matrix column): Ann's identity-pool credentials (IAM) "
                + "are refused each operation", () -> {
                    IdentityPoolCredentialsProvider annIam = open(IdentityPoolCredentialsProvider.builder()
                            .config(config).user(ann).build());
                    FieldgateClient iam = client(AppSyncAuthorizer.iam(annIam));
                    Photo target = createPhoto(annClient, "iam.png", null);
                    List<String> refusals = new ArrayList<>();
                    refusals.add(refused("listPhotos", () -> list(iam)));
                    refusals.add(refused("createPhoto", () -> createPhoto(iam, "iam.png", null)));
                    refusals.add(refused("deletePhoto", () -> iam.execute(deletePhoto(target.photoId()))
                            .dataOrThrow()));
                    return String.join("; ", refusals) + " (identity " + annIam.identityId() + ")";
                });
        return allPassed;
    }

    /** The call must be refused by AppSync; says how. */
    private static String refused(String operation, java.util.function.Supplier<?> call) {
        try {
            call.get();
        } catch (NotAuthorizedException | NotAuthenticatedException e) {
            return operation + " " + e.errorType().orElse(e.getClass().getSimpleName());
        }
        throw new Unexpected(operation + " was allowed");
    }

    // ---- the story ------------------------------------------------------------------------------------------

    private void story() {
        ann = open(CognitoUserPoolAuth.builder().config(config).build());
        step("Ann signs up, confirms with the code from the local outbox and signs in with SRP",
                () -> signUpAndSignIn(ann, "ann@example.com"));
        annClient = client(AppSyncAuthorizer.userPool(ann));

        step("Ann asks createPhoto where to upload: a presigned PUT under her own prefix", () -> {
            created = createPhoto(annClient, "harbour at dawn.png", "First light");
            String sub = ann.currentSession().sub();
            expect(sub.equals(created.owner()), "the resolver must stamp Ann as the owner, got " + created.owner());
            expect(created.key().startsWith("photos/" + sub + "/"), "the key lies outside her prefix: " + created.key());
            expect(created.uploadUrl() != null && created.uploadUrl().contains("X-Amz-Signature="),
                    "no presigned URL: " + created.uploadUrl());
            return "key " + created.key() + "; signed headers " + headers(created);
        });

        step("Ann's app PUTs the bytes straight to S3 through the presigned URL", () -> {
            int status = put(created, PNG);
            expect(status == 200, "S3 answered " + status);
            return PNG.length + " bytes, S3 answered " + status;
        });

        step("Ann lists her photos: grouped by day, each with a presigned GET that serves it", () -> {
            List<Photo> photos = list(annClient).items();
            Map<LocalDate, List<Photo>> byDay = photos.stream().collect(Collectors.groupingBy(
                    p -> LocalDate.ofInstant(Instant.parse(p.createdAt()), ZoneOffset.UTC), TreeMap::new,
                    Collectors.toList()));
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            List<Photo> todays = byDay.getOrDefault(today, List.of());
            expect(todays.size() == 1 && todays.get(0).photoId().equals(created.photoId()),
                    "today's group holds " + todays);
            HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(URI.create(todays.get(0).url()))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            expect(download.statusCode() == 200, "the presigned GET answered " + download.statusCode());
            expect(Arrays.equals(download.body(), PNG), "the presigned GET served other bytes");
            return today + ": \"" + todays.get(0).caption() + "\" (" + todays.get(0).fileName() + "), GET served "
                    + download.body().length + " bytes";
        });

        bob = open(CognitoUserPoolAuth.builder().config(config).build());
        step("Bob signs up, confirms and signs in", () -> signUpAndSignIn(bob, "bob@example.com"));
        FieldgateClient bobClient = client(AppSyncAuthorizer.userPool(bob));
        step("Bob lists his photos: none of Ann's", () -> {
            List<Photo> photos = list(bobClient).items();
            expect(photos.isEmpty(), "Bob sees " + photos);
            return "0 photos";
        });
        step("Bob's deletePhoto of Ann's photo: refused with AppSync's Unauthorized error", () -> {
            try {
                bobClient.execute(deletePhoto(created.photoId())).dataOrThrow();
            } catch (NotAuthorizedException e) {
                expect(e.errorType().orElse("").equals("Unauthorized"), "errorType " + e.errorType());
                expect(list(annClient).items().stream().anyMatch(p -> p.photoId().equals(created.photoId())),
                        "Ann's photo is gone");
                return e.errorType().orElseThrow() + " at " + e.path() + "; Ann's photo is still hers";
            }
            throw new Unexpected("Bob deleted Ann's photo");
        });
    }

    // ---- the access matrix ----------------------------------------------------------------------------------

    /** What one caller observed of a photo owned by Ann: which rows let it through. */
    private void matrix() {
        AccessMatrix derived = SchemaCompiler.create().compile(schemaFile).accessMatrix();
        Map<String, AppSyncAuthorizer> callers = new LinkedHashMap<>();
        callers.put("anonymous", new NoAuthorization());
        callers.put("user", AppSyncAuthorizer.userPool(bob));
        callers.put("owner", AppSyncAuthorizer.userPool(ann));
        List<String> columns = derived.columns().stream().map(AccessMatrix.Column::id).toList();
        expect(columns.equals(List.copyOf(callers.keySet())), "the policy's columns are " + columns);

        Map<String, Map<String, Boolean>> observed = new LinkedHashMap<>();
        for (Map.Entry<String, AppSyncAuthorizer> caller : callers.entrySet()) {
            String column = caller.getKey();
            FieldgateClient client = client(caller.getValue());
            Map<String, Boolean> row = new LinkedHashMap<>();
            // Ann's photo for this caller to look at and to try to delete.
            Photo target = createPhoto(annClient, "matrix.png", "for " + column);

            Photo listed = attempt(() -> list(client).items().stream()
                    .filter(p -> p.photoId().equals(target.photoId())).findFirst().orElse(null));
            row.put("Query.listPhotos list", listed != null);
            // Ann's photo's fields reach a caller in the list (url) or, for the upload fields, in the answer to
            // the createPhoto that made it, which only its owner receives.
            Photo ownAnswer = column.equals("owner") ? target : null;
            Map<String, Function<Photo, Object>> fields = new LinkedHashMap<>();
            fields.put("photoId", Photo::photoId);
            fields.put("owner", Photo::owner);
            fields.put("key", Photo::key);
            fields.put("fileName", Photo::fileName);
            fields.put("contentType", Photo::contentType);
            fields.put("caption", Photo::caption);
            fields.put("createdAt", Photo::createdAt);
            fields.put("url", Photo::url);
            fields.put("uploadUrl", Photo::uploadUrl);
            fields.put("uploadHeaders", Photo::uploadHeaders);
            fields.forEach((field, value) -> row.put("Photo." + field + " read",
                    (listed != null && value.apply(listed) != null)
                            || (ownAnswer != null && value.apply(ownAnswer) != null)));

            Photo own = attempt(() -> createPhoto(client, "own.png", null));
            row.put("Mutation.createPhoto create", own != null && own.uploadUrl() != null);
            attempt(() -> client.execute(deletePhoto(target.photoId())).dataOrThrow());
            row.put("Mutation.deletePhoto delete",
                    list(annClient).items().stream().noneMatch(p -> p.photoId().equals(target.photoId())));
            row.forEach((name, allowed) -> observed.computeIfAbsent(name, n -> new LinkedHashMap<>())
                    .put(column, allowed));
        }

        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        StringBuilder table = new StringBuilder(String.format("%-30s", ""));
        columns.forEach(c -> table.append(String.format(" %-9s", c)));
        for (AccessMatrix.Row row : derived.rows()) {
            String name = row.type() + "." + row.field() + " " + row.operation();
            Map<String, Boolean> seen = observed.get(name);
            expect(seen != null, "no scenario for the policy's row " + name);
            table.append("\n      ").append(String.format("%-30s", name));
            for (String column : columns) {
                boolean expected = Boolean.TRUE.equals(row.allowed().get(column));
                boolean allowed = seen.get(column);
                compared++;
                String mark = allowed ? "✓" : "✗";
                if (allowed != expected) {
                    mark += "!";
                    mismatches.add(column + " / " + name + ": the policy says " + (expected ? "allowed" : "denied")
                            + ", observed " + (allowed ? "allowed" : "denied"));
                }
                table.append(String.format(" %-9s", mark));
            }
        }
        int cells = compared;
        step("The access matrix observed over HTTP matches the one the policy derives", () -> {
            String legend = "\n      (✓ allowed, ✗ denied, ! differs from the policy)";
            if (!mismatches.isEmpty()) {
                throw new Unexpected(mismatches.size() + " of " + cells + " cells differ: " + mismatches + "\n      "
                        + table + legend);
            }
            return cells + " observed cells agree with the policy's matrix:\n      " + table + legend;
        });
    }

    /** The call's answer, or null when AppSync or the resolver refused it. */
    private static <T> T attempt(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (NotAuthorizedException | NotAuthenticatedException refused) {
            return null;
        }
    }

    // ---- operations -----------------------------------------------------------------------------------------

    private static Photo createPhoto(FieldgateClient client, String fileName, String caption) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("fileName", fileName);
        input.put("contentType", "image/png");
        input.put("size", PNG.length);
        if (caption != null) {
            input.put("caption", caption);
        }
        return client.execute(GraphQLOperation.mutation(
                        "mutation C($in: CreatePhotoInput!) { createPhoto(input: $in) " + FIELDS + " }",
                        "createPhoto", Photo.class)
                .withVariable("in", input))
                .dataOrThrow();
    }

    private static PhotoConnection list(FieldgateClient client) {
        return client.execute(GraphQLOperation.query(
                        "query L($limit: Int) { listPhotos(limit: $limit) { items " + FIELDS + " nextToken } }",
                        "listPhotos", PhotoConnection.class)
                .withVariable("limit", 50))
                .dataOrThrow();
    }

    private static GraphQLOperation<Photo> deletePhoto(String photoId) {
        return GraphQLOperation.mutation(
                        "mutation D($id: ID!) { deletePhoto(photoId: $id) { photoId } }", "deletePhoto", Photo.class)
                .withVariable("id", photoId);
    }

    /** The headers signed into the upload URL (AWSJSON: a JSON object, or a string holding one). */
    private static Map<String, String> headers(Photo photo) throws Exception {
        JsonNode node = photo.uploadHeaders();
        if (node != null && node.isTextual()) {
            node = JSON.readTree(node.asText());
        }
        Map<String, String> headers = new TreeMap<>();
        if (node != null) {
            node.fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        }
        return headers;
    }

    /** PUTs the bytes with exactly the headers signed into the URL; the JDK sets Content-Length from the body. */
    private int put(Photo photo, byte[] bytes) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(photo.uploadUrl()))
                .timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        headers(photo).forEach((name, value) -> {
            if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("host")) {
                request.header(name, value);
            }
        });
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A caller without credentials: no authorization header at all. */
    private static final class NoAuthorization implements AppSyncAuthorizer {
        @Override
        public AuthMode mode() {
            return AuthMode.AMAZON_COGNITO_USER_POOLS;
        }

        @Override
        public Map<String, String> authorize(AppSyncHttpRequest request) {
            return Map.of();
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private String signUpAndSignIn(CognitoUserPoolAuth auth, String email) {
        auth.signUp(email, PASSWORD, Map.of("email", email));
        OutboxMessage code = stack.cognito().outbox().latestTo(email, OutboxMessage.Kind.SIGN_UP_CODE)
                .orElseThrow(() -> new Unexpected("no code in the outbox for " + email));
        auth.confirmSignUp(email, code.code());
        return "sub " + auth.signIn(email, PASSWORD).sessionOrThrow().sub();
    }

    @FunctionalInterface
    private interface StepBody {
        String run() throws Exception;
    }

    private void step(String title, StepBody body) {
        Step step;
        try {
            step = new Step(title, true, body.run());
        } catch (Unexpected e) {
            step = new Step(title, false, e.getMessage());
        } catch (FieldgateException e) {
            step = new Step(title, false, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (Exception e) {
            step = new Step(title, false, e.toString());
        }
        allPassed &= step.passed();
        report.accept(step);
    }

    private static void expect(boolean condition, String message) {
        if (!condition) {
            throw new Unexpected(message);
        }
    }

    private FieldgateClient client(AppSyncAuthorizer authorizer) {
        return open(FieldgateClient.builder().config(config).authorizer(authorizer).build());
    }

    private <T extends AutoCloseable> T open(T resource) {
        resources.add(resource);
        return resource;
    }

    /** Closes every client and stops the local stack. */
    @Override
    public void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception ignored) {
                // closing the rest matters more
            }
        }
        stack.close();
    }
}
