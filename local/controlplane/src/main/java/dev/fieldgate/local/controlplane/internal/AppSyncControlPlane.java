package dev.fieldgate.local.controlplane.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldgate.local.core.internal.http.ExchangeHandler;
import dev.fieldgate.local.core.internal.http.HttpExchange;
import dev.fieldgate.local.core.internal.sigv4.SigV4Exception;
import dev.fieldgate.local.core.internal.sigv4.SigV4Verifier;
import dev.fieldgate.local.core.internal.sigv4.SignedHttpRequest;
import dev.fieldgate.local.core.internal.sigv4.VerifiedCaller;
import dev.fieldgate.policy.AuthMode;
import dev.fieldgate.policy.Manifest;
import graphql.language.AstPrinter;
import graphql.language.AstTransformer;
import graphql.language.Definition;
import graphql.language.Description;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Node;
import graphql.language.NodeVisitorStub;
import graphql.language.SDLDefinition;
import graphql.language.TypeDefinition;
import graphql.parser.Parser;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import graphql.util.TreeTransformerUtil;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AppSync's control plane (REST-JSON, signing name {@code appsync}) for the local API, from the stack's own state:
 * the API's settings, its deployed schema and types, the Direct Lambda data source and one UNIT resolver per
 * manifest entry with the mapping templates Terraform deploys. {@code DeleteResolver} takes the resolver out of the
 * running API, so drift can be planted the way it happens on AWS.
 */
final class AppSyncControlPlane implements ExchangeHandler {

    static final String PATH_PREFIX = "/v1/apis";
    private static final Logger LOG = LoggerFactory.getLogger(AppSyncControlPlane.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ROUTE = Pattern.compile(
            "/v1/apis(?:/([^/]+)(?:/(schema|types|datasources)" + "(?:/([^/]+)(?:/(resolvers)(?:/([^/]+))?)?)?)?)?/?");
    private static final int MAX_PAGE = 25;

    private final ApiDescription api;
    private final String apiId;
    private final String region;
    private final String accountId;
    private final Supplier<URI> endpoint;
    private final SigV4Verifier verifier;
    private final IamRoles roles;
    private final BiConsumer<String, String> removeResolver;
    private final Map<String, TypeDefinition<?>> types = new LinkedHashMap<>();
    private final Map<String, Manifest.Resolver> resolvers = new LinkedHashMap<>();

    AppSyncControlPlane(
            ApiDescription api,
            String apiId,
            String region,
            String accountId,
            Supplier<URI> endpoint,
            List<Manifest.Resolver> manifestResolvers,
            SigV4Verifier verifier,
            IamRoles roles,
            BiConsumer<String, String> removeResolver) {
        this.api = api;
        this.apiId = apiId;
        this.region = region;
        this.accountId = accountId;
        this.endpoint = endpoint;
        this.verifier = verifier;
        this.roles = roles;
        this.removeResolver = removeResolver;
        for (Definition<?> definition : Parser.parse(api.schema()).getDefinitions()) {
            if (definition instanceof TypeDefinition<?> type
                    && definition instanceof SDLDefinition<?>
                    && !(definition instanceof graphql.language.SDLExtensionDefinition)) {
                types.put(type.getName(), type);
            }
        }
        manifestResolvers.forEach(r -> resolvers.put(r.coordinate(), r));
    }

    private String apiArn() {
        return "arn:aws:appsync:" + region + ":" + accountId + ":apis/" + apiId;
    }

    @Override
    public void handle(HttpExchange exchange) {
        String requestId = UUID.randomUUID().toString();
        try {
            VerifiedCaller caller;
            try {
                caller = verifier.verify(SignedHttpRequest.from(exchange), "appsync", region);
            } catch (SigV4Exception e) {
                // UNCONFIRMED: AppSync's control plane answers signature failures with AWS's common error types.
                throw new ControlPlaneError(
                        403,
                        e.awsErrorType(),
                        e.reason() == SigV4Exception.Reason.MISSING_AUTHENTICATION
                                ? "Missing Authentication Token"
                                : e.getMessage());
            }
            Matcher route = ROUTE.matcher(exchange.path());
            if (!route.matches()) {
                throw new ControlPlaneError(404, "UnknownOperationException", null);
            }
            Object output = dispatch(exchange, caller, route);
            // An output is a JSON document, or the raw payload of an operation whose output is one (the schema).
            respond(
                    exchange,
                    requestId,
                    200,
                    output instanceof byte[] payload ? payload : JSON.writeValueAsBytes(output),
                    null);
        } catch (ControlPlaneError e) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            if (e.getMessage() != null) {
                body.put("message", e.getMessage());
            }
            respond(exchange, requestId, e.status, body.toString().getBytes(StandardCharsets.UTF_8), e.type);
        } catch (Exception | StackOverflowError e) {
            LOG.error(
                    "AppSync control plane {} {} failed with {}",
                    exchange.method(),
                    exchange.path(),
                    e.getClass().getName(),
                    e);
            respond(
                    exchange,
                    requestId,
                    500,
                    "{\"message\":\"An internal error occurred.\"}".getBytes(StandardCharsets.UTF_8),
                    "InternalFailureException");
        }
    }

