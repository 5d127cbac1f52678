package dev.fieldgate.resolvers;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.policy.Manifest;
import dev.fieldgate.policy.SchemaCompiler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Recorded events, schemas compiled to manifests, and small builders for events in AppSync's JSON shape. */
final class Fixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ALICE = "sub-alice";
    static final String BOB = "sub-bob";
    static final String ADMIN = "sub-admin";

    private static Manifest pins;
    private static Manifest notes;

    private Fixtures() {
    }

    static synchronized Manifest pins() {
        if (pins == null) {
            pins = SchemaCompiler.create().compile(Path.of("../../samples/pins/schema.graphql")).manifest();
        }
        return pins;
    }

    static synchronized Manifest notes() {
        if (notes == null) {
            notes = SchemaCompiler.create().compile(Path.of("src/test/resources/schemas/notes.graphql")).manifest();
        }
        return notes;
    }

    static byte[] resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> resourceJson(String name) {
        return map(resource(name));
    }

    static Map<String, Object> map(byte[] json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Map<String, Object>> list(byte[] json) {
        try {
            return JSON.readValue(json, new TypeReference<List<Map<String, Object>>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(Object json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A user-pool identity as AppSync sends it (groups {@code null} when there are none). */
    static Map<String, Object> userPool(String sub, String... groups) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", sub);
        claims.put("cognito:username", sub.replace("sub-", "") + "@example.com");
        claims.put("token_use", "id");
        if (groups.length > 0) {
            claims.put("cognito:groups", List.of(groups));
        }
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("claims", claims);
        identity.put("defaultAuthStrategy", "ALLOW");
        identity.put("groups", groups.length == 0 ? null : Arrays.asList(groups));
        identity.put("issuer", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_pinsPool1");
        identity.put("sourceIp", List.of("203.0.113.10"));
        identity.put("sub", sub);
        identity.put("username", sub.replace("sub-", "") + "@example.com");
        return identity;
    }

    /** An identity-pool guest. */
    static Map<String, Object> guest() {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("accountId", "123456789012");
        identity.put("cognitoIdentityAuthProvider", null);
        identity.put("cognitoIdentityAuthType", "unauthenticated");
        identity.put("cognitoIdentityId", "us-east-1:guest-identity");
        identity.put("cognitoIdentityPoolId", "us-east-1:pool");
        identity.put("sourceIp", List.of("192.0.2.44"));
        identity.put("userArn", "arn:aws:sts::123456789012:assumed-role/pins-dev-guest/CognitoIdentityCredentials");
        identity.put("username", "AROAGUEST:CognitoIdentityCredentials");
        return identity;
    }

    /** An identity-pool user signed in through the user pool. */
    static Map<String, Object> identityPoolUser(String sub) {
        Map<String, Object> identity = new LinkedHashMap<>(guest());
        identity.put("cognitoIdentityAuthType", "authenticated");
        identity.put("cognitoIdentityId", "us-east-1:user-identity");
        identity.put("cognitoIdentityAuthProvider", "\"cognito-idp.us-east-1.amazonaws.com/us-east-1_pinsPool1\","
                + "\"cognito-idp.us-east-1.amazonaws.com/us-east-1_pinsPool1:CognitoSignIn:" + sub + "\"");
        identity.put("userArn", "arn:aws:sts::123456789012:assumed-role/pins-dev-auth/CognitoIdentityCredentials");
        return identity;
    }

    /** A Direct Lambda event for {@code type.field}; {@code identity} null means an API-key caller. */
    static Map<String, Object> event(String type, String field, Map<String, Object> identity,
                                     Map<String, ?> arguments, Map<String, ?> source) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("selectionSetList", List.of("id"));
        info.put("selectionSetGraphQL", "{\n  id\n}");
        info.put("parentTypeName", type);
        info.put("fieldName", field);
        info.put("variables", Map.of());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("arguments", arguments == null ? Map.of() : arguments);
        event.put("identity", identity);
        event.put("source", source);
        event.put("request", Map.of("headers", Map.of("host", "api.example.com",
                "authorization", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.SECRET-TOKEN"), "domainName", "api.example.com"));
        event.put("prev", null);
        event.put("info", info);
        event.put("stash", Map.of());
        return event;
    }

    static Map<String, Object> pin(String id, String owner) {
        Map<String, Object> pin = new LinkedHashMap<>();
        pin.put("id", id);
        pin.put("title", "Pin " + id);
        pin.put("imageUrl", "https://img.example.com/" + id + ".jpg");
        pin.put("owner", owner);
        pin.put("ownerContact", owner + "@example.com");
        pin.put("createdAt", "2025-11-20T10:00:00Z");
        pin.put("updatedAt", "2025-11-20T10:00:00Z");
        return pin;
    }
}
