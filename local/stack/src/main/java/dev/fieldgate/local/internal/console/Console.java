package dev.fieldgate.local.internal.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldgate.config.AppClientConfig;
import dev.fieldgate.local.cognito.LocalCognito;
import dev.fieldgate.local.cognito.OutboxMessage;
import dev.fieldgate.local.cognito.internal.identitypool.IdentityPool;
import dev.fieldgate.local.core.RequestLog;
import dev.fieldgate.local.core.RequestRecord;
import dev.fieldgate.local.core.internal.http.ExchangeHandler;
import dev.fieldgate.local.core.internal.http.HttpExchange;
import dev.fieldgate.policy.CompiledSchema;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The local stack's web console under {@code /console} (and {@code /}): GraphiQL with a caller picker, the user pool's
 * users and groups, the outbox, the identity pool's identities, the tables' items (read only), the request log, the
 * access matrix and the links a developer needs.
 *
 * <p>Everything it does to the stack goes through the stack's own port as any client's call would ({@link
 * StackClient}): users are created with {@code SignUp}, confirmed with {@code ConfirmSignUp}, administered with the
 * local administrator's SigV4 key; GraphQL runs as the picked caller, a guest's request SigV4-signed with the identity
 * pool's credentials. So each action shows in the request log as what it is.
 *
 * <p>Local only: served when the stack listens on a loopback address, or when turned on explicitly; otherwise every
 * console path answers 403 saying how to turn it on. It shows no secret: the administrator's key id, never its secret;
 * invitations' temporary passwords are masked; passwords typed into it go to the stack and nowhere else.
 */
public final class Console implements ExchangeHandler {

