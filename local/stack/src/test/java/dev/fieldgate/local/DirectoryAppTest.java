package dev.fieldgate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.local.cognito.TestUsers;
import dev.fieldgate.local.core.LocalConfigException;
import dev.fieldgate.policy.AccessMatrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The directory sample as it ships ({@code samples/directory/fieldgate.json}, its schema and its Lambda jar) on a
 * local stack, with its scheduled function on the stack's schedule: the first run fills the directory before the
 * stack is ready. Then each kind of caller calls over HTTP: anonymous, an identity-pool guest (SigV4 with the
 * unauthenticated role's credentials), a signed-in user (user-pool token; nobody owns a person, so the owner
 * column is any signed-in user) and a signed-in identity-pool identity
 * (the authenticated role, which the schema grants nothing). What they observe must be the policy's access matrix,
 * cell for cell, and the guest role's policy must allow exactly {@code Query.listUsers} and the fields it returns.
 */
class DirectoryAppTest {

    static final String FILL_USERS = "dev.fieldgate.samples.directory.FillUsers::handleRequest";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalStack stack;
    private static GraphQlClient http;
    private static TestUsers users;
    private static TestUsers.User ann;

    @BeforeAll
    static void start() {
        stack = LocalStack.builder()
                .appConfigFile(directoryConfig())
                .schedule(FILL_USERS, Duration.ofHours(1))
                .inMemory()
                .start();
        http = new GraphQlClient(stack.graphqlEndpoint());
        users = new TestUsers(stack.cognito());
        ann = users.create("ann@example.com");
        stack.functionReady().join();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    static Path directoryConfig() {
        for (Path candidate : List.of(
                Path.of("samples/directory/fieldgate.json"), Path.of("../../samples/directory/fieldgate.json"))) {
            if (Files.isRegularFile(candidate)) {
                Path jar = candidate
                        .toAbsolutePath()
                        .getParent()
                        .resolve("resolvers/target/directory-resolvers-lambda.jar");
                assertThat(jar).as("the directory's Lambda jar, built with -am").isRegularFile();
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException(
                "samples/directory/fieldgate.json not found from " + Path.of("").toAbsolutePath());
    }

    private static GraphQlClient.Response call(String column, String query) {
        return switch (column) {
            case "anonymous" -> http.send(Map.of(), GraphQlClient.body(query, Map.of()));
            case "guest" -> http.signed(users.guest(), "us-east-1", query, Map.of());
            // Nobody owns a person in the directory: an owner is any signed-in user here.
            case "user", "owner" -> http.withToken(ann.idToken(), query, Map.of());
            case "identityPoolUser" -> http.signed(users.identityPoolUser(ann), "us-east-1", query, Map.of());
            default -> throw new IllegalArgumentException("no caller for column " + column);
        };
    }

    /** Whether the caller got the field's value for a person the schedule added. */
    private static boolean answered(String column, String field) {
        GraphQlClient.Response r = call(column, "{ listUsers(limit: 100) { items { userId " + field + " } } }");
        if (r.status() != 200 || !r.errors().isMissingNode()) {
            return false;
        }
        JsonNode first = r.data().at("/listUsers/items/0");
        return !first.path("userId").asText().isEmpty()
                && !first.path(field).asText().isEmpty();
    }

    @Test
    void theScheduleFilledTheDirectoryBeforeTheStackWasReady() {
        GraphQlClient.Response listed = call("guest", "{ listUsers(limit: 100) { items { userId firstname } } }");
        assertThat(listed.errors().isMissingNode()).as(listed.body().toString()).isTrue();
        assertThat(listed.data().at("/listUsers/items").size()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void everyCellOfThePoliciesMatrixHoldsOverHttp() {
        AccessMatrix matrix = AccessMatrix.of(stack.policy());
        List<String> columns = new ArrayList<>(
                matrix.columns().stream().map(AccessMatrix.Column::id).toList());
        assertThat(columns).containsExactly("anonymous", "guest", "user", "owner", "identityPoolUser");
        Map<String, Function<String, Boolean>> scenarios = new LinkedHashMap<>();
        scenarios.put("Query.listUsers list", c -> answered(c, "lastname"));
        for (String field : List.of("userId", "firstname", "lastname", "picture")) {
            scenarios.put("User." + field + " read", c -> answered(c, field));
        }
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (AccessMatrix.Row row : matrix.rows()) {
            String name = row.type() + "." + row.field() + " " + row.operation();
            Function<String, Boolean> scenario = scenarios.get(name);
            assertThat(scenario).as("a scenario for " + name).isNotNull();
            StringBuilder want = new StringBuilder(String.format("%-24s", name));
            StringBuilder got = new StringBuilder(String.format("%-24s", name));
            for (String column : columns) {
                want.append(row.allowed().get(column) ? " ✓" : " ✗");
                got.append(scenario.apply(column) ? " ✓" : " ✗");
            }
            expected.add(want.toString());
            actual.add(got.toString());
        }
        assertThat(String.join("\n", actual)).isEqualTo(String.join("\n", expected));
        // The post's story, in the matrix's words: guests and signed-in users list; nobody else does.
        assertThat(expected.get(0)).endsWith("✗ ✓ ✓ ✓ ✗");
    }

    @Test
    void theGuestRoleMayCallListUsersAndReadWhatItReturnsNothingElse() throws Exception {
        Map<String, Map<String, String>> policies = stack.rolePolicies();
        String guestRole = policies.keySet().stream()
                .filter(arn -> arn.endsWith("-guest"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no unauthenticated role in " + policies.keySet()));
        TreeSet<String> fields = new TreeSet<>();
        for (String document : policies.get(guestRole).values()) {
            for (JsonNode statement : JSON.readTree(document).path("Statement")) {
                assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
                JsonNode resources = statement.path("Resource");
                for (JsonNode resource : resources.isArray() ? resources : List.of(resources)) {
                    String arn = resource.asText();
                    fields.add(arn.substring(arn.indexOf("/types/") + "/types/".length())
                            .replace("/fields/", "."));
                }
            }
        }
        assertThat(fields)
                .containsExactly(
                        "Query.listUsers",
                        "User.firstname",
                        "User.lastname",
                        "User.picture",
                        "User.userId",
                        "UserConnection.items",
                        "UserConnection.nextToken");
    }

    @Test
    void aScheduledRunOnDemandAddsPeopleWithTheScheduledEventShape() throws Exception {
        JsonNode run = JSON.readTree(stack.invokeScheduled(FILL_USERS));
        assertThat(run.path("added").asInt()).isEqualTo(5);
        String added = run.path("userIds").get(0).asText();
        GraphQlClient.Response listed = call("user", "{ listUsers(limit: 100) { items { userId } } }");
        assertThat(listed.data().at("/listUsers/items").findValuesAsText("userId"))
                .contains(added);
    }

    @Test
    void aScheduleNeedsTheAppsFunction() {
        assertThatThrownBy(() -> LocalStack.builder()
                        .appConfigFile(directoryConfig())
                        .withoutFunction()
                        .schedule(FILL_USERS, Duration.ofMinutes(5))
                        .inMemory()
                        .start())
                .isInstanceOf(LocalConfigException.class)
                .hasMessageContaining("function");
    }
}
