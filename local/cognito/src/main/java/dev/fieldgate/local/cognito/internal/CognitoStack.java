package dev.fieldgate.local.cognito.internal;

import dev.fieldgate.config.AppConfig;
import dev.fieldgate.local.cognito.IssuerStyle;
import dev.fieldgate.local.cognito.internal.hostedui.HostedUi;
import dev.fieldgate.local.cognito.internal.identitypool.IdentityPool;
import dev.fieldgate.local.cognito.internal.identitypool.IdentityPoolApi;
import dev.fieldgate.local.cognito.internal.identitypool.IdentityWellKnown;
import dev.fieldgate.local.cognito.internal.userpool.UserPool;
import dev.fieldgate.local.cognito.internal.userpool.UserPoolApi;
import dev.fieldgate.local.cognito.internal.userpool.UserPoolWellKnown;
import dev.fieldgate.local.core.internal.http.Router;
import dev.fieldgate.local.core.internal.sigv4.CredentialsRegistry;
import dev.fieldgate.local.core.internal.sigv4.SigV4Verifier;
import dev.fieldgate.local.core.internal.state.StateJson;
import dev.fieldgate.local.core.internal.state.StateStore;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The local Cognito: the credentials registry and SigV4 verifier, the user pool, the identity pool and the hosted
 * UI, opened from a state store and registered into a {@link Router}. Other local services (AppSync) are built on
 * {@link #registry()} and {@link #verifier()}.
 */
public final class CognitoStack {

    private static final String STACK_DOC = "cognito/stack.json";

    private final AppConfig config;
    private final CredentialsRegistry registry;
    private final SigV4Verifier verifier;
    private final OutboxStore outbox;
    private final UserPool userPool;
    private final IdentityPool identityPool;
    private final Supplier<URI> baseUri;
    private final Clock clock;

    private static final class StackDoc {
        Map<String, String> userPools = new LinkedHashMap<>();
        Map<String, String> identityPools = new LinkedHashMap<>();
    }

    private CognitoStack(
            AppConfig config,
            CredentialsRegistry registry,
            OutboxStore outbox,
            UserPool userPool,
            IdentityPool identityPool,
            Supplier<URI> baseUri,
            Clock clock) {
        this.config = config;
        this.registry = registry;
        this.verifier = new SigV4Verifier(registry, clock);
        this.outbox = outbox;
        this.userPool = userPool;
        this.identityPool = identityPool;
        this.baseUri = baseUri;
        this.clock = clock;
    }

    /**
     * Opens (or creates) the Cognito state for a config.
     *
     * @param baseUri the stack's base URL; may only be known once the server listens, so it is asked lazily
     */
    public static CognitoStack open(
            AppConfig config,
            StateStore store,
            Clock clock,
            SecureRandom random,
            IssuerStyle issuerStyle,
            Supplier<URI> baseUri) {
        return open(config, store, clock, random, issuerStyle, baseUri, Map.of());
    }

    /**
     * Opens (or creates) the Cognito state for a config whose user-pool groups have identity-pool roles.
     *
     * @param baseUri        the stack's base URL; may only be known once the server listens, so it is asked lazily
     * @param groupRoleNames the IAM role name of each group that has a role (its ARN is in the stack's account): the
     *                       user pool puts the roles into its ID tokens ({@code cognito:roles},
     *                       {@code cognito:preferred_role}) and the identity pool maps them (token-based role mapping)
     */
    public static CognitoStack open(
            AppConfig config,
            StateStore store,
            Clock clock,
            SecureRandom random,
            IssuerStyle issuerStyle,
            Supplier<URI> baseUri,
            Map<String, String> groupRoleNames) {
        return open(
                config,
                store,
                clock,
                random,
                issuerStyle,
                baseUri,
                groupRoleNames,
                new CredentialsRegistry(store, clock, random));
    }

    /**
     * Opens (or creates) the Cognito state around a credentials registry opened before it, on the same store (a
     * stack hands its function a role session before the user pool is open).
     */
    public static CognitoStack open(
            AppConfig config,
            StateStore store,
            Clock clock,
            SecureRandom random,
            IssuerStyle issuerStyle,
            Supplier<URI> baseUri,
            Map<String, String> groupRoleNames,
            CredentialsRegistry registry) {
        Optional<StackDoc> existing = StateJson.read(store, STACK_DOC, StackDoc.class);
        // A fresh state needs its signing keys: generate them in the background, in parallel. An in-memory identity
        // pool makes its OpenID key only if the classic flow asks for one.
        int fresh = config.identityPool().isPresent() && store.isPersistent() ? 3 : 2;
        try (RsaKeySource keys = new RsaKeySource(existing.isPresent() ? 0 : fresh)) {
            return open(
                    config,
                    store,
                    clock,
                    random,
                    issuerStyle,
                    baseUri,
                    existing.orElseGet(StackDoc::new),
                    keys,
                    groupRoleNames,
                    registry);
        }
    }

    private static CognitoStack open(
            AppConfig config,
            StateStore store,
            Clock clock,
            SecureRandom random,
            IssuerStyle issuerStyle,
            Supplier<URI> baseUri,
            StackDoc stack,
            RsaKeySource keys,
            Map<String, String> groupRoleNames,
            CredentialsRegistry registry) {
        Map<String, String> groupRoleArns = new LinkedHashMap<>();
        groupRoleNames.forEach(
                (group, role) -> groupRoleArns.put(group, "arn:aws:iam::" + registry.accountId() + ":role/" + role));
        String poolName = config.userPool().name();
        String poolId = stack.userPools.computeIfAbsent(poolName, n -> config.region() + "_" + poolSuffix(random));
        if (!poolId.startsWith(config.region() + "_")) {
            // The region changed in the config: a pool id must carry its region, so this is a new pool.
            poolId = config.region() + "_" + poolSuffix(random);
            stack.userPools.put(poolName, poolId);
        }
        String identityPoolId = null;
        if (config.identityPool().isPresent()) {
            String name = config.identityPool().get().name();
            identityPoolId = stack.identityPools.computeIfAbsent(name, n -> config.region() + ":" + UUID.randomUUID());
            if (!identityPoolId.startsWith(config.region() + ":")) {
                identityPoolId = config.region() + ":" + UUID.randomUUID();
                stack.identityPools.put(name, identityPoolId);
            }
        }
        StateJson.write(store, STACK_DOC, stack);
        OutboxStore outbox = new OutboxStore(store);
        java.util.function.Function<String, String> issuer = issuerStyle == IssuerStyle.LOCAL
                ? id -> baseUri.get() + "/" + id
                : id -> "https://cognito-idp." + config.region() + ".amazonaws.com/" + id;
        UserPool userPool = UserPool.open(config, poolId, store, clock, random, outbox, issuer, keys, groupRoleArns);
        IdentityPool identityPool = identityPoolId == null
                ? null
                : IdentityPool.open(config, identityPoolId, userPool, registry, store, clock, keys, groupRoleArns);
        return new CognitoStack(config, registry, outbox, userPool, identityPool, baseUri, clock);
    }

    /**
     * Waits until signing keys generated for this start are written to the state (they are written in the
     * background as soon as they exist): call before closing the state store. A failure to generate or write them
     * was already reported to whoever needed a key, so it is not rethrown here.
     */
    public void awaitKeysWritten() {
        CompletableFuture<Void> identityKey =
                identityPool == null ? CompletableFuture.completedFuture(null) : identityPool.keyReady();
        CompletableFuture.allOf(userPool.tokens().ready(), identityKey)
                .exceptionally(failure -> null)
                .join();
    }

    /** Registers the Cognito endpoints: both JSON APIs, the well-known documents and the hosted UI. */
    public void registerInto(Router router) {
        router.addJsonTarget(
                UserPoolApi.TARGET_PREFIX,
                new UserPoolApi(userPool, verifier).service().asJettyHandler());
        UserPoolWellKnown wellKnown = new UserPoolWellKnown(userPool, baseUri);
        router.addPath(wellKnown.jwksPath(), wellKnown.asJettyHandler());
        router.addPath(wellKnown.openIdConfigurationPath(), wellKnown.asJettyHandler());
        if (identityPool != null) {
            router.addJsonTarget(
                    IdentityPoolApi.TARGET_PREFIX,
                    new IdentityPoolApi(identityPool, userPool, verifier)
                            .service()
                            .asJettyHandler());
            router.addPath(IdentityWellKnown.PATH, new IdentityWellKnown(identityPool).asJettyHandler());
        }
        new HostedUi(userPool, clock, baseUri).registerInto(router);
    }

    private static String poolSuffix(SecureRandom random) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            suffix.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return suffix.toString();
    }

    public AppConfig config() {
        return config;
    }

    public CredentialsRegistry registry() {
        return registry;
    }

    public SigV4Verifier verifier() {
        return verifier;
    }

    public OutboxStore outbox() {
        return outbox;
    }

    public UserPool userPool() {
        return userPool;
    }

    public Optional<IdentityPool> identityPool() {
        return Optional.ofNullable(identityPool);
    }
}
