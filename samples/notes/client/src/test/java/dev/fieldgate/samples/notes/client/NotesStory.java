package dev.fieldgate.samples.notes.client;

import dev.fieldgate.local.LocalStack;
import dev.fieldgate.local.cognito.OutboxMessage;
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
import dev.fieldgate.sdk.storage.StorageClient;
import dev.fieldgate.sdk.storage.StorageConfig;
import dev.fieldgate.sdk.storage.UploadOptions;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The notes story, told with the SDK against the local stack: Ann signs up and in, trades her user-pool tokens for
 * the identity pool's credentials and keeps private notes over IAM (SigV4): she creates, lists newest first, edits
 * and deletes them, and attaches a file she uploads to S3 under her own identity's path. Bob, signed in too, sees
 * none of her notes and is refused her note and her file; a guest gets no credentials at all. Each step checks its
 * own outcome and reports it; nothing here prints (the demo command prints the reports).
 */
public final class NotesStory implements AutoCloseable {

    /** One step: what was done, whether it went as the schema's rules say, and what happened. */
    public record Step(String title, boolean passed, String outcome) {}

    /** The GraphQL {@code Note}. */
    public record Note(
            String noteId, String owner, String content, String attachment, String createdAt, String updatedAt) {}

    /** The GraphQL {@code NoteConnection}. */
    public record NoteConnection(List<Note> items, String nextToken) {}

