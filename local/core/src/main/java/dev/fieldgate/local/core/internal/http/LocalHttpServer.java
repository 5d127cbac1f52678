package dev.fieldgate.local.core.internal.http;

import dev.fieldgate.local.core.LocalStackException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyStore;
import org.eclipse.jetty.server.DetectorConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One Jetty 12 server on one port with a {@link Router} as its handler. With a TLS key store the same port also
 * speaks TLS: each connection's first bytes tell a TLS handshake from plain HTTP, so {@code https}/{@code wss} clients
 * (browsers, Amplify) and {@code http} clients share the port, and {@link #baseUri()} names {@code https}.
 */
public final class LocalHttpServer implements AutoCloseable {

    /** The server's certificate chain and key, and the key store's (random, never printed) password. */
    public record Tls(KeyStore keyStore, String password) {
        @Override
        public String toString() {
            return "Tls[password hidden]";
        }
    }

    private final Server server;
    private final ServerConnector connector;
    private final Router router;
    private final String bindAddress;
    private final boolean tls;

    public LocalHttpServer(String bindAddress, int port) {
        this(bindAddress, port, 64);
    }

    /** @param maxThreads the most requests served at once (blocking handlers hold a thread each) */
    public LocalHttpServer(String bindAddress, int port, int maxThreads) {
        this(bindAddress, port, maxThreads, null);
    }

    /**
     * A server that also speaks TLS on its port.
     *
     * @param maxThreads the most requests served at once (blocking handlers hold a thread each)
     * @param tls the server's certificate, or null for plain HTTP only
     */
    public LocalHttpServer(String bindAddress, int port, int maxThreads, Tls tls) {
        this.bindAddress = bindAddress;
        this.tls = tls != null;
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
        HttpConnectionFactory plain = new HttpConnectionFactory(http);
        if (tls == null) {
            this.connector = new ServerConnector(server, 1, 1, plain);
        } else {
            // No SNI host check: the certificate names the loopback names and addresses the server answers on.
            http.addCustomizer(new SecureRequestCustomizer(false));
            SslContextFactory.Server context = new SslContextFactory.Server();
            context.setKeyStore(tls.keyStore());
            context.setKeyStorePassword(tls.password());
            SslConnectionFactory ssl = new SslConnectionFactory(context, plain.getProtocol());
            this.connector = new ServerConnector(server, 1, 1, new DetectorConnectionFactory(ssl), plain);
        }
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

    /**
     * Binds the port without serving yet, so {@link #port()} and {@link #baseUri()} are known early: connections
     * wait in the backlog until {@link #start()}.
     */
    public void bind() {
        try {
            connector.open();
        } catch (Exception e) {
            throw new LocalStackException(
                    "Could not listen on " + bindAddress + ":" + connector.getPort() + " (" + e.getMessage()
                            + "); choose another port or 0 for a free one.",
                    e);
        }
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

    /** {@code http://<bind address>:<port>}, or {@code https://} when the server speaks TLS; IPv6 is bracketed. */
    public URI baseUri() {
        String host = bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
        if ("0.0.0.0".equals(bindAddress)) {
            host = "127.0.0.1";
        }
        return URI.create((tls ? "https://" : "http://") + host + ":" + port());
    }

    /** Whether the port also speaks TLS. */
    public boolean tls() {
        return tls;
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
