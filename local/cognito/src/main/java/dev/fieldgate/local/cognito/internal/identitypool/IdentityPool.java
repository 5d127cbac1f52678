package dev.fieldgate.local.cognito.internal.identitypool;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.fieldgate.config.AppConfig;
import dev.fieldgate.config.IdentityPoolConfig;
import dev.fieldgate.local.cognito.internal.RsaKeySource;
import dev.fieldgate.local.cognito.internal.userpool.TokenService;
import dev.fieldgate.local.cognito.internal.userpool.UserPool;
import dev.fieldgate.local.core.LocalStateException;
import dev.fieldgate.local.core.internal.awsjson.AwsServiceException;
import dev.fieldgate.local.core.internal.sigv4.CognitoAuthType;
import dev.fieldgate.local.core.internal.sigv4.CredentialsRegistry;
import dev.fieldgate.local.core.internal.state.StateJson;
import dev.fieldgate.local.core.internal.state.StateStore;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One local Cognito identity pool: identities (guest or linked to a user-pool login), the guest and authenticated
 * roles, credentials issued through the {@link CredentialsRegistry}, and OpenID tokens.
 *
 * <p>When user-pool groups have roles, the pool maps roles as Terraform's identity-pool module configures it for the
 * user pool's clients: {@code Type = Token} with {@code AmbiguousRoleResolution = AuthenticatedRole}. A signed-in
 * caller then gets the role a {@code CustomRoleArn} names if the ID token lists it in {@code cognito:roles}, else the
 * token's {@code cognito:preferred_role}, else the authenticated role.
 */
public final class IdentityPool {

    /** How long issued credentials last: one hour, as commonly observed on AWS (the default is not documented). */
    public static final Duration CREDENTIALS_LIFETIME = Duration.ofHours(1);
    /** OpenID tokens from GetOpenIdToken are valid for 10 minutes. */
    public static final Duration OPEN_ID_TOKEN_LIFETIME = Duration.ofMinutes(10);

    public static final String OPEN_ID_ISSUER = "https://cognito-identity.amazonaws.com";

    private final IdentityPoolConfig config;
    private final String app;
    private final String region;
    private final UserPool userPool;
    private final Set<String> acceptedClientIds;
    private final CredentialsRegistry registry;
    private final StateStore store;
    private final String document;
    private final Clock clock;
    private final State state;
    private final Supplier<RSAKey> pendingOpenIdKey;
    private CompletableFuture<Void> keyReady = CompletableFuture.completedFuture(null);
    private RSAKey openIdKey;
    private RSASSASigner openIdSigner;
    private final Map<String, String> identityByLogin = new LinkedHashMap<>();
    private final Map<String, GroupRole> groupRolesByArn = new LinkedHashMap<>();

    /** A user-pool group's role: the group, the role's name, ARN and unique id. */
    public record GroupRole(String group, String name, String arn, String roleId) {}

    private static final class State {
        String identityPoolId;
        String guestRoleId;
        String authenticatedRoleId;
        /** Group role ARN => its unique id ({@code AROA…}). */
        Map<String, String> groupRoleIds = new LinkedHashMap<>();

        String openIdKey;
        Map<String, Identity> identities = new LinkedHashMap<>();
    }

    private static final class Identity {
        String identityId;
        /** Linked logins as {@code <provider>|<sub>}. */
        List<String> logins = new ArrayList<>();

        long createdMillis;
        // Written to the state document for whoever reads it; the pool itself never needs it.
        @SuppressWarnings("UnusedVariable")
        long modifiedMillis;
    }

    /**
     * A verified login: the provider name, the user's sub, and the roles its ID token offers ({@code cognito:roles},
     * {@code cognito:preferred_role}, null when absent).
     */
    record Login(String provider, String sub, List<String> roles, String preferredRole) {
        String key() {
            return provider + "|" + sub;
        }
    }

