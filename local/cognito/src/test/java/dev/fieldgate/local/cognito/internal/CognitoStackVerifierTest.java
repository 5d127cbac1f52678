package dev.fieldgate.local.cognito.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.local.cognito.IssuerStyle;
import dev.fieldgate.local.core.internal.http.ExchangeHandler;
import dev.fieldgate.local.core.internal.http.LocalHttpServer;
import dev.fieldgate.local.core.internal.sigv4.IssuedCredentials;
import dev.fieldgate.local.core.internal.sigv4.SigV4Exception;
import dev.fieldgate.local.core.internal.sigv4.SignedHttpRequest;
import dev.fieldgate.local.core.internal.sigv4.VerifiedCaller;
import dev.fieldgate.local.core.internal.state.MemoryStateStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;

/**
 * How another local service (the local AppSync) authenticates IAM callers: register a route, verify the request
 * with the stack's {@code SigV4Verifier} for its signing name, and read the caller from the result. The route here
 * echoes the caller as AppSync's {@code $ctx.identity} would carry it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CognitoStackVerifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private LocalHttpServer server;
    private CognitoStack stack;

    @BeforeAll
    void start() {
        server = new LocalHttpServer("127.0.0.1", 0);
        AtomicReference<URI> base = new AtomicReference<>();
        stack = CognitoStack.open(
                dev.fieldgate.local.cognito.TestConfigsAccess.pins(),
                new MemoryStateStore(),
                Clock.systemUTC(),
                new SecureRandom(),
                IssuerStyle.AWS,
                base::get);
        stack.registerInto(server.router());
        server.router()
                .addPath(
                        "/graphql",
                        ((ExchangeHandler) exchange -> {
                                    try {
                                        VerifiedCaller caller = stack.verifier()
                                                .verify(
                                                        SignedHttpRequest.from(exchange),
                                                        "appsync",
                                                        stack.config().region());
                                        IssuedCredentials c =
                                                caller.credentials().orElseThrow();
                                        Map<String, Object> identity = new java.util.LinkedHashMap<>();
                                        identity.put("accountId", caller.accountId());
                                        identity.put("cognitoIdentityAuthProvider", c.cognitoIdentityAuthProvider());
                                        identity.put(
                                                "cognitoIdentityAuthType",
                                                c.authType().wireName());
                                        identity.put("cognitoIdentityId", c.identityId());
                                        identity.put("cognitoIdentityPoolId", c.identityPoolId());
                                        identity.put("userArn", caller.arn());
                                        identity.put("username", c.username());
                                        exchange.respond(200, "application/json", JSON.writeValueAsBytes(identity));
                                    } catch (SigV4Exception e) {
                                        exchange.respond(
                                                401,
                                                "application/json",
                                                JSON.writeValueAsBytes(Map.of(
                                                        "errorType",
                                                        "UnauthorizedException",
                                                        "reason",
                                                        e.reason().name())));
                                    }
                                })
                                .asJettyHandler());
        server.start();
        base.set(server.baseUri());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void guestCredentialsIdentifyTheGuestRoleAndIdentity() throws Exception {
        try (CognitoIdentityClient identity = identityClient()) {
            String poolId = stack.identityPool().orElseThrow().id();
            String id = identity.getId(r -> r.identityPoolId(poolId)).identityId();
            Credentials c =
                    identity.getCredentialsForIdentity(r -> r.identityId(id)).credentials();

            HttpResponse<String> response = signedPost(c, "{\"query\":\"{ listPins { id } }\"}");
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode caller = JSON.readTree(response.body());
            assertThat(caller.get("cognitoIdentityAuthType").asText()).isEqualTo("unauthenticated");
            assertThat(caller.get("cognitoIdentityId").asText()).isEqualTo(id);
            assertThat(caller.get("cognitoIdentityPoolId").asText()).isEqualTo(poolId);
            assertThat(caller.get("cognitoIdentityAuthProvider").isNull()).isTrue();
            assertThat(caller.get("userArn").asText())
                    .isEqualTo("arn:aws:sts::" + stack.registry().accountId()
                            + ":assumed-role/pins-guest/CognitoIdentityCredentials");
            assertThat(caller.get("username").asText())
                    .endsWith(":CognitoIdentityCredentials")
                    .startsWith("AROA");
        }
    }

    @Test
    void aRequestWithoutValidCredentialsIsRefused() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.baseUri() + "/graphql"))
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("MISSING_AUTHENTICATION");
    }

    private CognitoIdentityClient identityClient() {
        return CognitoIdentityClient.builder()
                .endpointOverride(server.baseUri())
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private HttpResponse<String> signedPost(Credentials c, String body) throws Exception {
        URI uri = URI.create(server.baseUri() + "/graphql");
        var signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(
                                AwsSessionCredentialsIdentity.create(c.accessKeyId(), c.secretKey(), c.sessionToken()))
                        .request(SdkHttpRequest.builder()
                                .method(SdkHttpMethod.POST)
                                .uri(uri)
                                .putHeader("Content-Type", "application/json")
                                .build())
                        .payload(ContentStreamProvider.fromUtf8String(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "appsync")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body));
        signed.request().forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(v -> request.header(name, v));
            }
        });
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
