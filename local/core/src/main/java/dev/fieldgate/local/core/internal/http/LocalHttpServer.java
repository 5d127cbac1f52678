package dev.fieldgate.local.core.internal.http;

import dev.fieldgate.local.core.LocalStackException;
import java.net.InetSocketAddress;
import java.net.URI;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** One Jetty 12 server on one port with a {@link Router} as its handler. */
public final class LocalHttpServer implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;
    private final Router router;
    private final String bindAddress;

    public LocalHttpServer(String bindAddress, int port) {
        this(bindAddress, port, 64);
    }

    /** @param maxThreads the most requests served at once (blocking handlers hold a thread each) */
    public LocalHttpServer(String bindAddress, int port, int maxThreads) {
        this.bindAddress = bindAddress;
        QueuedThreadPool threads = new QueuedThreadPool(maxThreads, 4);
        threads.setName("fieldgate-local");
        threads.setDaemon(true);
        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // SigV4 signs header values exactly as sent: Jetty's header cache must not swap in a cached field whose value
        // differs in case (e.g. "charset=utf-8" arriving as "charset=UTF-8" breaks the signature of Query calls).
        http.setHeaderCacheCaseSensitive(true);
        this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(bindAddress);
        connector.setPort(port);
        connector.setIdleTimeout(30_000);
        server.addConnector(connector);
        this.router = new Router();
        server.setHandler(router);
        // Stop at once: idle keep-alive connections would otherwise hold a graceful stop until it times out.
        server.setStopTimeout(0);
    }

    public Router router() {
        return router;
    }

    public void start() {
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new LocalStackException(
                    "Could not listen on " + bindAddress + ":" + connector.getPort() + " (" + e.getMessage()
                            + "); choose another port or 0 for a free one.",
                    e);
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://<bind address>:<port>}; IPv6 addresses are bracketed. */
    public URI baseUri() {
        String host = bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
        if ("0.0.0.0".equals(bindAddress)) {
            host = "127.0.0.1";
        }
        return URI.create("http://" + host + ":" + port());
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(bindAddress, port());
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new LocalStackException("Stopping the local HTTP server failed: " + e.getMessage(), e);
        }
    }
}
