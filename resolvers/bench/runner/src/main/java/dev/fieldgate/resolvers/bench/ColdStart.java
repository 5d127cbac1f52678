package dev.fieldgate.resolvers.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.testing.dynamodb.DynamoDbLocal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/**
 * The cold-start benchmark behind {@code ./fieldgate bench cold-start}. For each scenario (an event the function
 * answers first) it starts a fresh JVM per run for (a) the pins resolver artifact, (b) the floor — a plain
 * RequestStreamHandler doing the same JSON work — and (c) a default {@code @SpringBootApplication} Spring Cloud
 * Function app, runs interleaved (a, b, c, a, b, c, ...) after one unmeasured warm-up each, and times from process
 * start to the first answer. All three run on the same JVM with the same flags, and their answers must agree.
 *
 * <p>Modes: {@code plain} (the JDK's default CDS archive only) and {@code archive} — a class archive trained by one
 * run of the scenario, per variant: AppCDS ({@code -XX:ArchiveClassesAtExit}) before JDK 25, the AOT cache
 * ({@code -XX:AOTCacheOutput}) from JDK 25 on. Each variant gets its own archive, as each would on Lambda.
 */
public final class ColdStart {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Variant(String id, String label, Path jar, String handler, Map<String, String> environment) {}

    record Scenario(String id, String label, String eventResource, String springFunction, boolean needsStore) {}

    record Result(double medianMs, double minMs, double maxMs) {}

    private final Path root;
    private final List<String> javaCommands;
    private String javaCommand;
    private final List<String> flags;
    private final int runs;
    private final List<String> modes;
    private final List<Scenario> scenarios;
    private final Path work;
    private final Path launcherJar;
    private int javaVersion;
    private URI dynamoDbEndpoint;

    private ColdStart(Map<String, String> options) throws IOException, InterruptedException {
        this.root = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize();
        // Several JVMs may be compared in one run: --java /path/to/jdk17/bin/java,/path/to/jdk25/bin/java
        this.javaCommands = List.of(options.getOrDefault(
                        "java",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString())
                .split(","));
        this.flags = List.of(options.getOrDefault("flags", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
                .trim()
                .split("\\s+"));
        this.runs = Integer.parseInt(options.getOrDefault("runs", "7"));
        this.modes = List.of(options.getOrDefault("modes", "plain,archive").split(","));
        List<Scenario> all = List.of(
                new Scenario(
                        "store-free",
                        "Pin.ownerContact, a BatchInvoke of 10 (no store)",
                        "events/owner-contact-batch.json",
                        "ownerContact",
                        false),
                new Scenario(
                        "store", "Query.getPin, one read from DynamoDB Local", "events/get-pin.json", "getPin", true));
        List<String> wanted =
                List.of(options.getOrDefault("scenarios", "store-free,store").split(","));
        this.scenarios = all.stream().filter(s -> wanted.contains(s.id())).toList();
        this.work = root.resolve("resolvers/bench/runner/target/cold-start");
        Files.createDirectories(work);
        this.launcherJar = jar(root.resolve("resolvers/bench/runner/target"), "resolvers-bench-runner-");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("options are --name value pairs: " + Arrays.toString(args));
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        new ColdStart(options).run();
        System.exit(0);
    }

    private void run() throws Exception {
        Path pinsJar = root.resolve("samples/pins/resolvers/target/pins-resolvers-lambda.jar");
        Path floorJar = root.resolve("resolvers/bench/floor/target/floor-lambda.jar");
        Path springJar = root.resolve("resolvers/bench/spring-default/target/spring-default-lambda.jar");
        for (Path jar : List.of(pinsJar, floorJar, springJar)) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(
                        "missing " + jar + ": build it first (./fieldgate bench cold-start does)");
            }
        }
        String invoker = "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest";
        List<Variant> variants = List.of(
                new Variant(
                        "a",
                        "pins resolver artifact (FunctionInvoker + Fieldgate)",
                        pinsJar,
                        invoker,
                        Map.of("MAIN_CLASS", "dev.fieldgate.samples.pins.PinsApplication")),
                new Variant(
                        "b",
                        "floor: plain RequestStreamHandler, same JSON work",
                        floorJar,
                        "dev.fieldgate.resolvers.bench.floor.FloorHandler::handleRequest",
                        Map.of()),
                new Variant(
                        "c",
                        "default @SpringBootApplication Spring Cloud Function app",
                        springJar,
                        invoker,
                        Map.of("MAIN_CLASS", "dev.fieldgate.resolvers.bench.springdefault.DefaultSpringApplication")));

        Map<String, Path> events = new LinkedHashMap<>();
        for (Scenario scenario : scenarios) {
            events.put(scenario.id(), copyResource(scenario.eventResource()));
        }
        if (scenarios.stream().anyMatch(Scenario::needsStore)) {
            startDynamoDb();
        }

