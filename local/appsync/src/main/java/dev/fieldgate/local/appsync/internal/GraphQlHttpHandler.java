package dev.fieldgate.local.appsync.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.local.core.internal.http.ExchangeHandler;
import dev.fieldgate.local.core.internal.http.HttpExchange;
import dev.fieldgate.local.core.internal.requests.RequestNote;
import dev.fieldgate.local.core.internal.sigv4.SignedHttpRequest;
import dev.fieldgate.policy.Principal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /graphql} (and {@code GET /graphql?query=...}) as AppSync serves it: the caller is verified first
 * (401/403 with AppSync's bodies), then the body is read as {@code {query, variables, operationName}} (400
 * {@code MalformedHttpRequestException} when it cannot be), then the operation runs. CORS is open, as on AppSync.
 */
public final class GraphQlHttpHandler implements ExchangeHandler {

    private final GraphQlEngine engine;
    private final RequestAuthenticator authenticator;
    private final ObjectMapper json;
    private final int maxBodyBytes;

    public GraphQlHttpHandler(
            GraphQlEngine engine, RequestAuthenticator authenticator, ObjectMapper json, int maxBodyBytes) {
        this.engine = engine;
        this.authenticator = authenticator;
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** A GraphQL request read from a body or a query string. */
    private record GraphQlRequest(String query, String operationName, Map<String, Object> variables) {}

    @Override
    public void handle(HttpExchange exchange) throws Exception {
        String requestId = UUID.randomUUID().toString();
        exchange.setHeader("x-amzn-RequestId", requestId);
        exchange.setHeader("Access-Control-Allow-Origin", "*");
        exchange.setHeader("Access-Control-Expose-Headers", "x-amzn-RequestId,x-amzn-ErrorType,x-amz-user-agent");
        String method = exchange.method();
        if ("OPTIONS".equals(method)) {
            exchange.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
            String requested = exchange.header("Access-Control-Request-Headers").orElse("");
            exchange.setHeader(
                    "Access-Control-Allow-Headers",
                    requested.matches("[A-Za-z0-9,\\- ]{1,2000}")
                            ? requested
                            : "content-type,authorization,x-api-key,x-amz-date,x-amz-security-token,"
                                    + "x-amz-user-agent,x-amz-content-sha256");
            exchange.setHeader("Access-Control-Max-Age", "86400");
            exchange.respond(200, null, new byte[0]);
            return;
        }
        if (!"POST".equals(method) && !"GET".equals(method)) {
            respond(
                    exchange,
                    GraphQlEngine.Answer.of(new AppSyncRequestException(
                            405, "MethodNotAllowedException", "Only GET and POST are supported.", false)));
            return;
        }
        byte[] body;
        try {
            body = exchange.body(maxBodyBytes);
        } catch (HttpExchange.BodyTooLargeException e) {
            // UNCONFIRMED: AppSync's status and type for an oversized request body.
            respond(
                    exchange,
                    GraphQlEngine.Answer.of(new AppSyncRequestException(
                            413,
                            "PayloadTooLargeException",
                            "The request body is larger than " + maxBodyBytes + " bytes.",
                            false)));
            return;
        }
        String sourceIp = exchange.remoteAddress();
        Caller caller;
        try {
            caller = authenticator.authenticate(
                    new SignedHttpRequest(
                            method, exchange.rawPath(), exchange.rawQuery(), exchange.headerFields(), body),
                    sourceIp);
        } catch (AppSyncRequestException e) {
            note(exchange, requestForLog(method, exchange, body), GraphQlEngine.Answer.of(e));
            respond(exchange, GraphQlEngine.Answer.of(e));
            return;
        }
        RequestNote.of(exchange.jettyRequest()).caller(describe(caller));
        GraphQlRequest request;
        try {
            request = "GET".equals(method) ? fromQueryString(exchange) : fromBody(body);
        } catch (AppSyncRequestException e) {
            respond(exchange, GraphQlEngine.Answer.of(e));
            return;
        }
        GraphQlEngine.Answer answer = engine.execute(
                caller,
                request.query(),
                request.operationName(),
                request.variables(),
                eventHeaders(exchange, sourceIp),
                sourceIp);
        note(exchange, request, answer);
        respond(exchange, answer);
    }

    private GraphQlRequest fromBody(byte[] body) {
        if (body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            throw AppSyncRequestException.malformed("Request body is empty.");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw AppSyncRequestException.malformed("Unable to parse GraphQL query.");
        }
        if (root == null
                || !root.isObject()
                || !root.path("query").isTextual()
                || root.path("query").asText().isBlank()) {
            throw AppSyncRequestException.malformed("Unable to parse GraphQL query.");
        }
        JsonNode operationName = root.get("operationName");
        return new GraphQlRequest(
                root.get("query").asText(),
                operationName == null || !operationName.isTextual() ? null : operationName.asText(),
                variables(root.get("variables")));
    }

    private GraphQlRequest fromQueryString(HttpExchange exchange) {
        String query = exchange.queryParam("query").orElse("");
        if (query.isBlank()) {
            throw AppSyncRequestException.malformed("Unable to parse GraphQL query.");
        }
        JsonNode variables = null;
        String text = exchange.queryParam("variables").orElse(null);
        if (text != null && !text.isBlank()) {
            try {
                variables = json.readTree(text);
            } catch (JsonProcessingException e) {
                throw AppSyncRequestException.malformed("Unable to parse GraphQL query.");
            }
        }
        return new GraphQlRequest(query, exchange.queryParam("operationName").orElse(null), variables(variables));
    }

    private Map<String, Object> variables(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (node.isTextual()) {
            // Some clients send the variables as a JSON string.
            try {
                node = json.readTree(node.asText());
            } catch (JsonProcessingException e) {
                throw AppSyncRequestException.malformed("Unable to parse GraphQL query.");
            }
        }
        if (!node.isObject()) {
            throw AppSyncRequestException.malformed("Unable to parse GraphQL query.");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = json.convertValue(node, Map.class);
        return map;
    }

    /** The request's headers as a Direct Lambda event shows them: lower-case names, repeated values joined. */
    static Map<String, String> eventHeaders(List<Map.Entry<String, String>> fields, String sourceIp) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : fields) {
            headers.merge(field.getKey().toLowerCase(Locale.ROOT), field.getValue(), (a, b) -> a + "," + b);
        }
        // AppSync sits behind CloudFront: the caller's address arrives in x-forwarded-for.
        headers.putIfAbsent("x-forwarded-for", sourceIp);
        return headers;
    }