    private IdentityPool(
            AppConfig config,
            State state,
            UserPool userPool,
            CredentialsRegistry registry,
            StateStore store,
            String document,
            Clock clock,
            Supplier<RSAKey> openIdKey,
            Map<String, String> groupRoleArns) {
        this.config = config.identityPool().orElseThrow();
        this.app = config.app();
        this.region = config.region();
        this.userPool = userPool;
        this.registry = registry;
        this.store = store;
        this.document = document;
        this.clock = clock;
        this.state = state;
        List<String> ids = new ArrayList<>();
        for (String clientName : this.config.clients()) {
            userPool.clientByName(clientName).ifPresent(c -> ids.add(c.clientId()));
        }
        this.acceptedClientIds = Set.copyOf(ids);
        this.pendingOpenIdKey = openIdKey;
        for (Identity identity : state.identities.values()) {
            identity.logins.forEach(login -> identityByLogin.put(login, identity.identityId));
        }
        boolean newRoles = false;
        if (state.groupRoleIds == null) {
            state.groupRoleIds = new LinkedHashMap<>();
        }
        for (Map.Entry<String, String> entry : groupRoleArns.entrySet()) {
            String arn = entry.getValue();
            String roleId = state.groupRoleIds.get(arn);
            if (roleId == null) {
                roleId = registry.newRoleId();
                state.groupRoleIds.put(arn, roleId);
                newRoles = true;
            }
            groupRolesByArn.put(
                    arn, new GroupRole(entry.getKey(), arn.substring(arn.lastIndexOf('/') + 1), arn, roleId));
        }
        if (newRoles) {
            StateJson.write(store, document, state);
        }
    }

    public static IdentityPool open(
            AppConfig config,
            String identityPoolId,
            UserPool userPool,
            CredentialsRegistry registry,
            StateStore store,
            Clock clock,
            RsaKeySource keySource) {
        return open(config, identityPoolId, userPool, registry, store, clock, keySource, Map.of());
    }

    /**
     * Opens (or creates) the pool's state.
     *
     * @param groupRoleArns the role ARN of each user-pool group that has one; when there are any, the pool maps
     *                      roles from the ID token (token-based role mapping, ambiguous tokens get the authenticated
     *                      role)
     */
    public static IdentityPool open(
            AppConfig config,
            String identityPoolId,
            UserPool userPool,
            CredentialsRegistry registry,
            StateStore store,
            Clock clock,
            RsaKeySource keySource,
            Map<String, String> groupRoleArns) {
        String document = "cognito-identity/" + identityPoolId + "/identity-pool.json";
        State state = StateJson.read(store, document, State.class).orElse(null);
        if (state == null) {
            state = new State();
            state.identityPoolId = identityPoolId;
            state.guestRoleId = registry.newRoleId();
            state.authenticatedRoleId = registry.newRoleId();
            StateJson.write(store, document, state);
        }
        if (state.openIdKey != null) {
            RSAKey kept;
            try {
                kept = RSAKey.parse(state.openIdKey);
            } catch (ParseException e) {
                throw new LocalStateException(
                        "The identity pool's OpenID signing key in " + document + " is unreadable.", e);
            }
            return new IdentityPool(
                    config, state, userPool, registry, store, document, clock, () -> kept, groupRoleArns);
        }
        // cognito-identity.amazonaws.com publishes RS512 keys with region-based kids; the exact alg is not
        // documented, RS512 is what its JWKS has been seen to serve.
        String keyId = config.region() + "-1";
        if (!store.isPersistent()) {
            // Nothing outlives an in-memory pool: its key is made when the classic flow or the JWKS first needs it.
            return new IdentityPool(
                    config,
                    state,
                    userPool,
                    registry,
                    store,
                    document,
                    clock,
                    () -> RsaKeySource.generateNow(JWSAlgorithm.RS512, keyId),
                    groupRoleArns);
        }
        CompletableFuture<RSAKey> key = keySource.future(JWSAlgorithm.RS512, keyId);
        IdentityPool pool =
                new IdentityPool(config, state, userPool, registry, store, document, clock, key::join, groupRoleArns);
        // Written as soon as it exists, used or not, so the next start reads it and generates none; on another
        // thread than the one finishing the key, which must not wait for the pool's lock.
        pool.keyReady = key.thenAcceptAsync(k -> pool.openIdSigner());
        return pool;
    }

    /** Completes once a new OpenID key is generated and written (at once when the state had one). */
    public CompletableFuture<Void> keyReady() {
        return keyReady;
    }

    /** The OpenID signing key; a new key is written to the state before its first use. */
    private synchronized RSASSASigner openIdSigner() {
        if (openIdSigner == null) {
            RSAKey key = pendingOpenIdKey.get();
            if (state.openIdKey == null) {
                state.openIdKey = key.toJSONString();
                persist();
            }
            try {
                openIdSigner = new RSASSASigner(key);
            } catch (JOSEException e) {
                throw new IllegalStateException("unusable OpenID signing key", e);
            }
            openIdKey = key;
        }
        return openIdSigner;
    }

