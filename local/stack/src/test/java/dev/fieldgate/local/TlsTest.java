package dev.fieldgate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fieldgate.config.OutputsFile;
import dev.fieldgate.local.cognito.TestConfigs;
import dev.fieldgate.local.core.LocalConfigException;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS on the stack's port for clients that insist on {@code https}/{@code wss}: a certificate from the state
 * directory's local CA, plain HTTP still answered on the same port, and {@code https}/{@code wss} endpoints in the
 * outputs file.
 */
class TlsTest {

    private static LocalStack.Builder notes(Path state) {
        return LocalStack.builder()
                .config(TestConfigs.pins())
                .schema(NotesStack.schema())
                .withoutFunction()
                .stateDirectory(state)
                .tls(true);
    }

    @Test
    void theSamePortSpeaksTlsToClientsThatTrustTheLocalCaAndPlainHttpToTheRest(@TempDir Path state) throws Exception {
        try (LocalStack stack = notes(state).start()) {
            String ca = stack.caCertificatePem().orElseThrow();
            HttpClient trusting =
                    HttpClient.newBuilder().sslContext(trusting(ca)).build();
            URI graphql = stack.graphqlEndpoint();
            assertThat(graphql.getScheme()).isEqualTo("https");

            HttpResponse<String> secure = trusting.send(post(graphql), HttpResponse.BodyHandlers.ofString());
            assertThat(secure.statusCode()).isEqualTo(401);
            assertThat(GraphQlClient.JSON
                            .readTree(secure.body())
                            .at("/errors/0/errorType")
                            .asText())
                    .isEqualTo("UnauthorizedException");

            URI plain = URI.create("http://" + graphql.getAuthority() + graphql.getPath());
            HttpResponse<String> clear =
                    HttpClient.newHttpClient().send(post(plain), HttpResponse.BodyHandlers.ofString());
            assertThat(clear.statusCode()).isEqualTo(401);

            assertThatThrownBy(
                            () -> HttpClient.newHttpClient().send(post(graphql), HttpResponse.BodyHandlers.ofString()))
                    .as("a client that does not trust the local CA")
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void theOutputsFileNamesHttpsAndWssEndpoints(@TempDir Path state) {
        try (LocalStack stack = notes(state).start()) {
            OutputsFile outputs = stack.outputs();
            assertThat(outputs.data().orElseThrow().url()).startsWith("https://127.0.0.1:");
            assertThat(outputs.fieldgate().orElseThrow().realtimeUrl()).startsWith("wss://127.0.0.1:");
            assertThat(outputs.fieldgate().orElseThrow().endpoints().values())
                    .allMatch(uri -> "https".equals(uri.getScheme()));
            assertThat(outputs.auth().orElseThrow().oauth().domain()).isEqualTo("127.0.0.1:" + stack.port());
            assertThat(stack.realtimeEndpoint().getScheme()).isEqualTo("wss");
        }
    }

    @Test
    void theRealTimeEndpointAnswersOverWss(@TempDir Path state) throws Exception {
        try (LocalStack stack = notes(state).start()) {
            HttpClient trusting = HttpClient.newBuilder()
                    .sslContext(trusting(stack.caCertificatePem().orElseThrow()))
                    .build();
            String header = Base64.getEncoder()
                    .encodeToString(("{\"host\":\"" + stack.graphqlEndpoint().getAuthority()
                                    + "\",\"Authorization\":\"not-a-token\"}")
                            .getBytes(StandardCharsets.UTF_8));
            URI uri = URI.create(stack.realtimeEndpoint() + "?header=" + header + "&payload=e30=");
            CompletableFuture<String> first = new CompletableFuture<>();
            WebSocket socket = trusting.newWebSocketBuilder()
                    .subprotocols("graphql-ws")
                    .buildAsync(uri, new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            first.complete(data.toString());
                            return null;
                        }
                    })
                    .get(10, TimeUnit.SECONDS);
            socket.sendText("{\"type\":\"connection_init\"}", true).get(10, TimeUnit.SECONDS);
            JsonNode message = GraphQlClient.JSON.readTree(first.get(10, TimeUnit.SECONDS));
            assertThat(message.path("type").asText()).isEqualTo("connection_error");
            socket.abort();
        }
    }

    @Test
    void theCaIsMadeOnceAndKeptOwnerOnlyWhileEachStartHasItsOwnServerCertificate(@TempDir Path state) throws Exception {
        String first;
        X509Certificate firstServer;
        try (LocalStack stack = notes(state).start()) {
            first = stack.caCertificatePem().orElseThrow();
            assertThat(stack.caCertificateFile()).contains(state.resolve("tls/ca.pem"));
            assertThat(Files.readString(state.resolve("tls/ca.pem"))).isEqualTo(first);
            firstServer = serverCertificate(stack, first);
        }
        try (LocalStack stack = notes(state).start()) {
            assertThat(stack.caCertificatePem()).contains(first);
            assertThat(serverCertificate(stack, first).getSerialNumber()).isNotEqualTo(firstServer.getSerialNumber());
        }
        for (String file : List.of("tls/ca.pem", "tls/ca-key.pem")) {
            assertThat(Files.getPosixFilePermissions(state.resolve(file)))
                    .as(file)
                    .doesNotContain(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        }
    }

    @Test
    void theCaMayVouchForLoopbackNamesOnly(@TempDir Path state) throws Exception {
        X509Certificate ca;
        try (LocalStack stack = notes(state).start()) {
            ca = certificate(stack.caCertificatePem().orElseThrow());
        }
        assertThat(ca.getCriticalExtensionOIDs()).contains("2.5.29.30"); // name constraints
        assertThat(ca.getBasicConstraints()).isZero();
        assertThatThrownBy(() ->
                        notes(state.resolve("other")).bindAddress("0.0.0.0").start())
                .isInstanceOf(LocalConfigException.class)
                .hasMessageContaining("loopback");
    }

    private static X509Certificate serverCertificate(LocalStack stack, String ca) throws Exception {
        SSLContext context = trusting(ca);
        try (javax.net.ssl.SSLSocket socket =
                (javax.net.ssl.SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", stack.port())) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private static HttpRequest post(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ __typename }\"}"))
                .build();
    }

    private static X509Certificate certificate(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
    }

    private static SSLContext trusting(String pem) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("fieldgate-local-ca", certificate(pem));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
