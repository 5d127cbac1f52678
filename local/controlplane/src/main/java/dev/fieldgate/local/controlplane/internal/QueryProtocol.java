package dev.fieldgate.local.controlplane.internal;

import dev.fieldgate.local.core.internal.http.HttpExchange;
import dev.fieldgate.local.core.internal.sigv4.SigV4Exception;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The AWS Query protocol's responses (STS, IAM): {@code <ActionResponse xmlns=…><ActionResult>…</ActionResult>
 * <ResponseMetadata><RequestId>…</RequestId></ResponseMetadata></ActionResponse>} and
 * {@code <ErrorResponse><Error><Type>Sender</Type><Code>…</Code><Message>…</Message></Error><RequestId>…}.
 */
final class QueryProtocol {

    static final String CONTENT_TYPE = "text/xml";

    private QueryProtocol() {}

    /** A Query-protocol error: the code AWS sends, its HTTP status and message. */
    static final class QueryException extends dev.fieldgate.local.core.LocalStackException {
        private static final long serialVersionUID = 1L;
        final String code;
        final int status;

        QueryException(String code, int status, String message) {
            super(message);
            this.code = code;
            this.status = status;
        }
    }

    /** How the Query services answer a request that failed SigV4 verification. */
    static QueryException signatureError(SigV4Exception e) {
        return switch (e.reason()) {
            case MISSING_AUTHENTICATION ->
                new QueryException("MissingAuthenticationToken", 403, "Request is missing Authentication Token");
            case INCOMPLETE_SIGNATURE -> new QueryException("IncompleteSignature", 400, e.getMessage());
            case UNRECOGNIZED_CLIENT -> new QueryException("InvalidClientTokenId", 403, e.getMessage());
            case EXPIRED_TOKEN -> new QueryException("ExpiredToken", 400, e.getMessage());
            case SIGNATURE_EXPIRED, WRONG_SCOPE, SIGNATURE_MISMATCH, PRESIGNED_EXPIRED ->
                new QueryException("SignatureDoesNotMatch", 403, e.getMessage());
        };
    }

    static QueryException validation(String message) {
        return new QueryException("ValidationError", 400, message);
    }

    static String requiredParam(HttpExchange exchange, String name) throws java.io.IOException {
        String value = exchange.formParam(name).orElse(null);
        if (value == null || value.isEmpty()) {
            throw validation("1 validation error detected: Value null at '" + Character.toLowerCase(name.charAt(0))
                    + name.substring(1) + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    static void respond(HttpExchange exchange, String namespace, String action, Xml result) {
        String requestId = UUID.randomUUID().toString();
        Xml body = new Xml().open(action + "Response", namespace);
        if (result != null) {
            body.open(action + "Result").raw(result.toString()).close(action + "Result");
        }
        body.open("ResponseMetadata")
                .element("RequestId", requestId)
                .close("ResponseMetadata")
                .close(action + "Response");
        exchange.setHeader("x-amzn-RequestId", requestId);
        exchange.respond(200, CONTENT_TYPE, body.toString());
    }

    static void respondError(HttpExchange exchange, String namespace, QueryException error) {
        String requestId = UUID.randomUUID().toString();
        Xml body = new Xml()
                .open("ErrorResponse", namespace)
                .open("Error")
                .element("Type", error.status >= 500 ? "Receiver" : "Sender")
                .element("Code", error.code)
                .element("Message", error.getMessage())
                .close("Error")
                .element("RequestId", requestId)
                .close("ErrorResponse");
        exchange.setHeader("x-amzn-RequestId", requestId);
        dev.fieldgate.local.core.internal.requests.RequestNote.of(exchange.jettyRequest())
                .error(error.code, false);
        exchange.respond(error.status, CONTENT_TYPE, body.toString());
    }

    /** ISO-8601 with seconds, as the Query services send timestamps. */
    static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** IAM returns policy documents URL-encoded (RFC 3986); its clients decode them. */
    static String urlEncode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A tiny XML writer: elements in order, text escaped. */
    static final class Xml {
        private final StringBuilder out = new StringBuilder();

        Xml open(String name) {
            out.append('<').append(name).append('>');
            return this;
        }

        Xml open(String name, String namespace) {
            out.append('<').append(name).append(" xmlns=\"").append(namespace).append("\">");
            return this;
        }

        Xml close(String name) {
            out.append("</").append(name).append('>');
            return this;
        }

        Xml element(String name, Object text) {
            if (text == null) {
                return this;
            }
            open(name);
            escape(String.valueOf(text));
            return close(name);
        }

        Xml raw(String xml) {
            out.append(xml);
            return this;
        }

        private void escape(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '&' -> out.append("&amp;");
                    case '"' -> out.append("&quot;");
                    case '\'' -> out.append("&apos;");
                    default -> out.append(c);
                }
            }
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
