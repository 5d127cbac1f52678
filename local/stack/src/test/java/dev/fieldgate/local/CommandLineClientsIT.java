package dev.fieldgate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.local.bench.PinsLoad;
import dev.fieldgate.local.cognito.TestUsers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * The pins stack called by the command-line clients developers reach for, as Debian ships them: {@code curl
 * --aws-sigv4} and botocore's {@code SigV4Auth} with identity-pool guest credentials against {@code /graphql}, and the
 * AWS CLI with the administrator's key against Cognito and STS. None of them signs {@code x-amz-content-sha256}.
 * A tool that is not installed skips its test ({@code ./fieldgate test} installs {@code curl}, {@code python3-botocore}
 * and {@code awscli}).
 */
class CommandLineClientsIT {

    private static final Path CURL = Path.of("/usr/bin/curl");
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path AWS = Path.of("/usr/bin/aws");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A query the pins schema allows guests. */
    private static final String GUEST_QUERY = "{\"query\":\"{ listPins(limit: 5) { items { id } } }\"}";

    /** Signs a GraphQL request with botocore and sends it; prints the status and the answer. */
    private static final String BOTOCORE_CLIENT = """
            import json, os, urllib.error, urllib.request
            from botocore.auth import SigV4Auth
            from botocore.awsrequest import AWSRequest
            from botocore.credentials import Credentials
            env = os.environ
            credentials = Credentials(env['KEY_ID'], env['SECRET'], env['SESSION_TOKEN'])
            request = AWSRequest(method='POST', url=env['URL'], data=env['BODY'].encode(),
                                 headers={'Content-Type': 'application/json'})
            SigV4Auth(credentials, 'appsync', env['REGION']).add_auth(request)
            prepared = request.prepare()
            body = env.get('SENT_BODY', env['BODY']).encode()
            sent = urllib.request.Request(prepared.url, data=body, method='POST',
                                          headers={k: v for k, v in prepared.headers.items()})
            try:
                with urllib.request.urlopen(sent) as answer:
                    status, text = answer.status, answer.read().decode()
            except urllib.error.HTTPError as e:
                status, text = e.code, e.read().decode()
            print(json.dumps({'status': status, 'body': json.loads(text),
                              'authorization': prepared.headers['Authorization']}))
            """;

    private static LocalStack stack;
    private static TestUsers.User ann;
    private static AwsSessionCredentialsIdentity guest;
    private static String pinId;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        stack = LocalStack.builder()
                .appConfigFile(PinsLoad.pinsConfig())
                .inMemory()
                .start();
        stack.functionReady().join();
        TestUsers users = new TestUsers(stack.cognito());
        ann = users.create("ann@example.com");
        guest = users.guest();
        GraphQlClient.Response created = new GraphQlClient(stack.graphqlEndpoint())
                .withToken(
                        ann.idToken(),
                        "mutation C($in: CreatePinInput!) { createPin(input: $in) { id } }",
                        Map.of("in", Map.of("title", "A's pin", "imageUrl", "https://img.example.com/p.jpg")));
        pinId = created.data().at("/createPin/id").asText();
        assertThat(pinId).as(created.body().toString()).isNotBlank();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /** The ids of the pins an answer lists. */
    private static List<String> listedIds(JsonNode data) {
        List<String> ids = new ArrayList<>();
        data.at("/listPins/items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    @Test
    void curlsSigV4WithGuestCredentialsListsPins() throws Exception {
        assumeTrue(Files.isExecutable(CURL), "curl is not installed");
        Result result = run(
                List.of(
                        CURL.toString(),
                        "--silent",
                        "--show-error",
                        "--write-out",
                        "\n%{http_code}",
                        "--aws-sigv4",
                        "aws:amz:" + stack.region() + ":appsync",
                        "--user",
                        guest.accessKeyId() + ":" + guest.secretAccessKey(),
                        "-H",
                        "x-amz-security-token: " + guest.sessionToken(),
                        "-H",
                        "Content-Type: application/json",
                        "--data",
                        GUEST_QUERY,
                        stack.graphqlEndpoint().toString()),
                Map.of());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        int newline = result.stdout().lastIndexOf('\n');
        assertThat(result.stdout().substring(newline + 1)).as(result.toString()).isEqualTo("200");
        JsonNode answer = JSON.readTree(result.stdout().substring(0, newline));
        assertThat(listedIds(answer.path("data"))).as(answer.toString()).containsExactly(pinId);
        assertThat(answer.path("errors").isMissingNode()).as(answer.toString()).isTrue();
    }

    @Test
    void botocoresSigV4AuthWithGuestCredentialsListsPinsAndAChangedBodyIsRefused() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "python3 is not installed");
        Map<String, String> env = Map.of(
                "KEY_ID", guest.accessKeyId(),
                "SECRET", guest.secretAccessKey(),
                "SESSION_TOKEN", guest.sessionToken(),
                "URL", stack.graphqlEndpoint().toString(),
                "REGION", stack.region(),
                "BODY", GUEST_QUERY);
        JsonNode accepted = botocore(env);
        assertThat(accepted.path("authorization").asText())
                .startsWith("AWS4-HMAC-SHA256 Credential=" + guest.accessKeyId() + "/")
                .contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token,");
        assertThat(accepted.path("status").asInt()).as(accepted.toString()).isEqualTo(200);
        assertThat(listedIds(accepted.at("/body/data"))).as(accepted.toString()).containsExactly(pinId);
        assertThat(accepted.at("/body/errors").isMissingNode())
                .as(accepted.toString())
                .isTrue();

        Map<String, String> tampered = new HashMap<>(env);
        tampered.put("SENT_BODY", GUEST_QUERY.replace("limit: 5", "limit: 50"));
        JsonNode refused = botocore(tampered);
        assertThat(refused.path("status").asInt()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.at("/body/errors/0/errorType").asText()).isEqualTo("InvalidSignatureException");
    }

