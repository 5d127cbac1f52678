package dev.fieldgate.local.cognito.internal.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldgate.local.cognito.internal.userpool.PoolState.GroupRecord;
import dev.fieldgate.local.core.internal.awsjson.AwsJson;
import dev.fieldgate.local.core.internal.awsjson.AwsServiceException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Request members and response shapes that several operations of {@link UserPoolApi} share. */
final class ApiShapes {

    private ApiShapes() {}

    // ------------------------------------------------------------------ requests

    static Map<String, String> requiredAttributes(ObjectNode in, String member) {
        if (!in.has(member) || in.get(member).isNull()) {
            throw AwsServiceException.missing(member);
        }
        return AwsJson.attributeList(in, member);
    }

    /** The internal username for a name or alias, to check a SECRET_HASH computed over either; null if unknown. */
    static String canonical(UserPool pool, String signInName) {
        return pool.findUserView(signInName).map(UserPool.UserView::username).orElse(null);
    }

    static void requireFlow(UserPool.ClientRuntime client, String explicitFlow, String flow) {
        if (!client.allows(explicitFlow)) {
            throw CognitoErrors.invalidParameter(flow + " flow not enabled for this client");
        }
    }

    static String requiredParameter(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.isEmpty()) {
            throw CognitoErrors.missingAuthParameter(name);
        }
        return value;
    }

    // ------------------------------------------------------------------ responses

    static JsonNode tokensResult(UserPool.Tokens tokens) {
        ObjectNode out = AwsJson.object();
        out.putObject("ChallengeParameters");
        ObjectNode result = out.putObject("AuthenticationResult");
        result.put("AccessToken", tokens.accessToken());
        result.put("ExpiresIn", tokens.expiresInSeconds());
        result.put("TokenType", "Bearer");
        if (tokens.refreshToken() != null) {
            result.put("RefreshToken", tokens.refreshToken());
        }
        if (tokens.idToken() != null) {
            result.put("IdToken", tokens.idToken());
        }
        return out;
    }

    static ObjectNode delivery(UserPool.CodeDelivery d) {
        ObjectNode node = AwsJson.object();
        node.put("Destination", d.destination());
        node.put("DeliveryMedium", d.deliveryMedium());
        node.put("AttributeName", d.attributeName());
        return node;
    }

    /** The user's attributes as {@code [{Name, Value}]}, only those in {@code only} unless it is null. */
    static ArrayNode attributes(UserSnapshot user, Set<String> only) {
        ArrayNode list = AwsJson.MAPPER.createArrayNode();
        for (Map.Entry<String, String> attr : user.attributes()) {
            if (only == null || only.contains(attr.getKey())) {
                list.addObject().put("Name", attr.getKey()).put("Value", attr.getValue());
            }
        }
        return list;
    }

    static ObjectNode userType(UserSnapshot user, Set<String> only) {
        ObjectNode node = AwsJson.object();
        node.put("Username", user.username());
        node.set("Attributes", attributes(user, only));
        node.put("UserCreateDate", AwsJson.timestamp(Instant.ofEpochMilli(user.createdMillis())));
        node.put("UserLastModifiedDate", AwsJson.timestamp(Instant.ofEpochMilli(user.modifiedMillis())));
        node.put("Enabled", user.enabled());
        node.put("UserStatus", user.status().cognitoName());
        return node;
    }

    static ObjectNode groupType(GroupRecord group, String poolId) {
        ObjectNode node = AwsJson.object();
        node.put("GroupName", group.name);
        node.put("UserPoolId", poolId);
        if (group.description != null) {
            node.put("Description", group.description);
        }
        if (group.roleArn != null) {
            node.put("RoleArn", group.roleArn);
        }
        if (group.precedence != null) {
            node.put("Precedence", group.precedence);
        }
        node.put("LastModifiedDate", AwsJson.timestamp(Instant.ofEpochMilli(group.modifiedMillis)));
        node.put("CreationDate", AwsJson.timestamp(Instant.ofEpochMilli(group.createdMillis)));
        return node;
    }

    /** One page of {@code items}; the page token is an opaque offset. */
    static <T> JsonNode page(
            List<T> items,
            ObjectNode in,
            String limitMember,
            int maxLimit,
            String tokenMember,
            String listName,
            String nextName,
            Function<T, JsonNode> shape) {
        int limit = AwsJson.optionalInt(in, limitMember).orElse(maxLimit);
        if (limit < 0 || limit > maxLimit) {
            throw AwsServiceException.constraint(
                    limitMember, "Member must have value less than or equal to " + maxLimit);
        }
        if (limit == 0) {
            limit = maxLimit;
        }
        int offset = AwsJson.optionalString(in, tokenMember)
                .map(ApiShapes::decodePageToken)
                .orElse(0);
        ObjectNode out = AwsJson.object();
        ArrayNode list = out.putArray(listName);
        int end = Math.min(items.size(), offset + limit);
        for (int i = offset; i < end; i++) {
            list.add(shape.apply(items.get(i)));
        }
        if (end < items.size()) {
            out.put(nextName, Base64.getEncoder().encodeToString(("offset:" + end).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static int decodePageToken(String token) {
        try {
            String text = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith("offset:")) {
                int offset = Integer.parseInt(text.substring(7));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw CognitoErrors.invalidParameter("Invalid pagination token.");
    }
}
