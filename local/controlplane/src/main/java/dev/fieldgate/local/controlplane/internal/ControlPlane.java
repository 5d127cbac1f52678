package dev.fieldgate.local.controlplane.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldgate.local.cognito.internal.CognitoStack;
import dev.fieldgate.local.cognito.internal.identitypool.IdentityPool;
import dev.fieldgate.local.core.internal.http.ExchangeHandler;
import dev.fieldgate.local.core.internal.http.HttpExchange;
import dev.fieldgate.local.core.internal.http.Router;
import dev.fieldgate.local.core.internal.iam.RolePolicies;
import dev.fieldgate.policy.Manifest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The control-plane services of the local stack on its one port, answered from the stack's own state the way AWS
 * answers them: AppSync's control plane ({@code /v1/apis…}), STS ({@code GetCallerIdentity},
 * {@code AssumeRoleWithWebIdentity}) and IAM (the identity pool's roles and their policies).
 */
public final class ControlPlane {

    private static final char[] ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private final AppSyncControlPlane appSync;
    private final StsApi sts;
    private final IamApi iam;

    /**
     * @param api            the API's settings as deployed
     * @param apiId          the API id
     * @param cognito        the Cognito part (credentials, verifier, identity pool)
     * @param endpoint       the stack's base URL, once it listens
     * @param resolvers      the manifest's resolvers
     * @param rolePolicies   the roles' policies the AppSync endpoint authorizes with; IAM changes are published here
     * @param removeResolver takes a field's resolver out of the running API: {@code (type, field) -> removed}
     */
    public ControlPlane(
            ApiDescription api,
            String apiId,
            CognitoStack cognito,
            Supplier<URI> endpoint,
            List<Manifest.Resolver> resolvers,
            AtomicReference<RolePolicies> rolePolicies,
            BiConsumer<String, String> removeResolver,
            Clock clock) {
        String region = cognito.config().region();
        String accountId = cognito.registry().accountId();
        IdentityPool pool = cognito.identityPool().orElse(null);
        List<IamRoles.Role> roles = new ArrayList<>();
        if (pool != null) {
            roles.add(role(
                    pool,
                    "authenticated",
                    pool.authenticatedRoleArn(),
                    pool.authenticatedRoleId(),
                    "authenticated",
                    "signed-in identities"));
            pool.guestRoleArn()
                    .ifPresent(arn -> roles.add(role(
                            pool,
                            "guest",
                            arn,
                            pool.guestRoleId(),
                            "unauthenticated",
                            "guest (unauthenticated) identities")));
            // A role per user-pool group with grants of its own: signed-in identities whose token prefers it.
            for (IdentityPool.GroupRole group : pool.groupRoles()) {
                roles.add(role(
                        pool,
                        "group",
                        group.arn(),
                        group.roleId(),
                        "authenticated",
                        "signed-in members of the user-pool group " + group.group()));
            }
        }
        IamRoles iamRoles = new IamRoles(roles, rolePolicies, accountId, clock.instant());
        this.appSync = new AppSyncControlPlane(
                api, apiId, region, accountId, endpoint, resolvers, cognito.verifier(), iamRoles, removeResolver);
        this.sts = new StsApi(cognito.verifier(), cognito.registry(), pool, iamRoles, region, clock);
        this.iam = new IamApi(iamRoles, cognito.verifier(), accountId);
    }

    /**
     * Registers AppSync's control plane by path, STS and IAM by the signing name of their signed calls, and a
     * dispatcher by {@code Action} for Query-protocol calls that arrive unsigned (AssumeRoleWithWebIdentity, or a
     * client without credentials, which then gets the service's own authentication error).
     */
    public void registerInto(Router router) {
        router.addPathPrefix(AppSyncControlPlane.PATH_PREFIX, appSync.asJettyHandler());
        router.addSigV4FormService("sts", sts.asJettyHandler());
        router.addSigV4FormService("iam", iam.asJettyHandler());
        ExchangeHandler unsigned = this::unsignedQuery;
        router.addPath("/", unsigned.asJettyHandler());
    }

    private void unsignedQuery(HttpExchange exchange) throws Exception {
        String contentType = exchange.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!"POST".equals(exchange.method()) || !contentType.startsWith("application/x-www-form-urlencoded")) {
            exchange.respond(404, "text/plain; charset=utf-8", "Not Found");
            return;
        }
        String action = exchange.formParam("Action").orElse("");
        if (IamApi.ACTIONS.contains(action)) {
            iam.handle(exchange);
        } else {
            sts.handle(exchange);
        }
    }

    private static IamRoles.Role role(
            IdentityPool pool, String key, String arn, String roleId, String amr, String who) {
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        return new IamRoles.Role(
                name,
                arn,
                roleId,
                key,
                amr,
                trustPolicy(pool.id(), key, amr),
                "Cognito identity pool " + pool.config().name() + ": " + who);
    }

    /** The trust policy the identity-pool module writes: this pool's identities of one kind, nothing else. */
    private static String trustPolicy(String poolId, String key, String amr) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("Version", "2012-10-17");
        ObjectNode statement = root.putArray("Statement").addObject();
        statement.put("Sid", "CognitoIdentity" + Character.toUpperCase(key.charAt(0)) + key.substring(1));
        statement.put("Effect", "Allow");
        statement.put("Action", "sts:AssumeRoleWithWebIdentity");
        statement.putObject("Principal").put("Federated", StsApi.COGNITO_PROVIDER);
        ObjectNode condition = statement.putObject("Condition");
        condition.putObject("StringEquals").put("cognito-identity.amazonaws.com:aud", poolId);
        condition.putObject("ForAnyValue:StringLike").put("cognito-identity.amazonaws.com:amr", amr);
        return root.toPrettyString();
    }

    /** A stable IAM-style unique id suffix (upper-case letters and digits) derived from a seed. */
    static String stableId(String seed, int length) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            char[] chars = new char[length];
            for (int i = 0; i < length; i++) {
                chars[i] = ID_ALPHABET[(hash[i] & 0xff) % ID_ALPHABET.length];
            }
            return new String(chars);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
