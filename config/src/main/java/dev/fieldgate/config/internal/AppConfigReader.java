package dev.fieldgate.config.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.config.ApiConfig;
import dev.fieldgate.config.AppClientConfig;
import dev.fieldgate.config.AppConfig;
import dev.fieldgate.config.ConfigException;
import dev.fieldgate.config.FunctionConfig;
import dev.fieldgate.config.IdentityPoolConfig;
import dev.fieldgate.config.PasswordPolicy;
import dev.fieldgate.config.UserPoolConfig;
import dev.fieldgate.config.UserPoolGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/** Reads {@code fieldgate.json} (docs/app-config.md) strictly: every key is known or refused. */
public final class AppConfigReader {

    static final Set<String> ROOT_KEYS =
            Set.of("$schema", "app", "region", "schema", "userPool", "identityPool", "api", "function", "storage");
    static final Set<String> USER_POOL_KEYS = Set.of(
            "name",
            "usernameAttributes",
            "autoVerifiedAttributes",
            "requiredAttributes",
            "passwordPolicy",
            "mfa",
            "deletionProtection",
            "groups",
            "domainPrefix",
            "clients");
    static final Set<String> POLICY_KEYS = Set.of(
            "minimumLength",
            "requireLowercase",
            "requireUppercase",
            "requireNumbers",
            "requireSymbols",
            "temporaryPasswordValidityDays");
    static final Set<String> GROUP_KEYS = Set.of("name", "description", "precedence");
    static final Set<String> CLIENT_KEYS = Set.of(
            "name",
            "generateSecret",
            "explicitAuthFlows",
            "allowedOAuthFlows",
            "allowedOAuthScopes",
            "callbackUrls",
            "logoutUrls",
            "preventUserExistenceErrors",
            "enableTokenRevocation",
            "accessTokenValidityMinutes",
            "idTokenValidityMinutes",
            "refreshTokenValidityDays",
            "authSessionValidityMinutes");
    static final Set<String> IDENTITY_POOL_KEYS =
            Set.of("name", "allowUnauthenticatedIdentities", "clients", "allowClassicFlow");
    static final Set<String> API_KEYS =
            Set.of("name", "apiKey", "queryDepthLimit", "introspection", "xrayEnabled", "fieldLogLevel");
    static final Set<String> FUNCTION_KEYS =
            Set.of("artifact", "handler", "runtime", "memoryMb", "timeoutSeconds", "environment");

    private static final ObjectMapper JSON = new ObjectMapper();

    private AppConfigReader() {}

    public static AppConfig read(Path file) {
        String text = Files2.read(
                file,
                "app config",
                "pass the fieldgate.json beside the app's schema.graphql " + "(docs/app-config.md)");
        try {
            return parse(text, file.toAbsolutePath().getParent(), file.toString());
        } catch (ConfigException e) {
            if (e.getMessage().startsWith(file.toString())) {
                throw e;
            }
            throw new ConfigException(file + ": " + e.getMessage(), e);
        }
    }

    /** Reads {@code file} with the environment's overlay merged over it (see {@link ConfigOverlay}). */
    public static AppConfig read(Path file, String environment) {
        Path overlay = ConfigOverlay.overlayFile(file, environment);
        String text = ConfigOverlay.mergedText(file, environment);
        String source = Files.isRegularFile(overlay) ? file + " with " + overlay.getFileName() : file.toString();
        try {
            return parse(text, file.toAbsolutePath().getParent(), source);
        } catch (ConfigException e) {
            if (e.getMessage().startsWith(source)) {
                throw e;
            }
            throw new ConfigException(source + ": " + e.getMessage(), e);
        }
    }

