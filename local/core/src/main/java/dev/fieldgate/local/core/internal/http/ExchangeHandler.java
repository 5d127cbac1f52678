package dev.fieldgate.local.core.internal.http;

import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A blocking request handler over {@link HttpExchange}; {@link #asJettyHandler} adapts it for the {@link Router}. */
@FunctionalInterface
public interface ExchangeHandler {

    void handle(HttpExchange exchange) throws Exception;

    /**
     * Adapts this handler. An exception that escapes becomes a plain 500 (handlers that speak an AWS protocol
     * answer their own errors before that); the exception is logged by type only, as it may quote request data.
     */
    default Handler asJettyHandler() {
        ExchangeHandler self = this;
        return new Handler.Abstract(org.eclipse.jetty.util.thread.Invocable.InvocationType.BLOCKING) {
            private final Logger log = LoggerFactory.getLogger(ExchangeHandler.class);

            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                HttpExchange exchange = new HttpExchange(request, response, callback);
                try {
                    self.handle(exchange);
                    if (!exchange.responded()) {
                        exchange.respond(404, "text/plain; charset=utf-8", "Not Found");
                    }
                } catch (Exception | LinkageError e) {
                    if (clientLeft(e)) {
                        // A client that goes away mid-request is normal: one line, and nobody left to answer.
                        log.debug(
                                "The client left during {} {}: {}",
                                request.getMethod(),
                                request.getHttpURI().getPath(),
                                e.getMessage());
                        if (!exchange.responded()) {
                            callback.failed(e);
                        }
                        return true;
                    }
                    log.error(
                            "Unhandled {} while serving {} {}",
                            e.getClass().getName(),
                            request.getMethod(),
                            request.getHttpURI().getPath(),
                            e);
                    if (!exchange.responded()) {
                        exchange.respond(500, "text/plain; charset=utf-8", "Internal Server Error");
                    }
                }
                return true;
            }
        };
    }

    /** Whether the failure is the client's connection ending early (Jetty's {@link EofException}, maybe wrapped). */
    private static boolean clientLeft(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 8; depth++, cause = cause.getCause()) {
            if (cause instanceof EofException) {
                return true;
            }
        }
        return false;
    }
}