    /** The console's own assets on the class path. */
    private static final String ASSETS = "/dev/fieldgate/local/console/";

    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8",
            "vendor/react.production.min.js", "text/javascript; charset=utf-8",
            "vendor/react-dom.production.min.js", "text/javascript; charset=utf-8",
            "vendor/graphiql.min.js", "text/javascript; charset=utf-8",
            "vendor/graphiql.min.css", "text/css; charset=utf-8");

    private final boolean enabled;
    private final String bindAddress;
    private final Supplier<LocalCognito> cognito;
    private final Optional<IdentityPool> identityPool;
    private final RequestLog requestLog;
    private final CompiledSchema compiled;
    private final String tablePrefix;
    private final Supplier<Path> outputsFile;
    private final Supplier<URI> endpoint;
    private volatile StackClient client;
    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();

    public Console(
            boolean enabled,
            String bindAddress,
            Supplier<LocalCognito> cognito,
            Optional<IdentityPool> identityPool,
            RequestLog requestLog,
            CompiledSchema compiled,
            String tablePrefix,
            Supplier<Path> outputsFile,
            Supplier<URI> endpoint) {
        this.enabled = enabled;
        this.bindAddress = bindAddress;
        this.cognito = cognito;
        this.identityPool = identityPool;
        this.requestLog = requestLog;
        this.compiled = compiled;
        this.tablePrefix = tablePrefix;
        this.outputsFile = outputsFile;
        this.endpoint = endpoint;
    }

    private LocalCognito cognito() {
        return cognito.get();
    }

    /** The client of the stack's own port; made on first use, once the stack listens. */
    private StackClient stack() {
        StackClient current = client;
        if (current == null) {
            current = new StackClient(
                    endpoint, cognito().adminCredentials(), cognito().region(), json);
            current.userPoolId(cognito().userPoolId());
            client = current;
        }
        return current;
    }

    /** Whether a bind address is a loopback one, where the console is on unless turned off. */
    public static boolean isLoopback(String bindAddress) {
        return Set.of("localhost", "::1", "[::1]").contains(bindAddress)
                || bindAddress.matches("127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}");
    }

    @Override
    public void handle(HttpExchange exchange) throws Exception {
        String path = exchange.path();
        if (!enabled) {
            exchange.respond(
                    403,
                    "text/plain; charset=utf-8",
                    "The console is served on the loopback address only; this stack listens on " + bindAddress
                            + ". Start it with --console on to serve the console there too.\n");
            return;
        }
        if (path.equals("/") || path.equals("/console")) {
            if (!"GET".equals(exchange.method())) {
                exchange.respond(404, "text/plain; charset=utf-8", "Not Found");
                return;
            }
            String query = exchange.rawQuery();
            exchange.redirect("/console/" + (query == null ? "" : "?" + query));
            return;
        }
        if (path.startsWith("/console/api/")) {
            String refusal = crossSiteRefusal(exchange);
            if (refusal != null) {
                exchange.respond(
                        403,
                        "application/json",
                        json.writeValueAsBytes(Map.of("error", "Forbidden", "message", refusal)));
                return;
            }
            api(exchange, path.substring("/console/api/".length()));
            return;
        }
        String file = path.equals("/console/") ? "index.html" : path.substring("/console/".length());
        String type = FILES.get(file);
        byte[] content = type == null ? null : asset(file);
        if (content == null) {
            exchange.respond(404, "text/plain; charset=utf-8", "Not Found");
            return;
        }
        exchange.setHeader("Cache-Control", file.startsWith("vendor/") ? "max-age=3600" : "no-store");
        exchange.setHeader("X-Content-Type-Options", "nosniff");
        exchange.respond(200, type, content);
    }

    private static byte[] asset(String file) throws IOException {
        try (InputStream in = Console.class.getResourceAsStream(ASSETS + file)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    /**
     * Why a call of the console's API is refused, or {@code null}: the API acts as the local administrator without
     * credentials, so only the console's own page may call it. Another site open in the developer's browser cannot:
     * a cross-origin {@code Origin} or {@code Sec-Fetch-Site} is refused, a {@code POST} must be JSON (which a page
     * of another origin cannot send without a preflight the stack does not grant), and on a loopback bind the
     * {@code Host} must name the loopback (a DNS name rebound to 127.0.0.1 does not).
     */
    String crossSiteRefusal(HttpExchange exchange) {
        String host = exchange.header("Host").orElse("");
        String hostName = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.split(":", 2)[0];
        if (isLoopback(bindAddress) && !isLoopback(hostName)) {
            return "the console answers on a loopback host name only";
        }
        String site = exchange.header("Sec-Fetch-Site").orElse("same-origin");
        if (!site.equals("same-origin") && !site.equals("none")) {
            return "the console's API answers its own page only";
        }
        String origin = exchange.header("Origin").orElse(null);
        if (origin != null && !origin.equals("http://" + host) && !origin.equals("https://" + host)) {
            return "the console's API answers its own page only";
        }
        if ("POST".equals(exchange.method())
                && !exchange.header("Content-Type").orElse("").startsWith("application/json")) {
            return "the console's API takes application/json";
        }
        return null;
    }

    private void api(HttpExchange exchange, String name) throws IOException {
        exchange.setHeader("Cache-Control", "no-store");
        JsonNode input = "POST".equals(exchange.method()) ? json.readTree(exchange.body()) : null;
        Object answer;
        try {
            answer = switch (name) {
                case "overview" -> overview();
                case "requests" ->
                    requests(exchange.queryParam("after").map(Long::parseLong).orElse(0L));
                case "users" -> input == null ? stack().users() : signUp(input);
                case "users/confirm" -> stack().confirm(clientId(), text(input, "username"), text(input, "code"));
                case "users/group" -> stack().addToGroup(text(input, "username"), text(input, "group"));
                case "users/disable" -> stack().disable(text(input, "username"));
                case "signin" -> stack().signIn(clientId(), text(input, "username"), text(input, "password"));
                case "outbox" -> outbox();
                case "identities" -> identities();
                case "tables" -> tables();
                case "matrix" -> json.readTree(compiled.accessMatrix().toJson());
                case "outputs" -> outputs();
                case "graphql" -> stack().graphql(input, cognito().identityPoolId());
                case "realtime-authorization" ->
                    stack().realtimeAuthorization(input, cognito().identityPoolId());
                default -> null;
            };
        } catch (StackClient.CallFailed e) {
            exchange.respond(
                    400,
                    "application/json",
                    json.writeValueAsBytes(Map.of("error", e.type(), "message", e.getMessage())));
            return;
        } catch (IllegalArgumentException e) {
            exchange.respond(
                    400,
                    "application/json",
                    json.writeValueAsBytes(Map.of("error", "BadRequest", "message", e.getMessage())));
            return;
        }
        if (answer == null) {
            exchange.respond(404, "application/json", "{\"error\":\"NotFound\"}");
            return;
        }
        exchange.respond(200, "application/json", json.writeValueAsBytes(answer));
    }

    private static String text(JsonNode input, String field) {
        if (input == null
                || !input.path(field).isTextual()
                || input.path(field).asText().isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return input.path(field).asText();
    }

    /** The app client the console signs up and signs in with: the first without a secret that allows passwords. */
    private String clientId() {
        for (AppClientConfig client : cognito().config().userPool().clients()) {
            if (!client.generateSecret() && client.explicitAuthFlows().contains("ALLOW_USER_PASSWORD_AUTH")) {
                return cognito().clientId(client.name());
            }
        }
        throw new IllegalArgumentException(
                "no app client without a secret allows ALLOW_USER_PASSWORD_AUTH: the console cannot sign users in");
    }

    private Object signUp(JsonNode input) {
        return stack().signUp(clientId(), text(input, "email"), text(input, "password"));
    }

    private ObjectNode overview() {
        ObjectNode out = json.createObjectNode();
        out.put("app", cognito().config().app());
        out.put("region", cognito().region());
        out.put("endpoint", cognito().endpoint().toString());
        out.put("graphql", cognito().endpoint() + "/graphql");
        out.put("userPoolId", cognito().userPoolId());
        cognito().identityPoolId().ifPresent(id -> out.put("identityPoolId", id));
        out.put("adminKeyId", cognito().adminCredentials().accessKeyId());
        out.put("tablePrefix", tablePrefix);
        ArrayNode groups = out.putArray("groups");
        cognito().config().userPool().groups().forEach(g -> groups.add(g.name()));
        ArrayNode links = out.putArray("links");
        for (AppClientConfig client : cognito().config().userPool().clients()) {
            if (!client.allowedOAuthFlows().contains("code")
                    || client.callbackUrls().isEmpty()) {
                continue;
            }
            // A fresh PKCE pair per page load: the verifier is shown beside the link, for the token request.
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            String link = cognito().oauthBaseUri() + "/oauth2/authorize?client_id="
                    + cognito().clientId(client.name())
                    + "&response_type=code&scope=" + encode(String.join(" ", client.allowedOAuthScopes()))
                    + "&redirect_uri=" + encode(client.callbackUrls().get(0)) + "&code_challenge="
                    + challenge(verifier) + "&code_challenge_method=S256";
            ObjectNode entry = links.addObject();
            entry.put("name", "Hosted UI sign-in (" + client.name() + ")");
            entry.put("url", link);
            entry.put("note", "PKCE code_verifier for the token request: " + verifier);
        }
        links.addObject().put("name", "JWKS").put("url", cognito().jwksUri().toString());
        links.addObject()
                .put("name", "OpenID configuration")
                .put("url", cognito().openIdConfigurationUri().toString());
        Path outputs = outputsFile.get();
        links.addObject()
                .put("name", "Outputs file")
                .put("url", "/console/api/outputs")
                .put("note", outputs == null ? "in memory" : outputs.toString());
        return out;
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private ArrayNode requests(long after) {
        ArrayNode out = json.createArrayNode();
        for (RequestRecord r : requestLog.after(after, 200)) {
            ObjectNode entry = out.addObject();
            entry.put("sequence", r.sequence());
            entry.put("time", r.time().toString());
            entry.put("service", r.service());
            entry.put("operation", r.operation());
            entry.put("caller", r.caller());
            entry.put("status", r.status());
            entry.put("outcome", r.outcome());
            entry.put("allowed", r.allowed());
            entry.put("durationMillis", r.durationNanos() / 1e6);
            ArrayNode lines = entry.putArray("functionLines");
            r.functionLines().forEach(lines::add);
        }
        return out;
    }

    private ArrayNode outbox() {
        ArrayNode out = json.createArrayNode();
        List<OutboxMessage> messages = cognito().outbox().messages();
        for (int i = messages.size() - 1; i >= 0 && out.size() < 200; i--) {
            OutboxMessage m = messages.get(i);
            ObjectNode entry = out.addObject();
            entry.put("sentAt", m.sentAt().toString());
            entry.put("kind", m.kind().name());
            entry.put("username", m.username());
            entry.put("destination", m.destination());
            entry.put("masked", m.maskedDestination());
            // A temporary password is a password: masked. Codes are what the outbox is for.
            entry.put("code", m.kind() == OutboxMessage.Kind.INVITATION ? "••••••••" : m.code());
        }
        return out;
    }

    private ArrayNode identities() {
        ArrayNode out = json.createArrayNode();
        identityPool.ifPresent(pool -> pool.identities().forEach(identity -> {
            ObjectNode entry = out.addObject();
            entry.put("identityId", identity.identityId());
            entry.put("kind", identity.loginProviders().isEmpty() ? "guest" : "authenticated");
            ArrayNode logins = entry.putArray("logins");
            identity.loginProviders().forEach(logins::add);
            entry.put(
                    "created",
                    java.time.Instant.ofEpochMilli(identity.createdMillis()).toString());
        }));
        return out;
    }

    private ObjectNode tables() {
        ObjectNode out = json.createObjectNode();
        for (var table : compiled.manifest().tables()) {
            String name = tablePrefix + table.name();
            out.set(name, stack().scan(name, 50));
        }
        return out;
    }

    private JsonNode outputs() throws IOException {
        Path file = outputsFile.get();
        if (file == null || !Files.isRegularFile(file)) {
            return json.createObjectNode().put("message", "This stack writes no outputs file (--in-memory).");
        }
        return json.readTree(file.toFile());
    }
}
