package dev.fieldgate.samples.pins;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The callers of the tests, as AppSync describes them in {@code identity}; {@code null} is an API-key caller. */
final class Callers {

    private Callers() {
    }

    static Map<String, Object> user(String sub, String... groups) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", sub);
        claims.put("cognito:username", sub + "@example.com");
        claims.put("token_use", "id");
        claims.put("email", sub + "@example.com");
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
        identity.put("username", sub + "@example.com");
        return identity;
    }

    static Map<String, Object> guest() {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("accountId", "123456789012");
        identity.put("cognitoIdentityAuthProvider", null);
        identity.put("cognitoIdentityAuthType", "unauthenticated");
        identity.put("cognitoIdentityId", "us-east-1:guest");
        identity.put("cognitoIdentityPoolId", "us-east-1:pool");
        identity.put("sourceIp", List.of("192.0.2.44"));
        identity.put("userArn", "arn:aws:sts::123456789012:assumed-role/pins-dev-guest/CognitoIdentityCredentials");
        identity.put("username", "AROAGUEST:CognitoIdentityCredentials");
        return identity;
    }

    static Map<String, Object> identityPoolUser(String sub) {
        Map<String, Object> identity = new LinkedHashMap<>(guest());
        identity.put("cognitoIdentityAuthType", "authenticated");
        identity.put("cognitoIdentityId", "us-east-1:" + sub);
        identity.put("cognitoIdentityAuthProvider", "\"cognito-idp.us-east-1.amazonaws.com/us-east-1_pinsPool1\","
                + "\"cognito-idp.us-east-1.amazonaws.com/us-east-1_pinsPool1:CognitoSignIn:" + sub + "\"");
        identity.put("userArn", "arn:aws:sts::123456789012:assumed-role/pins-dev-auth/CognitoIdentityCredentials");
        return identity;
    }

    static Map<String, Object> event(String type, String field, Map<String, Object> identity, Map<String, ?> arguments,
                                     Map<String, ?> source) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("arguments", arguments == null ? Map.of() : arguments);
        event.put("identity", identity);
        event.put("source", source);
        event.put("request", Map.of("headers", Map.of("host", "pins.example.com",
                "authorization", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.SECRET-SIGNATURE"), "domainName", "pins.example.com"));
        event.put("prev", null);
        event.put("info", Map.of("parentTypeName", type, "fieldName", field, "variables", Map.of(),
                "selectionSetList", List.of("id"), "selectionSetGraphQL", "{\n  id\n}"));
        event.put("stash", Map.of());
        return event;
    }
}