    private JsonNode botocore(Map<String, String> env) throws Exception {
        Result result = run(List.of(PYTHON.toString(), "-c", BOTOCORE_CLIENT), env);
        assertThat(result.exitCode())
                .as("botocore's client failed (is python3-botocore installed?): %s", result)
                .isZero();
        return JSON.readTree(result.stdout());
    }

    @Test
    void theAwsCliWithTheAdministratorsKeyGetsAUserAndItsCallerIdentity() throws Exception {
        assumeTrue(Files.isExecutable(AWS), "the AWS CLI is not installed");
        JsonNode user = awsCli(
                "cognito-idp",
                "admin-get-user",
                "--user-pool-id",
                stack.cognito().userPoolId(),
                "--username",
                "ann@example.com");
        // An email-sign-in pool's username is the internal one the ID token names.
        assertThat(user.path("Username").asText()).as(user.toString()).isEqualTo(cognitoUsername(ann.idToken()));
        assertThat(user.path("UserStatus").asText()).isEqualTo("CONFIRMED");
        assertThat(user.path("Enabled").asBoolean()).isTrue();
        List<String> attributes = new ArrayList<>();
        user.path("UserAttributes")
                .forEach(a -> attributes.add(
                        a.path("Name").asText() + "=" + a.path("Value").asText()));
        assertThat(attributes).contains("email=ann@example.com", "sub=" + ann.sub());

        JsonNode identity = awsCli("sts", "get-caller-identity");
        assertThat(identity.path("Account").asText()).isEqualTo(stack.accountId());
        assertThat(identity.path("Arn").asText())
                .isEqualTo("arn:aws:iam::" + stack.accountId() + ":user/fieldgate-local-admin");
        assertThat(identity.path("UserId").asText()).startsWith("AIDA");
    }

    private static String cognitoUsername(String idToken) throws IOException {
        int from = idToken.indexOf('.') + 1;
        byte[] payload = Base64.getUrlDecoder().decode(idToken.substring(from, idToken.indexOf('.', from)));
        return JSON.readTree(payload).path("cognito:username").asText();
    }

    /** The AWS CLI with the administrator's key and nothing of the user's own configuration. */
    private JsonNode awsCli(String... command) throws Exception {
        Path config = Files.writeString(temp.resolve("aws-config"), "");
        List<String> line = new ArrayList<>(List.of(
                AWS.toString(), "--endpoint-url", stack.endpoint().toString(), "--output", "json", "--no-cli-pager"));
        line.addAll(List.of(command));
        Result result = run(
                line,
                Map.of(
                        "AWS_ACCESS_KEY_ID", stack.adminCredentials().accessKeyId(),
                        "AWS_SECRET_ACCESS_KEY", stack.adminCredentials().secretAccessKey(),
                        "AWS_DEFAULT_REGION", stack.region(),
                        "AWS_CONFIG_FILE", config.toString(),
                        "AWS_SHARED_CREDENTIALS_FILE", config.toString(),
                        "AWS_EC2_METADATA_DISABLED", "true",
                        "HOME", temp.toString()));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return JSON.readTree(result.stdout());
    }

    private record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + ", stdout: " + stdout + ", stderr: " + stderr;
        }
    }

    /** Runs a command with a clean environment (PATH, LANG and the given variables only). */
    private static Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        String path = environment.getOrDefault("PATH", "/usr/bin:/bin");
        environment.clear();
        environment.put("PATH", path);
        environment.put("LANG", "C.UTF-8");
        environment.putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> {
            try {
                return process.getErrorStream().readAllBytes();
            } catch (IOException e) {
                return e.toString().getBytes(StandardCharsets.UTF_8);
            }
        });
        byte[] stdout = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(2, TimeUnit.MINUTES))
                .as("%s finished", command.get(0))
                .isTrue();
        return new Result(
                process.exitValue(),
                new String(stdout, StandardCharsets.UTF_8),
                new String(stderr.join(), StandardCharsets.UTF_8));
    }
}
