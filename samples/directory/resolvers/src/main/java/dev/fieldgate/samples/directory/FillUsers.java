package dev.fieldgate.samples.directory;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.fieldgate.policy.Manifest;
import dev.fieldgate.resolvers.AppSyncResolver;
import dev.fieldgate.resolvers.dynamodb.DynamoDbSettings;
import dev.fieldgate.resolvers.dynamodb.OwnedTable;
import dev.fieldgate.samples.directory.model.User;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;

/**
 * The scheduled function that fills the directory: an EventBridge schedule invokes it with a {@code Scheduled
 * Event} (on AWS every few minutes; locally {@code fieldgate local --schedule}), and each run adds a few people to
 * the {@code User} table. The people are made up here, from the event's id, so that a run needs nothing outside the
 * account; a team replaces {@link #people} with its own source (an HR system, a partner's API).
 *
 * <p>Lambda handler: {@code dev.fieldgate.samples.directory.FillUsers::handleRequest}. It reads the same
 * environment as the resolver function ({@code FIELDGATE_TABLE_PREFIX}, {@code AWS_REGION}) and
 * {@code USERS_PER_RUN} (1 to 25, default 5). Any other event than a scheduled one is refused: the function writes
 * to the table, so nothing but its schedule should reach it.
 */
public final class FillUsers implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final Logger LOG = LoggerFactory.getLogger(FillUsers.class);
    private static final List<String> FIRST = List.of(
            "Ada", "Bashir", "Chen", "Dalia", "Emeka", "Freya", "Gustavo", "Hana", "Ivan", "Jamila", "Kenji", "Lena",
            "Mateo", "Noor", "Oskar", "Priya", "Quentin", "Rosa", "Sami", "Tove");
    private static final List<String> LAST = List.of(
            "Abara", "Berg", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito", "Jensen", "Kowalski",
            "Larsen", "Moreau", "Nakamura", "Okafor", "Petrov", "Quinn", "Rossi", "Silva", "Tanaka");

    private final DynamoDbTable<User> users;
    private final int perRun;

    /** As Lambda makes it: the table from the environment, the client made once per execution environment. */
    public FillUsers() {
        Manifest manifest = AppSyncResolver.manifestFromClasspath();
        DynamoDbSettings settings = DynamoDbSettings.fromEnvironment();
        this.users = OwnedTable.of(
                        settings.createEnhancedClient(settings.createClient()), settings, manifest, User.class)
                .table();
        this.perRun = perRun(setting("USERS_PER_RUN"));
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        if (event == null
                || !"aws.events".equals(event.get("source"))
                || !"Scheduled Event".equals(event.get("detail-type"))) {
            throw new IllegalArgumentException("FillUsers runs on an EventBridge schedule: it takes a Scheduled Event"
                    + " (\"source\": \"aws.events\", \"detail-type\": \"Scheduled Event\") and nothing else");
        }
        String eventId = String.valueOf(event.get("id"));
        List<User> people = people(eventId, perRun);
        people.forEach(users::putItem);
        LOG.info("Added {} people to the directory (event {})", people.size(), eventId);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("added", people.size());
        result.put("userIds", people.stream().map(User::userId).toList());
        return result;
    }

    /** {@code count} made-up people, the same for the same event id (a retried event writes the same items). */
    static List<User> people(String eventId, int count) {
        Random random = new Random(eventId.hashCode());
        List<User> people = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String userId = UUID.nameUUIDFromBytes((eventId + "/" + i).getBytes(StandardCharsets.UTF_8))
                    .toString();
            people.add(new User(
                    userId,
                    FIRST.get(random.nextInt(FIRST.size())),
                    LAST.get(random.nextInt(LAST.size())),
                    "https://pictures.example.com/people/" + userId + ".jpg"));
        }
        return people;
    }

    static int perRun(String configured) {
        if (configured == null || configured.isBlank()) {
            return 5;
        }
        int value;
        try {
            value = Integer.parseInt(configured.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("USERS_PER_RUN must be a number from 1 to 25, not '" + configured + "'", e);
        }
        if (value < 1 || value > 25) {
            throw new IllegalStateException("USERS_PER_RUN must be a number from 1 to 25, not " + value);
        }
        return value;
    }

    private static String setting(String name) {
        String value = System.getenv(name);
        return value != null ? value : System.getProperty(name);
    }
}