    private Object dispatch(HttpExchange exchange, VerifiedCaller caller, Matcher route) throws Exception {
        String method = exchange.method();
        String id = route.group(1);
        String collection = route.group(2);
        String typeName = route.group(3);
        String resolversPart = route.group(4);
        String fieldName = route.group(5);
        if (id == null) {
            requireMethod(method, "GET");
            authorize(caller, "ListGraphqlApis", "arn:aws:appsync:" + region + ":" + accountId + ":apis/*");
            ObjectNode out = object();
            ArrayNode apis = out.putArray("graphqlApis");
            if (!"MERGED".equals(exchange.queryParam("apiType").orElse("GRAPHQL"))) {
                apis.add(graphqlApi());
            }
            return out;
        }
        String resource = collection == null
                ? apiArn()
                : apiArn() + "/" + collection
                        + (typeName == null ? "" : "/" + typeName) + (resolversPart == null ? "" : "/resolvers")
                        + (fieldName == null ? "" : "/" + fieldName);
        if (collection == null) {
            requireMethod(method, "GET");
            authorize(caller, "GetGraphqlApi", resource);
            requireApi(id);
            ObjectNode out = object();
            out.set("graphqlApi", graphqlApi());
            return out;
        }
        switch (collection) {
            case "schema" -> {
                if (typeName != null) {
                    throw new ControlPlaneError(404, "UnknownOperationException", null);
                }
                requireMethod(method, "GET");
                authorize(caller, "GetIntrospectionSchema", apiArn());
                requireApi(id);
                return introspectionSchema(exchange);
            }
            case "datasources" -> {
                if (resolversPart != null) {
                    throw new ControlPlaneError(404, "UnknownOperationException", null);
                }
                requireMethod(method, "GET");
                if (typeName == null) {
                    authorize(caller, "ListDataSources", apiArn() + "/datasources/*");
                    requireApi(id);
                    return page(exchange, "dataSources", List.of(dataSource()), Function.identity());
                }
                authorize(caller, "GetDataSource", resource);
                requireApi(id);
                if (!typeName.equals(api.dataSourceName())) {
                    throw notFound("Data source " + typeName + " not found.");
                }
                ObjectNode out = object();
                out.set("dataSource", dataSource());
                return out;
            }
            default -> {
                return types(exchange, caller, id, typeName, resolversPart, fieldName, resource);
            }
        }
    }

    private ObjectNode types(
            HttpExchange exchange,
            VerifiedCaller caller,
            String id,
            String typeName,
            String resolversPart,
            String fieldName,
            String resource)
            throws Exception {
        String method = exchange.method();
        if (typeName == null) {
            requireMethod(method, "GET");
            authorize(caller, "ListTypes", apiArn() + "/types/*");
            requireApi(id);
            String format = requireFormat(exchange);
            return page(exchange, "types", new ArrayList<>(types.values()), t -> type(t, format));
        }
        if (resolversPart == null) {
            requireMethod(method, "GET");
            authorize(caller, "GetType", resource);
            requireApi(id);
            String format = requireFormat(exchange);
            TypeDefinition<?> type = requireType(typeName);
            ObjectNode out = object();
            out.set("type", type(type, format));
            return out;
        }
        if (fieldName == null) {
            requireMethod(method, "GET");
            authorize(caller, "ListResolvers", resource + "/*");
            requireApi(id);
            requireType(typeName);
            List<Manifest.Resolver> ofType;
            synchronized (resolvers) {
                ofType = resolvers.values().stream()
                        .filter(r -> r.type().equals(typeName))
                        .toList();
            }
            return page(exchange, "resolvers", ofType, this::resolver);
        }
        String coordinate = typeName + "." + fieldName;
        switch (method) {
            case "GET" -> {
                authorize(caller, "GetResolver", resource);
                requireApi(id);
                Manifest.Resolver found;
                synchronized (resolvers) {
                    found = resolvers.get(coordinate);
                }
                if (found == null) {
                    throw notFound("No resolver found.");
                }
                ObjectNode out = object();
                out.set("resolver", resolver(found));
                return out;
            }
            case "DELETE" -> {
                authorize(caller, "DeleteResolver", resource);
                requireApi(id);
                synchronized (resolvers) {
                    if (resolvers.remove(coordinate) == null) {
                        throw notFound("No resolver found.");
                    }
                    removeResolver.accept(typeName, fieldName);
                }
                return object();
            }
            default -> throw new ControlPlaneError(405, "UnknownOperationException", null);
        }
    }

