package dev.fieldgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fieldgate.local.bench.PinsLoad;
import dev.fieldgate.local.cli.LocalCommand;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * What {@code fieldgate local} tells a developer in the terminal while it runs: a line per request (caller,
 * operation, outcome) unless {@code --quiet}, each code the user pool sends with the recipient masked, no library
 * noise, an AWS CLI example that works as printed, and on Ctrl-C what stopped and where the data stays.
 */
class TerminalIT {

    private static final Pattern ENDPOINT = Pattern.compile("AWS endpoint\\s+(\\S+)");
    private static final Pattern WEB_CLIENT = Pattern.compile("App client web\\s+(\\S+)");
    private static final Pattern IDENTITY_POOL = Pattern.compile("Identity pool\\s+(\\S+)");

    @TempDir
    Path state;

    @TempDir
    Path logs;

    /** A running {@code fieldgate local} process and what it printed so far. */
    private final class Running implements AutoCloseable {
        final Process process;
        final Path stdout;
        final Path stderr;

        Running(String... extra) throws Exception {
            PinsLoad.pinsConfig();
            Path root = Files.isDirectory(Path.of("samples")) ? Path.of(".") : Path.of("../..");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    LocalCommand.class.getName(),
                    "--sample",
                    "pins",
                    "--root",
                    root.toString(),
                    "--port",
                    "0",
                    "--state",
                    state.toString()));
            command.addAll(List.of(extra));
            stdout = Files.createTempFile(logs, "out", ".txt");
            stderr = Files.createTempFile(logs, "err", ".txt");
            process = new ProcessBuilder(command)
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            await(out -> out.contains("Resolver function ready"));
        }

        String out() throws Exception {
            return Files.readString(stdout);
        }

        String await(Predicate<String> until) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            String printed = out();
            while (!until.test(printed)) {
                assertThat(System.nanoTime())
                        .as("printed in time:%n%s%nstderr:%n%s", printed, Files.readString(stderr))
                        .isLessThan(deadline);
                assertThat(process.waitFor(50, TimeUnit.MILLISECONDS))
                        .as("exited early; stderr:%n%s", Files.readString(stderr))
                        .isFalse();
                printed = out();
            }
            return printed;
        }

        String find(Pattern pattern) throws Exception {
            Matcher m = pattern.matcher(out());
            assertThat(m.find()).as(out()).isTrue();
            return m.group(1);
        }

        /** Ctrl-C; returns everything printed. */
        String stop() throws Exception {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(process.waitFor(60, TimeUnit.SECONDS))
                    .as("stopped after SIGINT")
                    .isTrue();
            return out();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    @Test
    void eachRequestAndEachCodeSentIsOneLineAndCtrlCSaysWhereTheDataStays() throws Exception {
        try (Running local = new Running()) {
            URI endpoint = URI.create(local.find(ENDPOINT));
            String clientId = local.find(WEB_CLIENT);
            GraphQlClient graphql = new GraphQlClient(endpoint.resolve("/graphql"));

            // Anonymous: refused with AppSync's error type.
            graphql.send(Map.of(), GraphQlClient.body("query { listPins { items { id } } }", Map.of()));
            local.await(out -> out.contains("UnauthorizedException"));
            assertThat(line(local.out(), "graphql")).contains("anonymous").contains("refused: UnauthorizedException");

            // A guest, signed with identity-pool credentials: allowed, named by its identity.
            AwsSessionCredentialsIdentity guest = guest(endpoint, local.find(IDENTITY_POOL));
            var answer = graphql.signed(guest, "us-east-1", "query { listPins { items { id } } }");
            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
            String printed = local.await(out -> out.contains("graphql          guest "));
            assertThat(printed).containsPattern("graphql\\s+guest us-east-1:[0-9a-f-]+\\s+query listPins\\s+allowed");
            assertThat(printed).containsPattern("cognito-identity\\s+anonymous\\s+GetId\\s+allowed");
            assertThat(printed + Files.readString(local.stderr)).doesNotContain("======>");

            // A sign-up: its code is printed as sent, the address masked as Cognito masks it.
            cognito(
                    endpoint,
                    "SignUp",
                    "{\"ClientId\":\"" + clientId + "\",\"Username\":\"Dana@Example.com\","
                            + "\"Password\":\"Passw0rd!Passw0rd\",\"UserAttributes\":[{\"Name\":\"email\","
                            + "\"Value\":\"Dana@Example.com\"}]}");
            printed = local.await(out -> out.contains("sign-up code") && out.contains(" SignUp "));
            assertThat(printed).containsPattern("sent\\s+sign-up code \\d{6} to d\\*\\*\\*@e\\*\\*\\* by EMAIL");
            assertThat(line(printed, "sign-up code")).doesNotContainIgnoringCase("Dana@Example.com");
            assertThat(printed).doesNotContain("Passw0rd");
            assertThat(printed).containsPattern("cognito-idp\\s+user Dana@Example.com\\s+SignUp\\s+allowed");

            // The AWS CLI example works exactly as printed, and shows up as the admin key's call.
            String example = local.out()
                    .lines()
                    .filter(l -> l.contains("aws dynamodb list-tables"))
                    .findFirst()
                    .orElseThrow()
                    .trim();
            if (onPath("aws")) {
                Process cli = new ProcessBuilder("sh", "-c", example)
                        .redirectErrorStream(true)
                        .start();
                String cliOut =
                        new String(cli.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(cli.exitValue()).as(cliOut).isZero();
                assertThat(cliOut).contains("pins-local-");
                local.await(out -> out.contains("ListTables"));
                assertThat(line(local.out(), "ListTables"))
                        .contains("admin key")
                        .contains("allowed");
            }

            String all = local.stop();
            assertThat(all)
                    .contains("Stopped the local stack for 'pins' on " + endpoint + " (")
                    .contains("Its data stays in " + state);
        }
    }

    @Test
    void quietPrintsNoRequestLinesButStillTheCodes() throws Exception {
        try (Running local = new Running("--quiet")) {
            URI endpoint = URI.create(local.find(ENDPOINT));
            new GraphQlClient(endpoint.resolve("/graphql"))
                    .send(Map.of(), GraphQlClient.body("query { listPins { items { id } } }", Map.of()));
            cognito(
                    endpoint,
                    "SignUp",
                    "{\"ClientId\":\"" + local.find(WEB_CLIENT) + "\",\"Username\":"
                            + "\"erin@example.com\",\"Password\":\"Passw0rd!Passw0rd\",\"UserAttributes\":[{\"Name\":"
                            + "\"email\",\"Value\":\"erin@example.com\"}]}");
            String printed = local.await(out -> out.contains("sign-up code"));
            assertThat(printed).doesNotContain("UnauthorizedException").doesNotContain(" SignUp ");
        }
    }

    @Test
    void anArtifactAloneRunsWithTheConfigsHandler() throws Exception {
        Path jar = PinsLoad.pinsConfig().getParent().resolve("resolvers/target/pins-resolvers-lambda.jar");
        try (Running local = new Running("--artifact", jar.toString())) {
            assertThat(local.out()).contains("Resolver function ready");
        }
    }

    private static String line(String printed, String containing) {
        return printed.lines()
                .filter(l -> l.contains(containing))
                .reduce((a, b) -> b)
                .orElse("");
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator, -1)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode cognito(URI endpoint, String operation, String body) {
        String prefix = operation.equals("GetId") || operation.equals("GetCredentialsForIdentity")
                ? "AWSCognitoIdentityService."
                : "AWSCognitoIdentityProviderService.";
        var response = GraphQlClient.send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", prefix + operation)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return response.body();
    }

    private static AwsSessionCredentialsIdentity guest(URI endpoint, String identityPoolId) {
        String identityId = cognito(endpoint, "GetId", "{\"IdentityPoolId\":\"" + identityPoolId + "\"}")
                .get("IdentityId")
                .asText();
        JsonNode credentials = cognito(endpoint, "GetCredentialsForIdentity", "{\"IdentityId\":\"" + identityId + "\"}")
                .get("Credentials");
        return AwsSessionCredentialsIdentity.create(
                credentials.get("AccessKeyId").asText(),
                credentials.get("SecretKey").asText(),
                credentials.get("SessionToken").asText());
    }
}
