package dev.fieldgate.resolvers.dynamodb;

import static dev.fieldgate.testing.AppSyncEvents.mutation;
import static dev.fieldgate.testing.Callers.userPool;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.testing.EventBuilder;
import dev.fieldgate.testing.dynamodb.DynamoDbLocalExtension;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Owner rules enforced in DynamoDB Local through the runtime: stamped creates and conditional writes. */
@ExtendWith(DynamoDbLocalExtension.class)
class OwnedTableTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ALICE = "sub-alice";
    static final String BOB = "sub-bob";

    final PinsOnDynamoDb pins = new PinsOnDynamoDb();

    Map<String, Object> call(EventBuilder event) {
        try {
            return JSON.readValue(
                    pins.resolver.handle(event.toJson(), null), new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, Object> create(String sub, String id, String title) {
        return call(mutation("createPin").caller(userPool(sub)).input(Map.of("id", id, "title", title)));
    }

    @Test
    void createStampsTheCallerAndNeverReplacesARecord() {
        assertThat(create(ALICE, "p1", "Alice's"))
                .isEqualTo(Map.of(
                        "data", Map.of("id", "p1", "title", "Alice's", "owner", ALICE, "__mutation", "createPin")));
        assertThat(pins.stored("p1").getOwner()).isEqualTo(ALICE);

        Map<String, Object> again = create(BOB, "p1", "Bob's");
        assertThat(again)
                .containsEntry("errorType", "ConflictException")
                .containsEntry("errorMessage", "A Pin with this id already exists");
        assertThat(pins.stored("p1").getTitle()).isEqualTo("Alice's");
    }

    @Test
    void aSpoofedOwnerNeverReachesTheTable() {
        Map<String, Object> response = call(
                mutation("createPin").caller(userPool(BOB)).input(Map.of("id", "p2", "title", "mine", "owner", ALICE)));

        assertThat(response).containsEntry("errorType", "Unauthorized");
        assertThat(pins.stored("p2")).isNull();
    }

    @Test
    void onlyTheOwnerUpdatesAndTheOwnerNeverChanges() {
        create(ALICE, "p3", "original");

        Map<String, Object> bobs =
                call(mutation("updatePin").caller(userPool(BOB)).input(Map.of("id", "p3", "title", "defaced")));
        assertThat(bobs)
                .containsEntry("errorType", "Unauthorized")
                .containsEntry("errorMessage", "Not Authorized to access updatePin on type Mutation");
        assertThat(pins.stored("p3").getTitle()).isEqualTo("original");

        Map<String, Object> alices =
                call(mutation("updatePin").caller(userPool(ALICE)).input(Map.of("id", "p3", "title", "edited")));
        assertThat(alices).isEqualTo(Map.of("data", Map.of("id", "p3", "title", "edited", "owner", ALICE)));
        assertThat(pins.stored("p3").getTitle()).isEqualTo("edited");
    }

    @Test
    void anUpdateNeverWritesTheOwnerAttributeEvenForItsOwner() {
        create(ALICE, "p4", "x");
        PinItem changes = PinsOnDynamoDb.item("p4", "y", BOB);
        // Straight through the helper, as a handler would, with Alice's authorization.
        Map<String, Object> response = call(
                mutation("updatePin").caller(userPool(ALICE)).input(Map.of("id", "p4", "title", "y", "owner", ALICE)));

        assertThat(response).containsEntry("data", Map.of("id", "p4", "title", "y", "owner", ALICE));
        assertThat(changes.getOwner()).isEqualTo(BOB);
        assertThat(pins.stored("p4").getOwner()).isEqualTo(ALICE);
    }

    @Test
    void updatingOrDeletingNothingIsNotFound() {
        assertThat(call(mutation("updatePin").caller(userPool(ALICE)).input(Map.of("id", "none", "title", "t"))))
                .containsEntry("errorType", "NotFoundException")
                .containsEntry("errorMessage", "No Pin with this id");
        assertThat(call(mutation("deletePin").caller(userPool(ALICE)).argument("id", "none")))
                .containsEntry("errorType", "NotFoundException");
        assertThat(pins.stored("none")).isNull();
    }

    @Test
    void theOwnerDeletesAnotherUserCannotAndAnAdminMay() {
        create(ALICE, "p5", "a");
        create(ALICE, "p6", "b");

        assertThat(call(mutation("deletePin").caller(userPool(BOB)).argument("id", "p5")))
                .containsEntry("errorType", "Unauthorized");
        assertThat(pins.stored("p5")).isNotNull();

        assertThat(call(mutation("deletePin").caller(userPool(ALICE)).argument("id", "p5")))
                .isEqualTo(Map.of("data", Map.of("id", "p5", "title", "a", "owner", ALICE, "__mutation", "deletePin")));
        assertThat(pins.stored("p5")).isNull();

        assertThat(call(mutation("deletePin")
                        .caller(userPool("sub-mod").groups("Admins"))
                        .argument("id", "p6")))
                .isEqualTo(Map.of("data", Map.of("id", "p6", "title", "b", "owner", ALICE, "__mutation", "deletePin")));
        assertThat(pins.stored("p6")).isNull();
    }
}