    public String id() {
        return state.identityPoolId;
    }

    /** The guest role, which exists only when the pool allows unauthenticated identities (as Terraform deploys). */
    public Optional<String> guestRoleArn() {
        return config.allowUnauthenticatedIdentities()
                ? Optional.of("arn:aws:iam::" + registry.accountId() + ":role/" + app + "-guest")
                : Optional.empty();
    }

    public String authenticatedRoleArn() {
        return "arn:aws:iam::" + registry.accountId() + ":role/" + app + "-authenticated";
    }

    /** The user-pool groups' roles, in the order the stack declared them; empty: no token-based role mapping. */
    public List<GroupRole> groupRoles() {
        return List.copyOf(groupRolesByArn.values());
    }

    /**
     * The providers the pool maps roles for ({@code cognito-idp.<region>.amazonaws.com/<pool>:<client id>}, each
     * accepted client), as GetIdentityPoolRoles lists them; empty without token-based role mapping.
     */
    public List<String> roleMappingProviders() {
        if (!tokenRoleMapping()) {
            return List.of();
        }
        return acceptedClientIds.stream()
                .sorted()
                .map(client -> userPool.providerName() + ":" + client)
                .toList();
    }

    /** Whether the pool maps roles from the ID token ({@code Type = Token}): only when groups have roles. */
    public boolean tokenRoleMapping() {
        return !groupRolesByArn.isEmpty();
    }

    /** The guest role's unique id ({@code AROA…}). */
    public String guestRoleId() {
        return state.guestRoleId;
    }

    /** The authenticated role's unique id ({@code AROA…}). */
    public String authenticatedRoleId() {
        return state.authenticatedRoleId;
    }

    public IdentityPoolConfig config() {
        return config;
    }

    /** The public JWKS of the OpenID tokens. */
    public synchronized Map<String, Object> openIdJwks() {
        openIdSigner();
        return new JWKSet(openIdKey.toPublicJWK()).toJSONObject(true);
    }

    // ------------------------------------------------------------------ operations

    /** An identity as the console lists it: its id, the logins linked to it (provider names only), when made. */
    public record IdentitySummary(String identityId, List<String> loginProviders, long createdMillis) {}

    /** Every identity of the pool, oldest first: guests have no login. */
    public synchronized List<IdentitySummary> identities() {
        List<IdentitySummary> out = new ArrayList<>();
        for (Identity identity : state.identities.values()) {
            List<String> providers = new ArrayList<>();
            for (String login : identity.logins) {
                int bar = login.indexOf('|');
                providers.add(bar < 0 ? login : login.substring(0, bar) + " (sub " + login.substring(bar + 1) + ")");
            }
            out.add(new IdentitySummary(identity.identityId, List.copyOf(providers), identity.createdMillis));
        }
        return out;
    }

    /** GetId: the identity of the logins (created on first use), or a new guest identity. */
    public synchronized String getId(String identityPoolId, Map<String, String> logins) {
        requirePool(identityPoolId);
        List<Login> verified = verifyLogins(logins);
        if (verified.isEmpty()) {
            if (!config.allowUnauthenticatedIdentities()) {
                throw notAuthorized("Unauthenticated access is not supported for this identity pool.");
            }
            return newIdentity(List.of()).identityId;
        }
        for (Login login : verified) {
            String existing = identityByLogin.get(login.key());
            if (existing != null) {
                return existing;
            }
        }
        return newIdentity(verified).identityId;
    }

    /** Issued credentials and the identity id. */
    public record Credentials(String identityId, CredentialsRegistry.Issued issued) {}

    /** GetCredentialsForIdentity (the enhanced flow). */
    public synchronized Credentials getCredentials(
            String identityId, Map<String, String> logins, String customRoleArn) {
        Identity identity = requireIdentity(identityId);
        List<Login> verified = linkOrCheck(identity, logins);
        boolean authenticated = !verified.isEmpty();
        // A guest reaches this only when guests are allowed: linkOrCheck refused it otherwise.
        String roleArn = authenticated ? authenticatedRoleArn() : guestRoleArn().orElseThrow();
        String roleId = authenticated ? state.authenticatedRoleId : state.guestRoleId;
        if (authenticated && tokenRoleMapping()) {
            GroupRole chosen = roleFromToken(verified, customRoleArn);
            if (chosen != null) {
                roleArn = chosen.arn();
                roleId = chosen.roleId();
            }
        } else if (customRoleArn != null && !customRoleArn.equals(roleArn)) {
            // Choosing a role needs token-based role mapping, which the pool has only when groups have roles.
            throw new AwsServiceException(
                    "InvalidParameterException",
                    "CustomRoleArn is only supported with token-based role mapping on this identity pool.");
        }
        List<String> providers = new ArrayList<>();
        for (Login login : verified) {
            providers.add(login.provider());
            providers.add(login.provider() + ":CognitoSignIn:" + login.sub());
        }
        CredentialsRegistry.Issued issued = registry.issue(
                roleArn,
                roleId,
                state.identityPoolId,
                identityId,
                authenticated ? CognitoAuthType.AUTHENTICATED : CognitoAuthType.UNAUTHENTICATED,
                providers,
                clock.instant().plus(CREDENTIALS_LIFETIME));
        return new Credentials(identityId, issued);
    }

