package dev.fieldgate.resolvers.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.resolvers.ApiKeyIdentity;
import dev.fieldgate.resolvers.AppSyncEvent;
import dev.fieldgate.resolvers.CognitoUserPoolIdentity;
import dev.fieldgate.resolvers.IamIdentity;
import dev.fieldgate.resolvers.Identity;
import dev.fieldgate.resolvers.Info;
import dev.fieldgate.resolvers.InvalidEventException;
import dev.fieldgate.resolvers.LambdaAuthorizerIdentity;
import dev.fieldgate.resolvers.OidcIdentity;
import dev.fieldgate.resolvers.Request;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads AppSync's Direct Lambda event (one object, or a BatchInvoke array of them; Amplify's {@code @function}
 * shape too) into {@link AppSyncEvent}s. Every problem becomes an {@link InvalidEventException} whose message says
 * which part is wrong without echoing the caller's values.
 */
public final class EventReader {

    private static final String COGNITO_ISSUER_PREFIX = "https://cognito-idp.";

    private final ObjectMapper mapper;

    public EventReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Parses the bytes into frozen JSON values: a map for one event, a list for a BatchInvoke. */
    public Object parse(byte[] json) {
        if (json == null || json.length == 0) {
            throw new InvalidEventException("The event is empty: expected an AppSync resolver event (a JSON object) "
                    + "or a BatchInvoke (a JSON array)");
        }
        Object value;
        try {
            value = mapper.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidEventException("The event is not valid JSON" + where, e);
        } catch (IOException e) {
            throw new InvalidEventException("The event could not be read", e);
        }
        if (!(value instanceof Map) && !(value instanceof List)) {
            throw new InvalidEventException("The event must be a JSON object (one field) or a JSON array "
                    + "(a BatchInvoke), not " + describe(value));
        }
        // Private to this invocation: the event's parts are copied into the immutable model as it is read.
        return value;
    }

