package dev.fieldgate.local;

import dev.fieldgate.local.appsync.LocalFunction;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The class path of the test resolver functions in {@code dev.fieldgate.local.testfunction}: the test classes and
 * the only libraries they use (aws-lambda-java-core and Jackson), as a Lambda artifact would carry them. The stack
 * loads them in a class loader of their own, so nothing else of the test class path is visible to them.
 */
final class TestFunctions {

    static final String NOTES_HANDLER = "dev.fieldgate.local.testfunction.NotesFunction::handleRequest";

    private TestFunctions() {}

    static List<Path> classPath() {
        List<Path> entries = new ArrayList<>();
        entries.add(Path.of("target", "test-classes").toAbsolutePath());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator, -1)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("aws-lambda-java-core-")
                    || name.startsWith("jackson-databind-")
                    || name.startsWith("jackson-core-")
                    || name.startsWith("jackson-annotations-")) {
                entries.add(Path.of(entry));
            }
        }
        if (entries.size() != 5) {
            throw new IllegalStateException("the test class path lacks aws-lambda-java-core or Jackson: " + entries);
        }
        return entries;
    }

    static final String SNAP_START_HANDLER = "dev.fieldgate.local.testfunction.SnapStartFunction::handleRequest";

    /** The test functions' class path with {@code org.crac}, which the SnapStart test function registers with. */
    static List<Path> classPathWithCrac() {
        List<Path> entries = new ArrayList<>(classPath());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator, -1)) {
            if (Path.of(entry).getFileName().toString().startsWith("crac-")) {
                entries.add(Path.of(entry));
            }
        }
        if (entries.size() != 6) {
            throw new IllegalStateException("the test class path lacks org.crac: " + entries);
        }
        return entries;
    }

    static LocalFunction notes() {
        return LocalFunction.builder()
                .classPath(classPath())
                .handler(NOTES_HANDLER)
                .environment("NOTES_GREETING", "hello")
                .environment("MAIN_CLASS", "dev.fieldgate.local.NotMain")
                .timeout(java.time.Duration.ofSeconds(2))
                .build();
    }

    static final String BOARDS_HANDLER = "dev.fieldgate.local.testfunction.BoardsFunction::handleRequest";

    /**
     * The boards test function on the kit's resolver runtime: the test classes, the runtime's libraries (taken from
     * where this JVM loaded them, a jar or a reactor module's classes) and {@code manifestRoot}, which holds
     * {@code fieldgate/manifest.json} as the Maven plugin would pack it.
     */
    static LocalFunction boards(Path manifestRoot) {
        List<Path> entries = new ArrayList<>();
        entries.add(manifestRoot.toAbsolutePath());
        entries.add(Path.of("target", "test-classes").toAbsolutePath());
        for (Class<?> type : List.of(
                dev.fieldgate.resolvers.AppSyncResolver.class,
                dev.fieldgate.policy.Manifest.class,
                com.fasterxml.jackson.databind.ObjectMapper.class,
                com.fasterxml.jackson.core.JsonParser.class,
                com.fasterxml.jackson.annotation.JsonInclude.class,
                com.fasterxml.jackson.datatype.jsr310.JavaTimeModule.class,
                org.slf4j.LoggerFactory.class,
                com.amazonaws.services.lambda.runtime.Context.class)) {
            try {
                entries.add(Path.of(
                        type.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return LocalFunction.builder()
                .classPath(entries)
                .handler(BOARDS_HANDLER)
                .timeout(java.time.Duration.ofSeconds(5))
                .build();
    }
}