    /** GetOpenIdToken: a 10-minute RS512 JWT about the identity. */
    public synchronized String getOpenIdToken(String identityId, Map<String, String> logins) {
        if (!config.allowClassicFlow()) {
            // What Cognito answers when the pool's AllowClassicFlow is false.
            throw new AwsServiceException(
                    "InvalidParameterException", "Basic (classic) flow is not enabled, please use enhanced flow.");
        }
        Identity identity = requireIdentity(identityId);
        List<Login> verified = linkOrCheck(identity, logins);
        List<String> amr = new ArrayList<>();
        if (verified.isEmpty()) {
            amr.add("unauthenticated");
        } else {
            amr.add("authenticated");
            for (Login login : verified) {
                amr.add(login.provider());
                amr.add(login.provider() + ":CognitoSignIn:" + login.sub());
            }
        }
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(identityId)
                .audience(state.identityPoolId)
                .claim("amr", amr)
                .issuer(OPEN_ID_ISSUER)
                .expirationTime(Date.from(now.plus(OPEN_ID_TOKEN_LIFETIME)))
                .issueTime(Date.from(now))
                .build();
        RSASSASigner signer = openIdSigner();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS512)
                        .keyID(openIdKey.getKeyID())
                        .type(new JOSEObjectType("JWS"))
                        .build(),
                claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return jwt.serialize();
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Token-based role mapping with {@code AmbiguousRoleResolution = AuthenticatedRole}: the role a
     * {@code CustomRoleArn} names when the token lists it in {@code cognito:roles}, else the token's
     * {@code cognito:preferred_role}; null: the authenticated role.
     */
    private GroupRole roleFromToken(List<Login> verified, String customRoleArn) {
        String wanted = null;
        if (customRoleArn != null) {
            if (customRoleArn.equals(authenticatedRoleArn())) {
                return null;
            }
            boolean offered = verified.stream().anyMatch(login -> login.roles().contains(customRoleArn));
            if (!offered) {
                // Cognito refuses a CustomRoleArn its token does not offer. UNCONFIRMED: the exact error type and
                // message for this case are not documented; NotAuthorizedException is what the identity pool
                // answers for a caller who may not have what was asked for.
                throw notAuthorized(
                        "The role in CustomRoleArn is not one of the roles (cognito:roles) of the login" + " token.");
            }
            wanted = customRoleArn;
        } else {
            for (Login login : verified) {
                if (login.preferredRole() != null) {
                    wanted = login.preferredRole();
                    break;
                }
            }
        }
        if (wanted == null) {
            return null;
        }
        GroupRole role = groupRolesByArn.get(wanted);
        if (role == null) {
            // A role this pool's roles do not include (a group given some other role): its trust policy would not
            // admit this pool's identities, so STS refuses Cognito, which answers as for a misconfigured pool.
            throw new AwsServiceException(
                    "InvalidIdentityPoolConfigurationException",
                    "Invalid identity pool configuration. Check assigned IAM roles for this pool.");
        }
        return role;
    }

