package dev.fieldgate.local.internal.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldgate.local.core.LocalAdminCredentials;
import dev.fieldgate.local.core.LocalStackException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * The console's client of the stack it belongs to: plain HTTP to the stack's own port, as any AWS client would call
 * it. Administration is SigV4-signed with the local administrator's key; a guest's GraphQL request with credentials
 * of the identity pool (one guest identity, renewed before its credentials expire).
 */
final class StackClient {

    /** A call the stack refused: its error type and message, shown to the developer as they are. */
    static final class CallFailed extends LocalStackException {
        private static final long serialVersionUID = 1L;
        private final String type;

        CallFailed(String type, String message) {
            super(message);
            this.type = type;
        }

        String type() {
            return type;
        }
    }

    private final Supplier<URI> endpoint;
    private final LocalAdminCredentials admin;
    private final String region;
    private final ObjectMapper json;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private AwsSessionCredentialsIdentity guest;
    private Instant guestExpires = Instant.EPOCH;

    StackClient(Supplier<URI> endpoint, LocalAdminCredentials admin, String region, ObjectMapper json) {
        this.endpoint = endpoint;
        this.admin = admin;
        this.region = region;
        this.json = json;
    }

    // ------------------------------------------------------------------------------------------ user pool

    JsonNode signUp(String clientId, String email, String password) {
        ObjectNode in = json.createObjectNode()
                .put("ClientId", clientId)
                .put("Username", email)
                .put("Password", password);
        in.putArray("UserAttributes").addObject().put("Name", "email").put("Value", email);
        return cognito("SignUp", in, false);
    }

    JsonNode confirm(String clientId, String username, String code) {
        return cognito(
                "ConfirmSignUp",
                json.createObjectNode()
                        .put("ClientId", clientId)
                        .put("Username", username)
                        .put("ConfirmationCode", code),
                false);
    }

    /** Signs a user in with a password; answers the ID token (the page keeps it in memory only). */
    JsonNode signIn(String clientId, String username, String password) {
        ObjectNode in =
                json.createObjectNode().put("AuthFlow", "USER_PASSWORD_AUTH").put("ClientId", clientId);
        in.putObject("AuthParameters").put("USERNAME", username).put("PASSWORD", password);
        JsonNode out = cognito("InitiateAuth", in, false);
        JsonNode result = out.path("AuthenticationResult");
        if (!result.path("IdToken").isTextual()) {
            throw new CallFailed(
                    "ChallengeRequired",
                    "the user must answer " + out.path("ChallengeName").asText("a challenge") + " first");
        }
        return json.createObjectNode()
                .put("username", username)
                .put("idToken", result.path("IdToken").asText());
    }

    JsonNode users() {
        JsonNode listed = cognito("ListUsers", pool().put("Limit", 60), true);
        ArrayNode out = json.createArrayNode();
        for (JsonNode user : listed.path("Users")) {
            ObjectNode entry = out.addObject();
            String username = user.path("Username").asText();
            entry.put("username", username);
            entry.put("status", user.path("UserStatus").asText());
            entry.put("enabled", user.path("Enabled").asBoolean(true));
            for (JsonNode attribute : user.path("Attributes")) {
                if ("email".equals(attribute.path("Name").asText())) {
                    entry.put("email", attribute.path("Value").asText());
                }
            }
            ArrayNode groups = entry.putArray("groups");
            cognito("AdminListGroupsForUser", pool().put("Username", username), true)
                    .path("Groups")
                    .forEach(g -> groups.add(g.path("GroupName").asText()));
        }
        return out;
    }

    JsonNode addToGroup(String username, String group) {
        return cognito("AdminAddUserToGroup", pool().put("Username", username).put("GroupName", group), true);
    }

    JsonNode disable(String username) {
        return cognito("AdminDisableUser", pool().put("Username", username), true);
    }

    private String userPoolId;

    void userPoolId(String id) {
        this.userPoolId = id;
    }

    private ObjectNode pool() {
        return json.createObjectNode().put("UserPoolId", userPoolId);
    }

    private JsonNode cognito(String operation, ObjectNode input, boolean signed) {
        return awsJson(
                "AWSCognitoIdentityProviderService." + operation,
                "application/x-amz-json-1.1",
                input,
                signed ? "cognito-idp" : null);
    }

    // ------------------------------------------------------------------------------------------ DynamoDB

    JsonNode scan(String table, int limit) {
        JsonNode out = awsJson(
                "DynamoDB_20120810.Scan",
                "application/x-amz-json-1.0",
                json.createObjectNode().put("TableName", table).put("Limit", limit),
                "dynamodb");
        return out.path("Items");
    }

    // ------------------------------------------------------------------------------------------ GraphQL

