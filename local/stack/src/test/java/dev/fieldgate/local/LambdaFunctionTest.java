package dev.fieldgate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fieldgate.local.appsync.internal.lambda.HandlerReference;
import dev.fieldgate.local.appsync.internal.lambda.LambdaError;
import dev.fieldgate.local.appsync.internal.lambda.LambdaFunction;
import dev.fieldgate.local.appsync.internal.lambda.LambdaInvocationException;
import dev.fieldgate.local.bench.PinsLoad;
import dev.fieldgate.local.core.LocalConfigException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resolver function run as Lambda's Java runtime runs it: handler strings, the three handler shapes, the
 * function's own class loader, its environment and context, and failures reported with Lambda's error types.
 */
class LambdaFunctionTest {

    private static LambdaFunction start(String handler, Duration timeout) {
        return LambdaFunction.start(
                new LambdaFunction.Settings(
                        "test-fn",
                        TestFunctions.classPath(),
                        HandlerReference.parse(handler),
                        Map.of("NOTES_GREETING", "hi"),
                        timeout,
                        512,
                        "eu-west-1",
                        "123456789012",
                        true),
                Clock.systemUTC());
    }

    private static JsonNode invoke(LambdaFunction function, String json) throws Exception {
        return GraphQlClient.JSON.readTree(function.invoke(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aJarRewrittenInPlaceBetweenTwoFunctionsOfOneJvmStartsTheSecondFromItsNewContent(@TempDir Path dir)
            throws Exception {
        Path pins = PinsLoad.pinsConfig().getParent().resolve("resolvers/target/pins-resolvers-lambda.jar");
        Path notes = NotesAppTest.notesConfig().getParent().resolve("resolvers/target/notes-resolvers-lambda.jar");
        Path jar = dir.resolve("function.jar");
        Files.copy(pins, jar);
        try (LambdaFunction first = springFunction(jar, "dev.fieldgate.samples.pins.PinsApplication")) {
            first.initialized().get(2, TimeUnit.MINUTES);
        }
        // As a build rewrites its jar: the same file, other bytes.
        try (FileChannel channel =
                FileChannel.open(jar, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(Files.readAllBytes(notes)));
        }
        try (LambdaFunction second = springFunction(jar, "dev.fieldgate.samples.notes.NotesApplication")) {
            assertThatCode(() -> second.initialized().get(2, TimeUnit.MINUTES))
                    .as("the second function reads the jar as it is now")
                    .doesNotThrowAnyException();
        }
    }

    private static LambdaFunction springFunction(Path jar, String mainClass) {
        return LambdaFunction.start(
                new LambdaFunction.Settings(
                        "rebuilt-fn",
                        List.of(jar),
                        HandlerReference.parse(
                                "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest"),
                        Map.of("MAIN_CLASS", mainClass),
                        Duration.ofSeconds(30),
                        512,
                        "eu-west-1",
                        "123456789012",
                        true),
                Clock.systemUTC());
    }

    @Test
    void handlerStringsAreParsedAsLambdaDoes() {
        assertThat(HandlerReference.parse("a.b.C::go")).isEqualTo(new HandlerReference("a.b.C", "go"));
        assertThat(HandlerReference.parse(" a.b.C ")).isEqualTo(new HandlerReference("a.b.C", "handleRequest"));
        assertThatThrownBy(() -> HandlerReference.parse("a.b.C::")).isInstanceOf(LocalConfigException.class);
        assertThatThrownBy(() -> HandlerReference.parse("not a class"))
                .isInstanceOf(LocalConfigException.class)
                .hasMessageContaining("package.Class::method");
        assertThatThrownBy(() -> HandlerReference.parse("")).isInstanceOf(LocalConfigException.class);
    }

    @Test
    void aStreamHandlerGetsTheEventBytesAndARealContext() throws Exception {
        try (LambdaFunction function = start(TestFunctions.NOTES_HANDLER, Duration.ofSeconds(5))) {
            JsonNode answer = invoke(
                    function,
                    "{\"info\":{\"parentTypeName\":\"Query\",\"fieldName\":\"echo\"},"
                            + "\"arguments\":{\"value\":\"x\"},\"identity\":null}");
            JsonNode echo = GraphQlClient.JSON.readTree(answer.path("data").asText());
            assertThat(echo.at("/event/arguments/value").asText()).isEqualTo("x");
            assertThat(echo.at("/context/functionName").asText()).isEqualTo("test-fn");
            assertThat(echo.at("/context/functionVersion").asText()).isEqualTo("$LATEST");
            assertThat(echo.at("/context/invokedFunctionArn").asText())
                    .isEqualTo("arn:aws:lambda:eu-west-1:123456789012:function:test-fn");
            assertThat(echo.at("/context/logGroupName").asText()).isEqualTo("/aws/lambda/test-fn");
            assertThat(echo.at("/context/memoryLimitInMB").asInt()).isEqualTo(512);
            assertThat(echo.at("/context/awsRequestId").asText()).matches("[0-9a-f-]{36}");
            assertThat(echo.at("/context/remainingTimeInMillis").asInt()).isBetween(1, 5000);
            assertThat(echo.at("/env/NOTES_GREETING").asText()).isEqualTo("hi");
            assertThat(echo.at("/env/contextClassLoaderIsOwn").asBoolean()).isTrue();
        }
    }

    @Test
    void theFunctionSeesNothingOfTheHost() throws Exception {
        try (LambdaFunction function = start(TestFunctions.NOTES_HANDLER, Duration.ofSeconds(5))) {
            JsonNode answer = invoke(function, "{\"info\":{\"parentTypeName\":\"Query\",\"fieldName\":\"isolation\"}}");
            JsonNode visible = GraphQlClient.JSON.readTree(answer.path("data").asText());
            assertThat(visible.size()).isEqualTo(7);
            visible.properties()
                    .forEach(e -> assertThat(e.getValue().asBoolean())
                            .as("%s is visible to the function", e.getKey())
                            .isFalse());
        }
    }

    @Test
    void aRequestHandlerGetsItsInputTypeAndReturnsJson() throws Exception {
        try (LambdaFunction function = start("dev.fieldgate.local.testfunction.PojoFunction", Duration.ofSeconds(5))) {
            JsonNode answer = invoke(function, "{\"info\":{\"fieldName\":\"getThing\"}}");
            assertThat(answer.at("/data/field").asText()).isEqualTo("getThing");
            assertThat(answer.at("/data/requestId").asText()).matches("[0-9a-f-]{36}");
        }
    }

    @Test
    void plainMethodsTakeTypedInputsAsTheRuntimeDeserializesThem() throws Exception {
        try (LambdaFunction function = start("dev.fieldgate.local.testfunction.Greeter::greet", Duration.ofSeconds(5));
                LambdaFunction counter =
                        start("dev.fieldgate.local.testfunction.Greeter::count", Duration.ofSeconds(5))) {
            // Lambda's serializer matches property names case-insensitively and ignores unknown ones.
            assertThat(invoke(function, "{\"NAME\":\"Ann\",\"age\":3}").asText())
                    .isEqualTo("Hello, Ann");
            assertThat(invoke(counter, "[1,2,3]").asInt()).isEqualTo(3);
            assertThatThrownBy(() -> invoke(function, "[1]"))
                    .isInstanceOf(LambdaInvocationException.class)
                    .extracting(e -> ((LambdaInvocationException) e).error().errorType())
                    .isEqualTo("java.lang.RuntimeException");
        }
    }

    @Test
    void failuresCarryLambdasErrorTypes() {
        try (LambdaFunction thrower =
                        start("dev.fieldgate.local.testfunction.Greeter::explode", Duration.ofSeconds(5));
                LambdaFunction missing =
                        start("dev.fieldgate.local.testfunction.Nope::handleRequest", Duration.ofSeconds(5));
                LambdaFunction noMethod =
                        start("dev.fieldgate.local.testfunction.Greeter::absent", Duration.ofSeconds(5));
                LambdaFunction slow = start(TestFunctions.NOTES_HANDLER, Duration.ofSeconds(1))) {
            assertThat(error(thrower, "{\"name\":\"Bo\"}"))
                    .isEqualTo(new LambdaError("java.lang.UnsupportedOperationException", "no greeting for Bo"));
            assertThat(error(missing, "{}").errorType()).isEqualTo("Runtime.HandlerNotFound");
            assertThat(error(noMethod, "{}").errorMessage()).contains("absent");
            long started = System.nanoTime();
            assertThat(error(slow, "{\"info\":{\"parentTypeName\":\"Query\",\"fieldName\":\"slow\"}}"))
                    .isEqualTo(new LambdaError(LambdaError.TIMED_OUT, "Task timed out after 1.00 seconds"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    private static LambdaError error(LambdaFunction function, String event) {
        try {
            function.invoke(event.getBytes(StandardCharsets.UTF_8));
        } catch (LambdaInvocationException e) {
            return e.error();
        }
        throw new AssertionError("the invocation did not fail");
    }

    private static LambdaFunction snapStartFunction(boolean snapStart, Map<String, String> properties) {
        return LambdaFunction.start(
                new LambdaFunction.Settings(
                        "snap-fn",
                        TestFunctions.classPathWithCrac(),
                        HandlerReference.parse(TestFunctions.SNAP_START_HANDLER),
                        properties,
                        Duration.ofSeconds(10),
                        512,
                        "eu-west-1",
                        "123456789012",
                        snapStart),
                Clock.systemUTC());
    }

    @AfterEach
    void clearTheSnapStartFunctionsProperties() {
        // A function's environment is set as system properties, which outlive it.
        System.clearProperty("FAIL_IN");
        System.clearProperty("SNAP_RESTORED");
    }

    private static List<String> phases(LambdaFunction function) throws Exception {
        List<String> phases = new java.util.ArrayList<>();
        invoke(function, "{}").forEach(phase -> phases.add(phase.asText()));
        return phases;
    }

    @Test
    void withSnapStartTheHooksRegisteredThroughOrgCracRunAfterTheInitAndBeforeTheFirstInvocation() throws Exception {
        try (LambdaFunction function = snapStartFunction(true, Map.of())) {
            assertThat(phases(function))
                    .as("beforeCheckpoint as Lambda publishes the version (last registered first), afterRestore as it"
                            + " restores it (first registered first)")
                    .containsExactly(
                            "init",
                            "beforeCheckpoint:second",
                            "beforeCheckpoint:first",
                            "afterRestore:first",
                            "afterRestore:second");
            assertThat(phases(function)).as("once, not per invocation").hasSize(5);

            try (LambdaFunction other = snapStartFunction(true, Map.of())) {
                assertThat(phases(other)).hasSize(5);
            }
            assertThat(phases(function))
                    .as("each function has its own global context: the other's snapshot ran none of this one's hooks")
                    .hasSize(5);
        }
    }

    @Test
    void withoutSnapStartNoHookRuns() throws Exception {
        try (LambdaFunction function = snapStartFunction(false, Map.of())) {
            assertThat(phases(function)).containsExactly("init");
        }
    }

    @Test
    void aFailingBeforeCheckpointHookFailsTheFunctionWithItsErrorAfterTheRestoreHooksRan() {
        try (LambdaFunction function = snapStartFunction(true, Map.of("FAIL_IN", "beforeCheckpoint"))) {
            assertThatThrownBy(() -> invoke(function, "{}"))
                    .isInstanceOfSatisfying(
                            LambdaInvocationException.class,
                            e -> assertThat(e.error())
                                    .isEqualTo(new LambdaError(
                                            "java.lang.IllegalStateException",
                                            "the beforeCheckpoint hook of second failed on purpose")));
            assertThat(System.getProperty("SNAP_RESTORED"))
                    .as("the afterRestore hooks undo what the failed checkpoint began, as CRaC runs them")
                    .isEqualTo("true");
        }
    }

    @Test
    void aFailingAfterRestoreHookIsASnapStartException() {
        try (LambdaFunction function = snapStartFunction(true, Map.of("FAIL_IN", "afterRestore"))) {
            assertThatThrownBy(() -> invoke(function, "{}"))
                    .isInstanceOfSatisfying(LambdaInvocationException.class, e -> {
                        assertThat(e.error().errorType()).isEqualTo("SnapStartException");
                        assertThat(e.error().errorMessage())
                                .startsWith("The afterRestore() runtime hook failed:")
                                .contains("the afterRestore hook of first failed on purpose");
                    });
        }
    }

    @Test
    void aMissingArtifactIsAConfigError() {
        assertThatThrownBy(() -> LambdaFunction.start(
                        new LambdaFunction.Settings(
                                "x",
                                java.util.List.of(java.nio.file.Path.of("target/no-such.jar")),
                                HandlerReference.parse("a.B"),
                                Map.of(),
                                Duration.ofSeconds(3),
                                128,
                                "us-east-1",
                                "123456789012",
                                false),
                        Clock.systemUTC()))
                .isInstanceOf(LocalConfigException.class)
                .hasMessageContaining("no-such.jar");
    }
}
