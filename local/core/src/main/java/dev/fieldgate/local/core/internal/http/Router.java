package dev.fieldgate.local.core.internal.http;

import dev.fieldgate.local.core.RequestLog;
import dev.fieldgate.local.core.internal.requests.RequestNote;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The one dispatcher in front of every local service, so they all share one port the way AWS clients expect to be
 * able to point every endpoint override at one URL.
 *
 * <ul>
 *   <li>{@code POST /} with {@code X-Amz-Target: <prefix>.<Op>} (AWS JSON protocols) goes to the handler registered
 *       for that prefix: {@code AWSCognitoIdentityProviderService}, {@code AWSCognitoIdentityService},
 *       {@code DynamoDB_20120810}, ...</li>
 *   <li>{@code POST /} with a form body ({@code Action=...}, AWS Query protocols such as STS and IAM) goes to the
 *       handler registered for the SigV4 signing name in the {@code Authorization} header's credential scope.</li>
 *   <li>{@code OPTIONS /} is a CORS preflight, answered the way AWS answers it so browser clients work.</li>
 *   <li>Every other request goes to the first path route that matches, in registration order.</li>
 * </ul>
 *
 * Registered handlers become managed children of the router, so their life cycle follows the server's.
 */
public final class Router extends Handler.AbstractContainer {

    private static final Pattern CREDENTIAL_SCOPE_SERVICE =
            Pattern.compile("Credential=[^/,\\s]+/\\d{8}/[^/,\\s]+/([^/,\\s]+)/aws4_request");

    private final Map<String, Handler> targets = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Handler> formServices = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final List<String> unloggedPrefixes = new CopyOnWriteArrayList<>();
    private volatile RequestLog requestLog;
    private volatile Function<String, String> keyCallers = key -> "key " + key;
    private final List<Route> hostRoutes = new CopyOnWriteArrayList<>();

    public Router() {
        super(true);
    }

    /**
     * Routes {@code POST /} requests whose {@code X-Amz-Target} is {@code targetPrefix + "." + operation}.
     *
     * @param targetPrefix e.g. {@code AWSCognitoIdentityProviderService} (without the dot)
     */
    public Router addJsonTarget(String targetPrefix, Handler handler) {
        Objects.requireNonNull(targetPrefix, "targetPrefix");
        if (targets.putIfAbsent(targetPrefix, adopt(handler)) != null) {
            throw new IllegalStateException("X-Amz-Target prefix " + targetPrefix + " is already routed");
        }
        return this;
    }

    /**
     * Routes form-encoded {@code POST /} requests ({@code Action=...}) signed for the given SigV4 service name, e.g.
     * {@code sts} or {@code iam}.
     */
    public Router addSigV4FormService(String signingName, Handler handler) {
        Objects.requireNonNull(signingName, "signingName");
        if (formServices.putIfAbsent(signingName, adopt(handler)) != null) {
            throw new IllegalStateException("SigV4 service " + signingName + " is already routed");
        }
        return this;
    }

    /** Routes one exact path (any method). */
    public Router addPath(String path, Handler handler) {
        Objects.requireNonNull(path, "path");
        return addRoute("path " + path, exchangePath -> exchangePath.equals(path), handler);
    }

    /** Routes {@code GET} and {@code HEAD} requests for one exact path; other methods go on to later routes. */
    public Router addGet(String path, Handler handler) {
        Objects.requireNonNull(path, "path");
        routes.add(new Route(
                "GET " + path,
                p -> p.equals(path),
                method -> "GET".equals(method) || "HEAD".equals(method),
                adopt(handler)));
        return this;
    }

    /** Routes every path equal to {@code prefix} or below it ({@code prefix + "/..."}). */
    public Router addPathPrefix(String prefix, Handler handler) {
        Objects.requireNonNull(prefix, "prefix");
        return addRoute("prefix " + prefix, p -> p.equals(prefix) || p.startsWith(prefix + "/"), handler);
    }

    /** Routes every path the pattern matches entirely. */
    public Router addPathPattern(Pattern pattern, Handler handler) {
        Objects.requireNonNull(pattern, "pattern");
        return addRoute("pattern " + pattern, p -> pattern.matcher(p).matches(), handler);
    }

