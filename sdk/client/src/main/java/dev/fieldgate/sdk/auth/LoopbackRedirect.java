package dev.fieldgate.sdk.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.fieldgate.sdk.FieldgateConfigException;
import dev.fieldgate.sdk.NetworkException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Receives the hosted UI's redirect on the loopback interface, for command-line tools (RFC 8252's loopback
 * redirect): a tiny HTTP server on {@code 127.0.0.1} at the port and path of a registered callback URL such as
 * {@code http://127.0.0.1:53682/callback}. It answers the browser with a short page and hands the callback URL to
 * the caller; it accepts one callback and nothing else.
 */
public final class LoopbackRedirect implements AutoCloseable {

    private final HttpServer server;
    private final URI redirectUri;
    private final CompletableFuture<URI> callback = new CompletableFuture<>();

    private LoopbackRedirect(HttpServer server, URI redirectUri) {
        this.server = server;
        this.redirectUri = redirectUri;
    }

    /**
     * Listens for {@code redirectUri}, which must be {@code http://127.0.0.1:<port>/<path>} or
     * {@code http://localhost:<port>/<path>} and registered as a callback URL of the app client.
     *
     * @throws FieldgateConfigException if the URI is not a loopback URL with a port, or the port is taken
     */
    public static LoopbackRedirect listen(URI redirectUri) {
        String host = redirectUri.getHost();
        if (!"http".equals(redirectUri.getScheme())
                || redirectUri.getPort() <= 0
                || !("127.0.0.1".equals(host) || "localhost".equals(host))) {
            throw new FieldgateConfigException("A loopback redirect needs a URL like http://127.0.0.1:53682/callback "
                    + "registered on the app client; got " + redirectUri + ".");
        }
        try {
            HttpServer server = HttpServer.create(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), redirectUri.getPort()), 0);
            LoopbackRedirect redirect = new LoopbackRedirect(server, redirectUri);
            server.createContext("/", redirect::handle);
            server.start();
            return redirect;
        } catch (IOException e) {
            throw new FieldgateConfigException(
                    "Cannot listen on " + redirectUri + " (" + e.getMessage() + "); is "
                            + "another sign-in running? Close it or register another loopback port.",
                    e);
        }
    }

    public URI redirectUri() {
        return redirectUri;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String expected =
                redirectUri.getPath() == null || redirectUri.getPath().isEmpty() ? "/" : redirectUri.getPath();
        try (exchange) {
            URI requested = exchange.getRequestURI();
            if (!"GET".equals(exchange.getRequestMethod())
                    || !expected.equals(requested.getPath())
                    || callback.isDone()) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            boolean error =
                    requested.getRawQuery() != null && requested.getRawQuery().contains("error=");
            byte[] page = ("<!doctype html><meta charset=utf-8><title>Sign-in</title><p>"
                            + (error
                                    ? "The sign-in did not complete. Return to the application for details."
                                    : "You are signed in. You can close this window and return to the application.")
                            + "</p>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            exchange.getResponseHeaders().add("Referrer-Policy", "no-referrer");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(page);
            }
            URI full = URI.create(redirectUri.getScheme() + "://" + redirectUri.getRawAuthority()
                    + requested.getRawPath() + (requested.getRawQuery() == null ? "" : "?" + requested.getRawQuery()));
            callback.complete(full);
        }
    }

    /**
     * Waits for the browser's redirect and returns its full URL (with {@code code} and {@code state}).
     *
     * @throws NetworkException if none came within {@code timeout}
     */
    public URI awaitCallback(Duration timeout) {
        try {
            return callback.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new NetworkException(
                    "No sign-in arrived at " + redirectUri + " within " + timeout.toSeconds()
                            + " s; open the sign-in URL in a browser and try again.",
                    e,
                    true);
        } catch (ExecutionException e) {
            throw new NetworkException("The loopback redirect failed: " + e.getCause(), e.getCause(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetworkException("Interrupted while waiting for the sign-in.", e, false);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    @Override
    public String toString() {
        return "LoopbackRedirect[" + redirectUri + "]";
    }
}
