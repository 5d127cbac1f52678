package dev.fieldgate.samples.pins.client;

import dev.fieldgate.local.LocalStack;
import dev.fieldgate.local.cognito.OutboxMessage;
import dev.fieldgate.policy.AccessMatrix;
import dev.fieldgate.policy.SchemaCompiler;
import dev.fieldgate.samples.pins.client.generated.PinsOperations;
import dev.fieldgate.samples.pins.client.generated.types.CreatePinInput;
import dev.fieldgate.samples.pins.client.generated.types.Pin;
import dev.fieldgate.samples.pins.client.generated.types.PinConnection;
import dev.fieldgate.samples.pins.client.generated.types.SaveProfileInput;
import dev.fieldgate.samples.pins.client.generated.types.UpdatePinInput;
import dev.fieldgate.sdk.AppSyncAuthorizer;
import dev.fieldgate.sdk.AppSyncHttpRequest;
import dev.fieldgate.sdk.AuthMode;
import dev.fieldgate.sdk.FieldgateClient;
import dev.fieldgate.sdk.FieldgateConfig;
import dev.fieldgate.sdk.FieldgateException;
import dev.fieldgate.sdk.GraphQLError;
import dev.fieldgate.sdk.GraphQLOperation;
import dev.fieldgate.sdk.GraphQLResponse;
import dev.fieldgate.sdk.NotAuthenticatedException;
import dev.fieldgate.sdk.NotAuthorizedException;
import dev.fieldgate.sdk.Subscription;
import dev.fieldgate.sdk.auth.CodeDelivery;
import dev.fieldgate.sdk.auth.CognitoUserPoolAuth;
import dev.fieldgate.sdk.auth.IdentityPoolCredentialsProvider;
import dev.fieldgate.sdk.auth.SignUpResult;
import dev.fieldgate.sdk.auth.UserPoolSession;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * The pins story, told with the SDK against the local stack: a guest browses, Alice signs up and pins a picture,
 * Bob may not delete it, an Admin may; then every kind of caller tries every operation and the access observed is
 * compared with the matrix the policy module derives from the schema. Each step checks its own outcome and reports
 * it; nothing here prints (the demo command prints the reports).
 */
public final class PinsStory implements AutoCloseable {

    /** One step: what was done, whether it went as the schema's rules say, and what happened. */
    public record Step(String title, boolean passed, String outcome) {
    }

