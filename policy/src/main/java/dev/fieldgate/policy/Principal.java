package dev.fieldgate.policy;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, as AppSync tells a resolver: no credentials, an API key, a user-pool user, an identity-pool
 * guest or authenticated identity, another IAM principal, an OIDC user, or a Lambda-authorized caller.
 *
 * <p>Immutable and cheap to query; build one per request. {@link #toString()} names the kind and the stable id
 * only: claims can carry personal data and never appear in logs through this class.
 */
public final class Principal {

    /** The kinds of caller AppSync distinguishes, refined for identity-pool IAM callers. */
    public enum Kind {
        /** No credentials at all. AppSync answers 401 before any field is resolved. */
        ANONYMOUS(null),
        API_KEY(AuthMode.API_KEY),
        USER_POOL(AuthMode.AMAZON_COGNITO_USER_POOLS),
        /** An identity-pool identity without a login: the guest role. */
        IAM_GUEST(AuthMode.AWS_IAM),
        /** An identity-pool identity with a user-pool login: the authenticated role. */
        IAM_AUTHENTICATED(AuthMode.AWS_IAM),
        /** Any other IAM principal, e.g. a partner backend's role. */
        IAM_OTHER(AuthMode.AWS_IAM),
        OIDC(AuthMode.OPENID_CONNECT),
        LAMBDA(AuthMode.AWS_LAMBDA);

        private final AuthMode mode;

        Kind(AuthMode mode) {
            this.mode = mode;
        }

        /** The AppSync auth mode of this kind of caller, or {@code null} for {@link #ANONYMOUS}. */
        public AuthMode mode() {
            return mode;
        }
    }

    /** The claim holding a user-pool user's groups. */
    public static final String GROUPS_CLAIM = "cognito:groups";

    private static final Principal ANONYMOUS =
            new Principal(Kind.ANONYMOUS, null, null, Set.of(), Map.of(), null, null);
    private static final Principal API_KEY = new Principal(Kind.API_KEY, null, null, Set.of(), Map.of(), null, null);

    private final Kind kind;
    private final String sub;
    private final String username;
    private final Set<String> groups;
    private final Map<String, Object> claims;
    private final String identityId;
    private final String userArn;

    private Principal(
            Kind kind,
            String sub,
            String username,
            Set<String> groups,
            Map<String, Object> claims,
            String identityId,
            String userArn) {
        this.kind = kind;
        this.sub = sub;
        this.username = username;
        this.groups = groups;
        this.claims = claims;
        this.identityId = identityId;
        this.userArn = userArn;
    }

    public static Principal anonymous() {
        return ANONYMOUS;
    }

    public static Principal apiKey() {
        return API_KEY;
    }

    /** A user-pool user without extra claims. */
    public static Principal userPool(String sub, String username, Collection<String> groups) {
        return userPool(sub, username, groups, Map.of());
    }

    /**
     * A user-pool user.
     *
     * @param sub      the user's {@code sub} claim
     * @param username the user's {@code cognito:username} (id token) or {@code username} (access token)
     * @param groups   the {@code cognito:groups} claim; empty when the user is in no group
     * @param claims   every claim of the token, for owner rules on other claims; may be empty
     */
    public static Principal userPool(String sub, String username, Collection<String> groups, Map<String, ?> claims) {
        requireText(sub, "sub");
        return new Principal(
                Kind.USER_POOL,
                sub,
                username,
                Set.copyOf(groups == null ? List.of() : groups),
                copyClaims(claims),
                null,
                null);
    }

    /** An identity-pool guest: the unauthenticated role's credentials. */
    public static Principal iamGuest(String identityId) {
        requireText(identityId, "identityId");
        return new Principal(Kind.IAM_GUEST, null, null, Set.of(), Map.of(), identityId, null);
    }

    /**
     * An identity-pool authenticated identity.
     *
     * @param identityId  the Cognito identity id
     * @param userPoolSub the user-pool {@code sub} behind the login, when known (from the auth provider string)
     */
    public static Principal iamAuthenticated(String identityId, String userPoolSub) {
        requireText(identityId, "identityId");
        return new Principal(Kind.IAM_AUTHENTICATED, userPoolSub, null, Set.of(), Map.of(), identityId, null);
    }

    /** An IAM principal that is not an identity-pool identity, e.g. an assumed role of a backend service. */
    public static Principal iam(String userArn) {
        requireText(userArn, "userArn");
        return new Principal(Kind.IAM_OTHER, null, null, Set.of(), Map.of(), null, userArn);
    }

    public static Principal oidc(String sub, Map<String, ?> claims) {
        requireText(sub, "sub");
        return new Principal(Kind.OIDC, sub, null, Set.of(), copyClaims(claims), null, null);
    }

    /** A caller admitted by a Lambda authorizer; its resolver context is exposed as claims. */
    public static Principal lambda(Map<String, ?> resolverContext) {
        return new Principal(Kind.LAMBDA, null, null, Set.of(), copyClaims(resolverContext), null, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The AppSync auth mode this caller used, or {@code null} when there were no credentials. */
    public AuthMode mode() {
        return kind.mode;
    }

    /** The user-pool {@code sub}, or {@code null}. */
    public String sub() {
        return sub;
    }

    /** The user-pool username, or {@code null}. */
    public String username() {
        return username;
    }

    /** The {@code cognito:groups} of a user-pool user; empty for everyone else. */
    public Set<String> groups() {
        return groups;
    }

    public Map<String, Object> claims() {
        return claims;
    }

    /** The Cognito identity id of an identity-pool caller, or {@code null}. */
    public String identityId() {
        return identityId;
    }

    /** The caller ARN of an IAM principal that is not an identity-pool identity, or {@code null}. */
    public String userArn() {
        return userArn;
    }

    public boolean inGroup(String group) {
        return groups.contains(group);
    }

    /**
     * The value of a claim as owner rules compare it: {@code sub}, {@code username} (also as
     * {@code cognito:username}) and any other token claim by its name.
     */
    public Object claim(String name) {
        return switch (name) {
            case "sub" -> sub;
            // An identity-pool identity's id, as identity-pool owner rules compare it.
            case AuthRule.IDENTITY_ID_CLAIM -> identityId;
            case "username", "cognito:username" -> username != null ? username : claims.get(name);
            default -> claims.get(name);
        };
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Principal that)) {
            return false;
        }
        return kind == that.kind
                && Objects.equals(sub, that.sub)
                && Objects.equals(username, that.username)
                && groups.equals(that.groups)
                && claims.equals(that.claims)
                && Objects.equals(identityId, that.identityId)
                && Objects.equals(userArn, that.userArn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, sub, username, groups, identityId, userArn);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case USER_POOL, OIDC ->
                "Principal[" + kind + " sub=" + sub + (groups.isEmpty() ? "" : " groups=" + groups) + "]";
            case IAM_GUEST, IAM_AUTHENTICATED -> "Principal[" + kind + " identityId=" + identityId + "]";
            case IAM_OTHER -> "Principal[" + kind + " userArn=" + userArn + "]";
            default -> "Principal[" + kind + "]";
        };
    }

    private static Map<String, Object> copyClaims(Map<String, ?> claims) {
        if (claims == null || claims.isEmpty()) {
            return Map.of();
        }
        // Map.copyOf refuses null values; tokens never carry JSON nulls worth keeping.
        java.util.LinkedHashMap<String, Object> copy = new java.util.LinkedHashMap<>();
        claims.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        return java.util.Collections.unmodifiableMap(copy);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
