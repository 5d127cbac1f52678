package dev.fieldgate.policy.internal;

import dev.fieldgate.policy.AccessPolicy;
import dev.fieldgate.policy.AuthRule;
import dev.fieldgate.policy.Decision;
import dev.fieldgate.policy.FieldAccess;
import dev.fieldgate.policy.Manifest;
import dev.fieldgate.policy.Operation;
import dev.fieldgate.policy.Principal;
import dev.fieldgate.policy.TypeAccess;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Builds the compiled policy and the manifest from the completed model. */
final class ManifestBuilder {

    /** The BatchInvoke size for resolvers that only enforce a field's own read rules. */
    static final int ENFORCEMENT_BATCH_SIZE = 100;

    private final Map<String, TypeModel> types;

    ManifestBuilder(Map<String, TypeModel> types) {
        this.types = types;
    }

    Map<String, TypeAccess> typeAccess() {
        Map<String, TypeAccess> result = new LinkedHashMap<>();
        for (TypeModel type : types.values()) {
            Map<String, FieldAccess> fields = new LinkedHashMap<>();
            for (FieldModel field : type.fields.values()) {
                fields.put(
                        field.name,
                        new FieldAccess(
                                field.effective, field.rules, type.root && field.rules == null ? field.target : null));
            }
            result.put(type.name, new TypeAccess(type.kind(), type.isModel() ? type.rules : null, fields));
        }
        return result;
    }

    List<Manifest.Resolver> resolvers() {
        List<Manifest.Resolver> resolvers = new ArrayList<>();
        for (TypeModel type : types.values()) {
            for (FieldModel field : type.fields.values()) {
                if (type.root) {
                    resolvers.add(new Manifest.Resolver(type.name, field.name, Manifest.ResolverReason.ROOT, null));
                } else if (field.marked) {
                    resolvers.add(new Manifest.Resolver(
                            type.name, field.name, Manifest.ResolverReason.MARKED, field.maxBatchSize));
                } else if (needsEnforcement(type, field)) {
                    resolvers.add(new Manifest.Resolver(
                            type.name,
                            field.name,
                            Manifest.ResolverReason.FIELD_RULE,
                            field.maxBatchSize != null ? field.maxBatchSize : ENFORCEMENT_BATCH_SIZE));
                }
            }
        }
        return resolvers;
    }

    /**
     * A field whose own rules decide reading differently from its type's: AppSync's directives cannot tell owners
     * from other users, so only a resolver can withhold it per caller and record.
     */
    static boolean needsEnforcement(TypeModel type, FieldModel field) {
        if (field.rules == null) {
            return false;
        }
        List<AuthRule> typeReads = type.rules == null ? List.of() : readRules(type.rules);
        List<AuthRule> fieldReads = readRules(field.rules);
        if (!Set.copyOf(typeReads).equals(Set.copyOf(fieldReads))) {
            return true;
        }
        return false;
    }

    private static List<AuthRule> readRules(List<AuthRule> rules) {
        return rules.stream()
                .filter(r -> r.covers(Operation.READ))
                .map(r -> new AuthRule(
                        r.allow(),
                        r.provider(),
                        r.ownerField(),
                        r.identityClaim(),
                        r.groups(),
                        r.groupClaim(),
                        List.of(Operation.READ)))
                .toList();
    }

    /**
     * The fields a principal can reach: root fields it may call, then every field it may read on the types those
     * return, and so on. Least privilege: a field the principal can never reach is not granted.
     */
    List<String> grants(AccessPolicy policy, Principal principal) {
        Set<String> granted = new TreeSet<>();
        Deque<String> pending = new ArrayDeque<>();
        Set<String> visited = new HashSet<>();
        for (TypeModel type : types.values()) {
            if (!type.root) {
                continue;
            }
            for (FieldModel field : type.fields.values()) {
                Decision decision = policy.decide(principal, type.name, field.name, rootOperation(type, field));
                if (decision.mayProceed()) {
                    granted.add(suffix(type.name, field.name));
                    enqueue(field.returnType, pending, visited);
                }
            }
        }
        while (!pending.isEmpty()) {
            TypeModel type = types.get(pending.pop());
            for (FieldModel field : type.fields.values()) {
                if (policy.decide(principal, type.name, field.name, Operation.READ)
                        .mayProceed()) {
                    granted.add(suffix(type.name, field.name));
                    enqueue(field.returnType, pending, visited);
                }
            }
        }
        return List.copyOf(granted);
    }

    private void enqueue(String typeName, Deque<String> pending, Set<String> visited) {
        TypeModel type = types.get(typeName);
        if (type != null && !type.root && visited.add(typeName)) {
            pending.push(typeName);
        }
    }

    static Operation rootOperation(TypeModel type, FieldModel field) {
        if (field.target != null) {
            return field.target.operation();
        }
        return switch (type.name) {
            case "Mutation" -> Operation.UPDATE;
            case "Subscription" -> Operation.LISTEN;
            default -> Operation.GET;
        };
    }

    static String suffix(String type, String field) {
        return "types/" + type + "/fields/" + field;
    }
}
