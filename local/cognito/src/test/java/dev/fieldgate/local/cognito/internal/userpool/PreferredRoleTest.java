package dev.fieldgate.local.cognito.internal.userpool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.local.cognito.internal.userpool.PoolState.GroupRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code cognito:preferred_role}: the role of the user's group with the lowest precedence among groups with roles. */
class PreferredRoleTest {

    private static GroupRecord group(String name, Integer precedence, String roleArn) {
        GroupRecord group = new GroupRecord();
        group.name = name;
        group.precedence = precedence;
        group.roleArn = roleArn;
        return group;
    }

    @Test
    void theLowestPrecedenceWins() {
        assertThat(TokenIssuer.preferredRole(List.of(group("a", 1, "arn:a"), group("b", 5, "arn:b"))))
                .contains("arn:a");
        assertThat(TokenIssuer.preferredRole(List.of(group("a", 2, "arn:a"), group("b", null, "arn:b"))))
                .contains("arn:a");
    }

    @Test
    void aTieBetweenDifferentRolesNamesNoneAndATieOnOneRoleNamesIt() {
        assertThat(TokenIssuer.preferredRole(List.of(group("a", 3, "arn:a"), group("b", 3, "arn:b"))))
                .isEmpty();
        assertThat(TokenIssuer.preferredRole(List.of(group("a", 3, "arn:same"), group("b", 3, "arn:same"))))
                .contains("arn:same");
        assertThat(TokenIssuer.preferredRole(List.of(group("a", null, "arn:a"), group("b", null, "arn:b"))))
                .isEmpty();
    }
}
