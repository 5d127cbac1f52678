package dev.fieldgate.samples.directory.client.cli;

import dev.fieldgate.samples.directory.client.DirectoryStory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./fieldgate demo directory}: starts the local stack with the directory sample on a free port, tells the
 * directory story with the SDK and prints each step and its outcome. Exits 0 when every step went as the schema's
 * rules say, 1 when one did not, 2 when the stack could not start; the stack is stopped in every case.
 */
public final class DirectoryDemo {

    private DirectoryDemo() {
    }

    public static void main(String[] args) {
        Path appConfig = Path.of(args.length > 0 ? args[0] : "samples/directory/fieldgate.json");
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (!Files.isRegularFile(appConfig)) {
            out.println("fieldgate demo: no app config at " + appConfig.toAbsolutePath());
            System.exit(2);
        }
        out.println("Fieldgate demo: the directory sample on the local stack, driven by the Fieldgate SDK");
        out.println();
        AtomicInteger steps = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        DirectoryStory story;
        PrintStream console = System.out;
        PrintStream errors = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        // The resolver function runs inside this process and logs as it works; keep its lines aside so the demo's
        // output is one line per step, and show them only when the stack does not start or a step differs.
        PrintStream captured = new PrintStream(logs, true, StandardCharsets.UTF_8);
        System.setOut(captured);
        System.setErr(captured);
        try {
            story = DirectoryStory.start(appConfig, step -> {
                steps.incrementAndGet();
                if (!step.passed()) {
                    failed.incrementAndGet();
                }
                out.println((step.passed() ? "  ✓ " : "  ✗ ") + step.title());
                out.println("      " + step.outcome());
            });
        } catch (RuntimeException e) {
            System.setOut(console);
            System.setErr(errors);
            errors.print(logs.toString(StandardCharsets.UTF_8));
            out.println("  ✗ The local stack did not start: " + e.getMessage());
            System.exit(2);
            return;
        }
        boolean passed;
        try (story) {
            passed = story.run();
        } catch (RuntimeException e) {
            out.println("  ✗ The story stopped: " + e);
            passed = false;
        } finally {
            System.setOut(console);
            System.setErr(errors);
        }
        out.println();
        if (passed && failed.get() == 0) {
            out.println("All " + steps.get() + " steps went as the schema's rules say. The local stack is stopped.");
            System.exit(0);
        }
        errors.println("The local stack's and the function's log while the story ran:");
        errors.print(logs.toString(StandardCharsets.UTF_8));
        out.println(failed.get() + " of " + steps.get() + " steps did not go as the schema's rules say. "
                + "The local stack is stopped.");
        System.exit(1);
    }
}
