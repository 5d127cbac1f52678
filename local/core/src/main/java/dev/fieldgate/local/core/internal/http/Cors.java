package dev.fieldgate.local.core.internal.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * CORS the way AWS's JSON endpoints answer it: any origin, no credentials, and the request id and error headers
 * exposed so browser SDKs can read them.
 */
public final class Cors {

    static final String EXPOSE = "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date";
    // The exact list AWS returns is not documented; these are the headers the JS SDKs send.
    private static final String DEFAULT_ALLOW_HEADERS = "content-type,x-amz-target,x-amz-user-agent,cache-control,"
            + "amz-sdk-invocation-id,amz-sdk-request,x-amz-date,authorization,x-amz-security-token,"
            + "x-amz-content-sha256";

    private Cors() {}

    public static void addResponseHeaders(Response response) {
        response.getHeaders().put("Access-Control-Allow-Origin", "*");
        response.getHeaders().put("Access-Control-Expose-Headers", EXPOSE);
    }

    public static void addResponseHeaders(HttpExchange exchange) {
        exchange.setHeader("Access-Control-Allow-Origin", "*");
        exchange.setHeader("Access-Control-Expose-Headers", EXPOSE);
    }

    static void preflight(Request request, Response response) {
        String requested = request.getHeaders().get("Access-Control-Request-Headers");
        response.getHeaders().put("Access-Control-Allow-Origin", "*");
        response.getHeaders().put("Access-Control-Allow-Methods", "POST, GET, OPTIONS");
        response.getHeaders()
                .put(
                        "Access-Control-Allow-Headers",
                        requested != null && requested.matches("[A-Za-z0-9,\\- ]{1,2000}")
                                ? requested
                                : DEFAULT_ALLOW_HEADERS);
        response.getHeaders().put("Access-Control-Expose-Headers", EXPOSE);
        response.getHeaders().put("Access-Control-Max-Age", "86400");
    }
}
