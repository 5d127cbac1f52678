package dev.fieldgate.sdk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldgate.sdk.AuthMode;
import dev.fieldgate.sdk.FieldgateException;
import dev.fieldgate.sdk.GraphQLError;
import dev.fieldgate.sdk.NotAuthenticatedException;
import dev.fieldgate.sdk.ServiceException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The messages of AppSync's real-time protocol ({@code graphql-ws}): {@code connection_init}, {@code start} and
 * {@code stop} out; {@code connection_ack}, {@code ka}, {@code start_ack}, {@code data}, {@code complete},
 * {@code error} and {@code connection_error} in, with AppSync's refusals mapped to the SDK's exceptions.
 */
final class RealtimeProtocol {

    static final String CONNECTION_INIT = "{\"type\":\"connection_init\"}";

    /** The keep-alive timeout when {@code connection_ack} announces none. */
    static final Duration DEFAULT_KEEP_ALIVE_TIMEOUT = Duration.ofMinutes(5);

    /**
     * An incoming message.
     *
     * @param type    e.g. {@code data}; empty when the message has none
     * @param id      the subscription it is for, or {@code null}
     * @param payload the payload, a missing node when there is none
     */
    record Message(String type, String id, JsonNode payload) {}

    private final ObjectMapper mapper;

    RealtimeProtocol(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The message, or {@code null} when the text is not JSON. */
    Message parse(String text) {
        JsonNode message;
        try {
            message = mapper.readTree(text);
        } catch (IOException e) {
            return null;
        }
        return new Message(message.path("type").asText(""), message.path("id").asText(null), message.path("payload"));
    }

    /** The keep-alive timeout a {@code connection_ack} announces, in milliseconds. */
    static long keepAliveTimeoutMs(JsonNode ackPayload) {
        return ackPayload.path("connectionTimeoutMs").asLong(DEFAULT_KEEP_ALIVE_TIMEOUT.toMillis());
    }

    /** A {@code start}: the request as JSON text in {@code data}, and its own authorization. */
    String start(String id, String data, Map<String, String> authorization) {
        ObjectNode message = mapper.createObjectNode();
        message.put("id", id);
        message.put("type", "start");
        ObjectNode payload = message.putObject("payload");
        payload.put("data", data);
        ObjectNode auth = payload.putObject("extensions").putObject("authorization");
        authorization.forEach(auth::put);
        return message.toString();
    }

    String stop(String id) {
        ObjectNode stop = mapper.createObjectNode();
        stop.put("type", "stop");
        stop.put("id", id);
        return stop.toString();
    }

    /** AppSync's error message for one subscription, e.g. a field the caller may not subscribe to. */
    static FieldgateException subscriptionError(List<GraphQLError> errors, AuthMode mode) {
        return errors.isEmpty()
                ? new ServiceException(
                        "AppSync refused the subscription without saying why.", null, 0, null, null, List.of())
                : ErrorMapper.fromErrors(errors, null, null, mode.name());
    }

    /** AppSync's refusal of the whole connection: {@code connection_error}, or an error message without an id. */
    static FieldgateException connectionError(List<GraphQLError> errors, AuthMode mode) {
        GraphQLError first = errors.isEmpty() ? null : errors.get(0);
        String message = first == null ? "no reason given" : first.message();
        String type = first == null ? null : first.errorType();
        if (type != null
                && (type.contains("Unauthorized")
                        || type.contains("Signature")
                        || type.contains("UnrecognizedClient"))) {
            return new NotAuthenticatedException(
                    NotAuthenticatedException.Reason.OTHER,
                    "AppSync refused the "
                            + "real-time connection's " + mode + " authorization: " + message + " (" + type
                            + "). Check the credentials and that the API accepts this mode.",
                    null,
                    401,
                    type,
                    null);
        }
        return new ServiceException(
                "AppSync refused the real-time connection: " + message + " (" + type + ").",
                null,
                0,
                type,
                null,
                errors);
    }
}
