package dev.fieldgate.local.cognito.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.local.cognito.CognitoConfig;
import dev.fieldgate.local.core.LocalConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the Cognito keys of {@code fieldgate.json} (see docs/app-config.md). Keys of the other sections are left to
 * their readers; inside {@code userPool} and {@code identityPool} an unknown key is an error, so a typo cannot
 * silently fall back to a default that differs from what Terraform deploys.
 */
public final class AppConfigReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> USER_POOL_KEYS = Set.of("name", "usernameAttributes", "autoVerifiedAttributes",
            "requiredAttributes", "passwordPolicy", "mfa", "deletionProtection", "groups", "domainPrefix", "clients");
    private static final Set<String> POLICY_KEYS = Set.of("minimumLength", "requireLowercase", "requireUppercase",
            "requireNumbers", "requireSymbols", "temporaryPasswordValidityDays");
    private static final Set<String> GROUP_KEYS = Set.of("name", "description", "precedence");
    private static final Set<String> CLIENT_KEYS = Set.of("name", "generateSecret", "explicitAuthFlows",
            "allowedOAuthFlows", "allowedOAuthScopes", "callbackUrls", "logoutUrls", "preventUserExistenceErrors",
            "enableTokenRevocation", "accessTokenValidityMinutes", "idTokenValidityMinutes",
            "refreshTokenValidityDays", "authSessionValidityMinutes");
    private static final Set<String> IDENTITY_POOL_KEYS = Set.of("name", "allowUnauthenticatedIdentities", "clients",
            "allowClassicFlow");

    private AppConfigReader() {
    }

    public static CognitoConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new LocalConfigException("The app config " + file + " does not exist.", e);
        } catch (IOException e) {
            throw new LocalConfigException("The app config " + file + " cannot be read: " + e.getMessage(), e);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new LocalConfigException("The app config " + file + " is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ").", e);
        }
        if (root == null || !root.isObject()) {
            throw new LocalConfigException("The app config " + file + " must be a JSON object.");
        }
        try {
            return parse(root);
        } catch (LocalConfigException e) {
            throw new LocalConfigException(file + ": " + e.getMessage(), e);
        }
    }

    public static CognitoConfig parse(JsonNode root) {
        CognitoConfig.Builder config = CognitoConfig.builder()
                .app(string(root, "app", "app"))
                .region(string(root, "region", "region"));
        JsonNode pool = object(root, "userPool", "userPool", true);
        config.userPool(userPool(pool));
        JsonNode identity = object(root, "identityPool", "identityPool", false);
        if (identity != null) {
            checkKeys(identity, IDENTITY_POOL_KEYS, "identityPool");
            config.identityPool(new CognitoConfig.IdentityPool(
                    string(identity, "name", "identityPool.name"),
                    bool(identity, "allowUnauthenticatedIdentities", "identityPool.allowUnauthenticatedIdentities",
                            false),
                    strings(identity, "clients", "identityPool.clients"),
                    bool(identity, "allowClassicFlow", "identityPool.allowClassicFlow", false)));
        }
        return config.build();
    }

    private static CognitoConfig.UserPool userPool(JsonNode pool) {
        checkKeys(pool, USER_POOL_KEYS, "userPool");
        CognitoConfig.UserPool.Builder b = CognitoConfig.UserPool.builder()
                .name(string(pool, "name", "userPool.name"))
                .usernameAttributes(strings(pool, "usernameAttributes", "userPool.usernameAttributes"))
                .autoVerifiedAttributes(strings(pool, "autoVerifiedAttributes", "userPool.autoVerifiedAttributes"))
                .requiredAttributes(strings(pool, "requiredAttributes", "userPool.requiredAttributes"))
                .mfa(optionalString(pool, "mfa", "userPool.mfa"))
                .deletionProtection(bool(pool, "deletionProtection", "userPool.deletionProtection", false))
                .domainPrefix(optionalString(pool, "domainPrefix", "userPool.domainPrefix"));
        JsonNode policy = object(pool, "passwordPolicy", "userPool.passwordPolicy", false);
        if (policy != null) {
            checkKeys(policy, POLICY_KEYS, "userPool.passwordPolicy");
            CognitoConfig.PasswordPolicy d = CognitoConfig.PasswordPolicy.AWS_DEFAULT;
            String k = "userPool.passwordPolicy.";
            b.passwordPolicy(new CognitoConfig.PasswordPolicy(
                    integer(policy, "minimumLength", k + "minimumLength", d.minimumLength()),
                    bool(policy, "requireLowercase", k + "requireLowercase", d.requireLowercase()),
                    bool(policy, "requireUppercase", k + "requireUppercase", d.requireUppercase()),
                    bool(policy, "requireNumbers", k + "requireNumbers", d.requireNumbers()),
                    bool(policy, "requireSymbols", k + "requireSymbols", d.requireSymbols()),
                    integer(policy, "temporaryPasswordValidityDays", k + "temporaryPasswordValidityDays",
                            d.temporaryPasswordValidityDays())));
        }
        for (JsonNode group : array(pool, "groups", "userPool.groups")) {
            checkKeys(group, GROUP_KEYS, "userPool.groups[]");
            JsonNode precedence = group.get("precedence");
            b.addGroup(new CognitoConfig.Group(string(group, "name", "userPool.groups[].name"),
                    optionalString(group, "description", "userPool.groups[].description"),
                    precedence == null || precedence.isNull() ? null
                            : integer(group, "precedence", "userPool.groups[].precedence", 0)));
        }
        for (JsonNode client : array(pool, "clients", "userPool.clients")) {
            checkKeys(client, CLIENT_KEYS, "userPool.clients[]");
            String k = "userPool.clients[].";
            CognitoConfig.AppClient.Builder c = CognitoConfig.AppClient.builder()
                    .name(string(client, "name", k + "name"))
                    .generateSecret(bool(client, "generateSecret", k + "generateSecret", false))
                    .allowedOAuthFlows(strings(client, "allowedOAuthFlows", k + "allowedOAuthFlows"))
                    .allowedOAuthScopes(strings(client, "allowedOAuthScopes", k + "allowedOAuthScopes"))
                    .callbackUrls(strings(client, "callbackUrls", k + "callbackUrls"))
                    .logoutUrls(strings(client, "logoutUrls", k + "logoutUrls"))
                    .preventUserExistenceErrors(optionalString(client, "preventUserExistenceErrors",
                            k + "preventUserExistenceErrors"))
                    .enableTokenRevocation(bool(client, "enableTokenRevocation", k + "enableTokenRevocation", true))
                    .accessTokenValidity(minutes(client, "accessTokenValidityMinutes", k))
                    .idTokenValidity(minutes(client, "idTokenValidityMinutes", k))
                    .authSessionValidity(minutes(client, "authSessionValidityMinutes", k));
            if (client.has("explicitAuthFlows")) {
                c.explicitAuthFlows(strings(client, "explicitAuthFlows", k + "explicitAuthFlows"));
            }
            if (client.has("refreshTokenValidityDays")) {
                c.refreshTokenValidity(Duration.ofDays(
                        integer(client, "refreshTokenValidityDays", k + "refreshTokenValidityDays", 30)));
            }
            b.addClient(c.build());
        }
        return b.build();
    }

    private static Duration minutes(JsonNode node, String field, String prefix) {
        return node.has(field) ? Duration.ofMinutes(integer(node, field, prefix + field, 0)) : null;
    }

    private static void checkKeys(JsonNode node, Set<String> allowed, String where) {
        if (!node.isObject()) {
            throw new LocalConfigException(where + " must be an object.");
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new LocalConfigException(where + " has an unknown key '" + name + "'; known keys: "
                        + new java.util.TreeSet<>(allowed) + ".");
            }
        }
    }

    private static JsonNode object(JsonNode node, String field, String key, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new LocalConfigException(key + " is required.");
            }
            return null;
        }
        if (!value.isObject()) {
            throw new LocalConfigException(key + " must be an object.");
        }
        return value;
    }

    private static List<JsonNode> array(JsonNode node, String field, String key) {
        JsonNode value = node.get(field);
        List<JsonNode> items = new ArrayList<>();
        if (value == null || value.isNull()) {
            return items;
        }
        if (!value.isArray()) {
            throw new LocalConfigException(key + " must be an array.");
        }
        value.forEach(items::add);
        return items;
    }

    private static String string(JsonNode node, String field, String key) {
        String value = optionalString(node, field, key);
        if (value == null) {
            throw new LocalConfigException(key + " is required.");
        }
        return value;
    }

    private static String optionalString(JsonNode node, String field, String key) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new LocalConfigException(key + " must be a string.");
        }
        return value.asText();
    }

    private static List<String> strings(JsonNode node, String field, String key) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : array(node, field, key)) {
            if (!item.isTextual()) {
                throw new LocalConfigException(key + " must be an array of strings.");
            }
            values.add(item.asText());
        }
        return values;
    }

    private static boolean bool(JsonNode node, String field, String key, boolean dflt) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return dflt;
        }
        if (!value.isBoolean()) {
            throw new LocalConfigException(key + " must be true or false.");
        }
        return value.asBoolean();
    }

    private static int integer(JsonNode node, String field, String key, int dflt) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return dflt;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new LocalConfigException(key + " must be a whole number.");
        }
        return value.asInt();
    }
}