    /**
     * Runs a GraphQL request as the caller the page picked: {@code anonymous}, {@code guest}, {@code user} (with the
     * ID token the page holds) or {@code admin} (the local administrator's key, IAM).
     *
     * @return {@code {status, body}}: AppSync's answer as it came
     */
    JsonNode graphql(JsonNode input, Optional<String> identityPoolId) {
        ObjectNode body = json.createObjectNode();
        body.set("query", input.path("query"));
        if (input.hasNonNull("variables")) {
            body.set("variables", input.get("variables"));
        }
        if (input.hasNonNull("operationName")) {
            body.set("operationName", input.get("operationName"));
        }
        byte[] bytes = write(body);
        URI uri = endpoint.get().resolve("/graphql");
        JsonNode caller = input.path("caller");
        String kind = caller.path("kind").asText("anonymous");
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json");
        switch (kind) {
            case "anonymous" -> {}
            case "user" -> request.header("Authorization", caller.path("token").asText());
            case "guest" -> sign(request, uri, bytes, guest(identityPoolId), "appsync", "application/json");
            case "admin" -> sign(request, uri, bytes, adminIdentity(), "appsync", "application/json");
            default -> throw new IllegalArgumentException("caller.kind is anonymous, guest, user or admin");
        }
        HttpResponse<byte[]> response =
                send(request.POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
        ObjectNode out = json.createObjectNode();
        out.put("status", response.statusCode());
        out.set("body", read(response.body()));
        return out;
    }

    /**
     * The authorization object of an AppSync real-time message for a guest or the administrator: the SigV4 headers of
     * the request AppSync has the client sign, a {@code POST} to {@code /graphql/connect} with the connection's payload
     * (step {@code connect}) or to {@code /graphql} with a subscription's {@code data} (step {@code start}). Users hold
     * their own tokens in the page; anonymous callers send no signature and see AppSync's refusal.
     */
    JsonNode realtimeAuthorization(JsonNode input, Optional<String> identityPoolId) {
        String kind = input.path("caller").path("kind").asText();
        AwsCredentialsIdentity identity = switch (kind) {
            case "guest" -> guest(identityPoolId);
            case "admin" -> adminIdentity();
            default -> throw new IllegalArgumentException("caller.kind is guest or admin");
        };
        String path = switch (input.path("step").asText()) {
            case "connect" -> "/graphql/connect";
            case "start" -> "/graphql";
            default -> throw new IllegalArgumentException("step is connect or start");
        };
        if (!input.path("body").isTextual()) {
            throw new IllegalArgumentException("body is required");
        }
        URI uri = endpoint.get().resolve(path);
        SdkHttpRequest unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(uri)
                .putHeader("accept", "application/json, text/javascript")
                .putHeader("content-encoding", "amz-1.0")
                .putHeader("content-type", "application/json; charset=UTF-8")
                .build();
        var signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(identity)
                        .request(unsigned)
                        .payload(ContentStreamProvider.fromUtf8String(
                                input.path("body").asText()))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "appsync")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        ObjectNode headers = json.createObjectNode();
        signed.request().headers().forEach((name, values) -> headers.put(name, String.join(",", values)));
        return headers;
    }

    private synchronized AwsSessionCredentialsIdentity guest(Optional<String> identityPoolId) {
        if (guest != null && Instant.now().isBefore(guestExpires.minusSeconds(60))) {
            return guest;
        }
        String poolId = identityPoolId.orElseThrow(
                () -> new CallFailed("NoIdentityPool", "the app has no identity pool: there are no guests"));
        JsonNode id = awsJson(
                "AWSCognitoIdentityService.GetId",
                "application/x-amz-json-1.1",
                json.createObjectNode().put("IdentityPoolId", poolId),
                null);
        JsonNode credentials = awsJson(
                        "AWSCognitoIdentityService.GetCredentialsForIdentity",
                        "application/x-amz-json-1.1",
                        json.createObjectNode()
                                .put("IdentityId", id.path("IdentityId").asText()),
                        null)
                .path("Credentials");
        guest = AwsSessionCredentialsIdentity.create(
                credentials.path("AccessKeyId").asText(),
                credentials.path("SecretKey").asText(),
                credentials.path("SessionToken").asText());
        guestExpires = Instant.ofEpochSecond(credentials.path("Expiration").asLong());
        return guest;
    }

    private AwsCredentialsIdentity adminIdentity() {
        return AwsCredentialsIdentity.create(admin.accessKeyId(), admin.secretAccessKey());
    }

    // ------------------------------------------------------------------------------------------ HTTP

    private JsonNode awsJson(String target, String contentType, ObjectNode input, String signingName) {
        byte[] bytes = write(input);
        URI uri = endpoint.get().resolve("/");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .header("X-Amz-Target", target);
        if (signingName != null) {
            sign(request, uri, bytes, adminIdentity(), signingName, contentType);
        }
        HttpResponse<byte[]> response =
                send(request.POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
        JsonNode out = read(response.body());
        if (response.statusCode() >= 400) {
            String type = out.path("__type").asText("HTTP " + response.statusCode());
            int hash = type.lastIndexOf('#');
            throw new CallFailed(
                    hash >= 0 ? type.substring(hash + 1) : type,
                    out.path("message").asText(out.path("Message").asText(type)));
        }
        return out;
    }

    private void sign(
            HttpRequest.Builder request,
            URI uri,
            byte[] body,
            AwsCredentialsIdentity identity,
            String service,
            String contentType) {
        SdkHttpRequest unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(uri)
                .putHeader("Content-Type", contentType)
                .build();
        var signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(identity)
                        .request(unsigned)
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        for (Map.Entry<String, java.util.List<String>> header :
                signed.request().headers().entrySet()) {
            String name = header.getKey();
            if (name.equalsIgnoreCase("Host") || name.equalsIgnoreCase("Content-Type")) {
                continue;
            }
            request.header(name, String.join(",", header.getValue()));
        }
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new CallFailed("ConnectionFailed", "the stack did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailed("Interrupted", "interrupted");
        }
    }

    private byte[] write(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(byte[] body) {
        if (body.length == 0) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return json.getNodeFactory().textNode(new String(body, StandardCharsets.UTF_8));
        }
    }
}