    /** Reads one event object. */
    @SuppressWarnings("unchecked")
    public AppSyncEvent event(Object json) {
        if (!(json instanceof Map)) {
            throw new InvalidEventException("Each event must be a JSON object, not " + describe(json));
        }
        Map<String, Object> event = (Map<String, Object>) json;
        try {
            return AppSyncEvent.builder()
                    .info(info(event))
                    .arguments(object(event, "arguments", "arguments"))
                    .identity(identity(event.get("identity")))
                    .source(object(event, "source", "source"))
                    .request(request(event.get("request")))
                    .prev(object(event, "prev", "prev"))
                    .stash(object(event, "stash", "stash"))
                    .build();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidEventException("The event is not valid: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Info info(Map<String, Object> event) {
        Object info = event.get("info");
        if (info instanceof Map) {
            Map<String, Object> fields = (Map<String, Object>) info;
            String type = string(fields, "parentTypeName", "info.parentTypeName");
            String field = string(fields, "fieldName", "info.fieldName");
            if (type == null || type.isBlank() || field == null || field.isBlank()) {
                throw new InvalidEventException("The event's info has no parentTypeName or fieldName");
            }
            return new Info(
                    type,
                    field,
                    object(fields, "variables", "info.variables"),
                    strings(fields.get("selectionSetList"), "info.selectionSetList"),
                    string(fields, "selectionSetGraphQL", "info.selectionSetGraphQL"));
        }
        if (info != null) {
            throw new InvalidEventException("The event's info must be an object, not " + describe(info));
        }
        // Amplify's @function payload names the field at the top level.
        String type = string(event, "typeName", "typeName");
        String field = string(event, "fieldName", "fieldName");
        if (type != null && field != null && !type.isBlank() && !field.isBlank()) {
            return new Info(type, field, Map.of(), List.of(), null);
        }
        throw new InvalidEventException("The event has no info (parentTypeName, fieldName): is this function "
                + "attached to AppSync as a Direct Lambda resolver?");
    }

    @SuppressWarnings("unchecked")
    static Identity identity(Object json) {
        if (json == null) {
            return ApiKeyIdentity.instance();
        }
        if (!(json instanceof Map)) {
            throw new InvalidEventException("The event's identity must be an object or null, not " + describe(json));
        }
        Map<String, Object> identity = (Map<String, Object>) json;
        List<String> sourceIp = strings(identity.get("sourceIp"), "identity.sourceIp");
        if (identity.containsKey("resolverContext")) {
            return new LambdaAuthorizerIdentity(object(identity, "resolverContext", "identity.resolverContext"));
        }
        if (identity.containsKey("userArn")
                || identity.containsKey("cognitoIdentityAuthType")
                || identity.containsKey("accountId")) {
            return new IamIdentity(
                    string(identity, "accountId", "identity.accountId"),
                    string(identity, "userArn", "identity.userArn"),
                    string(identity, "username", "identity.username"),
                    sourceIp,
                    string(identity, "cognitoIdentityPoolId", "identity.cognitoIdentityPoolId"),
                    string(identity, "cognitoIdentityId", "identity.cognitoIdentityId"),
                    string(identity, "cognitoIdentityAuthType", "identity.cognitoIdentityAuthType"),
                    string(identity, "cognitoIdentityAuthProvider", "identity.cognitoIdentityAuthProvider"));
        }
        if (identity.containsKey("sub")) {
            String sub = string(identity, "sub", "identity.sub");
            String issuer = string(identity, "issuer", "identity.issuer");
            Map<String, Object> claims = object(identity, "claims", "identity.claims");
            boolean userPool = identity.containsKey("username")
                    || identity.containsKey("defaultAuthStrategy")
                    || (issuer != null && issuer.startsWith(COGNITO_ISSUER_PREFIX));
            if (!userPool) {
                return new OidcIdentity(sub, issuer, claims, sourceIp);
            }
            String username = string(identity, "username", "identity.username");
            if (username == null && claims != null) {
                Object claimed = claims.getOrDefault("cognito:username", claims.get("username"));
                username = claimed instanceof String name ? name : null;
            }
            Object groups = identity.get("groups");
            if (groups == null && claims != null) {
                groups = claims.get("cognito:groups");
            }
            return new CognitoUserPoolIdentity(
                    sub,
                    username,
                    issuer,
                    claims,
                    strings(groups, "identity.groups"),
                    string(identity, "defaultAuthStrategy", "identity.defaultAuthStrategy"),
                    sourceIp);
        }
        throw new InvalidEventException("The event's identity is of no known kind: expected a user-pool or OIDC "
                + "identity (sub), an IAM identity (userArn), a Lambda authorizer's (resolverContext), or null for "
                + "an API key");
    }

    private static Request request(Object json) {
        if (json == null) {
            return Request.empty();
        }
        if (!(json instanceof Map<?, ?> request)) {
            throw new InvalidEventException("The event's request must be an object, not " + describe(json));
        }
        Object headers = request.get("headers");
        Map<String, String> names = new LinkedHashMap<>();
        if (headers instanceof Map<?, ?> map) {
            map.forEach((name, value) -> {
                if (name != null && value != null) {
                    names.put(name.toString(), value instanceof String text ? text : value.toString());
                }
            });
        } else if (headers != null) {
            throw new InvalidEventException("The event's request.headers must be an object, not " + describe(headers));
        }
        Object domainName = request.get("domainName");
        return Request.of(names, domainName instanceof String text ? text : null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> parent, String key, String path) {
        Object value = parent.get(key);
        if (value == null || value instanceof Map) {
            return (Map<String, Object>) value;
        }
        throw new InvalidEventException("The event's " + path + " must be an object, not " + describe(value));
    }

    private static String string(Map<String, Object> parent, String key, String path) {
        Object value = parent.get(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new InvalidEventException("The event's " + path + " must be a string, not " + describe(value));
    }

    private static List<String> strings(Object value, String path) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String text) {
            // Some callers flatten a single-valued list to its value.
            return List.of(text);
        }
        if (!(value instanceof List<?> list)) {
            throw new InvalidEventException(
                    "The event's " + path + " must be a list of strings, not " + describe(value));
        }
        List<String> strings = new ArrayList<>(list.size());
        for (Object item : list) {
            if (item instanceof String text) {
                strings.add(text);
            } else if (item != null) {
                throw new InvalidEventException("The event's " + path + " must be a list of strings");
            }
        }
        return strings;
    }

    /** The JSON kind of a value, never the value itself (it may be a credential). */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Number) {
            return "a number";
        }
        return "a " + value.getClass().getSimpleName();
    }
}
