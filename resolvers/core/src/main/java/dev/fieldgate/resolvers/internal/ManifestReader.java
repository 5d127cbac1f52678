package dev.fieldgate.resolvers.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.policy.ApiAuthorization;
import dev.fieldgate.policy.AuthMode;
import dev.fieldgate.policy.AuthRule;
import dev.fieldgate.policy.DefaultAction;
import dev.fieldgate.policy.FieldAccess;
import dev.fieldgate.policy.Manifest;
import dev.fieldgate.policy.ManifestException;
import dev.fieldgate.policy.ModeGrant;
import dev.fieldgate.policy.Operation;
import dev.fieldgate.policy.RootTarget;
import dev.fieldgate.policy.TypeAccess;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code manifest.json} into the policy's {@link Manifest} from plain JSON values, the same way the runtime
 * reads events, instead of through Jackson's data binding. The result is equal to {@code Manifest.read}'s (a test
 * holds them together); what differs is the cold start: record binding loads and introspects hundreds of classes,
 * a measurable share of a Lambda function's first request.
 */
public final class ManifestReader {

    private ManifestReader() {}

    public static Manifest read(InputStream in, ObjectMapper mapper) {
        Object json;
        try {
            json = mapper.readValue(in, Object.class);
        } catch (IOException e) {
            throw new ManifestException("the manifest is not valid JSON: " + e.getMessage(), e);
        }
        try {
            Map<String, Object> root = object(json, "the manifest");
            Object version = root.get("formatVersion");
            if (!(version instanceof Integer number) || number != Manifest.FORMAT_VERSION) {
                throw new ManifestException("manifest formatVersion " + version + " is not " + Manifest.FORMAT_VERSION
                        + ", the version this Fieldgate reads; regenerate it with the same Fieldgate version");
            }
            for (String part : List.of("api", "resolvers", "grants", "tables", "types")) {
                if (root.get(part) == null) {
                    throw new ManifestException("the manifest has no '" + part + "'; regenerate it with "
                            + "'./fieldgate policy generate'");
                }
            }
            return new Manifest(
                    number,
                    (String) root.get("schemaSha256"),
                    api(object(root.get("api"), "api")),
                    resolvers(root.get("resolvers")),
                    grants(object(root.get("grants"), "grants")),
                    tables(root.get("tables")),
                    types(object(root.get("types"), "types")),
                    subscriptions(root.get("subscriptions")));
        } catch (ManifestException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ManifestException("the manifest is not valid: " + e.getMessage(), e);
        }
    }

    private static ApiAuthorization api(Map<String, Object> api) {
        String defaultAction = (String) api.get("userPoolDefaultAction");
        return new ApiAuthorization(
                AuthMode.valueOf((String) api.get("defaultAuthMode")),
                modes(api.get("additionalAuthModes")),
                defaultAction == null ? null : DefaultAction.valueOf(defaultAction));
    }

    private static Manifest.Resolver resolver(Object json) {
        Map<String, Object> resolver = object(json, "a resolver");
        return new Manifest.Resolver(
                (String) resolver.get("type"),
                (String) resolver.get("field"),
                Manifest.ResolverReason.fromWireName((String) resolver.get("reason")),
                (Integer) resolver.get("maxBatchSize"));
    }

    private static Manifest.Grants grants(Map<String, Object> grants) {
        return new Manifest.Grants(
                strings(grants.get("guest"), "grants.guest"),
                strings(grants.get("authenticated"), "grants.authenticated"));
    }

    private static Manifest.Table table(Object json) {
        Map<String, Object> table = object(json, "a table");
        return new Manifest.Table(
                (String) table.get("type"),
                (String) table.get("name"),
                key(table.get("partitionKey")),
                key(table.get("sortKey")),
                (String) table.get("ownerField"),
                indexes(table.get("indexes")));
    }

    private static List<Manifest.TableIndex> indexes(Object json) {
        List<Manifest.TableIndex> indexes = new ArrayList<>();
        for (Object index : array(json, "indexes")) {
            Map<String, Object> fields = object(index, "an index");
            indexes.add(new Manifest.TableIndex(
                    (String) fields.get("name"), key(fields.get("partitionKey")), key(fields.get("sortKey"))));
        }
        return indexes;
    }

    private static List<Manifest.Resolver> resolvers(Object json) {
        List<Manifest.Resolver> resolvers = new ArrayList<>();
        for (Object resolver : array(json, "resolvers")) {
            resolvers.add(resolver(resolver));
        }
        return resolvers;
    }