    /**
     * Records every request (but CORS preflights and paths below the given prefixes) in the log, with the caller a
     * SigV4 request's access key id names (e.g. {@code admin key}, {@code guest us-east-1:…}) unless its handler
     * names it.
     */
    public Router requestLog(RequestLog log, Function<String, String> callerOfAccessKey, String... unlogged) {
        this.requestLog = Objects.requireNonNull(log, "log");
        this.keyCallers = Objects.requireNonNull(callerOfAccessKey, "callerOfAccessKey");
        this.unloggedPrefixes.addAll(List.of(unlogged));
        return this;
    }

    /**
     * Routes every request whose {@code Host} (without its port, lower case) the predicate accepts, before any other
     * route: S3's virtual-hosted-style requests name the bucket in the host and may have any path.
     */
    public Router addHost(String description, Predicate<String> host, Handler handler) {
        Objects.requireNonNull(host, "host");
        hostRoutes.add(new Route("host " + description, host, method -> true, adopt(handler)));
        return this;
    }

    private Router addRoute(String description, Predicate<String> matcher, Handler handler) {
        routes.add(new Route(description, matcher, method -> true, adopt(handler)));
        return this;
    }

    private Handler adopt(Handler handler) {
        Objects.requireNonNull(handler, "handler");
        addBean(handler, true);
        if (getServer() != null) {
            handler.setServer(getServer());
        }
        return handler;
    }

    @Override
    public List<Handler> getHandlers() {
        List<Handler> all = new ArrayList<>(targets.values());
        hostRoutes.forEach(r -> all.add(r.handler()));
        all.addAll(formServices.values());
        routes.forEach(r -> all.add(r.handler()));
        return all;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getDecodedPath();
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        RequestLog log = requestLog;
        // A browser opening the port's root (the console's front door) is not an AWS call worth a log line.
        boolean browserRoot = "/".equals(path) && "GET".equals(request.getMethod());
        if (log == null || !log.enabled() || "OPTIONS".equals(request.getMethod()) || browserRoot || unlogged(path)) {
            return dispatch(request, response, callback, path);
        }
        long started = System.nanoTime();
        Instant time = log.now();
        RequestNote.Handle note = RequestNote.open(request);
        Callback logged = new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                record(log, note, request, response, time, started);
                super.succeeded();
            }

