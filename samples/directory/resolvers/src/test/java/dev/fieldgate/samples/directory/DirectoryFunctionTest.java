package dev.fieldgate.samples.directory;

import static dev.fieldgate.testing.AppSyncEvents.query;
import static dev.fieldgate.testing.Callers.iamGuest;
import static dev.fieldgate.testing.Callers.iamUser;
import static dev.fieldgate.testing.Callers.userPool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.policy.Manifest;
import dev.fieldgate.resolvers.AppSyncResolver;
import dev.fieldgate.testing.EventBuilder;
import dev.fieldgate.testing.dynamodb.DynamoDbLocal;
import dev.fieldgate.testing.dynamodb.LocalTables;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * The directory's two functions as Lambda runs them, over the manifest's table in DynamoDB Local: the scheduled
 * {@link FillUsers} adds people when an EventBridge schedule invokes it (and refuses any other event), and the
 * resolver function ({@code FunctionInvoker} with {@code MAIN_CLASS}) lists them, page by page, to guests and
 * signed-in users, never to a signed-in identity-pool identity, which the schema does not admit.
 */
class DirectoryFunctionTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static FunctionInvoker invoker;
    static FillUsers fill;

    @BeforeAll
    static void start() {
        Manifest manifest = Manifest.fromClasspath(AppSyncResolver.MANIFEST_RESOURCE);
        LocalTables tables = DynamoDbLocal.shared().createTables(manifest, "directory-test-");
        System.setProperty("MAIN_CLASS", DirectoryApplication.class.getName());
        System.setProperty("USERS_PER_RUN", "3");
        tables.environment().forEach(System::setProperty);
        invoker = new FunctionInvoker();
        fill = new FillUsers();
    }

    /** The event an EventBridge schedule rule sends, as AWS documents it. */
    static Map<String, Object> scheduledEvent(String id) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", id);
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", "123456789012");
        event.put("time", "2026-12-05T08:00:00Z");
        event.put("region", "us-east-1");
        event.put("resources", List.of("arn:aws:events:us-east-1:123456789012:rule/directory-dev-fill-users"));
        event.put("detail", Map.of());
        return event;
    }

    static Map<String, Object> invoke(EventBuilder event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            invoker.handleRequest(new ByteArrayInputStream(event.toJson()), out, null);
            return JSON.readValue(out.toByteArray(), new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Map<String, Object> response) {
        assertThat(response).as(response.toString()).containsKey("data");
        return (Map<String, Object>) response.get("data");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aScheduledRunFillsTheDirectoryThatGuestsAndUsersList() {
        Map<String, Object> run = fill.handleRequest(scheduledEvent("7b1c0c5e-run-1"), null);
        assertThat(run).containsEntry("added", 3);
        List<String> added = (List<String>) run.get("userIds");
        // The same event again (EventBridge retries) writes the same people, not three more.
        assertThat(fill.handleRequest(scheduledEvent("7b1c0c5e-run-1"), null)).containsEntry("userIds", added);

        List<String> listed = new ArrayList<>();
        String token = null;
        do {
            EventBuilder page = query("listUsers").caller(iamGuest()).argument("limit", 2);
            if (token != null) {
                page = page.argument("nextToken", token);
            }
            Map<String, Object> connection = data(invoke(page));
            for (Map<String, Object> user : (List<Map<String, Object>>) connection.get("items")) {
                assertThat(user).containsKeys("firstname", "lastname");
                assertThat((String) user.get("picture")).startsWith("https://");
                listed.add((String) user.get("userId"));
            }
            token = (String) connection.get("nextToken");
        } while (token != null);
        assertThat(listed).containsAll(added);

        assertThat(data(invoke(query("listUsers").caller(userPool("sub-ann")))).get("items"))
                .asList()
                .isNotEmpty();
        assertThat(invoke(query("listUsers").caller(iamUser("sub-bob")))).containsEntry("errorType", "Unauthorized");
        assertThat(invoke(query("listUsers").caller(iamGuest()).argument("limit", 500)))
                .containsEntry("errorType", "ValidationException");
    }

    @Test
    void onlyItsScheduleReachesTheWriter() {
        Map<String, Object> notScheduled = new LinkedHashMap<>(scheduledEvent("x"));
        notScheduled.put("source", "my.app");
        assertThatThrownBy(() -> fill.handleRequest(notScheduled, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Scheduled Event");
        assertThatThrownBy(() -> fill.handleRequest(Map.of("field", "listUsers"), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theNumberPerRunIsBounded() {
        assertThat(FillUsers.perRun(null)).isEqualTo(5);
        assertThat(FillUsers.perRun(" 12 ")).isEqualTo(12);
        assertThatThrownBy(() -> FillUsers.perRun("0")).hasMessageContaining("1 to 25");
        assertThatThrownBy(() -> FillUsers.perRun("many")).hasMessageContaining("1 to 25");
    }
}
