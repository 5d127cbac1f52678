package dev.fieldgate.samples.directory.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The directory story, told with the SDK against the local stack: the scheduled {@code FillUsers} function adds
 * people, a guest who never signed in lists them through the identity pool's unauthenticated role (IAM, the API's
 * additional mode), what the roles are not granted is refused, and a signed-in user lists the same people with her
 * user-pool token (the default mode). Each step checks its own outcome and reports it; nothing here prints (the
 * demo command prints the reports).
 */
public final class DirectoryStory implements AutoCloseable {

    /** The scheduled function's Lambda handler, in the same jar as the resolvers. */
    public static final String FILL_USERS = "dev.fieldgate.samples.directory.FillUsers::handleRequest";

    /** One step: what was done, whether it went as the schema's rules say, and what happened. */
    public record Step(String title, boolean passed, String outcome) {}

    /** The GraphQL {@code User}. */
    public record User(String userId, String firstname, String lastname, String picture) {}

    /** The GraphQL {@code UserConnection}. */
    public record UserConnection(List<User> items, String nextToken) {}

    /** A failed expectation inside a step. */
    static final class Unexpected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unexpected(String message) {
            super(message);
        }
    }

    private static final String PASSWORD = "Directory-Story-Password-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GraphQLOperation<UserConnection> LIST_USERS = GraphQLOperation.query(
                    "query L($limit: Int) { listUsers(limit: $limit) { items { userId firstname lastname picture }"
                            + " nextToken } }",
                    "listUsers", UserConnection.class)
            .withVariable("limit", 100);

    private final LocalStack stack;
    private final FieldgateConfig config;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Consumer<Step> report;
    private boolean allPassed = true;

    private final Set<String> added = new HashSet<>();
    private IdentityPoolCredentialsProvider guestCredentials;

    private DirectoryStory(Path appConfigFile, Consumer<Step> report) {
        this.report = report;
        long started = System.nanoTime();
        this.stack = LocalStack.builder().appConfigFile(appConfigFile).inMemory().port(0).start();
        stack.functionReady().join();
        this.config = FieldgateConfig.fromOutputsJson(stack.outputs().toJson());
        step("The local stack runs the directory sample", () -> "Cognito, the identity pool (guests admitted), "
                + "AppSync, the resolver function and DynamoDB Local on " + stack.endpoint() + ", ready in "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    /** Starts the local stack for the app whose {@code fieldgate.json} is given. */
    public static DirectoryStory start(Path appConfigFile, Consumer<Step> report) {
        return new DirectoryStory(appConfigFile, report);
    }

    /** Tells the whole story; true if every step went as the rules say. */
    public boolean run() {
        step("The scheduled FillUsers runs, as EventBridge invokes it, and adds people", () -> {
            JsonNode run = JSON.readTree(stack.invokeScheduled(FILL_USERS));
            run.path("userIds").forEach(id -> added.add(id.asText()));
            expect(run.path("added").asInt() > 0 && added.size() == run.path("added").asInt(),
                    "the run answered " + run);
            return run.path("added").asInt() + " people added with a Scheduled Event (source aws.events)";
        });

        guestCredentials = open(IdentityPoolCredentialsProvider.builder().config(config).guest().build());
        step("A guest who never signed in gets the identity pool's guest credentials", () -> {
            guestCredentials.resolveCredentials();
            expect(guestCredentials.isGuest(), "not a guest identity");
            return "identity " + guestCredentials.identityId() + " (unauthenticated role)";
        });
        FieldgateClient guest = client(AppSyncAuthorizer.iam(guestCredentials));
        step("The guest lists the directory over IAM (SigV4, the API's additional mode)", () -> {
            List<User> people = guest.execute(LIST_USERS).dataOrThrow().items();
            expect(people.stream().map(User::userId).toList().containsAll(added),
                    "the people FillUsers added are missing from " + people.size() + " listed");
            User first = people.get(0);
            expect(!first.firstname().isEmpty() && first.picture().startsWith("https://"), "incomplete: " + first);
            return people.size() + " people, e.g. " + first.firstname() + " " + first.lastname() + " ("
                    + first.picture() + ")";
        });

        CognitoUserPoolAuth ann = open(CognitoUserPoolAuth.builder().config(config).build());
        step("Ann signs up, confirms with the code from the local outbox and signs in with SRP",
                () -> signUpAndSignIn(ann, "ann@example.com"));

        step("Ann's identity-pool credentials (the authenticated role, granted no field) ask for listUsers: refused",
                () -> {
                    IdentityPoolCredentialsProvider annIam = open(IdentityPoolCredentialsProvider.builder()
                            .config(config).user(ann).build());
                    String how = refused("listUsers", () -> client(AppSyncAuthorizer.iam(annIam)).execute(LIST_USERS)
                            .dataOrThrow());
                    return how + " for identity " + annIam.identityId() + ": the schema grants IAM callers only as "
                            + "guests";
                });

        step("A caller with neither credentials nor a token asks for listUsers: refused", () -> refused("listUsers",
                () -> client(new NoAuthorization()).execute(LIST_USERS).dataOrThrow()));

        step("Ann lists the directory with her user-pool token (the API's default mode)", () -> {
            List<User> people = client(AppSyncAuthorizer.userPool(ann)).execute(LIST_USERS).dataOrThrow().items();
            List<User> guests = guest.execute(LIST_USERS).dataOrThrow().items();
            expect(people.equals(guests), "Ann and the guest see different people");
            return people.size() + " people, the same the guest sees";
        });

        step("The guest pages through the directory two at a time", () -> {
            List<String> seen = new ArrayList<>();
            String token = null;
            int pages = 0;
            do {
                UserConnection page = guest.execute(GraphQLOperation.query(
                                "query L($t: String) { listUsers(limit: 2, nextToken: $t) { items { userId }"
                                        + " nextToken } }",
                                "listUsers", UserConnection.class)
                        .withVariable("t", token))
                        .dataOrThrow();
                page.items().forEach(u -> seen.add(u.userId()));
                token = page.nextToken();
                pages++;
            } while (token != null && pages < 100);
            expect(seen.size() == new HashSet<>(seen).size(), "a person came twice: " + seen);
            expect(seen.containsAll(added), "paging missed people FillUsers added");
            return seen.size() + " people on " + pages + " pages, each once";
        });
        return allPassed;
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Call {
        Object call() throws Exception;
    }

    /** The call must be refused by AppSync; says how. */
    private static String refused(String operation, Call call) throws Exception {
        try {
            call.call();
        } catch (NotAuthorizedException | NotAuthenticatedException e) {
            return operation + " " + e.errorType().orElse(e.getClass().getSimpleName()) + " (HTTP "
                    + e.statusCode() + ")";
        }
        throw new Unexpected(operation + " was allowed");
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