    // ------------------------------------------------------------------------------------------ shapes

    private ObjectNode graphqlApi() {
        URI base = endpoint.get();
        ObjectNode out = object();
        out.put("name", api.name());
        out.put("apiId", apiId);
        out.put("authenticationType", api.authorization().defaultAuthMode().name());
        if (api.authorization().defaultAuthMode() == AuthMode.AMAZON_COGNITO_USER_POOLS) {
            ObjectNode pool = userPoolConfig();
            pool.put(
                    "defaultAction", api.authorization().userPoolDefaultAction().name());
            out.set("userPoolConfig", pool);
        }
        out.put("arn", apiArn());
        ObjectNode uris = out.putObject("uris");
        uris.put("GRAPHQL", base + "/graphql");
        uris.put("REALTIME", "ws://" + base.getAuthority() + "/graphql/realtime");
        out.putObject("tags");
        ArrayNode additional = out.putArray("additionalAuthenticationProviders");
        for (AuthMode mode : api.authorization().additionalAuthModes()) {
            ObjectNode provider = additional.addObject();
            provider.put("authenticationType", mode.name());
            if (mode == AuthMode.AMAZON_COGNITO_USER_POOLS) {
                // An additional user-pool provider has no default action (AppSync knows it for the default mode only).
                provider.set("userPoolConfig", userPoolConfig());
            }
        }
        // The local stack writes no CloudWatch logs, so it reports no logConfig.
        out.put("xrayEnabled", false);
        out.put("visibility", "GLOBAL");
        out.put("apiType", "GRAPHQL");
        out.put("owner", accountId);
        out.put("introspectionConfig", api.introspection() ? "ENABLED" : "DISABLED");
        out.put("queryDepthLimit", api.queryDepthLimit());
        out.put("resolverCountLimit", 0);
        return out;
    }

    private ObjectNode userPoolConfig() {
        ObjectNode pool = object();
        pool.put("userPoolId", api.userPoolId());
        pool.put("awsRegion", region);
        if (api.appIdClientRegex() != null) {
            pool.put("appIdClientRegex", api.appIdClientRegex());
        }
        return pool;
    }

    private ObjectNode dataSource() {
        ObjectNode out = object();
        out.put("dataSourceArn", apiArn() + "/datasources/" + api.dataSourceName());
        out.put("name", api.dataSourceName());
        out.put(
                "description",
                "Direct Lambda resolvers (" + api.functionName() + ":" + ResolverTemplates.FUNCTION_ALIAS + ")");
        out.put("type", "AWS_LAMBDA");
        out.put("serviceRoleArn", "arn:aws:iam::" + accountId + ":role/" + api.app() + "-local-appsync-invoke");
        out.putObject("lambdaConfig")
                .put(
                        "lambdaFunctionArn",
                        "arn:aws:lambda:" + region + ":" + accountId + ":function:" + api.functionName() + ":"
                                + ResolverTemplates.FUNCTION_ALIAS);
        return out;
    }

    private ObjectNode resolver(Manifest.Resolver r) {
        ObjectNode out = object();
        out.put("typeName", r.type());
        out.put("fieldName", r.field());
        out.put("dataSourceName", api.dataSourceName());
        out.put("resolverArn", apiArn() + "/types/" + r.type() + "/resolvers/" + r.field());
        out.put("responseMappingTemplate", ResolverTemplates.RESPONSE);
        out.put("kind", "UNIT");
        // AppSync reports 0 for a resolver deployed without a batch size.
        out.put("maxBatchSize", r.maxBatchSize() == null ? 0 : r.maxBatchSize());
        return out;
    }

    private ObjectNode type(TypeDefinition<?> type, String format) {
        ObjectNode out = object();
        out.put("name", type.getName());
        Description description =
                type instanceof graphql.language.AbstractDescribedNode<?> described ? described.getDescription() : null;
        if (description != null) {
            out.put("description", description.getContent());
        }
        out.put("arn", apiArn() + "/types/" + type.getName());
        out.put("definition", AstPrinter.printAst(type));
        out.put("format", format);
        return out;
    }

