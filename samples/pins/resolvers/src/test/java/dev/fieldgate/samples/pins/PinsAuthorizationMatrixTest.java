package dev.fieldgate.samples.pins;

import static dev.fieldgate.testing.Callers.apiKey;
import static dev.fieldgate.testing.Callers.iamGuest;
import static dev.fieldgate.testing.Callers.iamUser;
import static dev.fieldgate.testing.Callers.userPool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.policy.AccessMatrix;
import dev.fieldgate.policy.AccessPolicy;
import dev.fieldgate.policy.Manifest;
import dev.fieldgate.resolvers.CognitoUserPoolIdentity;
import dev.fieldgate.testing.AppSyncEvents;
import dev.fieldgate.testing.Caller;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import dev.fieldgate.resolvers.dynamodb.OwnedTable;
import dev.fieldgate.samples.pins.model.Pin;
import dev.fieldgate.samples.pins.model.Profile;

/**
 * The access matrix the policy derives from the schema ({@code AccessMatrix.of(policy)}), played through the real
 * function against DynamoDB Local for each kind of caller. Every cell is an actual request, and "allowed" means
 * the request had its effect — a read returned the record, a write changed the stored record the matrix asks about
 * (owned by the "owner" caller). Rows of fields that have no resolver are resolved by AppSync without the function
 * and are covered by AppSync's own directives.
 */
class PinsAuthorizationMatrixTest {

    final PinsFunction function = PinsFunction.get();
    final Manifest manifest = function.manifest;
    final AccessMatrix matrix = AccessMatrix.of(AccessPolicy.of(manifest));
    final DynamoDbEnhancedClient enhanced = function.settings.createEnhancedClient(function.client);
    final DynamoDbTable<Pin> pins = OwnedTable.of(enhanced, function.settings, manifest, Pin.class).table();
    final DynamoDbTable<Profile> profiles =
            OwnedTable.of(enhanced, function.settings, manifest, Profile.class).table();

    // The matrix's callers: the record's owner (user A), another user (user B), an Admin, a guest, an identity-pool
    // user, and "anonymous" — a caller without credentials never reaches a resolver (AppSync answers 401); the
    // nearest a function can see is identity null, an API-key caller, which this API does not admit either.
    final String userA = "user-a-" + UUID.randomUUID();
    final String userB = "user-b-" + UUID.randomUUID();
    final String admin = "admin-" + UUID.randomUUID();
    final Map<String, Caller> callers = new LinkedHashMap<>();

    PinsAuthorizationMatrixTest() {
        callers.put("anonymous", apiKey());
        callers.put("guest", iamGuest());
        callers.put("user", userPool(userB));
        callers.put("owner", userPool(userA));
        callers.put("group:Admins", userPool(admin).groups("Admins"));
        callers.put("identityPoolUser", iamUser(userB));
    }

    @Test
    void everyResolverCellOfThePoliciesMatrixHoldsThroughTheFunction() {
        assertThat(matrix.columns()).extracting(AccessMatrix.Column::id).containsExactlyElementsOf(callers.keySet());
        Set<String> resolvers = manifest.resolvers().stream().map(Manifest.Resolver::coordinate)
                .collect(Collectors.toSet());
        Map<String, Function<Caller, Boolean>> scenarios = scenarios();

        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        List<String> covered = new ArrayList<>();
        for (AccessMatrix.Row row : matrix.rows()) {
            String name = row.type() + "." + row.field() + " " + row.operation();
            Function<Caller, Boolean> scenario = scenarios.get(name);
            if (scenario == null) {
                assertThat(resolvers).as("a resolver row without a scenario: " + name)
                        .doesNotContain(row.type() + "." + row.field());
                continue;
            }
            covered.add(name);
            StringBuilder want = new StringBuilder(String.format("%-30s", name));
            StringBuilder got = new StringBuilder(String.format("%-30s", name));
            callers.forEach((column, caller) -> {
                want.append(row.allowed().get(column) ? " ✓" : " ✗");
                got.append(scenario.apply(caller) ? " ✓" : " ✗");
            });
            expected.add(want.toString());
            actual.add(got.toString());
        }

        assertThat(covered).containsAll(scenarios.keySet());
        assertThat(String.join("\n", actual)).isEqualTo(String.join("\n", expected));
    }

