package dev.fieldgate.policy.internal;

import dev.fieldgate.policy.ApiAuthorization;
import dev.fieldgate.policy.AuthMode;
import dev.fieldgate.policy.AuthRule;
import dev.fieldgate.policy.ModeGrant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes AppSync's directives agree with the kit's rules, as Amplify does: where a rule needs a mode AppSync would
 * refuse, it adds the directive, and says so. It never removes what the author wrote. Where the author wrote
 * nothing, it writes exactly what the rules need, so AppSync itself already refuses the callers no rule admits.
 */
final class Completion {

    private final ApiAuthorization api;
    private final Map<String, TypeModel> types;
    private final Problems problems;

    Completion(ApiAuthorization api, Map<String, TypeModel> types, Problems problems) {
        this.api = api;
        this.types = types;
        this.problems = problems;
    }

    void run() {
        computeNeeds();
        for (TypeModel type : types.values()) {
            if (!type.root) {
                completeType(type);
            }
        }
        for (TypeModel type : types.values()) {
            for (FieldModel field : type.fields.values()) {
                completeField(type, field);
            }
        }
        for (TypeModel type : types.values()) {
            for (FieldModel field : type.fields.values()) {
                field.effective = AppSyncRules.effective(api, type, field);
            }
        }
    }

    private void computeNeeds() {
        for (TypeModel type : types.values()) {
            if (type.isModel()) {
                type.need = Need.forRules(type.rules);
            }
        }
        for (TypeModel type : types.values()) {
            for (FieldModel field : type.fields.values()) {
                if (field.rules != null) {
                    field.need = Need.forRules(field.rules);
                } else if (type.root && field.target != null) {
                    field.need = Need.forRules(rulesCovering(types.get(field.target.type()), field.target.operation()));
                } else if (type.isModel()) {
                    field.need = type.need;
                }
            }
        }
        // Value types admit whatever the fields returning them admit, through any chain of value types.
        boolean changed = true;
        while (changed) {
            changed = false;
            for (TypeModel type : types.values()) {
                for (FieldModel field : type.fields.values()) {
                    Need need = !type.root && !type.isModel() && field.rules == null ? type.need : field.need;
                    TypeModel returned = types.get(field.returnType);
                    if (returned != null && !returned.root && !returned.isModel()) {
                        Need merged = returned.need.union(need);
                        if (!merged.equals(returned.need)) {
                            returned.need = merged;
                            changed = true;
                        }
                    }
                }
            }
        }
        for (TypeModel type : types.values()) {
            if (!type.root && !type.isModel()) {
                for (FieldModel field : type.fields.values()) {
                    if (field.rules == null) {
                        field.need = type.need;
                    }
                }
            }
        }
    }

    private static List<AuthRule> rulesCovering(TypeModel type, dev.fieldgate.policy.Operation operation) {
        return type.rules.stream().filter(rule -> rule.covers(operation)).toList();
    }

    private void completeType(TypeModel type) {
        if (type.need.isEmpty()) {
            return;
        }
        if (!AppSyncRules.withoutAwsAuth(type.writtenDirectives).isEmpty()) {
            addMissing(type.name, type.finalDirectives, type.need, why(type));
            return;
        }
        List<ModeGrant> byDefault = AppSyncRules.effective(api, false, List.of(), List.of());
        if (!type.need.matchesExactly(byDefault)) {
            type.finalDirectives.addAll(type.need.directives(api.modes()));
            problems.info(
                    type.position, type.name, "wrote " + text(type.finalDirectives) + " on the type: " + why(type));
        }
    }

