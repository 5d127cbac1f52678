package dev.fieldgate.local.cognito.internal.userpool;

import dev.fieldgate.config.UserPoolGroup;
import dev.fieldgate.local.cognito.internal.userpool.PoolState.GroupRecord;
import dev.fieldgate.local.cognito.internal.userpool.PoolState.UserRecord;
import dev.fieldgate.local.core.internal.awsjson.AwsServiceException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The pool's groups: those the config declares, those created through the API, and a user's groups in the order
 * tokens list them. Membership itself is on the user ({@link UserAdministration} changes it).
 */
final class UserGroups {

    private final PoolContext pool;

    UserGroups(PoolContext pool) {
        this.pool = pool;
    }

    /**
     * Creates the groups new in the config and takes description and precedence from it for all of them, and the role
     * each has in the deployment (none when absent from {@code roleArns}).
     */
    void applyConfig(Map<String, String> roleArns) {
        for (UserPoolGroup group : pool.poolConfig.groups()) {
            GroupRecord record = pool.state.groups.get(group.name());
            if (record == null) {
                record = new GroupRecord();
                record.name = group.name();
                record.createdMillis = pool.clock.millis();
                pool.state.groups.put(record.name, record);
            }
            record.description = group.description();
            record.precedence = group.precedence();
            record.roleArn = roleArns.get(group.name());
            record.modifiedMillis = pool.clock.millis();
        }
    }

    GroupRecord create(String name, String description, Integer precedence, String roleArn) {
        if (pool.state.groups.containsKey(name)) {
            throw new AwsServiceException("GroupExistsException", "A group with the name " + name + " already exists.");
        }
        GroupRecord group = new GroupRecord();
        group.name = name;
        group.description = description;
        group.precedence = precedence;
        group.roleArn = roleArn;
        group.createdMillis = pool.clock.millis();
        group.modifiedMillis = group.createdMillis;
        pool.state.groups.put(name, group);
        pool.persist();
        return group;
    }

    List<GroupRecord> all() {
        return new ArrayList<>(pool.state.groups.values());
    }

    GroupRecord require(String name) {
        GroupRecord group = name == null ? null : pool.state.groups.get(name);
        if (group == null) {
            throw CognitoErrors.resourceNotFound("Group not found.");
        }
        return group;
    }

    /** The user's groups, lowest precedence first (no precedence last), then by name. */
    List<GroupRecord> byPrecedence(UserRecord user) {
        List<GroupRecord> groups = new ArrayList<>();
        for (String name : user.groups) {
            GroupRecord g = pool.state.groups.get(name);
            if (g != null) {
                groups.add(g);
            }
        }
        groups.sort(Comparator.comparing((GroupRecord g) -> g.precedence == null ? Integer.MAX_VALUE : g.precedence)
                .thenComparing(g -> g.name));
        return groups;
    }
}
