package dev.fieldgate.resolvers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes {@link AppSyncEvent}s as AppSync sends them to a Direct Lambda resolver ({@code docs/resolver-contract.md}):
 * one event as a JSON object, a BatchInvoke as an array of them. The {@code identity} takes its auth mode's shape:
 * a user-pool user's {@code sub}, {@code username}, {@code claims} and {@code groups} ({@code null} when none); an
 * IAM caller's account, ARN and identity-pool fields; {@code null} for an API key; an OIDC user's {@code sub},
 * {@code issuer} and {@code claims}; a Lambda authorizer's {@code resolverContext}.
 *
 * <p>What it writes, the runtime reads back into an equal event. It serves tests (the {@code fieldgate-test-support}
 * event builders write through it) and SnapStart priming, which sends synthetic events down the runtime's real
 * path. Thread-safe.
 *
 * <pre>{@code
 * AppSyncEvent event = AppSyncEvent.builder().field("Query", "getPin").arguments(Map.of("id", "p-1")).build();
 * byte[] json = AppSyncEventWriter.create().write(event);
 * }</pre>
 */
public final class AppSyncEventWriter {

    private static final TypeReference<LinkedHashMap<String, Object>> TREE = new TypeReference<>() {};

    private final ObjectMapper mapper;

    private AppSyncEventWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A writer with {@link AppSyncResolver#defaultObjectMapper()}: {@code java.time} values as ISO-8601 text. */
    public static AppSyncEventWriter create() {
        return new AppSyncEventWriter(AppSyncResolver.defaultObjectMapper());
    }

    /** A writer whose mapper writes the values inside arguments, source, stash and claims (records, dates...). */
    public static AppSyncEventWriter create(ObjectMapper mapper) {
        return new AppSyncEventWriter(Objects.requireNonNull(mapper, "mapper"));
    }

    /** The event as AppSync's JSON. */
    public byte[] write(AppSyncEvent event) {
        return bytes(tree(Objects.requireNonNull(event, "event")));
    }

    /** A BatchInvoke: the events as a JSON array, in their order. */
    public byte[] writeBatch(List<AppSyncEvent> events) {
        List<Object> trees = new ArrayList<>(events.size());
        for (AppSyncEvent event : events) {
            trees.add(tree(Objects.requireNonNull(event, "event")));
        }
        return bytes(trees);
    }

    /**
     * The event as a JSON tree: new {@code LinkedHashMap}s and {@code ArrayList}s in AppSync's key order, which the
     * caller may change (e.g. to break an event on purpose in a test).
     */
    public Map<String, Object> toMap(AppSyncEvent event) {
        Map<String, Object> tree = tree(Objects.requireNonNull(event, "event"));
        try {
            return mapper.convertValue(tree, TREE);
        } catch (IllegalArgumentException e) {
            throw unwritable(e);
        }
    }

    private byte[] bytes(Object tree) {
        try {
            return mapper.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw unwritable(e);
        }
    }

    private static IllegalArgumentException unwritable(Exception e) {
        return new IllegalArgumentException(
                "The event holds a value its mapper cannot write as JSON; give the "
                        + "writer a mapper that can (AppSyncEventWriter.create(mapper)): " + e.getMessage(),
                e);
    }

    private static Map<String, Object> tree(AppSyncEvent event) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("headers", event.request().headers());
        request.put("domainName", event.request().domainName());
        Info info = event.info();
        Map<String, Object> infoTree = new LinkedHashMap<>();
        infoTree.put("selectionSetList", info.selectionSetList());
        infoTree.put("selectionSetGraphQL", info.selectionSetGraphQL());
        infoTree.put("parentTypeName", info.parentTypeName());
        infoTree.put("fieldName", info.fieldName());
        infoTree.put("variables", info.variables());
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("arguments", event.arguments());
        tree.put("identity", identity(event.identity()));
        tree.put("source", event.source());
        tree.put("request", request);
        tree.put("prev", event.prev());
        tree.put("info", infoTree);
        tree.put("stash", event.stash());
        return tree;
    }

    /** The identity's shape for its auth mode; {@code null} for an API key, as on the wire. */
    private static Map<String, Object> identity(Identity identity) {
        Map<String, Object> tree = new LinkedHashMap<>();
        if (identity instanceof CognitoUserPoolIdentity user) {
            tree.put("claims", user.claims());
            tree.put("defaultAuthStrategy", user.defaultAuthStrategy());
            tree.put("groups", user.groups().isEmpty() ? null : user.groups());
            tree.put("issuer", user.issuer());
            tree.put("sourceIp", user.sourceIp());
            tree.put("sub", user.sub());
            tree.put("username", user.username());
        } else if (identity instanceof IamIdentity iam) {
            tree.put("accountId", iam.accountId());
            tree.put("cognitoIdentityAuthProvider", iam.cognitoIdentityAuthProvider());
            tree.put("cognitoIdentityAuthType", iam.cognitoIdentityAuthType());
            tree.put("cognitoIdentityId", iam.cognitoIdentityId());
            tree.put("cognitoIdentityPoolId", iam.cognitoIdentityPoolId());
            tree.put("sourceIp", iam.sourceIp());
            tree.put("userArn", iam.userArn());
            tree.put("username", iam.username());
        } else if (identity instanceof OidcIdentity oidc) {
            tree.put("claims", oidc.claims());
            tree.put("issuer", oidc.issuer());
            tree.put("sub", oidc.sub());
            // AppSync's OIDC identity has no addresses; keep them when an event read from elsewhere had some.
            if (!oidc.sourceIp().isEmpty()) {
                tree.put("sourceIp", oidc.sourceIp());
            }
        } else if (identity instanceof LambdaAuthorizerIdentity lambda) {
            tree.put("resolverContext", lambda.resolverContext());
        } else {
            return null;
        }
        return tree;
    }
}