    private void completeField(TypeModel type, FieldModel field) {
        Need need = field.need;
        if (need.isEmpty()) {
            return;
        }
        boolean awsAuthCounts = type.root && api.isCognitoOnly();
        List<DirectiveUse> written =
                awsAuthCounts ? field.writtenDirectives : AppSyncRules.withoutAwsAuth(field.writtenDirectives);
        if (!written.isEmpty()) {
            addMissing(field.coordinate(), field.finalDirectives, need, why(field));
            return;
        }
        if (!type.root && field.rules == null) {
            return; // inherits its type's directives, completed above
        }
        List<ModeGrant> inherited = AppSyncRules.effective(api, type.root, type.finalDirectives, List.of());
        if (need.matchesExactly(inherited)) {
            return;
        }
        if (awsAuthCounts) {
            field.finalDirectives.add(DirectiveUse.addedAwsAuth(need.groups(AuthMode.AMAZON_COGNITO_USER_POOLS)));
        } else {
            field.finalDirectives.addAll(need.directives(api.modes()));
        }
        problems.info(
                field.position,
                field.coordinate(),
                "wrote " + text(field.finalDirectives) + " on the field: " + why(field));
    }

    /** Adds the directives the need lacks to what the author wrote, and reports each addition or conflict. */
    private void addMissing(String subject, List<DirectiveUse> directives, Need need, String why) {
        for (AuthMode mode : need.modes()) {
            List<String> groups = need.groups(mode);
            int index = -1;
            for (int i = 0; i < directives.size(); i++) {
                if (directives.get(i).mode() == mode) {
                    index = i;
                    break;
                }
            }
            if (index < 0) {
                DirectiveUse added = DirectiveUse.added(mode, groups);
                directives.add(added);
                problems.info(positionOf(directives), subject, "added " + added.text() + ": " + why);
                continue;
            }
            DirectiveUse existing = directives.get(index);
            if (existing.groups() == null) {
                continue;
            }
            if (groups == null) {
                problems.warning(
                        existing.position(),
                        subject,
                        existing.text() + " admits only those groups, but "
                                + "rules here admit every user-pool user; remove cognito_groups or narrow the rules");
            } else if (!existing.groups().containsAll(groups)) {
                Set<String> union = new LinkedHashSet<>(existing.groups());
                union.addAll(groups);
                DirectiveUse widened = new DirectiveUse(mode, existing.awsAuth(), List.copyOf(union), null);
                directives.set(index, widened);
                problems.info(
                        existing.position(),
                        subject,
                        "extended " + existing.text() + " to " + widened.text() + ": " + why);
            }
        }
    }

    private static dev.fieldgate.policy.SchemaPosition positionOf(List<DirectiveUse> directives) {
        for (DirectiveUse use : directives) {
            if (use.position() != null) {
                return use.position();
            }
        }
        return null;
    }

    private String why(TypeModel type) {
        if (type.isModel()) {
            return "its rules " + admits(type.rules);
        }
        return "fields returning it admit " + type.need;
    }

    private String why(FieldModel field) {
        if (field.rules != null) {
            return "its rules " + admits(field.rules);
        }
        if (field.target != null) {
            return "it " + verb(field.target.operation()) + " " + field.target.type() + ", whose rules for "
                    + field.target.operation().wireName() + " "
                    + admits(rulesCovering(types.get(field.target.type()), field.target.operation()));
        }
        return "its type admits " + field.need;
    }

    private static String verb(dev.fieldgate.policy.Operation operation) {
        return switch (operation) {
            case LISTEN -> "listens to";
            case READ -> "reads";
            default -> operation.wireName() + "s";
        };
    }

    /** "admit AWS_IAM (guest) and AMAZON_COGNITO_USER_POOLS (authenticated, owner)". */
    private static String admits(List<AuthRule> rules) {
        Map<AuthMode, Set<String>> byMode = new LinkedHashMap<>();
        for (AuthRule rule : rules) {
            String name = rule.allow().wireName()
                    + (rule.provider() == AuthRule.Provider.IDENTITY_POOL ? " identityPool" : "");
            byMode.computeIfAbsent(rule.mode(), m -> new LinkedHashSet<>()).add(name);
        }
        List<String> parts = new ArrayList<>();
        byMode.forEach((mode, names) -> parts.add(mode + " (" + String.join(", ", names) + ")"));
        return "admit " + String.join(" and ", parts);
    }

    private static String text(List<DirectiveUse> directives) {
        return directives.stream().map(DirectiveUse::text).collect(Collectors.joining(" "));
    }
}