    /** A failed expectation inside a step. */
    static final class Unexpected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unexpected(String message) {
            super(message);
        }
    }

    private static final String PASSWORD = "Pins-Story-Password-1";
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final Path schemaFile;
    private final LocalStack stack;
    private final FieldgateConfig config;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Consumer<Step> report;
    private boolean allPassed = true;

    // Characters of the story, set as it unfolds.
    private IdentityPoolCredentialsProvider guestCredentials;
    private FieldgateClient guest;
    private CognitoUserPoolAuth alice;
    private CognitoUserPoolAuth bob;
    private CognitoUserPoolAuth carol;
    private Pin alicesPin;
    private Subscription guestSubscription;
    private final BlockingQueue<Pin> guestEvents = new LinkedBlockingQueue<>();
    private Subscription bobSubscription;
    private final BlockingQueue<Pin> bobEvents = new LinkedBlockingQueue<>();

    private PinsStory(Path appConfigFile, Consumer<Step> report) {
        this.report = report;
        Path appDir = appConfigFile.toAbsolutePath().getParent();
        this.schemaFile = appDir.resolve("schema.graphql");
        long started = System.nanoTime();
        this.stack = LocalStack.builder().appConfigFile(appConfigFile).inMemory().port(0).start();
        stack.functionReady().join();
        this.config = FieldgateConfig.fromOutputsJson(stack.outputs().toJson());
        step("The local stack runs the pins sample", () -> "Cognito, AppSync, the resolver function and DynamoDB "
                + "Local on " + stack.endpoint() + ", ready in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    /** Starts the local stack for the app whose {@code fieldgate.json} is given. */
    public static PinsStory start(Path appConfigFile, Consumer<Step> report) {
        return new PinsStory(appConfigFile, report);
    }

    /** Tells the whole story; true if every step went as the rules say. */
    public boolean run() {
        story();
        matrix();
        return allPassed;
    }

    // ---- the story ------------------------------------------------------------------------------------------

    private void story() {
        guestCredentials = open(IdentityPoolCredentialsProvider.builder().config(config).guest().build());
        guest = client(AppSyncAuthorizer.iam(guestCredentials));

        step("A guest lists the pins (IAM with identity-pool guest credentials)", () -> {
            PinConnection page = guest.execute(PinsOperations.listPins(20)).data();
            return page.getItems().size() + " pins; guest identity " + guestCredentials.identityId();
        });

        step("The guest subscribes to new pins (real-time WebSocket, IAM)", () -> {
            guestSubscription = guest.subscribe(PinsOperations.onCreatePin(), e -> guestEvents.add(e.data()));
            guestSubscription.awaitStarted(WAIT);
            return "subscription " + guestSubscription.id() + " acknowledged";
        });

        alice = open(CognitoUserPoolAuth.builder().config(config).build());
        step("Alice signs up; her code is read from the local outbox", () -> {
            SignUpResult result = alice.signUp("alice@example.com", PASSWORD, Map.of("email", "alice@example.com"));
            expect(!result.userConfirmed(), "a new user must confirm her address first");
            CodeDelivery delivery = result.codeDelivery().orElseThrow(() -> new Unexpected("no code was sent"));
            return "code sent by " + delivery.medium() + " to " + delivery.destination();
        });
        step("Alice confirms her sign-up", () -> {
            OutboxMessage code = stack.cognito().outbox()
                    .latestTo("alice@example.com", OutboxMessage.Kind.SIGN_UP_CODE)
                    .orElseThrow(() -> new Unexpected("no code in the outbox"));
            alice.confirmSignUp("alice@example.com", code.code());
            return "confirmed with the " + code.code().length() + "-digit code";
        });
        step("Alice signs in with SRP", () -> {
            UserPoolSession session = alice.signIn("alice@example.com", PASSWORD).sessionOrThrow();
            return "sub " + session.sub() + ", tokens valid until " + session.expiresAt();
        });

        bob = open(CognitoUserPoolAuth.builder().config(config).build());
        step("Bob signs up, confirms and signs in", () -> signUpAndSignIn(bob, "bob@example.com"));
        FieldgateClient bobClient = client(AppSyncAuthorizer.userPool(bob));
        step("Bob subscribes to new pins, asking for their owners' contact addresses", () -> {
            bobSubscription = bobClient.subscribe(PinsOperations.onCreatePinWithContact(), e -> bobEvents.add(e.data()));
            bobSubscription.awaitStarted(WAIT);
            return "subscription " + bobSubscription.id() + " acknowledged";
        });

        FieldgateClient aliceClient = client(AppSyncAuthorizer.userPool(alice));
        step("Alice creates a pin (user pool)", () -> {
            alicesPin = aliceClient.execute(PinsOperations.createPin(pinInput("Kestrel over the dunes",
                    "alice@example.com"))).data();
            expect(alicesPin.getOwner().equals(alice.currentSession().sub()),
                    "the resolver must stamp Alice as the owner, got " + alicesPin.getOwner());
            return "pin " + alicesPin.getId() + " owned by " + alicesPin.getOwner();
        });
        step("The guest's subscription receives the new pin", () -> {
            Pin event = guestEvents.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            expect(event != null, "no event within " + WAIT.toSeconds() + " s");
            expect(event.getId().equals(alicesPin.getId()), "the event is for pin " + event.getId());
            return "onCreatePin delivered \"" + event.getTitle() + "\"";
        });
        step("Bob's subscription receives Alice's pin without her contact address", () -> {
            Pin event = bobEvents.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            expect(event != null, "no event within " + WAIT.toSeconds() + " s");
            expect(event.getId().equals(alicesPin.getId()), "the event is for pin " + event.getId());
            expect(event.getOwnerContact() == null, "Bob received Alice's contact address");
            return "onCreatePin delivered \"" + event.getTitle() + "\" with ownerContact null (only owners and Admins"
                    + " read it)";
        });
        step("The guest reads the pin; its owner's contact is withheld (partial result)", () -> {
            GraphQLResponse<Pin> response = guest.execute(PinsOperations.getPinWithContact(alicesPin.getId()));
            expect(response.data() != null && response.data().getTitle() != null, "the pin itself must be readable");
            expect(response.data().getOwnerContact() == null, "ownerContact must be null for a guest");
            GraphQLError error = single(response.errorsAt("getPin", "ownerContact"));
            expect(error.isUnauthorized(), "the error must be Unauthorized, got " + error.errorType());
            return "title \"" + response.data().getTitle() + "\", ownerContact null: " + error.errorType() + " \""
                    + error.message() + "\"";
        });
        step("Alice reads her pin's contact address", () -> {
            GraphQLResponse<Pin> response = aliceClient.execute(PinsOperations.getPinWithContact(alicesPin.getId()));
            expect(!response.hasErrors(), "unexpected errors " + response.errors());
            expect("alice@example.com".equals(response.data().getOwnerContact()), "wrong contact");
            return "ownerContact " + response.data().getOwnerContact();
        });

        step("Bob tries to delete Alice's pin: refused with AppSync's Unauthorized error", () -> {
            try {
                bobClient.execute(PinsOperations.deletePin(alicesPin.getId()));
            } catch (NotAuthorizedException e) {
                expect(e.errorType().orElse("").equals("Unauthorized"), "errorType " + e.errorType());
                expect(e.path().equals(List.of("deletePin")), "path " + e.path());
                return e.errorType().orElseThrow() + " at " + e.path() + ": " + firstSentence(e.getMessage());
            }
            throw new Unexpected("Bob deleted Alice's pin");
        });

        step("Alice lists pins with her identity-pool credentials (IAM, authenticated role)", () -> {
            IdentityPoolCredentialsProvider aliceIam = open(IdentityPoolCredentialsProvider.builder().config(config)
                    .user(alice).build());
            PinConnection page = guest.execute(PinsOperations.listPins(20),
                    o -> o.authorizer(AppSyncAuthorizer.iam(aliceIam))).data();
            expect(!aliceIam.identityId().equals(guestCredentials.identityId()), "Alice must have her own identity");
            return page.getItems().size() + " pin(s); identity " + aliceIam.identityId();
        });

        step("Alice's session is refreshed", () -> {
            String before = alice.currentSession().accessToken();
            UserPoolSession refreshed = alice.refresh();
            expect(!refreshed.accessToken().equals(before), "the access token did not change");
            aliceClient.execute(PinsOperations.listPins(1));
            return "new tokens valid until " + refreshed.expiresAt() + "; calls keep working";
        });

        carol = open(CognitoUserPoolAuth.builder().config(config).build());
        step("Carol, an Admin, deletes Alice's pin", () -> {
            signUpAndSignIn(carol, "carol@example.com");
            try (CognitoIdentityProviderClient admin = adminClient()) {
                admin.adminAddUserToGroup(r -> r.userPoolId(stack.cognito().userPoolId())
                        .username("carol@example.com").groupName("Admins"));
            }
            UserPoolSession session = carol.signIn("carol@example.com", PASSWORD).sessionOrThrow();
            expect(session.groups().contains("Admins"), "Carol's token lacks the Admins group");
            Pin deleted = client(AppSyncAuthorizer.userPool(carol)).execute(
                    PinsOperations.deletePin(alicesPin.getId())).data();
            expect(deleted != null && deleted.getId().equals(alicesPin.getId()), "nothing was deleted");
            PinConnection page = guest.execute(PinsOperations.listPins(20)).data();
            expect(page.getItems().stream().noneMatch(p -> p.getId().equals(alicesPin.getId())), "the pin remains");
            return "deleted pin " + deleted.getId() + " (groups " + session.groups() + ")";
        });

        step("Alice signs out; her refresh token is revoked", () -> {
            UserPoolSession kept = alice.currentSession();
            alice.signOut();
            try {
                aliceClient.execute(PinsOperations.listPins(1));
                throw new Unexpected("a signed-out client still called the API");
            } catch (NotAuthenticatedException expected) {
                expect(expected.reason() == NotAuthenticatedException.Reason.NOT_SIGNED_IN, "" + expected.reason());
            }
            try (CognitoUserPoolAuth thief = CognitoUserPoolAuth.builder().config(config).build()) {
                thief.useSession(kept);
                thief.refresh();
                throw new Unexpected("the revoked refresh token still works");
            } catch (NotAuthenticatedException expected) {
                return "the client refuses to call without a session; Cognito refuses the old refresh token ("
                        + expected.reason() + ")";
            }
        });
    }

    private String signUpAndSignIn(CognitoUserPoolAuth auth, String email) {
        auth.signUp(email, PASSWORD, Map.of("email", email));
        auth.confirmSignUp(email, stack.cognito().outbox().latestTo(email, OutboxMessage.Kind.SIGN_UP_CODE)
                .orElseThrow().code());
        return "sub " + auth.signIn(email, PASSWORD).sessionOrThrow().sub();
    }

    // ---- the access matrix ----------------------------------------------------------------------------------

    /** One caller of the matrix: how its requests are authorized, and its own user (if any). */
    private record Caller(String column, AppSyncAuthorizer authorizer, CognitoUserPoolAuth user) {
    }

    private void matrix() {
        try {
            compareMatrix();
        } catch (RuntimeException e) {
            step("The access matrix observed matches the one the policy derives", () -> {
                throw e;
            });
        }
    }

    private void compareMatrix() {
        AccessMatrix derived = SchemaCompiler.create().compile(schemaFile).accessMatrix();
        CognitoUserPoolAuth owner = open(CognitoUserPoolAuth.builder().config(config).build());
        step("Alice signs in again for the access matrix", () -> "sub " + owner.signIn("alice@example.com", PASSWORD)
                .sessionOrThrow().sub());
        IdentityPoolCredentialsProvider ownerIam = open(IdentityPoolCredentialsProvider.builder().config(config)
                .user(owner).build());
        List<Caller> callers = List.of(
                new Caller("anonymous", new NoAuthorization(), null),
                new Caller("guest", AppSyncAuthorizer.iam(guestCredentials), null),
                new Caller("user", AppSyncAuthorizer.userPool(bob), bob),
                new Caller("owner", AppSyncAuthorizer.userPool(owner), owner),
                new Caller("group:Admins", AppSyncAuthorizer.userPool(carol), carol),
                new Caller("identityPoolUser", AppSyncAuthorizer.iam(ownerIam), null));
        FieldgateClient ownerClient = client(AppSyncAuthorizer.userPool(owner));

        Map<String, Map<String, Boolean>> observed = new LinkedHashMap<>();
        for (Caller caller : callers) {
            FieldgateClient client = client(caller.authorizer());
            Pin target = ownerClient.execute(PinsOperations.createPin(pinInput("Matrix pin", "alice@example.com")))
                    .data();
            observe(observed, "Query.getPin get", caller, allowed(() -> client.execute(
                    PinsOperations.getPin(target.getId())), null));
            observe(observed, "Query.listPins list", caller, allowed(() -> client.execute(
                    PinsOperations.listPins(5)), null));
            observe(observed, "Query.getProfile get", caller, allowed(() -> client.execute(
                    PinsOperations.getProfile(owner.currentSession().sub())), null));
            observe(observed, "Pin.ownerContact read", caller, allowed(() -> client.execute(
                    PinsOperations.getPinWithContact(target.getId())), List.of("getPin", "ownerContact")));
            observe(observed, "Mutation.createPin create", caller, allowed(() -> client.execute(
                    PinsOperations.createPin(pinInput("Created by " + caller.column(), null))), null));
            observe(observed, "Mutation.updatePin update", caller, allowed(() -> client.execute(
                    PinsOperations.updatePin(UpdatePinInput.newBuilder().id(target.getId())
                            .title("Renamed by " + caller.column()).build())), null));
            observe(observed, "Mutation.createProfile create", caller, allowed(() -> client.execute(
                    PinsOperations.createProfile(SaveProfileInput.newBuilder().displayName(caller.column())
                            .build())), null));
            // A signed-in user's profile is always their own: for users only the owner column is observable.
            observe(observed, "Mutation.updateProfile update", caller,
                    caller.column().equals("owner") || caller.user() == null
                            ? allowed(() -> client.execute(PinsOperations.updateProfile(SaveProfileInput.newBuilder()
                                    .displayName("Renamed " + caller.column()).build())), null)
                            : null);
            observe(observed, "Subscription.onCreatePin listen", caller,
                    subscribes(client, PinsOperations.onCreatePin()));
            observe(observed, "Subscription.onDeletePin listen", caller,
                    subscribes(client, PinsOperations.onDeletePin()));
            observe(observed, "Mutation.deletePin delete", caller, allowed(() -> client.execute(
                    PinsOperations.deletePin(target.getId())), null));
        }

        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        StringBuilder table = new StringBuilder(String.format("%-32s", ""));
        callers.forEach(c -> table.append(String.format(" %-" + Math.max(5, c.column().length()) + "s", c.column())));
        for (Map.Entry<String, Map<String, Boolean>> row : observed.entrySet()) {
            String[] key = row.getKey().split("[. ]");
            AccessMatrix.Row derivedRow = derived.row(key[0], key[1], key[2]).orElseThrow(
                    () -> new IllegalStateException("the policy's matrix has no row " + row.getKey()));
            table.append("\n      ").append(String.format("%-32s", row.getKey()));
            for (Caller caller : callers) {
                Boolean seen = row.getValue().get(caller.column());
                boolean expected = Boolean.TRUE.equals(derivedRow.allowed().get(caller.column()));
                String mark = seen == null ? "·" : seen ? "✓" : "✗";
                if (seen != null) {
                    compared++;
                    if (seen != expected) {
                        mark += "!";
                        mismatches.add(caller.column() + " / " + row.getKey() + ": the policy says "
                                + (expected ? "allowed" : "denied") + ", observed " + (seen ? "allowed" : "denied"));
                    }
                }
                table.append(String.format(" %-" + Math.max(5, caller.column().length()) + "s", mark));
            }
        }
        int cells = compared;
        step("The access matrix observed matches the one the policy derives", () -> {
            String legend = "\n      (✓ allowed, ✗ denied, · not observable from a client, ! differs from the policy)";
            if (!mismatches.isEmpty()) {
                throw new Unexpected(mismatches.size() + " of " + cells + " cells differ: " + mismatches + "\n      "
                        + table + legend);
            }
            return cells + " observed cells agree with the policy's matrix:\n      " + table + legend;
        });
    }

    private static void observe(Map<String, Map<String, Boolean>> observed, String row, Caller caller,
            Boolean allowed) {
        observed.computeIfAbsent(row, r -> new LinkedHashMap<>()).put(caller.column(), allowed);
    }

    /** Whether AppSync and the resolver let the call through (errors other than authorization count as allowed). */
    private static boolean allowed(ThrowingCall call, List<Object> fieldPath) {
        try {
            GraphQLResponse<?> response = call.call();
            return fieldPath == null || response.errorsAt(fieldPath.toArray()).stream()
                    .noneMatch(GraphQLError::isUnauthorized);
        } catch (NotAuthorizedException | NotAuthenticatedException denied) {
            return false;
        } catch (dev.fieldgate.sdk.InvalidRequestException e) {
            throw new Unexpected("the operation itself is wrong: " + e.getMessage());
        } catch (FieldgateException e) {
            return true; // admitted; it failed for another reason (e.g. the profile exists already)
        }
    }

    private static boolean subscribes(FieldgateClient client, GraphQLOperation<Pin> operation) {
        Subscription subscription = client.subscribe(operation, event -> { });
        try {
            subscription.awaitStarted(WAIT);
            return true;
        } catch (NotAuthorizedException | NotAuthenticatedException denied) {
            return false;
        } finally {
            subscription.close();
        }
    }

    @FunctionalInterface
    private interface ThrowingCall {
        GraphQLResponse<?> call();
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

    private static <T> T single(List<T> values) {
        expect(values.size() == 1, "expected one error, got " + values);
        return values.get(0);
    }

    private static String firstSentence(String message) {
        int end = message.indexOf(" (");
        return end > 0 ? message.substring(0, end) : message;
    }

    private static CreatePinInput pinInput(String title, String contact) {
        return CreatePinInput.newBuilder().title(title).description("A bird seen on the coast")
                .imageUrl(URI.create("https://images.example.com/" + Math.abs(title.hashCode()) + ".jpg"))
                .ownerContact(contact).build();
    }

    private FieldgateClient client(AppSyncAuthorizer authorizer) {
        return open(FieldgateClient.builder().config(config).authorizer(authorizer).build());
    }

    private CognitoIdentityProviderClient adminClient() {
        return CognitoIdentityProviderClient.builder()
                .endpointOverride(stack.endpoint())
                .region(Region.of(stack.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        stack.adminCredentials().accessKeyId(), stack.adminCredentials().secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private <T extends AutoCloseable> T open(T resource) {
        resources.add(resource);
        return resource;
    }

    public LocalStack stack() {
        return stack;
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
