package dev.fieldgate.policy;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The immutable access policy of a schema: for a caller, a {@code Type.field}, an operation and (for owner rules)
 * the record, it decides allow or deny with a reason — AppSync's directive layer first, then the kit's rules.
 *
 * <p>Build it from a {@link Manifest} at run time ({@link #of(Manifest)}; no schema parsing, so resolvers start
 * fast) or get it from {@link SchemaCompiler}. Thread-safe; share one instance.
 */
public final class AccessPolicy {

    private final ApiAuthorization api;
    private final Map<String, TypeAccess> types;
    private final boolean kitRules;
    private final Map<String, Map<String, FieldPolicy>> fields;

    private AccessPolicy(ApiAuthorization api, Map<String, TypeAccess> types) {
        this.api = Objects.requireNonNull(api, "api");
        this.types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
        this.kitRules = anyRules(types);
        Map<String, Map<String, FieldPolicy>> compiled = new HashMap<>();
        types.forEach((typeName, type) -> {
            Map<String, FieldPolicy> byField = new HashMap<>();
            type.fields()
                    .forEach((fieldName, field) -> byField.put(fieldName, compile(typeName, type, fieldName, field)));
            compiled.put(typeName, Collections.unmodifiableMap(byField));
        });
        this.fields = Collections.unmodifiableMap(compiled);
    }

    public static AccessPolicy of(Manifest manifest) {
        return new AccessPolicy(manifest.api(), manifest.types());
    }

    public static AccessPolicy of(ApiAuthorization api, Map<String, TypeAccess> types) {
        return new AccessPolicy(api, types);
    }

    /** Whether any type or field carries kit rules ({@code @auth}, even an empty one). */
    private static boolean anyRules(Map<String, TypeAccess> types) {
        for (TypeAccess type : types.values()) {
            if (type.rules() != null) {
                return true;
            }
            for (FieldAccess field : type.fields().values()) {
                if (field.rules() != null || field.target() != null) {
                    return true;
                }
            }
        }
        return false;
    }

    private FieldPolicy compile(String typeName, TypeAccess type, String fieldName, FieldAccess field) {
        if (!kitRules) {
            // A schema without kit rules: AppSync's directives alone decide, as on an API deployed without the kit.
            return FieldPolicy.appSyncOnly(typeName, fieldName, field.appsync());
        }
        if (field.rules() != null) {
            return new FieldPolicy(
                    typeName, fieldName, field.appsync(), field.rules(), typeName + "." + fieldName, null);
        }
        return switch (type.kind()) {
            case ROOT -> {
                if (field.target() != null) {
                    TypeAccess target = types.get(field.target().type());
                    if (target == null || target.rules() == null) {
                        throw new ManifestException(typeName + "." + fieldName + " targets "
                                + field.target().type() + ", which has no rules in the manifest");
                    }
                    yield new FieldPolicy(
                            typeName,
                            fieldName,
                            field.appsync(),
                            target.rules(),
                            field.target().type(),
                            field.target());
                }
                // A root field with neither rules nor a target: deny by default.
                yield new FieldPolicy(
                        typeName, fieldName, field.appsync(), List.of(), typeName + "." + fieldName, null);
            }
            case MODEL -> new FieldPolicy(typeName, fieldName, field.appsync(), type.rules(), typeName, null);
            default -> new FieldPolicy(typeName, fieldName, field.appsync(), null, typeName, null);
        };
    }

    public ApiAuthorization api() {
        return api;
    }

    /**
     * Whether the schema has kit rules anywhere. Without any ({@code @auth} nowhere), the policy is AppSync's
     * directive layer alone: whatever the directives admit is allowed. With rules anywhere, everything no rule
     * allows is denied.
     */
    public boolean hasKitRules() {
        return kitRules;
    }

    /** The compiled access of every object type, by name, in schema order. */
    public Map<String, TypeAccess> types() {
        return types;
    }

    /** The handle for one field; keep it to decide without name lookups. */
    public Optional<FieldPolicy> field(String type, String field) {
        Map<String, FieldPolicy> byField = fields.get(type);
        return byField == null ? Optional.empty() : Optional.ofNullable(byField.get(field));
    }

    /**
     * Decides whether the caller may perform the operation on {@code type.field}.
     *
     * @param record the record, for owner rules; {@code null} before it is loaded (the answer may then be
     *               {@link Decision.Outcome#ALLOW_IF_OWNER})
     */
    public Decision decide(Principal principal, String type, String field, Operation operation, Map<String, ?> record) {
        Map<String, FieldPolicy> byField = fields.get(type);
        FieldPolicy policy = byField == null ? null : byField.get(field);
        if (policy == null) {
            return Decision.deny(Decision.Code.UNKNOWN_FIELD, type + "." + field + " is not in the schema");
        }
        return policy.decide(principal, operation, record);
    }

    public Decision decide(Principal principal, String type, String field, Operation operation) {
        return decide(principal, type, field, operation, null);
    }

    /** AppSync's directive layer only, as AppSync itself decides before any resolver runs. */
    public boolean appSyncAdmits(Principal principal, String type, String field) {
        return field(type, field).map(f -> f.appSyncAdmits(principal)).orElse(false);
    }

    /** The target of a root field, if its model type's rules decide it. */
    public Optional<RootTarget> target(String type, String field) {
        TypeAccess access = types.get(type);
        if (access == null || !access.fields().containsKey(field)) {
            return Optional.empty();
        }
        return Optional.ofNullable(access.fields().get(field).target());
    }

    /**
     * The owner rules that apply to a type's records (type level), by owner field: what a create resolver stamps
     * from the caller's identity, and what update and delete condition on.
     */
    public List<AuthRule> ownerRules(String type) {
        TypeAccess access = types.get(type);
        if (access == null || access.rules() == null) {
            return List.of();
        }
        return access.rules().stream()
                .filter(r -> r.allow() == AuthRule.Strategy.OWNER)
                .toList();
    }

    /** The distinct owner fields of a type's owner rules. */
    public Set<String> ownerFields(String type) {
        Set<String> names = new LinkedHashSet<>();
        ownerRules(type).forEach(r -> names.add(r.ownerField()));
        return Collections.unmodifiableSet(names);
    }
}