    public static AppConfig parse(String json, Path folder, String source) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigException(
                    source + " is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage(),
                    e);
        }
        JsonFields root = JsonFields.root(tree, source).only(ROOT_KEYS);
        String schema = root.optionalString("schema");
        AppConfig.Builder config = AppConfig.builder()
                .app(root.string("app"))
                .region(root.string("region"))
                .schema(schema == null ? null : folder.resolve(schema).normalize())
                .userPool(userPool(root.requiredObject("userPool")));
        JsonFields identity = root.object("identityPool");
        if (identity != null) {
            identity.only(IDENTITY_POOL_KEYS);
            config.identityPool(new IdentityPoolConfig(
                    identity.string("name"),
                    identity.bool("allowUnauthenticatedIdentities", false),
                    identity.strings("clients"),
                    identity.bool("allowClassicFlow", false)));
        }
        JsonFields api = root.object("api");
        if (api != null) {
            api.only(API_KEYS);
            ApiConfig d = ApiConfig.DEFAULT;
            config.api(new ApiConfig(
                    api.optionalString("name"),
                    api.bool("apiKey", d.apiKey()),
                    api.integer("queryDepthLimit", d.queryDepthLimit()),
                    api.bool("introspection", d.introspection()),
                    api.bool("xrayEnabled", d.xrayEnabled()),
                    api.optionalString("fieldLogLevel")));
        }
        JsonFields function = root.object("function");
        if (function != null) {
            function.only(FUNCTION_KEYS);
            config.function(new FunctionConfig(
                    folder.resolve(function.string("artifact")).normalize(),
                    function.string("handler"),
                    function.optionalString("runtime"),
                    function.integer("memoryMb", FunctionConfig.DEFAULT_MEMORY_MB),
                    function.integer("timeoutSeconds", FunctionConfig.DEFAULT_TIMEOUT_SECONDS),
                    function.stringMap("environment")));
        }
        JsonNode storage = tree.get("storage");
        if (storage != null) {
            if (!storage.isObject()) {
                throw new ConfigException("storage must be an object with \"buckets\" (docs/app-config.md#storage).");
            }
            // Its keys and values are the storage policy's to check (the policy module's StoragePolicy).
            config.storageJson(storage.toString());
        }
        return config.build();
    }

    private static UserPoolConfig userPool(JsonFields pool) {
        pool.only(USER_POOL_KEYS);
        UserPoolConfig.Builder b = UserPoolConfig.builder()
                .name(pool.string("name"))
                .usernameAttributes(pool.strings("usernameAttributes"))
                .autoVerifiedAttributes(pool.strings("autoVerifiedAttributes"))
                .requiredAttributes(pool.strings("requiredAttributes"))
                .mfa(pool.optionalString("mfa"))
                .deletionProtection(pool.bool("deletionProtection", false))
                .domainPrefix(pool.optionalString("domainPrefix"));
        JsonFields policy = pool.object("passwordPolicy");
        if (policy != null) {
            policy.only(POLICY_KEYS);
            PasswordPolicy d = PasswordPolicy.AWS_DEFAULT;
            b.passwordPolicy(new PasswordPolicy(
                    policy.integer("minimumLength", d.minimumLength()),
                    policy.bool("requireLowercase", d.requireLowercase()),
                    policy.bool("requireUppercase", d.requireUppercase()),
                    policy.bool("requireNumbers", d.requireNumbers()),
                    policy.bool("requireSymbols", d.requireSymbols()),
                    policy.integer("temporaryPasswordValidityDays", d.temporaryPasswordValidityDays())));
        }
        for (JsonFields group : pool.objects("groups")) {
            group.only(GROUP_KEYS);
            b.addGroup(new UserPoolGroup(
                    group.string("name"), group.optionalString("description"), group.optionalInteger("precedence")));
        }
        for (JsonFields client : pool.objects("clients")) {
            client.only(CLIENT_KEYS);
            AppClientConfig.Builder c = AppClientConfig.builder()
                    .name(client.string("name"))
                    .generateSecret(client.bool("generateSecret", false))
                    .explicitAuthFlows(client.optionalStrings("explicitAuthFlows"))
                    .allowedOAuthFlows(client.strings("allowedOAuthFlows"))
                    .allowedOAuthScopes(client.strings("allowedOAuthScopes"))
                    .callbackUrls(client.strings("callbackUrls"))
                    .logoutUrls(client.strings("logoutUrls"))
                    .preventUserExistenceErrors(client.optionalString("preventUserExistenceErrors"))
                    .enableTokenRevocation(client.bool("enableTokenRevocation", true))
                    .accessTokenValidity(minutes(client.optionalInteger("accessTokenValidityMinutes")))
                    .idTokenValidity(minutes(client.optionalInteger("idTokenValidityMinutes")))
                    .authSessionValidity(minutes(client.optionalInteger("authSessionValidityMinutes")));
            Integer refreshDays = client.optionalInteger("refreshTokenValidityDays");
            if (refreshDays != null) {
                c.refreshTokenValidity(Duration.ofDays(refreshDays));
            }
            b.addClient(c.build());
        }
        return b.build();
    }

    private static Duration minutes(Integer value) {
        return value == null ? null : Duration.ofMinutes(value);
    }
}
