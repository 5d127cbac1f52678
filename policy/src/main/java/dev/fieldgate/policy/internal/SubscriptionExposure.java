package dev.fieldgate.policy.internal;

import dev.fieldgate.policy.AuthRule;
import dev.fieldgate.policy.Manifest;
import dev.fieldgate.policy.Operation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * What each subscription's listeners would receive, and what must be withheld from them.
 *
 * <p>AppSync delivers to a subscription the response of every mutation its {@code @aws_subscribe} names, as resolved
 * for the mutation's caller, projected on the listener's selection; no resolver runs for the listener. So a field
 * the mutation's caller may read but a listener may not (an owner's contact address, a group's note) would reach
 * every listener. The kit redacts such a field: it is answered {@code null} in those mutations' responses (the
 * resolver runtime does it, on AWS and locally alike), which needs the field to be nullable and to have a resolver.
 *
 * <p>Owners may listen only to their own records: AppSync can tell them apart only by the subscription's arguments
 * (it delivers an event when each argument given equals the record's field of that name), so a subscription that
 * owners may listen to must take the owner field as an argument, which the subscription's resolver requires to be
 * the listener's own identity.
 */
final class SubscriptionExposure {

    private final Map<String, TypeModel> types;
    private final Problems problems;

    SubscriptionExposure(Map<String, TypeModel> types, Problems problems) {
        this.types = types;
        this.problems = problems;
    }

    /** One entry per subscription field with {@code @aws_subscribe}, in schema order; problems go to the report. */
    List<Manifest.Subscription> subscriptions() {
        List<Manifest.Subscription> result = new ArrayList<>();
        for (TypeModel type : types.values()) {
            if (!type.root) {
                continue;
            }
            for (FieldModel field : type.fields.values()) {
                if (!field.subscribedMutations.isEmpty()) {
                    result.add(subscription(field));
                }
            }
        }
        return result;
    }

    private Manifest.Subscription subscription(FieldModel subscription) {
        List<AuthRule> listeners = listenRules(subscription);
        Map<String, String> ownerArguments = ownerArguments(subscription, listeners);
        List<String> redacted = new ArrayList<>();
        TypeModel returned = types.get(subscription.returnType);
        if (returned != null && !listeners.isEmpty()) {
            List<AuthRule> readers = returned.isModel() ? reads(returned.rules) : listeners;
            walk(subscription, listeners, returned, readers, new HashSet<>(), redacted);
        }
        return new Manifest.Subscription(subscription.name, subscription.subscribedMutations, redacted, ownerArguments);
    }

    /** Who may listen: the field's own rules, or else its model type's rules that cover {@code listen}. */
    private List<AuthRule> listenRules(FieldModel subscription) {
        if (subscription.rules != null) {
            return normalised(subscription.rules);
        }
        if (subscription.target != null) {
            TypeModel target = types.get(subscription.target.type());
            if (target != null && target.rules != null) {
                return normalised(target.rules.stream()
                        .filter(rule -> rule.covers(Operation.LISTEN))
                        .toList());
            }
        }
        return List.of();
    }

    private Map<String, String> ownerArguments(FieldModel subscription, List<AuthRule> listeners) {
        Map<String, String> arguments = new LinkedHashMap<>();
        for (AuthRule rule : listeners) {
            if (rule.allow() != AuthRule.Strategy.OWNER) {
                continue;
            }
            if (subscription.argumentNames.contains(rule.ownerField())) {
                arguments.putIfAbsent(rule.ownerField(), rule.identityClaim());
            } else {
                problems.error(
                        subscription.position,
                        subscription.coordinate(),
                        "owners may listen to " + subscription.name + ", but AppSync can tell a listener's own records"
                                + " only by the subscription's arguments; add the argument '" + rule.ownerField()
                                + ": String' (the kit requires it to be the listener's own " + rule.identityClaim()
                                + "), or drop 'listen' from the owner rule");
            }
        }
        return arguments;
    }

    /**
     * Visits the fields a listener could select under {@code type}, redacting each whose readers do not include
     * every listener, and not descending below a redacted field.
     *
     * @param contextReaders who reads the fields of a value type without rules: its parent field's readers
     */
    private void walk(
            FieldModel subscription,
            List<AuthRule> listeners,
            TypeModel type,
            List<AuthRule> contextReaders,
            Set<String> path,
            List<String> redacted) {
        if (!path.add(type.name)) {
            return;
        }
        for (FieldModel field : type.fields.values()) {
            List<AuthRule> readers =
                    field.rules != null ? reads(field.rules) : type.isModel() ? reads(type.rules) : contextReaders;
            if (!includesAll(readers, listeners)) {
                redact(subscription, listeners, field, readers, redacted);
                continue;
            }
            TypeModel child = types.get(field.returnType);
            if (child != null && !child.root) {
                List<AuthRule> childReaders = child.isModel() ? reads(child.rules) : readers;
                if (!includesAll(childReaders, listeners)) {
                    redact(subscription, listeners, field, childReaders, redacted);
                    continue;
                }
                walk(subscription, listeners, child, readers, path, redacted);
            }
        }
        path.remove(type.name);
    }

    private void redact(
            FieldModel subscription,
            List<AuthRule> listeners,
            FieldModel field,
            List<AuthRule> readers,
            List<String> redacted) {
        String coordinate = field.coordinate();
        if (redacted.contains(coordinate)) {
            return;
        }
        redacted.add(coordinate);
        String why = "read by " + describe(readers) + " only, but " + describe(listeners) + " may listen to "
                + subscription.name + ", which receives this field in the response of "
                + String.join(", ", subscription.subscribedMutations) + "; ";
        if (field.nonNull) {
            problems.error(
                    field.position,
                    coordinate,
                    why + "it is answered null there, so it must be nullable: drop the '!' from its type, or remove "
                            + "the mutations from " + subscription.name + "'s @aws_subscribe");
        } else if (!hasResolver(field)) {
            problems.error(
                    field.position,
                    coordinate,
                    why + "nothing runs on it that could withhold it: give it @auth rules of its own (the kit then "
                            + "resolves it) or mark it with @resolver");
        }
    }

    /** Whether the manifest gives the field a resolver: the runtime answers it, so it can withhold it. */
    private static boolean hasResolver(FieldModel field) {
        return field.owner.root || field.marked || ManifestBuilder.needsEnforcement(field.owner, field);
    }

    /** The rules that cover reading, each reduced to {@code read} so that rules can be compared. */
    private static List<AuthRule> reads(List<AuthRule> rules) {
        if (rules == null) {
            return List.of();
        }
        return normalised(
                rules.stream().filter(rule -> rule.covers(Operation.READ)).toList());
    }

    private static List<AuthRule> normalised(List<AuthRule> rules) {
        Set<AuthRule> result = new LinkedHashSet<>();
        for (AuthRule rule : rules) {
            result.add(new AuthRule(
                    rule.allow(),
                    rule.provider(),
                    rule.ownerField(),
                    rule.identityClaim(),
                    rule.groups(),
                    rule.groupClaim(),
                    List.of(Operation.READ)));
        }
        return List.copyOf(result);
    }

    /** True when every caller some listener rule admits is admitted by some reader rule. */
    private static boolean includesAll(List<AuthRule> readers, List<AuthRule> listeners) {
        for (AuthRule listener : listeners) {
            if (readers.stream().noneMatch(reader -> admitsEveryone(reader, listener))) {
                return false;
            }
        }
        return true;
    }

    /** Whether every caller {@code narrower} admits is admitted by {@code wider}; false when unsure. */
    static boolean admitsEveryone(AuthRule wider, AuthRule narrower) {
        if (wider.equals(narrower)) {
            return true;
        }
        boolean userPools = narrower.mode() == wider.mode();
        return switch (wider.allow()) {
            // Every signed-in user of the pool: owners and group members are among them.
            case AUTHENTICATED ->
                userPools
                        && wider.provider() == AuthRule.Provider.USER_POOLS
                        && (narrower.allow() == AuthRule.Strategy.OWNER
                                || narrower.allow() == AuthRule.Strategy.GROUPS);
            case GROUPS ->
                narrower.allow() == AuthRule.Strategy.GROUPS
                        && wider.groupClaim().equals(narrower.groupClaim())
                        && wider.groups().containsAll(narrower.groups());
            case OWNER ->
                // An owner listener hears only its own records (the owner argument), so it may read them.
                narrower.allow() == AuthRule.Strategy.OWNER
                        && wider.ownerField().equals(narrower.ownerField())
                        && wider.identityClaim().equals(narrower.identityClaim());
            case GUEST, API_KEY, IAM -> false;
        };
    }

    private static String describe(List<AuthRule> rules) {
        if (rules.isEmpty()) {
            return "no one";
        }
        StringJoiner joiner = new StringJoiner(", ");
        for (AuthRule rule : rules) {
            String text = rule.describe();
            joiner.add(text.replace(", operations: [read]", ""));
        }
        return joiner.toString();
    }
}
