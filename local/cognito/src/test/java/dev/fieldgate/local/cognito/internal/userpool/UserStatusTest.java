package dev.fieldgate.local.cognito.internal.userpool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fieldgate.local.core.internal.state.MemoryStateStore;
import dev.fieldgate.local.core.internal.state.StateJson;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

/** User status is an enum in the code, and the same strings as always in the state documents and on the wire. */
class UserStatusTest {

    @Test
    void statusesInAnExistingStateDocumentLoadAndAreWrittenBackUnchanged() throws Exception {
        MemoryStateStore store = new MemoryStateStore();
        store.write("cognito/user-pools/us-east-1_test/pool.json", """
                {
                  "poolId" : "us-east-1_test",
                  "users" : {
                    "ana" : { "username" : "ana", "status" : "UNCONFIRMED" },
                    "ben" : { "username" : "ben", "status" : "CONFIRMED" },
                    "cy" : { "username" : "cy", "status" : "FORCE_CHANGE_PASSWORD" },
                    "di" : { "username" : "di", "status" : "RESET_REQUIRED" }
                  }
                }
                """.getBytes(StandardCharsets.UTF_8));

        PoolState state = StateJson.read(store, "cognito/user-pools/us-east-1_test/pool.json", PoolState.class)
                .orElseThrow();

        assertThat(state.users.values().stream().map(u -> u.status))
                .containsExactly(
                        UserStatus.UNCONFIRMED,
                        UserStatus.CONFIRMED,
                        UserStatus.FORCE_CHANGE_PASSWORD,
                        UserStatus.RESET_REQUIRED);
        JsonNode written = StateJson.mapper().readTree(StateJson.mapper().writeValueAsBytes(state));
        assertThat(List.of("ana", "ben", "cy", "di"))
                .map(name -> written.at("/users/" + name + "/status").asText())
                .containsExactly("UNCONFIRMED", "CONFIRMED", "FORCE_CHANGE_PASSWORD", "RESET_REQUIRED");
    }

    @Test
    void everyStatusIsOneCognitoSends() {
        assertThat(Arrays.stream(UserStatus.values()).map(UserStatus::cognitoName))
                .allSatisfy(name ->
                        assertThat(UserStatusType.fromValue(name)).isNotEqualTo(UserStatusType.UNKNOWN_TO_SDK_VERSION));
    }

    @Test
    void listUsersFiltersByCognitosStatusString() {
        UserSnapshot invited =
                new UserSnapshot("cy", "sub-cy", List.of(), UserStatus.FORCE_CHANGE_PASSWORD, true, 0, 0);
        UserSnapshot confirmed = new UserSnapshot("ben", "sub-ben", List.of(), UserStatus.CONFIRMED, true, 0, 0);

        assertThat(List.of(invited, confirmed))
                .filteredOn(ListUsersFilter.parse("cognito:user_status = \"FORCE_CHANGE_PASSWORD\""))
                .containsExactly(invited);
        assertThat(List.of(invited, confirmed))
                .filteredOn(ListUsersFilter.parse("cognito:user_status ^= \"conf\""))
                .containsExactly(confirmed);
    }
}