    private byte[] introspectionSchema(HttpExchange exchange) {
        String format = requireFormat(exchange);
        if (!format.equals("SDL")) {
            throw new ControlPlaneError(
                    400, "BadRequestException", "The local stack returns the introspection schema in SDL format only.");
        }
        boolean directives = !"false"
                .equalsIgnoreCase(exchange.queryParam("includeDirectives").orElse("true"));
        String text = directives ? api.schema() : withoutDirectives(api.schema());
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String withoutDirectives(String sdl) {
        Document document = Parser.parse(sdl);
        Node<?> stripped = new AstTransformer().transform(document, new NodeVisitorStub() {
            @Override
            @SuppressWarnings("rawtypes") // graphql-java declares the visitor with the raw Node
            public TraversalControl visitDirective(Directive node, TraverserContext<Node> context) {
                return TreeTransformerUtil.deleteNode(context);
            }
        });
        return AstPrinter.printAst(stripped);
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** Pagination as AppSync does it: {@code maxResults} 0 to 25 (0: the default), an opaque {@code nextToken}. */
    private <T> ObjectNode page(
            HttpExchange exchange,
            String listName,
            List<T> items,
            Function<T, ? extends com.fasterxml.jackson.databind.JsonNode> shape) {
        int max = MAX_PAGE;
        String maxResults = exchange.queryParam("maxResults").orElse(null);
        if (maxResults != null) {
            try {
                max = Integer.parseInt(maxResults);
            } catch (NumberFormatException e) {
                max = -1;
            }
            if (max < 0 || max > MAX_PAGE) {
                throw new ControlPlaneError(
                        400,
                        "BadRequestException",
                        "1 validation error detected: Value '"
                                + maxResults
                                + "' at 'maxResults' failed to satisfy constraint: Member must have value less"
                                + " than or equal to 25");
            }
            max = max == 0 ? MAX_PAGE : max;
        }
        int from = 0;
        String token = exchange.queryParam("nextToken").orElse(null);
        if (token != null) {
            from = decodeToken(token, listName, items.size());
        }
        int to = Math.min(items.size(), from + max);
        ObjectNode out = object();
        ArrayNode list = out.putArray(listName);
        for (T item : items.subList(from, to)) {
            list.add(shape.apply(item));
        }
        if (to < items.size()) {
            out.put(
                    "nextToken",
                    Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString((listName + ":" + to).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static int decodeToken(String token, String listName, int size) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(listName + ":")) {
                int offset = Integer.parseInt(text.substring(listName.length() + 1));
                if (offset >= 0 && offset <= size) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error
        }
        throw new ControlPlaneError(400, "BadRequestException", "Invalid pagination token.");
    }

    private void authorize(VerifiedCaller caller, String action, String resource) {
        if (!roles.allows(caller, "appsync:" + action, resource)) {
            throw new ControlPlaneError(
                    403,
                    "AccessDeniedException",
                    "User: " + caller.arn() + " is not authorized to perform: appsync:" + action + " on resource: "
                            + resource);
        }
    }

    private void requireApi(String id) {
        if (!apiId.equals(id)) {
            throw notFound("GraphQL API " + id + " not found.");
        }
    }

    private TypeDefinition<?> requireType(String name) {
        TypeDefinition<?> type = types.get(name);
        if (type == null) {
            throw notFound("Type " + name + " not found.");
        }
        return type;
    }

    private static String requireFormat(HttpExchange exchange) {
        String format = exchange.queryParam("format").orElse(null);
        if (format == null) {
            throw new ControlPlaneError(
                    400,
                    "BadRequestException",
                    "1 validation error detected: Value null at"
                            + " 'format' failed to satisfy constraint: Member must not be null");
        }
        if (!format.equals("SDL") && !format.equals("JSON")) {
            throw new ControlPlaneError(
                    400,
                    "BadRequestException",
                    "1 validation error detected: Value '" + format
                            + "' at 'format' failed to satisfy constraint: Member must satisfy enum value set: [SDL, JSON]");
        }
        return format;
    }

    private static void requireMethod(String method, String expected) {
        if (!expected.equals(method)) {
            throw new ControlPlaneError(405, "UnknownOperationException", null);
        }
    }

    private static ControlPlaneError notFound(String message) {
        return new ControlPlaneError(404, "NotFoundException", message);
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static void respond(HttpExchange exchange, String requestId, int status, byte[] body, String errorType) {
        exchange.setHeader("x-amzn-RequestId", requestId);
        if (errorType != null) {
            exchange.setHeader("x-amzn-ErrorType", errorType);
        }
        exchange.respond(status, "application/json", body == null ? new byte[0] : body);
    }

    /** An AppSync error: HTTP status, {@code x-amzn-ErrorType} and {@code {"message": …}}. */
    static final class ControlPlaneError extends dev.fieldgate.local.core.LocalStackException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String type;

        ControlPlaneError(int status, String type, String message) {
            super(message);
            this.status = status;
            this.type = type;
        }
    }
}
