package dev.fieldgate.local.core.internal.awsjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldgate.local.core.internal.http.ExchangeHandler;
import dev.fieldgate.local.core.internal.http.HttpExchange;
import dev.fieldgate.local.core.internal.requests.RequestNote;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An AWS JSON 1.1 service: dispatches {@code X-Amz-Target: <prefix>.<Operation>} to an operation, and turns every
 * outcome into AWS's response shape. Unexpected failures become {@code InternalErrorException} (500) and are logged
 * by type, never with the request body (which may hold passwords or tokens).
 */
public final class AwsJsonService implements ExchangeHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AwsJsonService.class);

    /** One operation of the service. */
    @FunctionalInterface
    public interface Operation {
        JsonNode invoke(ObjectNode input, HttpExchange exchange) throws Exception;
    }

    private final String targetPrefix;
    private final Map<String, Operation> operations;
    private final String internalErrorType;

    /**
     * @param targetPrefix      e.g. {@code AWSCognitoIdentityProviderService}
     * @param operations        operation name to implementation
     * @param internalErrorType the service's modelled internal error, e.g. {@code InternalErrorException}
     */
    public AwsJsonService(String targetPrefix, Map<String, Operation> operations, String internalErrorType) {
        this.targetPrefix = Objects.requireNonNull(targetPrefix, "targetPrefix");
        this.operations = Map.copyOf(operations);
        this.internalErrorType = internalErrorType;
    }

    public String targetPrefix() {
        return targetPrefix;
    }

    /**
     * Names an unsigned call's caller for the request log from its body: the user it names, or the identity. Signed
     * calls are named by their access key; tokens are never read here.
     */
    private static void noteCaller(HttpExchange exchange, ObjectNode input) {
        RequestNote note = RequestNote.of(exchange.jettyRequest());
        if (!note.kept() || exchange.header("Authorization").isPresent()) {
            return;
        }
        String user = text(input.get("Username"));
        if (user == null) {
            user = text(input.path("AuthParameters").get("USERNAME"));
        }
        if (user == null) {
            user = text(input.path("ChallengeResponses").get("USERNAME"));
        }
        if (user != null) {
            note.caller("user " + user);
        } else if (text(input.get("IdentityId")) != null) {
            note.caller("identity " + text(input.get("IdentityId")));
        } else if (input.has("AccessToken")) {
            note.caller("user (access token)");
        } else if (input.has("Logins") && input.get("Logins").size() > 0) {
            note.caller("user (ID token)");
        }
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    @Override
    public void handle(HttpExchange exchange) {
        String requestId = AwsJson.newRequestId();
        String target = exchange.header("X-Amz-Target").orElse("");
        String name = target.startsWith(targetPrefix + ".") ? target.substring(targetPrefix.length() + 1) : "";
        try {
            if (!"POST".equals(exchange.method())) {
                throw new AwsServiceException("UnknownOperationException", null);
            }
            Operation operation = operations.get(name);
            if (operation == null) {
                throw new AwsServiceException("UnknownOperationException", null);
            }
            ObjectNode input;
            try {
                input = AwsJson.parseInput(exchange.body());
            } catch (HttpExchange.BodyTooLargeException e) {
                throw new AwsServiceException(
                        "SerializationException", "The request body is larger than the service accepts.", 413);
            }
            noteCaller(exchange, input);
            JsonNode output = operation.invoke(input, exchange);
            AwsJson.writeOutput(exchange, requestId, output);
        } catch (AwsServiceException e) {
            AwsJson.writeError(exchange, requestId, e);
        } catch (Exception | StackOverflowError e) {
            LOG.error(
                    "{}.{} failed with {} (request {})",
                    targetPrefix,
                    name,
                    e.getClass().getName(),
                    requestId,
                    e);
            AwsJson.writeError(
                    exchange,
                    requestId,
                    new AwsServiceException(internalErrorType, "An internal error occurred.", 500));
        }
    }
}
