package dev.fieldgate.policy;

import java.util.Objects;

/**
 * A user-pool group that a storage declaration grants access to, and so gets an identity-pool role of its own: its
 * members receive that role's credentials instead of the authenticated role's. The role holds everything the
 * authenticated role holds (its AppSync grants and S3 statements) and the group's own S3 statements.
 *
 * @param name       the group's name, as {@code userPool.groups[].name} declares it
 * @param precedence the group's precedence in the user pool: Cognito puts the role of a user's group with the lowest
 *                   precedence into the ID token's {@code cognito:preferred_role}, and the identity pool hands out that
 *                   role
 */
public record StorageGroup(String name, int precedence) {

    public StorageGroup {
        Objects.requireNonNull(name, "name");
    }

    /**
     * The role's name with a prefix: {@code <prefix>-group-<name>} (the prefix is the app locally, the app and the
     * environment in Terraform).
     */
    public String roleName(String prefix) {
        return prefix + "-group-" + name;
    }
}