    /** One request per cell; each reports whether it had its effect. */
    private Map<String, Function<Caller, Boolean>> scenarios() {
        Map<String, Function<Caller, Boolean>> scenarios = new LinkedHashMap<>();
        scenarios.put("Query.getPin get", caller -> {
            Pin pin = storedPin();
            return ok(call("Query", "getPin", caller, Map.of("id", pin.id()), null)) != null;
        });
        scenarios.put("Query.listPins list", caller ->
                ok(call("Query", "listPins", caller, Map.of("limit", 5), null)) != null);
        scenarios.put("Query.getProfile get", caller -> {
            storedProfile(userA);
            return ok(call("Query", "getProfile", caller, Map.of("owner", userA), null)) != null;
        });
        scenarios.put("Mutation.createPin create", caller -> {
            Object created = ok(call("Mutation", "createPin", caller, Map.of("input", Map.of("title", "new",
                    "imageUrl", "https://img.example.com/new.jpg")), null));
            return created != null && pins.getItem(key((String) ((Map<?, ?>) created).get("id"))) != null;
        });
        scenarios.put("Mutation.updatePin update", caller -> {
            Pin pin = storedPin();
            call("Mutation", "updatePin", caller, Map.of("input", Map.of("id", pin.id(), "title", "changed")), null);
            return "changed".equals(pins.getItem(key(pin.id())).title());
        });
        scenarios.put("Mutation.deletePin delete", caller -> {
            Pin pin = storedPin();
            call("Mutation", "deletePin", caller, Map.of("id", pin.id()), null);
            return pins.getItem(key(pin.id())) == null;
        });
        scenarios.put("Mutation.createProfile create", caller -> {
            String sub = sub(caller);
            if (sub != null) {
                profiles.deleteItem(key(sub));
            }
            Object created = ok(call("Mutation", "createProfile", caller, Map.of("input", Map.of("displayName",
                    "New")), null));
            return created != null && profiles.getItem(key(sub)) != null;
        });
        scenarios.put("Mutation.updateProfile update", caller -> {
            // The record in question is user A's profile; the API only ever updates the caller's own.
            storedProfile(userA);
            call("Mutation", "updateProfile", caller, Map.of("input", Map.of("displayName", "Changed")), null);
            return "Changed".equals(profiles.getItem(key(userA)).displayName());
        });
        scenarios.put("Subscription.onCreatePin listen", caller ->
                !call("Subscription", "onCreatePin", caller, Map.of(), null).containsKey("errorType"));
        scenarios.put("Subscription.onDeletePin listen", caller ->
                !call("Subscription", "onDeletePin", caller, Map.of(), null).containsKey("errorType"));
        scenarios.put("Pin.ownerContact read", caller -> {
            Pin pin = storedPin();
            Map<String, Object> response = call("Pin", "ownerContact", caller, Map.of(), source(pin));
            return pin.ownerContact().equals(response.get("data"));
        });
        scenarios.put("Pin.ownerContact create", caller -> {
            Object created = ok(call("Mutation", "createPin", caller, Map.of("input", Map.of("title", "new",
                    "imageUrl", "https://img.example.com/new.jpg", "ownerContact", "new@example.com")), null));
            return created != null && "new@example.com".equals(
                    pins.getItem(key((String) ((Map<?, ?>) created).get("id"))).ownerContact());
        });
        scenarios.put("Pin.ownerContact update", caller -> {
            Pin pin = storedPin();
            call("Mutation", "updatePin", caller, Map.of("input", Map.of("id", pin.id(),
                    "ownerContact", "changed@example.com")), null);
            return "changed@example.com".equals(pins.getItem(key(pin.id())).ownerContact());
        });
        scenarios.put("Pin.author read", caller -> {
            Pin pin = storedPin();
            storedProfile(userA);
            List<Map<String, Object>> response = function.invokeBatch(AppSyncEvents.field("Pin", "author")
                    .caller(caller).batch(List.of(source(pin))));
            return !response.get(0).containsKey("errorType") && response.get(0).get("data") != null;
        });
        return scenarios;
    }

    private Map<String, Object> call(String type, String field, Caller caller, Map<String, ?> arguments,
                                     Map<String, ?> source) {
        return function.invoke(AppSyncEvents.field(type, field).caller(caller).arguments(arguments).source(source));
    }

    private static Object ok(Map<String, Object> response) {
        return response.containsKey("errorType") ? null : response.get("data");
    }

    /** A fresh pin owned by user A. */
    private Pin storedPin() {
        Pin pin = new Pin("matrix-" + UUID.randomUUID(), "original", null, "https://img.example.com/original.jpg",
                userA, "a@example.com", null, "2025-11-20T10:00:00Z", "2025-11-20T10:00:00Z");
        pins.putItem(pin);
        return pin;
    }

    private void storedProfile(String owner) {
        profiles.putItem(new Profile(owner, "Original", null));
    }

    private static Map<String, Object> source(Pin pin) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("id", pin.id());
        source.put("title", pin.title());
        source.put("imageUrl", pin.imageUrl());
        source.put("owner", pin.owner());
        source.put("ownerContact", pin.ownerContact());
        source.put("createdAt", pin.createdAt());
        source.put("updatedAt", pin.updatedAt());
        return source;
    }

    /** The user-pool user's sub; other callers name no user-pool user of their own. */
    private static String sub(Caller caller) {
        return caller.identity() instanceof CognitoUserPoolIdentity user ? user.sub() : null;
    }

    private static Key key(String value) {
        return Key.builder().partitionValue(value == null ? "none" : value).build();
    }
}