        System.out.println("Cold start: a fresh JVM per run, from process start to the first event answered; "
                + runs + " runs per variant after 1 warm-up, interleaved a, b, c; machine: "
                + Runtime.getRuntime().availableProcessors() + " CPUs, load average " + loadAverage());
        for (Variant variant : variants) {
            System.out.printf(
                    Locale.ROOT,
                    "  (%s) %-58s %6.1f MB jar%n",
                    variant.id(),
                    variant.label(),
                    Files.size(variant.jar()) / 1e6);
        }
        for (String java : javaCommands) {
            javaCommand = java.trim();
            javaVersion = javaFeatureVersion();
            System.out.println();
            System.out.println("== JVM " + javaCommand + " (Java " + javaVersion + "), flags: "
                    + String.join(" ", flags) + ", the same for a, b and c");
            measureAll(variants, events);
        }
        System.out.println();
        System.out.println("Load average at the end: " + loadAverage() + " (other work on the machine inflates and "
                + "scatters the times; the ratios come from interleaved runs)");
    }

    private void measureAll(List<Variant> variants, Map<String, Path> events) throws Exception {
        for (String mode : modes) {
            for (Scenario scenario : scenarios) {
                Map<String, Path> archives = new LinkedHashMap<>();
                if (mode.equals("archive")) {
                    for (Variant variant : variants) {
                        archives.put(variant.id(), train(variant, scenario, events.get(scenario.id())));
                    }
                }
                measure(mode, scenario, variants, events.get(scenario.id()), archives);
            }
        }
    }

    private void measure(String mode, Scenario scenario, List<Variant> variants, Path event, Map<String, Path> archives)
            throws Exception {
        Map<String, List<Double>> times = new LinkedHashMap<>();
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        for (Variant variant : variants) {
            answers.put(
                    variant.id(),
                    launch(variant, scenario, event, archives.get(variant.id())).answer());
            times.put(variant.id(), new ArrayList<>());
        }
        for (int run = 0; run < runs; run++) {
            for (Variant variant : variants) {
                Launch launch = launch(variant, scenario, event, archives.get(variant.id()));
                times.get(variant.id()).add(launch.millis());
                JsonNode answer = launch.answer();
                if (!answer.equals(answers.get("b"))) {
                    throw new IllegalStateException("(" + variant.id() + ") answered differently from the floor in "
                            + scenario.id() + ": " + answer + " vs " + answers.get("b"));
                }
            }
        }
        System.out.println("Scenario " + scenario.id() + ": " + scenario.label() + "; " + describe(mode));
        Map<String, Result> results = new LinkedHashMap<>();
        for (Variant variant : variants) {
            List<Double> sorted = new ArrayList<>(times.get(variant.id()));
            sorted.sort(Double::compare);
            Result result = new Result(median(sorted), sorted.get(0), sorted.get(sorted.size() - 1));
            results.put(variant.id(), result);
            System.out.printf(
                    Locale.ROOT,
                    "  (%s) median %7.0f ms   (min %5.0f, max %5.0f)   %s%n",
                    variant.id(),
                    result.medianMs(),
                    result.minMs(),
                    result.maxMs(),
                    variant.label());
        }
        double ab = results.get("a").medianMs() / results.get("b").medianMs();
        double ca = results.get("c").medianMs() / results.get("a").medianMs();
        System.out.printf(
                Locale.ROOT,
                "  a/b = %.2f (goal <= 2: %s)   c/a = %.2f (goal >= 2.5: %s)%n",
                ab,
                ab <= 2 ? "met" : "missed",
                ca,
                ca >= 2.5 ? "met" : "missed");
    }

    private String describe(String mode) {
        if (mode.equals("archive")) {
            return javaVersion >= 25
                    ? "AOT cache per variant (-XX:AOTCache, trained by one run of the event)"
                    : "AppCDS archive per variant (-XX:SharedArchiveFile, trained by one run of the event)";
        }
        return "plain (the JDK's default CDS archive only)";
    }

    private Path train(Variant variant, Scenario scenario, Path event) throws Exception {
        Path archive = work.resolve("java" + javaVersion + "-" + variant.id() + "-" + scenario.id()
                + (javaVersion >= 25 ? ".aot" : ".jsa"));
        Files.deleteIfExists(archive);
        List<String> command = command(variant, null);
        command.add(javaVersion >= 25 ? "-XX:AOTCacheOutput=" + archive : "-XX:ArchiveClassesAtExit=" + archive);
        command.add(Launcher.class.getName());
        command.add(variant.handler());
        // One training run answering the scenario's event, as a deployment trains on a representative request.
        command.add(event.toString());
        Process process = start(command, variant, scenario);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0 || !Files.isRegularFile(archive)) {
            throw new IllegalStateException("training run of (" + variant.id() + ") failed:\n" + tail(output));
        }
        return archive;
    }

    record Launch(double millis, JsonNode answer) {}

    private Launch launch(Variant variant, Scenario scenario, Path event, Path archive) throws Exception {
        List<String> command = command(variant, archive);
        command.add(Launcher.class.getName());
        command.add(variant.handler());
        command.add(event.toString());
        long started = System.nanoTime();
        Process process = start(command, variant, scenario);
        StringBuilder output = new StringBuilder();
        byte[] answer = null;
        double millis = 0;
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith(Launcher.ANSWER_MARKER)) {
                    millis = (System.nanoTime() - started) / 1e6;
                    answer = Base64.getDecoder().decode(line.substring(Launcher.ANSWER_MARKER.length()));
                    break;
                }
                output.append(line).append('\n');
            }
            if (answer == null) {
                process.waitFor(1, TimeUnit.MINUTES);
                throw new IllegalStateException(
                        "(" + variant.id() + ") gave no answer in " + scenario.id() + ":\n" + tail(output.toString()));
            }
            lines.transferTo(java.io.Writer.nullWriter());
        }
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        return new Launch(millis, JSON.readTree(answer));
    }

    private List<String> command(Variant variant, Path archive) {
        List<String> command = new ArrayList<>();
        command.add(javaCommand);
        command.addAll(flags);
        if (archive != null) {
            command.add(javaVersion >= 25 ? "-XX:AOTCache=" + archive : "-XX:SharedArchiveFile=" + archive);
        }
        command.add("-cp");
        command.add(launcherJar + java.io.File.pathSeparator + variant.jar());
        return command;
    }

    private Process start(List<String> command, Variant variant, Scenario scenario) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        for (String name : List.of(
                "MAIN_CLASS",
                "spring_cloud_function_definition",
                "JAVA_TOOL_OPTIONS",
                "FIELDGATE_TABLE_PREFIX",
                "FIELDGATE_DYNAMODB_ENDPOINT",
                "AWS_REGION")) {
            environment.remove(name);
        }
        environment.putAll(variant.environment());
        if (variant.id().equals("c")) {
            environment.put("spring_cloud_function_definition", scenario.springFunction());
        }
        environment.put("AWS_REGION", "us-east-1");
        environment.put("FIELDGATE_TABLE_PREFIX", "bench-");
        if (dynamoDbEndpoint != null) {
            environment.put("FIELDGATE_DYNAMODB_ENDPOINT", dynamoDbEndpoint.toString());
        }
        return builder.start();
    }

    private void startDynamoDb() {
        DynamoDbLocal local = DynamoDbLocal.shared();
        dynamoDbEndpoint = local.endpoint();
        DynamoDbClient client = local.client();
        client.createTable(r -> r.tableName("bench-Pin")
                .billingMode("PAY_PER_REQUEST")
                .keySchema(KeySchemaElement.builder()
                        .attributeName("id")
                        .keyType("HASH")
                        .build())
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("id")
                        .attributeType("S")
                        .build()));
        Map<String, AttributeValue> pin = new LinkedHashMap<>();
        for (Map.Entry<String, String> attribute : Map.of(
                        "id",
                        "bench-pin-1",
                        "title",
                        "A pin",
                        "description",
                        "Measured",
                        "imageUrl",
                        "https://img.example.com/1.jpg",
                        "owner",
                        "sub-alice",
                        "ownerContact",
                        "alice@example.com",
                        "createdAt",
                        "2025-11-20T10:00:00Z",
                        "updatedAt",
                        "2025-11-20T10:00:00Z")
                .entrySet()) {
            pin.put(attribute.getKey(), AttributeValue.fromS(attribute.getValue()));
        }
        client.putItem(r -> r.tableName("bench-Pin").item(pin));
    }

    private Path copyResource(String name) throws IOException {
        Path target = work.resolve(name.replace('/', '-'));
        try (InputStream in = ColdStart.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            Files.write(target, in.readAllBytes());
        }
        return target;
    }

    private int javaFeatureVersion() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(javaCommand, "-XshowSettings:properties", "-version")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        for (String line : output.split("\n", -1)) {
            if (line.trim().startsWith("java.specification.version")) {
                return Integer.parseInt(line.substring(line.indexOf('=') + 1).trim());
            }
        }
        throw new IllegalStateException("cannot tell the version of " + javaCommand);
    }

    private static Path jar(Path directory, String prefix) {
        try (var files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)
                            && f.getFileName().toString().endsWith(".jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + prefix + "*.jar in " + directory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+", -1);
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static double median(List<Double> sorted) {
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static String tail(String output) {
        String[] lines = output.split("\n");
        return String.join("\n", Arrays.asList(lines).subList(Math.max(0, lines.length - 40), lines.length));
    }
}
