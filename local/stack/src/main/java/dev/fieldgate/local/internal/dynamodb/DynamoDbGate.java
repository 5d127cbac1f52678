package dev.fieldgate.local.internal.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldgate.local.core.internal.http.Cors;
import dev.fieldgate.local.core.internal.http.HttpExchange;
import dev.fieldgate.local.core.internal.iam.PolicyDocument;
import dev.fieldgate.local.core.internal.iam.RolePolicies;
import dev.fieldgate.local.core.internal.sigv4.SigV4Exception;
import dev.fieldgate.local.core.internal.sigv4.SigV4Verifier;
import dev.fieldgate.local.core.internal.sigv4.SignedHttpRequest;
import dev.fieldgate.local.core.internal.sigv4.VerifiedCaller;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * DynamoDB's front door on the stack's port, in front of DynamoDB Local (which accepts any key): every request must
 * carry a valid SigV4 signature for signing name {@code dynamodb} in the stack's region, and IAM must allow what it
 * does.
 * <ul>
 *   <li>The local administrator's key may do anything, as an account administrator may.</li>
 *   <li>The resolver function's role session may do what its Terraform policy allows: its DynamoDB actions on the
 *       app's tables and their indexes.</li>
 *   <li>Identity-pool credentials (guest or signed in) may do what their role's policies allow, evaluated like the
 *       AppSync endpoint's {@code appsync:GraphQL}: the roles Terraform writes grant no DynamoDB action, so by default
 *       they are refused with {@code AccessDeniedException}; a policy added with IAM's {@code PutRolePolicy} (e.g.
 *       {@code dynamodb:GetItem} on one table) takes effect on the next request.</li>
 *   <li>No signature, a bad one, an unknown key: DynamoDB's own errors ({@code MissingAuthenticationTokenException},
 *       {@code InvalidSignatureException}, {@code IncompleteSignatureException}, {@code UnrecognizedClientException},
 *       {@code ExpiredTokenException}), HTTP 400, AWS JSON 1.0 with {@code __type} in the
 *       {@code com.amazon.coral.service#} namespace, as DynamoDB's front end answers them.</li>
 * </ul>
 * Only a {@code POST} that passed both reaches DynamoDB Local, with the body exactly as verified. A browser's CORS
 * preflight ({@code OPTIONS /}) is answered by the router, as for every service on the port, and never reaches
 * DynamoDB Local: the preflight only lets a page send a request, and without a signature that request acts on
 * nothing.
 */
public final class DynamoDbGate extends Handler.Wrapper {

    /** DynamoDB's largest request (a BatchWriteItem of 25 items of 400 KB is far below this). */
    static final int MAX_BODY_BYTES = 16 << 20;

    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final String FRONT_DOOR = "com.amazon.coral.service#";
    // UNCONFIRMED: DynamoDB's namespace for an IAM refusal. Answers of some years ago carried the front door's
    // (com.amazon.coral.service#); this is DynamoDB's own. SDKs read only the name after '#' either way.
    private static final String DYNAMODB = "com.amazonaws.dynamodb.v20120810#";
    private static final Pattern OPERATION = Pattern.compile("[A-Za-z]{1,64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SigV4Verifier verifier;
    private final String region;
    private final Supplier<RolePolicies> policies;
    private final DynamoDbActions actions;

    /**
     * @param dynamoDb  DynamoDB Local's handler
     * @param verifier  the stack's SigV4 verifier (administrator and identity-pool credentials)
     * @param region    the stack's region: requests must be signed for it
     * @param accountId the local account, for table ARNs
     * @param policies  the roles' current policies (IAM changes are published there)
     */
    public DynamoDbGate(
            Handler dynamoDb,
            SigV4Verifier verifier,
            String region,
            String accountId,
            Supplier<RolePolicies> policies) {
        super(Objects.requireNonNull(dynamoDb, "dynamoDb"));
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.region = Objects.requireNonNull(region, "region");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.actions = new DynamoDbActions(region, accountId);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        HttpExchange exchange = new HttpExchange(request, response, callback);
        String target = exchange.header("X-Amz-Target").orElse("");
        int dot = target.lastIndexOf('.');
        boolean streams = target.startsWith(DynamoDbLocalService.STREAMS_TARGET_PREFIX + ".");
        String operation = dot < 0 ? "" : target.substring(dot + 1);
        byte[] body;
        try {
            body = exchange.body(MAX_BODY_BYTES);
        } catch (HttpExchange.BodyTooLargeException e) {
            // UNCONFIRMED: DynamoDB's exact answer to a body over its 16 MB limit.
            refuse(exchange, 413, FRONT_DOOR + "SerializationException", "message", "Request size exceeds the limit.");
            return true;
        } catch (IOException e) {
            exchange.fail(e);
            return true;
        }
        VerifiedCaller caller;
        try {
            caller = verifier.verify(SignedHttpRequest.from(exchange), "dynamodb", region);
        } catch (SigV4Exception e) {
            refuse(
                    exchange,
                    400,
                    FRONT_DOOR + e.awsErrorType(),
                    "message",
                    e.reason() == SigV4Exception.Reason.MISSING_AUTHENTICATION
                            ? "Request is missing Authentication Token"
                            : e.getMessage());
            return true;
        }
        if (!"POST".equals(request.getMethod()) || !OPERATION.matcher(operation).matches()) {
            refuse(exchange, 400, FRONT_DOOR + "UnknownOperationException", "message", null);
            return true;
        }
        if (!caller.isAdministrator() && !authorized(exchange, caller, streams, operation, body)) {
            return true;
        }
        // What AWS's DynamoDB answers a browser's signed call with, so that the page may read the answer.
        Cors.addResponseHeaders(response);
        return super.handle(new VerifiedBody(request, body), response, callback);
    }

    /** IAM's decision for a role's session; answers the refusal itself and returns false when denied. */
    private boolean authorized(
            HttpExchange exchange, VerifiedCaller caller, boolean streams, String operation, byte[] body) {
        JsonNode input;
        try {
            input = body.length == 0 ? JsonNodeFactory.instance.objectNode() : JSON.readTree(body);
        } catch (IOException e) {
            input = null;
        }
        if (input == null || !input.isObject()) {
            refuse(exchange, 400, FRONT_DOOR + "SerializationException", "message", null);
            return false;
        }
        String roleArn = caller.credentials().map(c -> c.roleArn()).orElse(null);
        RolePolicies current = policies.get();
        for (DynamoDbActions.Check check : actions.checks(streams, operation, input)) {
            PolicyDocument.Decision decision = roleArn == null
                    ? PolicyDocument.Decision.IMPLICIT_DENY
                    : current.evaluate(roleArn, check.action(), check.resource());
            if (!decision.isAllowed()) {
                // DynamoDB's AccessDeniedException says "Message", not "message".
                refuse(
                        exchange,
                        400,
                        DYNAMODB + "AccessDeniedException",
                        "Message",
                        "User: " + caller.arn() + " is not authorized to perform: " + check.action()
                                + " on resource: " + check.resource()
                                + (decision == PolicyDocument.Decision.EXPLICIT_DENY
                                        ? " with an explicit deny in an identity-based policy"
                                        : " because no identity-based policy allows the " + check.action()
                                                + " action"));
                return false;
            }
        }
        return true;
    }

    private static void refuse(HttpExchange exchange, int status, String type, String messageMember, String message) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("__type", type);
        if (message != null) {
            error.put(messageMember, message);
        }
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(error);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an error", e);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        exchange.setHeader("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.setHeader("x-amz-crc32", Long.toString(crc.getValue()));
        Cors.addResponseHeaders(exchange);
        exchange.respond(status, CONTENT_TYPE, bytes);
    }

    /** The request as verified: DynamoDB Local reads the body that was checked, once, from memory. */
    private static final class VerifiedBody extends Request.Wrapper {

        private final ByteBuffer body;
        private final AtomicBoolean read = new AtomicBoolean();

        VerifiedBody(Request request, byte[] body) {
            super(request);
            this.body = ByteBuffer.wrap(body).asReadOnlyBuffer();
        }

        @Override
        public Content.Chunk read() {
            return read.getAndSet(true) ? Content.Chunk.EOF : Content.Chunk.from(body.slice(), true);
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run();
        }

        @Override
        public void fail(Throwable failure) {
            read.set(true);
        }
    }

    @Override
    public String toString() {
        return "DynamoDbGate[" + region + "]";
    }
}
