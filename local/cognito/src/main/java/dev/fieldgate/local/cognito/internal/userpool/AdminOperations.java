package dev.fieldgate.local.cognito.internal.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldgate.local.cognito.internal.userpool.PoolState.GroupRecord;
import dev.fieldgate.local.core.internal.awsjson.AwsJson;
import dev.fieldgate.local.core.internal.awsjson.AwsServiceException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The admin operations on users and groups. {@link UserPoolApi} has checked the caller's SigV4 signature and the
 * {@code UserPoolId} before any of these runs. AdminInitiateAuth and AdminRespondToAuthChallenge are in
 * {@link AuthOperations}.
 */
final class AdminOperations {

    private final UserPool pool;

    AdminOperations(UserPool pool) {
        this.pool = pool;
    }

    // ------------------------------------------------------------------ users

    JsonNode createUser(ObjectNode in) {
        String username = AwsJson.requiredString(in, "Username");
        String action = AwsJson.optionalString(in, "MessageAction").orElse(null);
        if (action != null && !action.equals("RESEND") && !action.equals("SUPPRESS")) {
            throw AwsServiceException.constraint(
                    "MessageAction", "Member must satisfy enum value set: [RESEND, SUPPRESS]");
        }
        Set<String> mediums = new LinkedHashSet<>();
        JsonNode requested = in.get("DesiredDeliveryMediums");
        if (requested != null && requested.isArray()) {
            requested.forEach(m -> mediums.add(m.asText()));
        }
        UserPool.UserView created = pool.adminCreateUser(
                username,
                AwsJson.attributeList(in, "UserAttributes"),
                AwsJson.optionalString(in, "TemporaryPassword").orElse(null),
                "RESEND".equals(action),
                "SUPPRESS".equals(action),
                mediums);
        ObjectNode out = AwsJson.object();
        out.set("User", ApiShapes.userType(pool.userSnapshot(created.username()), null));
        return out;
    }

    JsonNode setUserPassword(ObjectNode in) {
        pool.adminSetUserPassword(
                AwsJson.requiredString(in, "Username"),
                AwsJson.requiredString(in, "Password"),
                AwsJson.optionalBoolean(in, "Permanent").orElse(false));
        return AwsJson.object();
    }

    JsonNode confirmSignUp(ObjectNode in) {
        pool.adminConfirmSignUp(AwsJson.requiredString(in, "Username"));
        return AwsJson.object();
    }

    JsonNode getUser(ObjectNode in) {
        UserSnapshot user = pool.userSnapshot(AwsJson.requiredString(in, "Username"));
        ObjectNode out = AwsJson.object();
        out.put("Username", user.username());
        out.set("UserAttributes", ApiShapes.attributes(user, null));
        out.put("UserCreateDate", AwsJson.timestamp(Instant.ofEpochMilli(user.createdMillis())));
        out.put("UserLastModifiedDate", AwsJson.timestamp(Instant.ofEpochMilli(user.modifiedMillis())));
        out.put("Enabled", user.enabled());
        out.put("UserStatus", user.status().cognitoName());
        return out;
    }

    JsonNode deleteUser(ObjectNode in) {
        pool.deleteUser(AwsJson.requiredString(in, "Username"));
        return AwsJson.object();
    }

    JsonNode disableUser(ObjectNode in) {
        pool.setEnabled(AwsJson.requiredString(in, "Username"), false);
        return AwsJson.object();
    }

    JsonNode enableUser(ObjectNode in) {
        pool.setEnabled(AwsJson.requiredString(in, "Username"), true);
        return AwsJson.object();
    }

    JsonNode resetUserPassword(ObjectNode in) {
        pool.adminResetUserPassword(AwsJson.requiredString(in, "Username"));
        return AwsJson.object();
    }

    JsonNode updateUserAttributes(ObjectNode in) {
        pool.updateAttributes(
                AwsJson.requiredString(in, "Username"), ApiShapes.requiredAttributes(in, "UserAttributes"), true);
        return AwsJson.object();
    }

    JsonNode userGlobalSignOut(ObjectNode in) {
        UserSnapshot user = pool.userSnapshot(AwsJson.requiredString(in, "Username"));
        pool.globalSignOut(user.username());
        return AwsJson.object();
    }

    JsonNode listUsers(ObjectNode in) {
        Predicate<UserSnapshot> filter =
                ListUsersFilter.parse(AwsJson.optionalString(in, "Filter").orElse(""));
        Set<String> attributesToGet = null;
        JsonNode requested = in.get("AttributesToGet");
        if (requested != null && requested.isArray()) {
            attributesToGet = new LinkedHashSet<>();
            for (JsonNode a : requested) {
                attributesToGet.add(a.asText());
            }
        }
        Set<String> wanted = attributesToGet;
        List<UserSnapshot> users =
                pool.allUserSnapshots().stream().filter(filter).toList();
        return ApiShapes.page(
                users,
                in,
                "Limit",
                60,
                "PaginationToken",
                "Users",
                "PaginationToken",
                u -> ApiShapes.userType(u, wanted));
    }

    // ------------------------------------------------------------------ groups

    JsonNode addUserToGroup(ObjectNode in) {
        pool.addUserToGroup(AwsJson.requiredString(in, "Username"), AwsJson.requiredString(in, "GroupName"));
        return AwsJson.object();
    }

    JsonNode removeUserFromGroup(ObjectNode in) {
        pool.removeUserFromGroup(AwsJson.requiredString(in, "Username"), AwsJson.requiredString(in, "GroupName"));
        return AwsJson.object();
    }

    JsonNode listGroupsForUser(ObjectNode in) {
        List<GroupRecord> groups = pool.groupsOf(AwsJson.requiredString(in, "Username"));
        return ApiShapes.page(groups, in, "Limit", 60, "NextToken", "Groups", "NextToken", this::groupType);
    }

    JsonNode listGroups(ObjectNode in) {
        return ApiShapes.page(pool.groups(), in, "Limit", 60, "NextToken", "Groups", "NextToken", this::groupType);
    }

    JsonNode createGroup(ObjectNode in) {
        String name = AwsJson.requiredString(in, "GroupName");
        if (!name.matches("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,128}")) {
            throw AwsServiceException.constraint(
                    "GroupName", "Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
        }
        Optional<Integer> precedence = AwsJson.optionalInt(in, "Precedence");
        if (precedence.isPresent() && precedence.get() < 0) {
            throw AwsServiceException.constraint("Precedence", "Member must have value greater than or equal to 0");
        }
        GroupRecord group = pool.createGroup(
                name,
                AwsJson.optionalString(in, "Description").orElse(null),
                precedence.orElse(null),
                AwsJson.optionalString(in, "RoleArn").orElse(null));
        ObjectNode out = AwsJson.object();
        out.set("Group", groupType(group));
        return out;
    }

    private JsonNode groupType(GroupRecord group) {
        return ApiShapes.groupType(group, pool.id());
    }
}
