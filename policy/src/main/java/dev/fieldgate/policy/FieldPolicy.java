package dev.fieldgate.policy;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The compiled decision procedure for one {@code Type.field}. Look it up once with
 * {@link AccessPolicy#field(String, String)} and keep it: deciding through the handle skips the name lookups and
 * allocates nothing.
 */
public final class FieldPolicy {

    private static final Decision NO_CREDENTIALS = Decision.deny(
            Decision.Code.NO_CREDENTIALS,
            "the request has no credentials: AppSync answers 401 before any field is resolved");
    private static final int OPERATION_COUNT = Operation.values().length;

    private final String type;
    private final String field;
    private final ModeGrant[] appsync;
    private final RuleEntry[] rules;
    private final boolean inherited;
    private final RootTarget target;
    private final Decision denyAppSync;
    private final Decision allowInherited;
    private final Decision[] denyNoMatch = new Decision[OPERATION_COUNT];
    private final Decision[] allowIfOwner = new Decision[OPERATION_COUNT];

    FieldPolicy(
            String type,
            String field,
            List<ModeGrant> appsync,
            List<AuthRule> rules,
            String rulesOwner,
            RootTarget target) {
        this(
                type,
                field,
                appsync,
                rules,
                rulesOwner,
                target,
                Decision.allow(
                        Decision.Code.INHERITED,
                        type + " has no rules of its own; the field that returned it decided"));
    }

    /** A field of a schema without kit rules: AppSync's directives alone decide. */
    static FieldPolicy appSyncOnly(String type, String field, List<ModeGrant> appsync) {
        return new FieldPolicy(
                type,
                field,
                appsync,
                null,
                type,
                null,
                Decision.allow(
                        Decision.Code.APPSYNC_ONLY,
                        "the schema has no @auth rules, so AppSync's directives alone decide " + type + "." + field));
    }

    @SuppressWarnings("EnumOrdinal") // fills the per-operation arrays decide() indexes by ordinal
    private FieldPolicy(
            String type,
            String field,
            List<ModeGrant> appsync,
            List<AuthRule> rules,
            String rulesOwner,
            RootTarget target,
            Decision allowWithoutRules) {
        this.type = type;
        this.field = field;
        this.appsync = appsync.toArray(new ModeGrant[0]);
        this.inherited = rules == null;
        this.target = target;
        this.rules = rules == null
                ? new RuleEntry[0]
                : rules.stream().map(rule -> new RuleEntry(rule, rulesOwner)).toArray(RuleEntry[]::new);
        String coordinate = type + "." + field;
        this.denyAppSync = Decision.deny(
                Decision.Code.APPSYNC_DIRECTIVE,
                appsync.isEmpty()
                        ? "AppSync admits no auth mode on " + coordinate
                        : "AppSync admits only " + directives(appsync) + " on " + coordinate);
        this.allowInherited = allowWithoutRules;
        String subject = target != null ? target.type() : rulesOwner;
        for (Operation op : Operation.values()) {
            Operation effective = target != null ? target.operation() : op;
            if (rules != null && rules.isEmpty()) {
                denyNoMatch[op.ordinal()] =
                        Decision.deny(Decision.Code.NO_RULES, rulesOwner + " has no rules, so everything is denied");
            } else {
                denyNoMatch[op.ordinal()] = Decision.deny(
                        Decision.Code.NO_MATCHING_RULE,
                        "no rule on " + subject + " allows " + effective.wireName() + " for this caller");
            }
            allowIfOwner[op.ordinal()] = Decision.allowIfOwner(
                    "only the owner may " + effective.wireName() + " " + subject + "; decide again with the record");
        }
    }

    public String type() {
        return type;
    }

    public String field() {
        return field;
    }

    /** The model type and operation this root field performs, if its target's rules decide it. */
    public Optional<RootTarget> target() {
        return Optional.ofNullable(target);
    }

    /** AppSync's own layer only: do the field's directives admit this caller's mode (and groups)? */
    public boolean appSyncAdmits(Principal principal) {
        for (ModeGrant grant : appsync) {
            if (grant.admits(principal)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Decides AppSync's layer, then the kit's rules.
     *
     * @param principal the caller
     * @param operation what the caller does; ignored for a root field with a target (it performs one operation)
     * @param record    the record, for owner rules; {@code null} when it is not loaded yet
     */
    @SuppressWarnings("EnumOrdinal") // indexing by ordinal is the fast path DecisionBenchmark measures
    public Decision decide(Principal principal, Operation operation, Map<String, ?> record) {
        if (principal.kind() == Principal.Kind.ANONYMOUS) {
            return NO_CREDENTIALS;
        }
        if (!appSyncAdmits(principal)) {
            return denyAppSync;
        }
        if (inherited) {
            return allowInherited;
        }
        Operation effective = target != null ? target.operation() : operation;
        int bit = effective.bit();
        boolean ownerCouldMatch = false;
        for (RuleEntry rule : rules) {
            if ((rule.coverage & bit) == 0) {
                continue;
            }
            if (rule.strategy == AuthRule.Strategy.OWNER) {
                if (principal.kind() != rule.ownerKind) {
                    continue;
                }
                if (record == null) {
                    ownerCouldMatch = true;
                } else if (rule.ownerMatches(principal, record)) {
                    return rule.allow;
                }
            } else if (rule.matches(principal)) {
                return rule.allow;
            }
        }
        return ownerCouldMatch ? allowIfOwner[operation.ordinal()] : denyNoMatch[operation.ordinal()];
    }

    private static String directives(List<ModeGrant> grants) {
        StringJoiner text = new StringJoiner(" ");
        grants.forEach(g -> text.add(g.directive()));
        return text.toString();
    }

    /** One rule, flattened for matching. */
    private static final class RuleEntry {
        final AuthRule.Strategy strategy;
        /** For authenticated rules: the caller kind the rule's provider admits. */
        final Principal.Kind authenticatedKind;
        /** For owner rules: the caller kind the rule can name. */
        final Principal.Kind ownerKind;

        final int coverage;
        final String ownerField;
        final String identityClaim;
        final String[] groups;
        final String groupClaim;
        final Decision allow;

        RuleEntry(AuthRule rule, String owner) {
            this.strategy = rule.allow();
            this.authenticatedKind =
                    strategy == AuthRule.Strategy.AUTHENTICATED ? authenticatedKind(rule.provider()) : null;
            this.ownerKind = rule.ownerKind();
            int mask = 0;
            for (Operation op : rule.operations()) {
                mask |= op.coverageMask();
            }
            this.coverage = mask;
            this.ownerField = rule.ownerField();
            this.identityClaim = rule.identityClaim();
            this.groups = rule.groups() == null ? new String[0] : rule.groups().toArray(new String[0]);
            this.groupClaim = Principal.GROUPS_CLAIM.equals(rule.groupClaim()) ? null : rule.groupClaim();
            this.allow = strategy == AuthRule.Strategy.OWNER
                    ? Decision.allow(
                            Decision.Code.OWNER,
                            "the caller owns the record (rule " + rule.describe() + " on " + owner + ")")
                    : Decision.allow(Decision.Code.RULE, "allowed by rule " + rule.describe() + " on " + owner);
        }

        private static Principal.Kind authenticatedKind(AuthRule.Provider provider) {
            return switch (provider) {
                case USER_POOLS -> Principal.Kind.USER_POOL;
                case IDENTITY_POOL -> Principal.Kind.IAM_AUTHENTICATED;
            };
        }

        /** Whether the rule admits the caller; owner rules need the record, so {@link #ownerMatches} decides them. */
        boolean matches(Principal principal) {
            return switch (strategy) {
                case GUEST -> principal.kind() == Principal.Kind.IAM_GUEST;
                case API_KEY -> principal.kind() == Principal.Kind.API_KEY;
                case AUTHENTICATED -> principal.kind() == authenticatedKind;
                case OWNER -> false;
                case GROUPS -> principal.kind() == Principal.Kind.USER_POOL && inAnyGroup(principal);
                case IAM -> principal.kind() == Principal.Kind.IAM_OTHER;
            };
        }

        private boolean inAnyGroup(Principal principal) {
            if (groupClaim == null) {
                for (String group : groups) {
                    if (principal.inGroup(group)) {
                        return true;
                    }
                }
                return false;
            }
            Object claimed = principal.claim(groupClaim);
            for (String group : groups) {
                if (contains(claimed, group)) {
                    return true;
                }
            }
            return false;
        }

        boolean ownerMatches(Principal principal, Map<String, ?> record) {
            Object claim = principal.claim(identityClaim);
            if (claim == null) {
                return false;
            }
            return contains(record.get(ownerField), claim.toString());
        }

        private static boolean contains(Object value, String wanted) {
            if (value == null) {
                return false;
            }
            if (value instanceof Collection) {
                for (Object item : (Collection<?>) value) {
                    if (item != null && wanted.equals(item.toString())) {
                        return true;
                    }
                }
                return false;
            }
            return wanted.equals(value.toString());
        }
    }
}