            @Override
            public void failed(Throwable failure) {
                record(log, note, request, response, time, started);
                super.failed(failure);
            }
        };
        RequestNote.enter(note);
        try {
            return dispatch(request, response, logged, path);
        } finally {
            RequestNote.leave();
        }
    }

    private boolean unlogged(String path) {
        for (String prefix : unloggedPrefixes) {
            if (path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/")) {
                return true;
            }
        }
        return false;
    }

    private void record(
            RequestLog log, RequestNote.Handle handle, Request request, Response response, Instant time, long started) {
        RequestNote.Noted noted = handle.noted();
        String path = request.getHttpURI().getDecodedPath();
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        String target = request.getHeaders().get("X-Amz-Target");
        String service = noted.service();
        String operation = noted.operation();
        if (target != null && "/".equals(path)) {
            int dot = target.lastIndexOf('.');
            String prefix = dot > 0 ? target.substring(0, dot) : target;
            if (service == null) {
                service = serviceOfTarget(prefix);
            }
            if (operation == null && dot > 0) {
                operation = target.substring(dot + 1);
            }
        }
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (service == null) {
            String signed = signingService(authorization);
            service = signed != null && "/".equals(path) ? signed : serviceOfPath(path);
        }
        if (operation == null) {
            operation = request.getMethod() + " " + path;
        }
        String caller = noted.caller();
        if (caller == null) {
            String key = accessKeyId(authorization);
            caller = key == null ? "anonymous" : keyCallers.apply(key);
        }
        String errorType = noted.errorType();
        if (errorType == null) {
            String header = response.getHeaders().get("x-amzn-ErrorType");
            if (header != null) {
                int colon = header.indexOf(':');
                errorType = colon >= 0 ? header.substring(0, colon) : header;
            }
        }
        log.record(
                time,
                service,
                operation,
                caller,
                response.getStatus(),
                errorType == null || errorType.isEmpty() ? null : errorType,
                noted.partial(),
                System.nanoTime() - started,
                noted.functionLines());
    }

    private static String serviceOfTarget(String prefix) {
        return switch (prefix) {
            case "AWSCognitoIdentityProviderService" -> "cognito-idp";
            case "AWSCognitoIdentityService" -> "cognito-identity";
            case "DynamoDB_20120810" -> "dynamodb";
            case "DynamoDBStreams_20120810" -> "dynamodb-streams";
            default -> prefix;
        };
    }

    private static String serviceOfPath(String path) {
        if (path.equals("/graphql")) {
            return "graphql";
        }
        if (path.startsWith("/graphql/")) {
            return "realtime";
        }
        if (path.startsWith("/v1/")) {
            return "appsync";
        }
        if (path.contains("/.well-known/")) {
            return "jwks";
        }
        return "hosted-ui";
    }

    private static final Pattern CREDENTIAL_KEY = Pattern.compile("Credential=([A-Za-z0-9]{16,128})/");

    static String accessKeyId(String authorization) {
        if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256")) {
            return null;
        }
        Matcher m = CREDENTIAL_KEY.matcher(authorization);
        return m.find() ? m.group(1) : null;
    }

    private boolean dispatch(Request request, Response response, Callback callback, String path) throws Exception {
        if (!hostRoutes.isEmpty()) {
            String host = hostName(request.getHeaders().get(HttpHeader.HOST));
            for (Route route : hostRoutes) {
                if (host != null && route.matcher().test(host)) {
                    return route.handler().handle(request, response, callback);
                }
            }
        }
        if ("/".equals(path)) {
            String method = request.getMethod();
            if ("OPTIONS".equals(method)) {
                Cors.preflight(request, response);
                new HttpExchange(request, response, callback).respond(200, null, new byte[0]);
                return true;
            }
            String target = request.getHeaders().get("X-Amz-Target");
            if (target != null) {
                int dot = target.lastIndexOf('.');
                Handler handler = dot > 0 ? targets.get(target.substring(0, dot)) : null;
                if (handler != null) {
                    return handler.handle(request, response, callback);
                }
                unknownOperation(new HttpExchange(request, response, callback));
                return true;
            }
            String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
            if ("POST".equals(method)
                    && contentType != null
                    && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                String service = signingService(request.getHeaders().get(HttpHeader.AUTHORIZATION));
                Handler handler = service == null ? null : formServices.get(service);
                if (handler != null) {
                    return handler.handle(request, response, callback);
                }
            }
        }
        for (Route route : routes) {
            if (route.matcher().test(path) && route.methods().test(request.getMethod())) {
                return route.handler().handle(request, response, callback);
            }
        }
        // Through HttpExchange, like every answer: it reads what the client still sends, so no reset hides it.
        new HttpExchange(request, response, callback).respond(404, "text/plain; charset=utf-8", "Not Found");
        return true;
    }

    /** The host of a {@code Host} header without its port, in lower case; null when absent. */
    public static String hostName(String hostHeader) {
        if (hostHeader == null || hostHeader.isEmpty()) {
            return null;
        }
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    static String signingService(String authorization) {
        if (authorization == null) {
            return null;
        }
        Matcher m = CREDENTIAL_SCOPE_SERVICE.matcher(authorization);
        return m.find() ? m.group(1) : null;
    }

    private static void unknownOperation(HttpExchange exchange) {
        // What AWS JSON services answer for a target they do not know.
        exchange.setHeader("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.setHeader("x-amzn-ErrorType", "UnknownOperationException:");
        Cors.addResponseHeaders(exchange);
        exchange.respond(400, "application/x-amz-json-1.1", "{\"__type\":\"UnknownOperationException\"}");
    }

    private record Route(String description, Predicate<String> matcher, Predicate<String> methods, Handler handler) {}
}
