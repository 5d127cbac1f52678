package dev.fieldgate.local.testfunction;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The test app's resolver function, run by the local stack in its own class loader through the handler string
 * {@code dev.fieldgate.local.testfunction.NotesFunction::handleRequest}. It keeps notes in memory and answers with
 * the resolver contract's envelope; {@code Query.echo} answers with the event and context it was given.
 */
public final class NotesFunction implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<String, ObjectNode> NOTES = new ConcurrentHashMap<>();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = JSON.readTree(input);
        if (event.isArray()) {
            ArrayNode results = NODES.arrayNode();
            for (JsonNode item : event) {
                results.add(handle(item, context, event.size()));
            }
            JSON.writeValue(output, results);
        } else {
            JSON.writeValue(output, handle(event, context, 1));
        }
    }

    private ObjectNode handle(JsonNode event, Context context, int batchSize) throws IOException {
        String coordinate = event.at("/info/parentTypeName").asText() + "."
                + event.at("/info/fieldName").asText();
        JsonNode args = event.path("arguments");
        JsonNode source = event.path("source");
        ObjectNode envelope = NODES.objectNode();
        switch (coordinate) {
            case "Query.echo" -> envelope.put("data", JSON.writeValueAsString(echo(event, context)));
            case "Query.fail" ->
                throw new IllegalStateException(args.path("message").asText("boom"));
            case "Query.slow" -> {
                // A function that overruns its timeout: the stack must answer Sandbox.Timedout without waiting for it
                // (the tests wait on the stack's answer, never on this sleep).
                try {
                    Thread.sleep(context.getRemainingTimeInMillis() + 5_000L);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                envelope.put("data", "too late");
            }
            case "Query.refuse" -> {
                envelope.put("data", "partial");
                envelope.put("errorType", "Unauthorized");
                envelope.put("errorMessage", "Not Authorized to access refuse on type Query");
                envelope.putObject("errorInfo").put("reason", "the test refuses");
            }
            case "Query.isolation" -> envelope.put("data", JSON.writeValueAsString(isolation()));
            case "Query.adminStats" -> envelope.put("data", 42);
            case "Query.deep" -> envelope.set("data", level(1, 6));
            case "Query.getNote" -> {
                if (args.path("id").asText().equals("echo")) {
                    // A note whose text is the event's info: how a resolver with a selection set sees it.
                    ObjectNode note = envelope.putObject("data");
                    note.put("id", "echo");
                    note.put("owner", "nobody");
                    note.put("text", JSON.writeValueAsString(event.path("info")));
                } else {
                    envelope.set("data", NOTES.get(args.path("id").asText()));
                }
            }
            case "Query.listNotes" -> {
                ArrayNode list = envelope.putArray("data");
                NOTES.values().forEach(list::add);
            }
            case "Mutation.createNote" -> {
                ObjectNode note = NODES.objectNode();
                note.put("id", UUID.randomUUID().toString());
                note.put("text", args.at("/input/text").asText());
                note.put("owner", caller(event.path("identity")));
                note.set("secret", args.at("/input/secret"));
                note.set("internal", args.at("/input/internal"));
                NOTES.put(note.get("id").asText(), note);
                envelope.set("data", note);
            }
            case "Mutation.deleteNote" ->
                envelope.set("data", NOTES.remove(args.path("id").asText()));
            case "Note.secret" -> {
                if (caller(event.path("identity")).equals(source.path("owner").asText())) {
                    envelope.set("data", source.path("secret"));
                } else {
                    envelope.putNull("data");
                    envelope.put("errorType", "Unauthorized");
                    envelope.put("errorMessage", "Not Authorized to access secret on type Note");
                    envelope.putNull("errorInfo");
                }
            }
            case "Note.internal" -> envelope.set("data", source.path("internal"));
            case "Note.author" ->
                envelope.putObject("data")
                        .put("name", "author of " + source.path("id").asText())
                        .put("batch", batchSize);
            default -> envelope.putNull("data");
        }
        return envelope;
    }

    private static String caller(JsonNode identity) {
        if (identity.hasNonNull("sub")) {
            return identity.get("sub").asText();
        }
        return identity.path("cognitoIdentityId").asText("anonymous");
    }

    private static Map<String, Object> echo(JsonNode event, Context context) {
        context.getLogger().log("echo for " + context.getAwsRequestId());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("event", event);
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("awsRequestId", context.getAwsRequestId());
        ctx.put("functionName", context.getFunctionName());
        ctx.put("functionVersion", context.getFunctionVersion());
        ctx.put("invokedFunctionArn", context.getInvokedFunctionArn());
        ctx.put("logGroupName", context.getLogGroupName());
        ctx.put("memoryLimitInMB", context.getMemoryLimitInMB());
        ctx.put("remainingTimeInMillis", context.getRemainingTimeInMillis());
        out.put("context", ctx);
        Map<String, Object> env = new LinkedHashMap<>();
        for (String name : List.of(
                "FIELDGATE_TABLE_PREFIX",
                "FIELDGATE_DYNAMODB_ENDPOINT",
                "AWS_REGION",
                "MAIN_CLASS",
                "NOTES_GREETING")) {
            env.put(name, System.getProperty(name));
        }
        env.put(
                "contextClassLoaderIsOwn",
                Thread.currentThread().getContextClassLoader() == NotesFunction.class.getClassLoader());
        out.put("env", env);
        return out;
    }

    /** Which of the host's classes this function can see: none, when it runs in its own class loader. */
    private static Map<String, Boolean> isolation() {
        Map<String, Boolean> visible = new LinkedHashMap<>();
        for (String name : List.of(
                "com.amazonaws.services.dynamodbv2.local.main.ServerRunner",
                "com.amazonaws.services.dynamodbv2.model.CreateTableRequest",
                "org.eclipse.jetty.server.Server",
                "dev.fieldgate.local.LocalStack",
                "graphql.GraphQL",
                "org.slf4j.LoggerFactory",
                "software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner")) {
            boolean found;
            try {
                Class.forName(name, false, NotesFunction.class.getClassLoader());
                found = true;
            } catch (ClassNotFoundException | LinkageError e) {
                found = false;
            }
            visible.put(name, found);
        }
        return visible;
    }

    private static ObjectNode level(int value, int depth) {
        ObjectNode level = NODES.objectNode();
        level.put("value", value);
        if (value < depth) {
            level.set("next", level(value + 1, depth));
        }
        return level;
    }
}
