package dev.fieldgate.config.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.config.AuthOutputs;
import dev.fieldgate.config.ConfigException;
import dev.fieldgate.config.DataOutputs;
import dev.fieldgate.config.FieldgateOutputs;
import dev.fieldgate.config.OAuthOutputs;
import dev.fieldgate.config.OutputsFile;
import dev.fieldgate.config.PasswordPolicy;
import dev.fieldgate.config.StorageOutputs;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the outputs file. Keys it does not know are ignored (the format is Amplify's and grows with categories the
 * kit does not use); the keys it reads must have their documented types.
 */
public final class OutputsReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGENERATE = "; regenerate it with './fieldgate local' or 'terraform output -json "
            + "amplify_outputs' (docs/outputs-file.md)";

    private OutputsReader() {}

    public static OutputsFile parse(String json, String source) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + " is not valid JSON (" + e.getOriginalMessage() + ")" + REGENERATE, e);
        }
        if (tree == null || !tree.isObject()) {
            throw new ConfigException(source + " is not a JSON object" + REGENERATE);
        }
        try {
            JsonFields root = JsonFields.root(tree, source);
            String version = root.optionalString("version");
            if (version != null && !version.startsWith("1.")) {
                throw new ConfigException(
                        "version is " + version + "; the kit reads version 1.x of the outputs " + "format");
            }
            JsonFields custom = root.object("custom");
            JsonFields fieldgate = custom == null ? null : custom.object("fieldgate");
            FieldgateOutputs fieldgateOutputs = fieldgate == null ? null : fieldgate(fieldgate);
            return OutputsFile.builder()
                    .version(version)
                    .auth(root.object("auth") == null ? null : auth(root.object("auth")))
                    .data(root.object("data") == null ? null : data(root.object("data")))
                    .storage(root.object("storage") == null ? null : storage(root.object("storage")))
                    .fieldgate(fieldgateOutputs)
                    .build();
        } catch (ConfigException e) {
            String message = e.getMessage().endsWith(".")
                    ? e.getMessage().substring(0, e.getMessage().length() - 1)
                    : e.getMessage();
            throw new ConfigException(source + ": " + message + REGENERATE, e);
        }
    }

    private static AuthOutputs auth(JsonFields auth) {
        AuthOutputs.Builder b = AuthOutputs.builder()
                .awsRegion(auth.string("aws_region"))
                .userPoolId(auth.optionalString("user_pool_id"))
                .userPoolClientId(auth.optionalString("user_pool_client_id"))
                .identityPoolId(auth.optionalString("identity_pool_id"))
                .unauthenticatedIdentitiesEnabled(auth.bool("unauthenticated_identities_enabled", false))
                .usernameAttributes(auth.strings("username_attributes"))
                .standardRequiredAttributes(auth.strings("standard_required_attributes"))
                .userVerificationTypes(auth.strings("user_verification_types"))
                .mfaMethods(auth.strings("mfa_methods"));
        String mfa = auth.optionalString("mfa_configuration");
        if (mfa != null) {
            b.mfaConfiguration(mfa);
        }
        JsonFields policy = auth.object("password_policy");
        if (policy != null) {
            PasswordPolicy d = PasswordPolicy.AWS_DEFAULT;
            b.passwordPolicy(new PasswordPolicy(
                    policy.integer("min_length", d.minimumLength()),
                    policy.bool("require_lowercase", d.requireLowercase()),
                    policy.bool("require_uppercase", d.requireUppercase()),
                    policy.bool("require_numbers", d.requireNumbers()),
                    policy.bool("require_symbols", d.requireSymbols()),
                    d.temporaryPasswordValidityDays()));
        }
        Map<String, Integer> groups = new LinkedHashMap<>();
        for (JsonFields group : auth.objects("groups")) {
            // Amplify writes each group as {"<name>": {"precedence": n}}.
            for (String name : group.keys()) {
                JsonFields settings = group.object(name);
                groups.put(name, settings == null ? null : settings.optionalInteger("precedence"));
            }
        }
        b.groups(groups);
        JsonFields oauth = auth.object("oauth");
        if (oauth != null) {
            b.oauth(new OAuthOutputs(
                    oauth.strings("identity_providers"),
                    oauth.string("domain"),
                    oauth.strings("scopes"),
                    oauth.strings("redirect_sign_in_uri"),
                    oauth.strings("redirect_sign_out_uri"),
                    oauth.optionalString("response_type")));
        }
        return b.build();
    }

    private static DataOutputs data(JsonFields data) {
        return new DataOutputs(
                data.string("aws_region"),
                uri(data.string("url"), "data.url").toString(),
                data.string("default_authorization_type"),
                data.strings("authorization_types"));
    }

    private static StorageOutputs storage(JsonFields storage) {
        List<StorageOutputs.Bucket> buckets = new ArrayList<>();
        for (JsonFields bucket : storage.objects("buckets")) {
            Map<String, Map<String, List<String>>> paths = new LinkedHashMap<>();
            JsonFields declared = bucket.object("paths");
            if (declared != null) {
                for (String pattern : declared.keys()) {
                    JsonFields access = declared.requiredObject(pattern);
                    Map<String, List<String>> who = new LinkedHashMap<>();
                    for (String caller : access.keys()) {
                        who.put(caller, access.strings(caller));
                    }
                    paths.put(pattern, who);
                }
            }
            buckets.add(new StorageOutputs.Bucket(
                    bucket.string("name"), bucket.string("bucket_name"), bucket.string("aws_region"), paths));
        }
        return new StorageOutputs(storage.string("aws_region"), storage.string("bucket_name"), buckets);
    }

    private static FieldgateOutputs fieldgate(JsonFields custom) {
        FieldgateOutputs.Builder b = FieldgateOutputs.builder()
                .app(custom.optionalString("app"))
                .environment(custom.optionalString("environment"))
                .apiId(blankToNull(custom.optionalString("api_id")))
                .realtimeUrl(blankToNull(custom.optionalString("realtime_url")))
                .guestRoleArn(blankToNull(custom.optionalString("guest_role_arn")))
                .authenticatedRoleArn(blankToNull(custom.optionalString("authenticated_role_arn")))
                .adminCredentialsFile(blankToNull(custom.optionalString("admin_credentials_file")));
        if (custom.has("realtime_url") && !custom.string("realtime_url").isBlank()) {
            uri(custom.string("realtime_url"), "custom.fieldgate.realtime_url");
        }
        custom.stringMap("user_pool_clients").forEach(b::userPoolClient);
        custom.stringMap("endpoints").forEach((service, value) -> {
            if (!value.isBlank()) {
                b.endpoint(service, uri(value, "custom.fieldgate.endpoints." + service));
            }
        });
        return b.build();
    }

    private static URI uri(String value, String key) {
        try {
            URI uri = URI.create(value);
            if (!uri.isAbsolute()) {
                throw new IllegalArgumentException("not absolute");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + " is '" + value + "', which is not an absolute URL", e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
