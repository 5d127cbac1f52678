package dev.fieldgate.resolvers.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.policy.AccessPolicy;
import dev.fieldgate.policy.AuthRule;
import dev.fieldgate.policy.Decision;
import dev.fieldgate.policy.FieldAccess;
import dev.fieldgate.policy.FieldPolicy;
import dev.fieldgate.policy.Operation;
import dev.fieldgate.policy.Principal;
import dev.fieldgate.policy.RootTarget;
import dev.fieldgate.policy.TypeAccess;
import dev.fieldgate.resolvers.AppSyncEvent;
import dev.fieldgate.resolvers.InvalidEventException;
import dev.fieldgate.resolvers.Ownership;
import dev.fieldgate.resolvers.UnauthorizedException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every authorization of one {@code Type.field}, from the compiled policy, so that the dispatcher only dispatches.
 *
 * <p>Before its handler runs ({@link #authorize(AppSyncEvent)}): AppSync's directive layer again (defence in
 * depth), then the kit's rules — with what only a resolver can check: the owner a create stamps, owner values a
 * client may not send, field rules on the input of a write, and the condition an owner-only write must put on the
 * stored record. After it returns ({@link #checkResult}): the record an owner rule decides on, the owner a create
 * must have stamped, and the list items the caller may read. Built once per field at start; thread-safe.
 */
public final class FieldAuthorizer {

    private static final Logger LOG = LoggerFactory.getLogger(FieldAuthorizer.class);
    /** The result checks have always logged as the runtime itself; operators' log filters rely on it. */
    private static final Logger RUNTIME_LOG = LoggerFactory.getLogger("dev.fieldgate.resolvers.AppSyncResolver");

    private final String type;
    private final String field;
    /** Turns a handler's result (a record, a bean, a connection object) into JSON values for the result checks. */
    private final ObjectMapper mapper;

    private final FieldPolicy policy;
    private final AccessPolicy accessPolicy;
    private final boolean root;
    private final RootTarget target;
    private final Operation operation;
    /** Owner rules of the target type covering the operation: the alternatives of an owner-only write. */
    private final List<AuthRule> ownerRules;
    /** Owner field → identity claim, for every owner rule of the target type (type and field level). */
    /** Owner field → the owner rules naming it, in schema order: a create stamps the first one the caller fits. */
    private final Map<String, List<AuthRule>> stampClaims;
    /** The target type's fields that carry rules of their own, for checks on a write's input. */
    private final Map<String, FieldPolicy> inputFieldPolicies;
    /** Per such field, its owner rules that cover updates: who may change it when the record decides. */
    private final Map<String, List<AuthRule>> inputFieldUpdateOwners;

    public FieldAuthorizer(AccessPolicy accessPolicy, String type, String field, ObjectMapper mapper) {
        this.accessPolicy = accessPolicy;
        this.type = type;
        this.field = field;
        this.mapper = mapper;
        this.policy = accessPolicy
                .field(type, field)
                .orElseThrow(() -> new IllegalArgumentException(type + "." + field + " is not in the policy"));
        TypeAccess typeAccess = accessPolicy.types().get(type);
        this.root = typeAccess.kind() == TypeAccess.Kind.ROOT;
        this.target = root ? policy.target().orElse(null) : null;
        this.operation = target != null ? target.operation() : root ? Operation.GET : Operation.READ;
        this.ownerRules = new ArrayList<>();
        this.stampClaims = new LinkedHashMap<>();
        this.inputFieldPolicies = new HashMap<>();
        this.inputFieldUpdateOwners = new HashMap<>();
        if (target != null) {
            TypeAccess targetAccess = accessPolicy.types().get(target.type());
            for (AuthRule rule : accessPolicy.ownerRules(target.type())) {
                if (rule.covers(operation)) {
                    ownerRules.add(rule);
                }
                stampClaims
                        .computeIfAbsent(rule.ownerField(), f -> new ArrayList<>())
                        .add(rule);
            }
            targetAccess.fields().forEach((name, access) -> collectFieldRules(target.type(), name, access));
        }
    }

    private void collectFieldRules(String targetType, String name, FieldAccess access) {
        if (access.rules() == null) {
            return;
        }
        accessPolicy.field(targetType, name).ifPresent(handle -> inputFieldPolicies.put(name, handle));
        List<AuthRule> updateOwners = new ArrayList<>();
        for (AuthRule rule : access.rules()) {
            if (rule.allow() == AuthRule.Strategy.OWNER) {
                stampClaims
                        .computeIfAbsent(rule.ownerField(), f -> new ArrayList<>())
                        .add(rule);
                if (rule.covers(Operation.UPDATE)) {
                    updateOwners.add(rule);
                }
            }
        }
        inputFieldUpdateOwners.put(name, List.copyOf(updateOwners));
    }

    public String coordinate() {
        return type + "." + field;
    }

    /**
     * Decides whether the handler may run for the event's caller, and what it and its result must respect.
     *
     * @throws InvalidEventException when the event's identity does not make a caller
     * @throws UnauthorizedException with AppSync's message when the caller may not
     */
    public Authorization authorize(AppSyncEvent event) {
        Principal principal;
        try {
            principal = event.identity().toPrincipal();
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("The event's identity is not valid: " + e.getMessage(), e);
        }
        return authorize(principal, event);
    }

    /**
     * Decides whether the handler may run and what it must respect.
     *
     * @throws UnauthorizedException with AppSync's message when the caller may not
     */
    public Authorization authorize(Principal principal, AppSyncEvent event) {
        if (!root) {
            // A nested field: its parent record is the source, so owner rules decide now.
            Decision decision = policy.decide(principal, Operation.READ, event.source());
            return decision.isAllowed()
                    ? new Authorization(principal, decision, Ownership.none(), Authorization.ResultCheck.NONE)
                    : deny(principal, decision);
        }
        Decision decision = policy.decide(principal, operation, null);
        if (!decision.mayProceed() || (target == null && !decision.isAllowed())) {
            return deny(principal, decision);
        }
        if (target == null) {
            return new Authorization(principal, decision, Ownership.none(), Authorization.ResultCheck.NONE);
        }
        return switch (operation) {
            case CREATE -> authorizeCreate(principal, event, decision);
            case UPDATE, DELETE -> authorizeChange(principal, event, decision);
            case LISTEN -> authorizeListen(principal, event, decision);
            case LIST -> authorizeList(principal, decision);
            default ->
                new Authorization(
                        principal,
                        decision,
                        Ownership.none(),
                        decision.needsRecord() ? Authorization.ResultCheck.RECORD : Authorization.ResultCheck.NONE);
        };
    }

    /**
     * A subscription: AppSync delivers each event to every listener whose arguments equal the record's fields of the
     * same names, and runs nothing per listener. So a caller admitted only as an owner must have named itself in
     * the owner argument: the arguments stand for the records it will receive.
     */
    private Authorization authorizeListen(Principal principal, AppSyncEvent event, Decision decision) {
        if (decision.needsRecord()) {
            Decision asOwner = policy.decide(principal, operation, event.arguments());
            if (!asOwner.isAllowed()) {
                return deny(principal, asOwner);
            }
            decision = asOwner;
        }
        return new Authorization(principal, decision, Ownership.none(), Authorization.ResultCheck.NONE);
    }

    /**
     * A list only an owner rule allows: every item is checked after the handler ran, and the handler is told what
     * the records it may return name (the condition), so that a store can query exactly those.
     */
    private Authorization authorizeList(Principal principal, Decision decision) {
        if (!decision.needsRecord()) {
            return new Authorization(principal, decision, Ownership.none(), Authorization.ResultCheck.NONE);
        }
        Ownership.Condition condition = condition(principal, ownerRules);
        Ownership ownership = condition == null ? Ownership.none() : Ownership.of(List.of(condition), Map.of());
        return new Authorization(principal, decision, ownership, Authorization.ResultCheck.LIST);
    }

    private Authorization authorizeCreate(Principal principal, AppSyncEvent event, Decision decision) {
        Map<String, String> stamp = stamp(principal);
        refuseForeignOwners(principal, event, stamp);
        Map<String, Object> stamped = new HashMap<>(stamp);
        if (decision.needsRecord()) {
            // The create stamps the caller as owner, so an owner rule for create admits every caller it can stamp.
            Decision withRecord = policy.decide(principal, operation, stamped);
            if (!withRecord.isAllowed()) {
                return deny(principal, withRecord);
            }
            decision = withRecord;
        }
        for (String name : inputFields(event)) {
            FieldPolicy fieldPolicy = inputFieldPolicies.get(name);
            if (fieldPolicy != null) {
                Decision fieldDecision = fieldPolicy.decide(principal, Operation.CREATE, stamped);
                if (!fieldDecision.isAllowed()) {
                    return deny(principal, fieldDecision);
                }
            }
        }
        return new Authorization(
                principal,
                decision,
                Ownership.of(List.of(), stamp),
                stamp.isEmpty() ? Authorization.ResultCheck.NONE : Authorization.ResultCheck.STAMP);
    }

    private Authorization authorizeChange(Principal principal, AppSyncEvent event, Decision decision) {
        Map<String, String> callerValues = stamp(principal);
        if (operation == Operation.UPDATE) {
            refuseForeignOwners(principal, event, callerValues);
        }
        List<Ownership.Condition> conditions = new ArrayList<>();
        if (decision.needsRecord()) {
            Ownership.Condition condition = condition(principal, ownerRules);
            if (condition == null) {
                return deny(principal, decision);
            }
            conditions.add(condition);
        }
        if (operation == Operation.UPDATE) {
            for (String name : inputFields(event)) {
                FieldPolicy fieldPolicy = inputFieldPolicies.get(name);
                if (fieldPolicy == null) {
                    continue;
                }
                Decision fieldDecision = fieldPolicy.decide(principal, Operation.UPDATE, null);
                if (!fieldDecision.mayProceed()) {
                    return deny(principal, fieldDecision);
                }
                if (fieldDecision.needsRecord()) {
                    Ownership.Condition condition = condition(principal, inputFieldUpdateOwners.get(name));
                    if (condition == null) {
                        return deny(principal, fieldDecision);
                    }
                    if (!conditions.contains(condition)) {
                        conditions.add(condition);
                    }
                }
            }
        }
        return new Authorization(
                principal,
                decision,
                Ownership.of(conditions, Map.of()),
                decision.needsRecord() ? Authorization.ResultCheck.RECORD : Authorization.ResultCheck.NONE);
    }

    /**
     * Applies the checks {@code authorization} asked for to the handler's result (already unwrapped from an
     * {@code Optional}; not an {@code AppSyncError}): a record the caller may not have, or a created record without
     * the stamped owner, becomes AppSync's {@code Unauthorized} error; a list keeps the items the caller may read.
     */
    public Outcome checkResult(Authorization authorization, Object result) {
        if (result == null || authorization.resultCheck() == Authorization.ResultCheck.NONE) {
            return Outcome.data(result);
        }
        Principal principal = authorization.principal();
        return switch (authorization.resultCheck()) {
            case RECORD -> checkRecord(principal, record(result));
            case STAMP -> checkStamp(authorization, record(result));
            case LIST -> Outcome.data(filter(principal, mapper.convertValue(result, Object.class)));
            case NONE -> Outcome.data(result);
        };
    }

    private Outcome checkRecord(Principal principal, Map<String, Object> record) {
        if (record == null || !admitsResult(principal, record)) {
            RUNTIME_LOG.error(
                    "{} returned a record {} may not have; for writes, condition them on "
                            + "ResolverContext.ownership() (the DynamoDB helpers do)",
                    coordinate(),
                    principal);
            return unauthorized();
        }
        return Outcome.data(record);
    }

    private Outcome checkStamp(Authorization authorization, Map<String, Object> record) {
        for (Map.Entry<String, String> owner : authorization.ownership().stamp().entrySet()) {
            if (record == null || !names(record.get(owner.getKey()), owner.getValue())) {
                RUNTIME_LOG.error(
                        "{} returned a created record whose '{}' is not the caller; set it from "
                                + "ResolverContext.ownership().stamp()",
                        coordinate(),
                        owner.getKey());
                return unauthorized();
            }
        }
        return Outcome.data(record);
    }

    /** Re-decides with the record a handler returned; false when the caller may not have it. */
    private boolean admitsResult(Principal principal, Map<String, ?> record) {
        return policy.decide(principal, operation, record).isAllowed();
    }

    private Outcome unauthorized() {
        return Outcome.error(new UnauthorizedException(type, field).toError());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> record(Object result) {
        if (result instanceof Map) {
            return (Map<String, Object>) result;
        }
        Object converted = mapper.convertValue(result, Object.class);
        return converted instanceof Map ? (Map<String, Object>) converted : null;
    }

    /** Keeps the list items the caller may read: the list itself, or the lists of a connection object. */
    @SuppressWarnings("unchecked")
    private Object filter(Principal principal, Object tree) {
        if (tree instanceof List<?> list) {
            List<Object> kept = new ArrayList<>(list.size());
            for (Object item : list) {
                if (item instanceof Map && admitsResult(principal, (Map<String, Object>) item)) {
                    kept.add(item);
                }
            }
            return kept;
        }
        if (tree instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
            copy.replaceAll((key, value) -> value instanceof List ? filter(principal, value) : value);
            return copy;
        }
        return tree;
    }

    private static boolean names(Object stored, String expected) {
        if (stored instanceof Collection<?> owners) {
            return owners.stream().anyMatch(owner -> owner != null && expected.equals(owner.toString()));
        }
        return stored != null && expected.equals(stored.toString());
    }

    /** The owner fields a create sets, with the caller's values. */
    private Map<String, String> stamp(Principal principal) {
        if (stampClaims.isEmpty()) {
            return Map.of();
        }
        Map<String, String> stamp = new LinkedHashMap<>();
        stampClaims.forEach((ownerField, rules) -> {
            // The rule for the caller's kind first (an identity-pool identity is stamped by its identity id), then
            // any user-pool rule whose claim the caller has.
            String value = stampValue(principal, rules, true);
            if (value == null) {
                value = stampValue(principal, rules, false);
            }
            if (value != null) {
                stamp.put(ownerField, value);
            }
        });
        return stamp;
    }

    private static String stampValue(Principal principal, List<AuthRule> rules, boolean sameKind) {
        for (AuthRule rule : rules) {
            boolean fits =
                    sameKind ? rule.ownerKind() == principal.kind() : rule.ownerKind() == Principal.Kind.USER_POOL;
            Object value = fits ? principal.claim(rule.identityClaim()) : null;
            if (value != null) {
                return value.toString();
            }
        }
        return null;
    }

    /**
     * A client may not name an owner: an owner field in the arguments (or in {@code input}) must be the caller's
     * own value. The resolver stamps the owner itself.
     */
    private void refuseForeignOwners(Principal principal, AppSyncEvent event, Map<String, String> callerValues) {
        for (Map<String, Object> values : argumentObjects(event)) {
            for (String ownerField : stampClaims.keySet()) {
                if (!values.containsKey(ownerField)) {
                    continue;
                }
                Object sent = values.get(ownerField);
                String own = callerValues.get(ownerField);
                if (sent != null && (own == null || !own.equals(sent.toString()))) {
                    LOG.info(
                            "{} refused for {}: the arguments name an owner in '{}' other than the caller",
                            coordinate(),
                            principal,
                            ownerField);
                    throw new UnauthorizedException(type, field);
                }
            }
        }
    }

    private Ownership.Condition condition(Principal principal, List<AuthRule> rules) {
        List<Ownership.Match> matches = new ArrayList<>();
        for (AuthRule rule : rules) {
            if (principal.kind() != rule.ownerKind()) {
                continue;
            }
            Object value = principal.claim(rule.identityClaim());
            if (value != null) {
                Ownership.Match match = new Ownership.Match(rule.ownerField(), value.toString());
                if (!matches.contains(match)) {
                    matches.add(match);
                }
            }
        }
        return matches.isEmpty() ? null : new Ownership.Condition(matches);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> argumentObjects(AppSyncEvent event) {
        Map<String, Object> arguments = event.arguments();
        Object input = arguments.get("input");
        if (input instanceof Map) {
            return List.of(arguments, (Map<String, Object>) input);
        }
        return List.of(arguments);
    }

    /** The names a write's input sets: the keys of {@code input}, or else the arguments themselves. */
    private static Collection<String> inputFields(AppSyncEvent event) {
        Object input = event.arguments().get("input");
        if (input instanceof Map<?, ?> map) {
            List<String> names = new ArrayList<>(map.size());
            map.forEach((key, value) -> {
                if (value != null) {
                    names.add(key.toString());
                }
            });
            return names;
        }
        return event.arguments().keySet();
    }

    private Authorization deny(Principal principal, Decision decision) {
        // The reason names rules and layers, never claim values; the client sees AppSync's message only.
        LOG.debug("{} denied for {}: {}", coordinate(), principal, decision.reason());
        throw new UnauthorizedException(type, field);
    }
}
