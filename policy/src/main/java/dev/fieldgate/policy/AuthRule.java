package dev.fieldgate.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * One kit rule from {@code @auth(rules: [...])}: who ({@link #allow()}) may perform which {@link #operations()}.
 * Several rules on one element are OR-ed; rules on a field replace the rules of its type; everything no rule
 * allows is denied.
 *
 * <p>Code that handles rules by strategy (or an authenticated rule by provider) does so with a {@code switch}
 * expression over {@link Strategy} (or {@link Provider}) that lists every constant and has no {@code default}
 * branch: the compiler then points at each place a new strategy must be handled, instead of letting it fall into
 * whatever a default did. A sealed interface with one record per strategy would only be checked as thoroughly with
 * pattern matching in {@code switch}, which Java 17 lacks, and would change this record's public shape.
 *
 * @param allow         the strategy
 * @param provider      for {@code authenticated} and {@code owner}: user pools (the default; {@code null} on owner
 *                      rules) or the identity pool's authenticated role, whose callers use IAM
 * @param ownerField    for {@code owner}: the record field naming the owner(s), default {@code owner}
 * @param identityClaim for {@code owner}: the claim compared with the owner field, default {@code sub}; for an
 *                      identity-pool owner always {@code cognitoIdentityId}, the caller's identity id
 * @param groups        for {@code groups}: the group names, any of which suffices
 * @param groupClaim    for {@code groups}: the claim listing the caller's groups, default {@code cognito:groups}
 * @param operations    the operations this rule allows; every operation when the schema lists none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuthRule(
        Strategy allow,
        Provider provider,
        String ownerField,
        String identityClaim,
        List<String> groups,
        String groupClaim,
        List<Operation> operations) {

    /** Every operation, for a rule that lists none. */
    public static final List<Operation> ALL_OPERATIONS =
            List.of(Operation.CREATE, Operation.READ, Operation.UPDATE, Operation.DELETE);

    /** Who a rule admits. */
    public enum Strategy {
        /** Identity-pool guests (the unauthenticated role), calling with IAM. */
        GUEST("guest", AuthMode.AWS_IAM),
        /** Callers with the API key. */
        API_KEY("apiKey", AuthMode.API_KEY),
        /** Any signed-in user-pool user, or with provider identityPool any identity-pool authenticated identity. */
        AUTHENTICATED("authenticated", AuthMode.AMAZON_COGNITO_USER_POOLS),
        /**
         * The caller named in the record's owner field: a user-pool user by a token claim, or with provider
         * identityPool an identity-pool authenticated identity by its identity id.
         */
        OWNER("owner", AuthMode.AMAZON_COGNITO_USER_POOLS),
        /** User-pool users in any of the listed groups. */
        GROUPS("groups", AuthMode.AMAZON_COGNITO_USER_POOLS),
        /** IAM principals that are not identity-pool identities, such as a backend's role. */
        IAM("iam", AuthMode.AWS_IAM);

        private final String wireName;
        private final AuthMode defaultMode;

        Strategy(String wireName, AuthMode defaultMode) {
            this.wireName = wireName;
            this.defaultMode = defaultMode;
        }

        @JsonValue
        public String wireName() {
            return wireName;
        }

        AuthMode defaultMode() {
            return defaultMode;
        }

        @JsonCreator
        public static Strategy fromWireName(String name) {
            for (Strategy strategy : values()) {
                if (strategy.wireName.equals(name)) {
                    return strategy;
                }
            }
            throw new IllegalArgumentException(
                    "unknown rule strategy '" + name + "'; use guest, apiKey, authenticated, owner, groups or iam");
        }
    }

    /** Which identity source an {@code authenticated} rule admits. */
    public enum Provider {
        USER_POOLS("userPools"),
        IDENTITY_POOL("identityPool");

        private final String wireName;

        Provider(String wireName) {
            this.wireName = wireName;
        }

        @JsonValue
        public String wireName() {
            return wireName;
        }

        @JsonCreator
        public static Provider fromWireName(String name) {
            for (Provider provider : values()) {
                if (provider.wireName.equals(name)) {
                    return provider;
                }
            }
            throw new IllegalArgumentException("unknown provider '" + name + "'; use userPools or identityPool");
        }
    }

    public static final String DEFAULT_OWNER_FIELD = "owner";
    public static final String DEFAULT_IDENTITY_CLAIM = "sub";
    /** The claim an identity-pool owner rule compares: the caller's identity id ({@code cognitoIdentityId}). */
    public static final String IDENTITY_ID_CLAIM = "cognitoIdentityId";

    public AuthRule {
        Objects.requireNonNull(allow, "allow");
        groups = groups == null ? null : List.copyOf(groups);
        operations = operations == null || operations.isEmpty() ? ALL_OPERATIONS : List.copyOf(operations);
        // Each strategy completes the parts it takes and keeps the others as given. The switch is an expression
        // (yielding the provider) so that the compiler asks every new strategy which parts it takes.
        provider = switch (allow) {
            case AUTHENTICATED -> provider == null ? Provider.USER_POOLS : provider;
            case OWNER -> {
                ownerField = ownerField == null ? DEFAULT_OWNER_FIELD : ownerField;
                if (provider == Provider.IDENTITY_POOL) {
                    if (identityClaim != null && !IDENTITY_ID_CLAIM.equals(identityClaim)) {
                        throw new IllegalArgumentException(
                                "an identity-pool owner rule compares the caller's " + IDENTITY_ID_CLAIM);
                    }
                    identityClaim = IDENTITY_ID_CLAIM;
                    yield provider;
                }
                identityClaim = identityClaim == null ? DEFAULT_IDENTITY_CLAIM : identityClaim;
                // User pools are the owner rule's default provider, written as none (manifests stay as they were).
                yield null;
            }
            case GROUPS -> {
                groupClaim = groupClaim == null ? Principal.GROUPS_CLAIM : groupClaim;
                if (groups == null || groups.isEmpty()) {
                    throw new IllegalArgumentException("a groups rule needs at least one group name");
                }
                yield provider;
            }
            case GUEST, API_KEY, IAM -> provider;
        };
    }

    public static AuthRule guest(Operation... operations) {
        return new AuthRule(Strategy.GUEST, null, null, null, null, null, List.of(operations));
    }

    public static AuthRule apiKey(Operation... operations) {
        return new AuthRule(Strategy.API_KEY, null, null, null, null, null, List.of(operations));
    }

    public static AuthRule authenticated(Operation... operations) {
        return new AuthRule(Strategy.AUTHENTICATED, Provider.USER_POOLS, null, null, null, null, List.of(operations));
    }

    public static AuthRule authenticatedIdentityPool(Operation... operations) {
        return new AuthRule(
                Strategy.AUTHENTICATED, Provider.IDENTITY_POOL, null, null, null, null, List.of(operations));
    }

    public static AuthRule owner(Operation... operations) {
        return new AuthRule(Strategy.OWNER, null, null, null, null, null, List.of(operations));
    }

    public static AuthRule owner(String ownerField, String identityClaim, Operation... operations) {
        return new AuthRule(Strategy.OWNER, null, ownerField, identityClaim, null, null, List.of(operations));
    }

    /** An owner rule for identity-pool authenticated identities, keyed by their identity id. */
    public static AuthRule identityPoolOwner(String ownerField, Operation... operations) {
        return new AuthRule(Strategy.OWNER, Provider.IDENTITY_POOL, ownerField, null, null, null, List.of(operations));
    }

    public static AuthRule groups(List<String> groups, Operation... operations) {
        return new AuthRule(Strategy.GROUPS, null, null, null, groups, null, List.of(operations));
    }

    public static AuthRule iam(Operation... operations) {
        return new AuthRule(Strategy.IAM, null, null, null, null, null, List.of(operations));
    }

    /** The AppSync auth mode a caller needs for this rule to apply. */
    public AuthMode mode() {
        return switch (allow) {
            case AUTHENTICATED ->
                switch (provider) {
                    case USER_POOLS -> allow.defaultMode();
                    case IDENTITY_POOL -> AuthMode.AWS_IAM;
                };
            case OWNER -> provider == Provider.IDENTITY_POOL ? AuthMode.AWS_IAM : allow.defaultMode();
            case GUEST, API_KEY, GROUPS, IAM -> allow.defaultMode();
        };
    }

    /**
     * For owner rules: the kind of caller the rule can name, a user-pool user or (provider identityPool) an
     * identity-pool authenticated identity; {@code null} for other strategies.
     */
    public Principal.Kind ownerKind() {
        return switch (allow) {
            case OWNER ->
                provider == Provider.IDENTITY_POOL ? Principal.Kind.IAM_AUTHENTICATED : Principal.Kind.USER_POOL;
            case GUEST, API_KEY, AUTHENTICATED, GROUPS, IAM -> null;
        };
    }

    /** True when this rule names the operation, or a read operation covering it. */
    public boolean covers(Operation operation) {
        for (Operation named : operations) {
            if ((named.coverageMask() & operation.bit()) != 0) {
                return true;
            }
        }
        return false;
    }

    /** The rule as a schema author writes it, e.g. {@code {allow: owner, operations: [update, delete]}}. */
    public String describe() {
        StringJoiner parts = new StringJoiner(", ", "{", "}");
        parts.add("allow: " + allow.wireName());
        strategyParts().forEach(parts::add);
        if (!operations.equals(ALL_OPERATIONS)) {
            StringJoiner ops = new StringJoiner(", ", "[", "]");
            operations.forEach(op -> ops.add(op.wireName()));
            parts.add("operations: " + ops);
        }
        return parts.toString();
    }

    /** What the rule says for its strategy where it differs from the defaults, as the schema author writes it. */
    private List<String> strategyParts() {
        return switch (allow) {
            case AUTHENTICATED ->
                switch (provider) {
                    case USER_POOLS -> List.of();
                    case IDENTITY_POOL -> List.of("provider: identityPool");
                };
            case OWNER -> {
                List<String> parts = new ArrayList<>();
                if (provider == Provider.IDENTITY_POOL) {
                    parts.add("provider: identityPool");
                }
                if (!DEFAULT_OWNER_FIELD.equals(ownerField)) {
                    parts.add("ownerField: \"" + ownerField + "\"");
                }
                if (provider != Provider.IDENTITY_POOL && !DEFAULT_IDENTITY_CLAIM.equals(identityClaim)) {
                    parts.add("identityClaim: \"" + identityClaim + "\"");
                }
                yield parts;
            }
            case GROUPS -> {
                StringJoiner names = new StringJoiner(", ", "[", "]");
                groups.forEach(g -> names.add("\"" + g + "\""));
                List<String> parts = new ArrayList<>();
                parts.add("groups: " + names);
                if (!Principal.GROUPS_CLAIM.equals(groupClaim)) {
                    parts.add("groupClaim: \"" + groupClaim + "\"");
                }
                yield parts;
            }
            case GUEST, API_KEY, IAM -> List.of();
        };
    }
}
