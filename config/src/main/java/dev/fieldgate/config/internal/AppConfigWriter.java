package dev.fieldgate.config.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldgate.config.AppClientConfig;
import dev.fieldgate.config.AppConfig;
import dev.fieldgate.config.PasswordPolicy;
import dev.fieldgate.config.UserPoolConfig;
import dev.fieldgate.config.UserPoolGroup;
import java.nio.file.Path;
import java.util.Collection;

/** Writes {@code fieldgate.json} with every value spelled out, so the file shows what Terraform deploys. */
public final class AppConfigWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AppConfigWriter() {}

    public static String write(AppConfig config, Path folder) {
        ObjectNode root = JSON.createObjectNode();
        root.put("app", config.app());
        root.put("region", config.region());
        config.schema().ifPresent(schema -> root.put("schema", relative(folder, schema)));
        userPool(root.putObject("userPool"), config.userPool());
        config.identityPool().ifPresent(pool -> {
            ObjectNode node = root.putObject("identityPool");
            node.put("name", pool.name());
            node.put("allowUnauthenticatedIdentities", pool.allowUnauthenticatedIdentities());
            strings(node.putArray("clients"), pool.clients());
            node.put("allowClassicFlow", pool.allowClassicFlow());
        });
        ObjectNode api = root.putObject("api");
        if (config.api().name() != null) {
            api.put("name", config.api().name());
        }
        api.put("apiKey", config.api().apiKey());
        api.put("queryDepthLimit", config.api().queryDepthLimit());
        api.put("introspection", config.api().introspection());
        api.put("xrayEnabled", config.api().xrayEnabled());
        api.put("fieldLogLevel", config.api().fieldLogLevel());
        config.function().ifPresent(fn -> {
            ObjectNode node = root.putObject("function");
            node.put("artifact", relative(folder, fn.artifact()));
            node.put("handler", fn.handler());
            fn.runtimeName().ifPresent(runtime -> node.put("runtime", runtime));
            node.put("memoryMb", fn.memoryMb());
            node.put("timeoutSeconds", fn.timeoutSeconds());
            ObjectNode environment = node.putObject("environment");
            fn.environment().forEach(environment::put);
        });
        if (config.storageJson().isPresent()) {
            try {
                root.set("storage", JSON.readTree(config.storageJson().get()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the storage section was read as JSON", e);
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings, numbers and booleans always serializes", e);
        }
    }

    private static void userPool(ObjectNode node, UserPoolConfig pool) {
        node.put("name", pool.name());
        strings(node.putArray("usernameAttributes"), pool.usernameAttributes());
        strings(node.putArray("autoVerifiedAttributes"), pool.autoVerifiedAttributes());
        strings(node.putArray("requiredAttributes"), pool.requiredAttributes());
        PasswordPolicy policy = pool.passwordPolicy();
        node.putObject("passwordPolicy")
                .put("minimumLength", policy.minimumLength())
                .put("requireLowercase", policy.requireLowercase())
                .put("requireUppercase", policy.requireUppercase())
                .put("requireNumbers", policy.requireNumbers())
                .put("requireSymbols", policy.requireSymbols())
                .put("temporaryPasswordValidityDays", policy.temporaryPasswordValidityDays());
        node.put("mfa", pool.mfa());
        node.put("deletionProtection", pool.deletionProtection());
        ArrayNode groups = node.putArray("groups");
        for (UserPoolGroup group : pool.groups()) {
            ObjectNode g = groups.addObject().put("name", group.name());
            if (group.description() != null) {
                g.put("description", group.description());
            }
            if (group.precedence() != null) {
                g.put("precedence", group.precedence());
            }
        }
        pool.domainPrefix().ifPresent(prefix -> node.put("domainPrefix", prefix));
        ArrayNode clients = node.putArray("clients");
        for (AppClientConfig client : pool.clients()) {
            ObjectNode c = clients.addObject();
            c.put("name", client.name());
            c.put("generateSecret", client.generateSecret());
            strings(c.putArray("explicitAuthFlows"), client.explicitAuthFlows());
            strings(c.putArray("allowedOAuthFlows"), client.allowedOAuthFlows());
            strings(c.putArray("allowedOAuthScopes"), client.allowedOAuthScopes());
            strings(c.putArray("callbackUrls"), client.callbackUrls());
            strings(c.putArray("logoutUrls"), client.logoutUrls());
            c.put("preventUserExistenceErrors", client.preventUserExistenceErrors() ? "ENABLED" : "LEGACY");
            c.put("enableTokenRevocation", client.enableTokenRevocation());
            c.put("accessTokenValidityMinutes", client.accessTokenValidity().toMinutes());
            c.put("idTokenValidityMinutes", client.idTokenValidity().toMinutes());
            c.put("refreshTokenValidityDays", client.refreshTokenValidity().toDays());
            c.put("authSessionValidityMinutes", client.authSessionValidity().toMinutes());
        }
    }

    private static String relative(Path folder, Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path base = folder.toAbsolutePath().normalize();
        // Forward slashes on every platform: Terraform and the JVM both read them.
        return (absolute.startsWith(base.getRoot()) ? base.relativize(absolute) : absolute)
                .toString()
                .replace('\\', '/');
    }

    private static void strings(ArrayNode array, Collection<String> values) {
        values.forEach(array::add);
    }
}
