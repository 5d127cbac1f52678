package dev.fieldgate.local.cognito.internal.userpool;

import dev.fieldgate.config.AppClientConfig;
import dev.fieldgate.local.cognito.internal.userpool.PoolState.ClientRecord;
import dev.fieldgate.local.cognito.internal.userpool.UserPool.ClientRuntime;
import dev.fieldgate.sdk.srp.CognitoSecretHash;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pool's app clients: their generated ids and secrets (kept across restarts), lookup by id or name, and the
 * checks of what callers present as a client's secret. The clients are set once, at open, and only read after.
 */
final class AppClients {

    private final PoolContext pool;
    private final Map<String, ClientRuntime> clientsById = new LinkedHashMap<>();
    private final Map<String, ClientRuntime> clientsByName = new LinkedHashMap<>();

    AppClients(PoolContext pool) {
        this.pool = pool;
    }

    /** Creates the clients new in the config; existing ones keep their id, and their secret while they have one. */
    void applyConfig() {
        for (AppClientConfig clientConfig : pool.poolConfig.clients()) {
            ClientRecord record = pool.state.clients.get(clientConfig.name());
            if (record == null) {
                record = new ClientRecord();
                record.name = clientConfig.name();
                record.clientId = randomClientId();
                record.createdMillis = pool.clock.millis();
                pool.state.clients.put(record.name, record);
            }
            if (clientConfig.generateSecret() && record.clientSecret == null) {
                record.clientSecret = randomClientSecret();
            } else if (!clientConfig.generateSecret()) {
                record.clientSecret = null;
            }
            ClientRuntime runtime = new ClientRuntime(clientConfig, record.clientId, record.clientSecret);
            clientsById.put(record.clientId, runtime);
            clientsByName.put(record.name, runtime);
        }
    }

    List<ClientRuntime> all() {
        return List.copyOf(clientsByName.values());
    }

    Optional<ClientRuntime> byName(String name) {
        return Optional.ofNullable(clientsByName.get(name));
    }

    Optional<ClientRuntime> byId(String clientId) {
        return clientId == null ? Optional.empty() : Optional.ofNullable(clientsById.get(clientId));
    }

    ClientRuntime require(String clientId) {
        return byId(clientId)
                .orElseThrow(() -> CognitoErrors.resourceNotFound("User pool client " + clientId + " does not exist."));
    }

    /** See {@link UserPool#checkSecretHash}. */
    void checkSecretHash(ClientRuntime client, String presented, String... usernames) {
        if (!client.hasSecret()) {
            return;
        }
        if (presented == null) {
            throw CognitoErrors.notAuthorized(
                    "Client " + client.clientId() + " is configured with secret but SECRET_HASH was not received");
        }
        for (String username : usernames) {
            if (username != null
                    && PoolContext.constantTimeEquals(
                            presented, CognitoSecretHash.compute(username, client.clientId(), client.clientSecret()))) {
                return;
            }
        }
        throw CognitoErrors.notAuthorized("Unable to verify secret hash for client " + client.clientId());
    }

    boolean secretMatches(ClientRuntime client, String presented) {
        return client.hasSecret()
                && presented != null
                && PoolContext.constantTimeEquals(presented, client.clientSecret());
    }

    private String randomClientId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 26; i++) {
            id.append(alphabet.charAt(pool.random.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    private String randomClientSecret() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder secret = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            secret.append(alphabet.charAt(pool.random.nextInt(alphabet.length())));
        }
        return secret.toString();
    }
}
