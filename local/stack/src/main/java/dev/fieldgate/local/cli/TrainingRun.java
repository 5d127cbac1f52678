package dev.fieldgate.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.local.LocalStack;
import dev.fieldgate.local.core.LocalAdminCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * One short session of a stack, run once so a JVM that records an ahead-of-time cache (JDK 25's
 * {@code -XX:AOTCacheOutput}) sees the classes a developer's session loads: the start, the resolver function's
 * start, and a request down each path a first call takes — an anonymous GraphQL request, a sign-in attempt, a
 * guest's credentials and a SigV4-signed query with them, a signed DynamoDB call with the local admin key. Every
 * answer is only read, never checked: a refusal loads the same classes as a success would up to its decision.
 */
final class TrainingRun {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
    private static final String AMZ_JSON = "application/x-amz-json-1.1";

    private final LocalStack stack;
    private final HttpClient http = HttpClient.newHttpClient();

    private TrainingRun(LocalStack stack) {
        this.stack = stack;
    }

    /** Runs the session on a started stack, then leaves it to the caller to close. */
    static void run(LocalStack stack) throws IOException, InterruptedException {
        stack.functionReady().exceptionally(failure -> null).join();
        new TrainingRun(stack).requests();
    }

    private void requests() throws IOException, InterruptedException {
        String query = "{\"query\":\"{ __typename }\"}";
        send(stack.graphqlEndpoint(), Map.of("content-type", "application/json"), query);
        Map<String, String> clients = stack.cognito().clientIds();
        if (!clients.isEmpty()) {
            String signIn = JSON.writeValueAsString(Map.of(
                    "AuthFlow", "USER_PASSWORD_AUTH",
                    "ClientId", clients.values().iterator().next(),
                    "AuthParameters", Map.of("USERNAME", "training-run", "PASSWORD", "Training-run-1")));
            send(
                    stack.cognito().cognitoIdpEndpoint(),
                    target("AWSCognitoIdentityProviderService.InitiateAuth"),
                    signIn);
        }
        Optional<AwsSessionCredentialsIdentity> guest = guestCredentials();
        if (guest.isPresent()) {
            send(stack.graphqlEndpoint(), signed(stack.graphqlEndpoint(), "appsync", guest.get(), query), query);
        }
        LocalAdminCredentials admin = stack.adminCredentials();
        AwsCredentialsIdentity adminIdentity =
                AwsCredentialsIdentity.create(admin.accessKeyId(), admin.secretAccessKey());
        String listTables = "{}";
        Map<String, String> headers = new LinkedHashMap<>(target("DynamoDB_20120810.ListTables"));
        headers.put("content-type", "application/x-amz-json-1.0");
        headers.putAll(signed(stack.dynamoDbEndpoint(), "dynamodb", adminIdentity, listTables, headers));
        send(stack.dynamoDbEndpoint(), headers, listTables);
    }

    /** A guest's credentials from the identity pool, when it lets guests in. */
    private Optional<AwsSessionCredentialsIdentity> guestCredentials() throws IOException, InterruptedException {
        if (stack.cognito().identityPoolId().isEmpty()
                || stack.cognito().guestRoleArn().isEmpty()) {
            return Optional.empty();
        }
        URI identity = stack.cognito().cognitoIdentityEndpoint();
        JsonNode id = JSON.readTree(send(
                identity,
                target("AWSCognitoIdentityService.GetId"),
                JSON.writeValueAsString(Map.of(
                        "IdentityPoolId", stack.cognito().identityPoolId().get()))));
        if (!id.hasNonNull("IdentityId")) {
            return Optional.empty();
        }
        JsonNode credentials = JSON.readTree(send(
                        identity,
                        target("AWSCognitoIdentityService.GetCredentialsForIdentity"),
                        JSON.writeValueAsString(
                                Map.of("IdentityId", id.get("IdentityId").asText()))))
                .path("Credentials");
        if (!credentials.hasNonNull("SecretKey")) {
            return Optional.empty();
        }
        return Optional.of(AwsSessionCredentialsIdentity.create(
                credentials.path("AccessKeyId").asText(),
                credentials.path("SecretKey").asText(),
                credentials.path("SessionToken").asText()));
    }

    private Map<String, String> signed(URI uri, String service, AwsCredentialsIdentity identity, String body) {
        return signed(uri, service, identity, body, Map.of("content-type", "application/json"));
    }

    private Map<String, String> signed(
            URI uri, String service, AwsCredentialsIdentity identity, String body, Map<String, String> headers) {
        SdkHttpRequest.Builder request =
                SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri);
        headers.forEach(request::putHeader);
        Map<String, String> all = new LinkedHashMap<>(headers);
        SIGNER.sign(r -> r.identity(identity)
                        .request(request.build())
                        .payload(ContentStreamProvider.fromUtf8String(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, stack.region()))
                .request()
                .headers()
                .forEach((name, values) -> {
                    // java.net.http sets Host itself and refuses it as a header.
                    if (!name.equalsIgnoreCase("host") && !values.isEmpty()) {
                        all.put(name, values.get(0));
                    }
                });
        return all;
    }

    private static Map<String, String> target(String target) {
        return Map.of("x-amz-target", target, "content-type", AMZ_JSON);
    }

    private String send(URI uri, Map<String, String> headers, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