    /** Absent in manifests of schemas without subscriptions written before the section existed: none. */
    private static List<Manifest.Subscription> subscriptions(Object json) {
        List<Manifest.Subscription> subscriptions = new ArrayList<>();
        if (json == null) {
            return subscriptions;
        }
        for (Object item : array(json, "subscriptions")) {
            Map<String, Object> subscription = object(item, "a subscription");
            Map<String, String> ownerArguments = new LinkedHashMap<>();
            Object owners = subscription.get("ownerArguments");
            if (owners != null) {
                object(owners, "ownerArguments").forEach((name, claim) -> ownerArguments.put(name, (String) claim));
            }
            subscriptions.add(new Manifest.Subscription(
                    (String) subscription.get("field"),
                    strings(subscription.get("mutations"), "subscriptions.mutations"),
                    strings(subscription.get("redacted"), "subscriptions.redacted"),
                    ownerArguments));
        }
        return subscriptions;
    }

    private static List<Manifest.Table> tables(Object json) {
        List<Manifest.Table> tables = new ArrayList<>();
        for (Object table : array(json, "tables")) {
            tables.add(table(table));
        }
        return tables;
    }

    private static List<AuthMode> modes(Object json) {
        List<AuthMode> modes = new ArrayList<>();
        for (Object mode : array(json, "additionalAuthModes")) {
            modes.add(AuthMode.valueOf((String) mode));
        }
        return modes;
    }

    private static List<String> strings(Object json, String what) {
        List<String> strings = new ArrayList<>();
        for (Object value : array(json, what)) {
            strings.add((String) value);
        }
        return strings;
    }

    private static Manifest.KeyAttribute key(Object json) {
        if (json == null) {
            return null;
        }
        Map<String, Object> key = object(json, "a key attribute");
        return new Manifest.KeyAttribute((String) key.get("name"), (String) key.get("type"));
    }

    private static Map<String, TypeAccess> types(Map<String, Object> types) {
        Map<String, TypeAccess> access = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : types.entrySet()) {
            String name = entry.getKey();
            Map<String, Object> type = object(entry.getValue(), "type " + name);
            Map<String, FieldAccess> fields = new LinkedHashMap<>();
            Object fieldsJson = type.get("fields");
            if (fieldsJson != null) {
                for (Map.Entry<String, Object> field :
                        object(fieldsJson, "the fields of " + name).entrySet()) {
                    Map<String, Object> fieldAccess = object(field.getValue(), name + "." + field.getKey());
                    Map<String, Object> target =
                            fieldAccess.get("target") == null ? null : object(fieldAccess.get("target"), "a target");
                    List<ModeGrant> grants = new ArrayList<>();
                    for (Object grant : array(fieldAccess.get("appsync"), "appsync")) {
                        grants.add(grant(grant));
                    }
                    fields.put(
                            field.getKey(),
                            new FieldAccess(
                                    grants,
                                    rules(fieldAccess.get("rules")),
                                    target == null
                                            ? null
                                            : new RootTarget(
                                                    (String) target.get("type"),
                                                    Operation.fromWireName((String) target.get("operation")))));
                }
            }
            access.put(
                    name,
                    new TypeAccess(
                            TypeAccess.Kind.fromWireName((String) type.get("kind")), rules(type.get("rules")), fields));
        }
        return access;
    }

    private static ModeGrant grant(Object json) {
        Map<String, Object> grant = object(json, "an appsync grant");
        return new ModeGrant(
                AuthMode.valueOf((String) grant.get("mode")),
                grant.get("groups") == null ? null : strings(grant.get("groups"), "groups"));
    }

    private static List<AuthRule> rules(Object json) {
        if (json == null) {
            return null;
        }
        List<AuthRule> rules = new ArrayList<>();
        for (Object ruleJson : array(json, "rules")) {
            Map<String, Object> rule = object(ruleJson, "a rule");
            String provider = (String) rule.get("provider");
            List<Operation> operations = null;
            if (rule.get("operations") != null) {
                operations = new ArrayList<>();
                for (Object operation : array(rule.get("operations"), "operations")) {
                    operations.add(Operation.fromWireName((String) operation));
                }
            }
            rules.add(new AuthRule(
                    AuthRule.Strategy.fromWireName((String) rule.get("allow")),
                    provider == null ? null : AuthRule.Provider.fromWireName(provider),
                    (String) rule.get("ownerField"),
                    (String) rule.get("identityClaim"),
                    rule.get("groups") == null ? null : strings(rule.get("groups"), "groups"),
                    (String) rule.get("groupClaim"),
                    operations));
        }
        return rules;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object json, String what) {
        if (json instanceof Map) {
            return (Map<String, Object>) json;
        }
        throw new ManifestException(
                what + " must be a JSON object; regenerate the manifest with " + "'./fieldgate policy generate'");
    }

    private static List<?> array(Object json, String what) {
        if (json == null) {
            return List.of();
        }
        if (!(json instanceof List<?> items)) {
            throw new ManifestException(what + " must be a JSON array; regenerate the manifest");
        }
        return items;
    }
}