    /**
     * The verified logins, after checking they may use this identity: an identity with logins answers only to one
     * of them, and a guest identity is linked only to logins no other identity has.
     */
    private List<Login> linkOrCheck(Identity identity, Map<String, String> logins) {
        List<Login> verified = verifyLogins(logins);
        if (verified.isEmpty()) {
            if (!identity.logins.isEmpty()) {
                throw loginsDontMatch();
            }
            if (!config.allowUnauthenticatedIdentities()) {
                throw notAuthorized("Unauthenticated access is not supported for this identity pool.");
            }
            return verified;
        }
        for (Login login : verified) {
            String owner = identityByLogin.get(login.key());
            if (owner != null && !owner.equals(identity.identityId)) {
                // Cognito would merge the two identities into the login's. Merging hands this identity (and
                // whatever is keyed by its id) to whoever holds that login, so it is refused; clients that get
                // NotAuthorizedException drop their cached identity id and call GetId, which finds the right one.
                throw loginsDontMatch();
            }
        }
        if (!identity.logins.isEmpty() && verified.stream().noneMatch(login -> identity.logins.contains(login.key()))) {
            // An authenticated identity needs at least one login already associated with it (AWS's identity-pool
            // guide); linking another user's login to it would hand that user this identity.
            throw loginsDontMatch();
        }
        boolean changed = false;
        for (Login login : verified) {
            if (!identityByLogin.containsKey(login.key())) {
                identity.logins.add(login.key());
                identityByLogin.put(login.key(), identity.identityId);
                changed = true;
            }
        }
        if (changed) {
            identity.modifiedMillis = clock.millis();
            persist();
        }
        return verified;
    }

    private List<Login> verifyLogins(Map<String, String> logins) {
        List<Login> verified = new ArrayList<>();
        if (logins == null) {
            return verified;
        }
        for (Map.Entry<String, String> entry : logins.entrySet()) {
            if (!entry.getKey().equals(userPool.providerName())) {
                throw notAuthorized("Invalid login token. Issuer doesn't match providerName");
            }
            JWTClaimsSet claims;
            try {
                claims = userPool.verifyIdTokenForLogin(entry.getValue());
            } catch (TokenService.TokenRejectedException e) {
                throw notAuthorized(
                        switch (e.rejection()) {
                            case MALFORMED -> "Invalid login token. Not a valid OpenId Connect identity token.";
                            case BAD_SIGNATURE -> "Invalid login token. Couldn't verify signed token.";
                            case WRONG_TOKEN_USE -> "Invalid login token. Missing a required claim: aud";
                            case WRONG_ISSUER -> "Invalid login token. Issuer doesn't match providerName";
                            case EXPIRED ->
                                "Invalid login token. Token expired: "
                                        + clock.instant().getEpochSecond()
                                        + " >= "
                                        + (e.claims() == null || e.claims().getExpirationTime() == null
                                                ? 0
                                                : e.claims()
                                                        .getExpirationTime()
                                                        .toInstant()
                                                        .getEpochSecond());
                        });
            }
            List<String> audience = claims.getAudience();
            if (audience == null || audience.isEmpty()) {
                throw notAuthorized("Invalid login token. Missing a required claim: aud");
            }
            if (audience.stream().noneMatch(acceptedClientIds::contains)) {
                throw notAuthorized("Token is not from a supported provider of this identity pool.");
            }
            verified.add(new Login(
                    entry.getKey(),
                    claims.getSubject(),
                    stringList(claims.getClaim("cognito:roles")),
                    claims.getClaim("cognito:preferred_role") instanceof String preferred ? preferred : null));
        }
        return verified;
    }

    private static List<String> stringList(Object claim) {
        List<String> values = new ArrayList<>();
        if (claim instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof String value) {
                    values.add(value);
                }
            }
        }
        return List.copyOf(values);
    }

    private Identity newIdentity(List<Login> logins) {
        Identity identity = new Identity();
        identity.identityId = region + ":" + UUID.randomUUID();
        identity.createdMillis = clock.millis();
        identity.modifiedMillis = identity.createdMillis;
        for (Login login : logins) {
            identity.logins.add(login.key());
            identityByLogin.put(login.key(), identity.identityId);
        }
        state.identities.put(identity.identityId, identity);
        persist();
        return identity;
    }

    private void requirePool(String identityPoolId) {
        if (!state.identityPoolId.equals(identityPoolId)) {
            throw new AwsServiceException(
                    "ResourceNotFoundException", "IdentityPool '" + identityPoolId + "' not found.");
        }
    }

    private Identity requireIdentity(String identityId) {
        Identity identity = state.identities.get(identityId);
        if (identity == null) {
            throw new AwsServiceException("ResourceNotFoundException", "Identity '" + identityId + "' not found.");
        }
        return identity;
    }

    private void persist() {
        StateJson.write(store, document, state);
    }

    private static AwsServiceException loginsDontMatch() {
        return notAuthorized(
                "Logins don't match. Please include at least one valid login for this identity or identity pool.");
    }

    private static AwsServiceException notAuthorized(String message) {
        return new AwsServiceException("NotAuthorizedException", message);
    }
}
