package dev.fieldgate.config;

import dev.fieldgate.config.internal.Checks;
import java.util.List;

/**
 * {@code identityPool}: guest access on or off, the user-pool app clients whose ID tokens it accepts, and whether the
 * basic (classic) flow (GetOpenIdToken, then STS AssumeRoleWithWebIdentity) is allowed — off unless asked for, as the
 * Terraform module deploys it.
 */
public record IdentityPoolConfig(
        String name, boolean allowUnauthenticatedIdentities, List<String> clients, boolean allowClassicFlow) {

    /** A pool without the basic (classic) flow. */
    public IdentityPoolConfig(String name, boolean allowUnauthenticatedIdentities, List<String> clients) {
        this(name, allowUnauthenticatedIdentities, clients, false);
    }

    /** @throws ConfigException naming the key that is invalid */
    public IdentityPoolConfig {
        if (name == null || !name.matches("[\\w\\- ]{1,128}")) {
            throw new ConfigException(
                    "identityPool.name '" + name + "' must be 1 to 128 letters, digits, spaces, '-' or '_'.");
        }
        clients = Checks.strings(clients, "identityPool.clients");
    }
}