    /** A failed expectation inside a step. */
    static final class Unexpected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unexpected(String message) {
            super(message);
        }
    }

    private static final String PASSWORD = "Notes-Story-Password-1";
    private static final String FIELDS = "{ noteId owner content attachment createdAt updatedAt }";
    private static final String ATTACHMENT = "Paid 42.00 EUR to the bike shop on 5 December.\n";

    private final LocalStack stack;
    private final FieldgateConfig config;
    private final StorageConfig storage;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Consumer<Step> report;
    private boolean allPassed = true;

    // Characters of the story, set as it unfolds.
    private CognitoUserPoolAuth ann;
    private IdentityPoolCredentialsProvider annIdentity;
    private FieldgateClient annClient;
    private StorageClient annFiles;
    private Note first;
    private Note second;
    private String attachmentKey;

    private NotesStory(Path appConfigFile, Consumer<Step> report) {
        this.report = report;
        long started = System.nanoTime();
        this.stack = LocalStack.builder().appConfigFile(appConfigFile).inMemory().port(0).start();
        stack.functionReady().join();
        String outputs = stack.outputs().toJson();
        this.config = FieldgateConfig.fromOutputsJson(outputs);
        this.storage = StorageConfig.fromOutputsJson(outputs);
        step("The local stack runs the notes sample", () -> "Cognito, the identity pool, AppSync (IAM only), the "
                + "resolver function, S3 and DynamoDB Local on " + stack.endpoint() + ", ready in "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    /** Starts the local stack for the app whose {@code fieldgate.json} is given. */
    public static NotesStory start(Path appConfigFile, Consumer<Step> report) {
        return new NotesStory(appConfigFile, report);
    }

    /** Tells the whole story; true if every step went as the rules say. */
    public boolean run() {
        ann();
        bob();
        guest();
        cleanUp();
        return allPassed;
    }

    // ---- Ann's notebook -------------------------------------------------------------------------------------

    private void ann() {
        ann = open(CognitoUserPoolAuth.builder().config(config).build());
        step("Ann signs up, confirms with the code from the local outbox and signs in with SRP",
                () -> signUpAndSignIn(ann, "ann@example.com"));

        annIdentity = open(IdentityPoolCredentialsProvider.builder().config(config).user(ann).build());
        step("Ann trades her tokens for the identity pool's credentials (authenticated role)", () -> {
            annIdentity.resolveCredentials();
            return "identity " + annIdentity.identityId() + ", temporary AWS credentials until "
                    + annIdentity.expiration().map(Object::toString).orElse("?");
        });
        annClient = client(AppSyncAuthorizer.iam(annIdentity));

        step("Ann writes two notes over IAM (SigV4); each is owned by her identity", () -> {
            first = create(annClient, "Buy a new bike chain");
            second = create(annClient, "Book the ferry for Saturday");
            for (Note note : List.of(first, second)) {
                expect(annIdentity.identityId().equals(note.owner()),
                        "the resolver must stamp Ann's identity as the owner, got " + note.owner());
            }
            return "notes " + first.noteId() + " and " + second.noteId() + ", owner " + first.owner();
        });

        step("Ann lists her notes: newest first", () -> {
            List<Note> items = list(annClient).items();
            expect(items.size() == 2, "expected her 2 notes, got " + items.size());
            for (int i = 1; i < items.size(); i++) {
                expect(items.get(i - 1).createdAt().compareTo(items.get(i).createdAt()) >= 0,
                        "not newest first: " + items);
            }
            return items.stream().map(n -> "\"" + n.content() + "\" (" + n.createdAt() + ")").toList().toString();
        });

        step("Ann edits a note", () -> {
            Note updated = annClient.execute(GraphQLOperation.mutation(
                            "mutation U($in: UpdateNoteInput!) { updateNote(input: $in) " + FIELDS + " }",
                            "updateNote", Note.class)
                    .withVariable("in", Map.of("noteId", first.noteId(), "content", "Buy a new bike chain and oil")))
                    .dataOrThrow();
            expect(updated.content().endsWith("and oil"), "the content did not change: " + updated.content());
            expect(updated.updatedAt().compareTo(updated.createdAt()) >= 0, "updatedAt before createdAt");
            return "\"" + updated.content() + "\", updated " + updated.updatedAt();
        });

        annFiles = open(StorageClient.builder().config(storage).bucket("attachments").credentials(annIdentity)
                .build());
        step("Ann uploads a receipt to S3 under her identity's path and attaches it to her note", () -> {
            attachmentKey = annFiles.privatePath().key("receipts/bike-shop.txt");
            byte[] bytes = ATTACHMENT.getBytes(StandardCharsets.UTF_8);
            annFiles.upload(attachmentKey, new ByteArrayInputStream(bytes), bytes.length,
                    UploadOptions.builder().contentType("text/plain").build());
            Note attached = annClient.execute(GraphQLOperation.mutation(
                            "mutation U($in: UpdateNoteInput!) { updateNote(input: $in) " + FIELDS + " }",
                            "updateNote", Note.class)
                    .withVariable("in", Map.of("noteId", first.noteId(), "attachment", attachmentKey)))
                    .dataOrThrow();
            expect(attachmentKey.equals(attached.attachment()), "the note's attachment is " + attached.attachment());
            return bytes.length + " bytes in bucket " + annFiles.bucket().bucketName() + " at " + attachmentKey;
        });

        step("Ann reads her note and downloads its attachment", () -> {
            Note note = get(annClient, first.noteId());
            expect(note != null && attachmentKey.equals(note.attachment()), "the note lost its attachment: " + note);
            String content = read(annFiles, note.attachment());
            expect(ATTACHMENT.equals(content), "the attachment's content differs: " + content);
            return "\"" + content.strip() + "\"";
        });
    }

    // ---- Bob, another user ----------------------------------------------------------------------------------

    private void bob() {
        CognitoUserPoolAuth bob = open(CognitoUserPoolAuth.builder().config(config).build());
        step("Bob signs up, confirms and signs in", () -> signUpAndSignIn(bob, "bob@example.com"));
        IdentityPoolCredentialsProvider bobIdentity = open(IdentityPoolCredentialsProvider.builder().config(config)
                .user(bob).build());
        FieldgateClient bobClient = client(AppSyncAuthorizer.iam(bobIdentity));

        step("Bob lists his notes: none of Ann's", () -> {
            List<Note> items = list(bobClient).items();
            expect(items.isEmpty(), "Bob sees " + items);
            expect(!bobIdentity.identityId().equals(annIdentity.identityId()), "Bob must have his own identity");
            return "0 notes for identity " + bobIdentity.identityId();
        });

        step("Bob asks for Ann's note, edits it, deletes it: each refused", () -> {
            List<String> refusals = new ArrayList<>();
            refusals.add(refused("getNote", () -> get(bobClient, first.noteId())));
            refusals.add(refused("updateNote", () -> bobClient.execute(GraphQLOperation.mutation(
                            "mutation U($in: UpdateNoteInput!) { updateNote(input: $in) { noteId } }",
                            "updateNote", Note.class)
                    .withVariable("in", Map.of("noteId", first.noteId(), "content", "Bob was here")))));
            refusals.add(refused("deleteNote", () -> bobClient.execute(GraphQLOperation.mutation(
                            "mutation D($id: ID!) { deleteNote(noteId: $id) { noteId } }", "deleteNote", Note.class)
                    .withVariable("id", first.noteId()))));
            Note still = get(annClient, first.noteId());
            expect(still != null && still.content().endsWith("and oil"), "Ann's note changed: " + still);
            return String.join("; ", refusals) + "; Ann's note is unchanged";
        });

        StorageClient bobFiles = open(StorageClient.builder().config(storage).bucket("attachments")
                .credentials(bobIdentity).build());
        step("Bob tries to download and overwrite Ann's attachment: S3 refuses (AccessDenied)", () -> {
            List<String> refusals = new ArrayList<>();
            refusals.add(refusedByS3("GetObject", () -> read(bobFiles, attachmentKey)));
            byte[] forged = "forged".getBytes(StandardCharsets.UTF_8);
            refusals.add(refusedByS3("PutObject", () -> bobFiles.upload(attachmentKey,
                    new ByteArrayInputStream(forged), forged.length, UploadOptions.none())));
            expect(ATTACHMENT.equals(read(annFiles, attachmentKey)), "Ann's attachment changed");
            return String.join("; ", refusals);
        });
    }

    // ---- a guest --------------------------------------------------------------------------------------------

    private void guest() {
        step("A guest asks the identity pool for credentials: refused (the pool admits no guests)", () -> {
            try (IdentityPoolCredentialsProvider guest = IdentityPoolCredentialsProvider.builder().config(config)
                    .guest().build()) {
                guest.resolveCredentials();
                throw new Unexpected("the identity pool gave a guest credentials");
            } catch (NotAuthenticatedException expected) {
                return expected.getClass().getSimpleName() + ": " + firstSentence(expected.getMessage());
            }
        });
        step("A caller without credentials lists notes: refused by AppSync", () -> refused("listNotes",
                () -> list(client(new NoAuthorization()))));
    }

    // ---- Ann tidies up --------------------------------------------------------------------------------------

    private void cleanUp() {
        step("Ann deletes a note and its attachment", () -> {
            Note deleted = annClient.execute(GraphQLOperation.mutation(
                            "mutation D($id: ID!) { deleteNote(noteId: $id) " + FIELDS + " }", "deleteNote",
                            Note.class)
                    .withVariable("id", first.noteId()))
                    .dataOrThrow();
            expect(deleted != null && deleted.noteId().equals(first.noteId()), "nothing was deleted");
            annFiles.delete(deleted.attachment());
            List<Note> left = list(annClient).items();
            expect(left.size() == 1 && left.get(0).noteId().equals(second.noteId()), "left: " + left);
            expect(annFiles.list(annFiles.privatePath()).items().isEmpty(), "the attachment remains");
            return "1 note left (\"" + left.get(0).content() + "\"), no files under " + annFiles.privatePath();
        });
    }

    // ---- operations -----------------------------------------------------------------------------------------

    private static Note create(FieldgateClient client, String content) {
        return client.execute(GraphQLOperation.mutation(
                        "mutation C($in: CreateNoteInput!) { createNote(input: $in) " + FIELDS + " }", "createNote",
                        Note.class)
                .withVariable("in", Map.of("content", content)))
                .dataOrThrow();
    }

    private static NoteConnection list(FieldgateClient client) {
        return client.execute(GraphQLOperation.query(
                        "query L($limit: Int) { listNotes(limit: $limit) { items " + FIELDS + " nextToken } }",
                        "listNotes", NoteConnection.class)
                .withVariable("limit", 20))
                .dataOrThrow();
    }

    private static Note get(FieldgateClient client, String noteId) {
        return client.execute(GraphQLOperation.query(
                        "query G($id: ID!) { getNote(noteId: $id) " + FIELDS + " }", "getNote", Note.class)
                .withVariable("id", noteId))
                .dataOrThrow();
    }

    private static String read(StorageClient files, String key) throws Exception {
        try (InputStream in = files.download(key)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @FunctionalInterface
    private interface Call {
        Object call() throws Exception;
    }

    /** The call must be refused by AppSync or the resolver's owner check; says how. */
    private static String refused(String operation, Call call) throws Exception {
        try {
            call.call();
        } catch (NotAuthorizedException | NotAuthenticatedException e) {
            return operation + " " + e.errorType().orElse(e.getClass().getSimpleName());
        }
        throw new Unexpected(operation + " was allowed");
    }

    /** The call must be refused by S3 with AccessDenied; says how. */
    private static String refusedByS3(String action, Call call) throws Exception {
        try {
            call.call();
        } catch (NotAuthorizedException e) {
            expect(e.statusCode() == 403, action + " answered " + e.statusCode());
            return action + " " + e.errorType().orElse("403");
        }
        throw new Unexpected(action + " was allowed");
    }

    /** A caller without credentials: no authorization header at all. */
    private static final class NoAuthorization implements AppSyncAuthorizer {
        @Override
        public AuthMode mode() {
            return AuthMode.AWS_IAM;
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

    private static String firstSentence(String message) {
        int end = message.indexOf(". ");
        return end > 0 ? message.substring(0, end + 1) : message;
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