    private static Map<String, String> eventHeaders(HttpExchange exchange, String sourceIp) {
        return eventHeaders(exchange.headerFields(), sourceIp);
    }

    /** Who called, as the request log shows it: never a token, only the names the verified credentials carry. */
    static String describe(Caller caller) {
        Principal principal = caller.principal();
        return switch (principal.kind()) {
            case USER_POOL, OIDC -> {
                // Pools that sign in by email name users by their sub; the address says who it is.
                Object email = principal.claim("email");
                yield "user "
                        + (email instanceof String address
                                ? address
                                : principal.username() != null ? principal.username() : principal.sub());
            }
            case IAM_GUEST -> "guest " + principal.identityId();
            case IAM_AUTHENTICATED -> "identity " + principal.identityId();
            case IAM_OTHER -> caller.administrator() ? "admin key" : "role " + principal.userArn();
            case API_KEY -> "api key";
            default -> principal.kind().name().toLowerCase(Locale.ROOT);
        };
    }

    private static final Pattern OPERATION_TYPE = Pattern.compile("^\\s*(query|mutation|subscription)\\b");

    /** The request as far as it can be read, only to name it in the request log; null when it cannot be. */
    private GraphQlRequest requestForLog(String method, HttpExchange exchange, byte[] body) {
        if (!RequestNote.of(exchange.jettyRequest()).kept()) {
            return null;
        }
        try {
            return "GET".equals(method) ? fromQueryString(exchange) : fromBody(body);
        } catch (AppSyncRequestException e) {
            return null;
        }
    }

    private static final Pattern FIRST_FIELD = Pattern.compile("\\{\\s*(?:\\w+\\s*:\\s*)?(\\w+)");

    /** Notes the GraphQL operation (its type and root fields) and the first error the answer carries. */
    private static void note(HttpExchange exchange, GraphQlRequest request, GraphQlEngine.Answer answer) {
        RequestNote note = RequestNote.of(exchange.jettyRequest());
        if (!note.kept()) {
            return;
        }
        Map<String, Object> body = answer.body();
        Object data = body == null ? null : body.get("data");
        Object errors = body == null ? null : body.get("errors");
        if (request != null) {
            Matcher type = OPERATION_TYPE.matcher(request.query());
            String operation = type.find() ? type.group(1) : "query";
            if (data instanceof Map<?, ?> fields && !fields.isEmpty()) {
                operation += " "
                        + String.join(
                                " ",
                                fields.keySet().stream().map(String::valueOf).toList());
            } else {
                Matcher field = FIRST_FIELD.matcher(request.query());
                if (field.find()) {
                    operation += " " + field.group(1);
                } else if (request.operationName() != null) {
                    operation += " " + request.operationName();
                }
            }
            note.operation(operation);
        }
        if (errors instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first) {
            Object type = first.get("errorType");
            boolean partial =
                    data instanceof Map<?, ?> fields && fields.values().stream().anyMatch(v -> v != null);
            note.error(type == null ? "GraphQLError" : String.valueOf(type), partial);
        }
    }

    private void respond(HttpExchange exchange, GraphQlEngine.Answer answer) throws IOException {
        if (answer.errorTypeHeader() != null) {
            exchange.setHeader("x-amzn-ErrorType", answer.errorTypeHeader());
        }
        exchange.respond(answer.status(), "application/json;charset=UTF-8", json.writeValueAsBytes(answer.body()));
    }
}
