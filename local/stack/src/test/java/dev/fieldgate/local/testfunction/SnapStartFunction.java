package dev.fieldgate.local.testfunction;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Core;
import org.crac.Resource;

/**
 * A function that registers two SnapStart runtime hooks through {@code org.crac}, as the kit's resolver runtime does,
 * and answers every invocation with what ran so far: {@code init}, then each hook as {@code phase:resource}. With
 * the system property {@code FAIL_IN} naming a phase, both hooks of that phase throw; an {@code afterRestore} hook
 * that runs sets the system property {@code SNAP_RESTORED}, which outlives a failed init.
 */
public final class SnapStartFunction implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PHASES = new CopyOnWriteArrayList<>();

    // org.crac keeps resources weakly: the handler instance holds its hooks.
    private final Resource first = new Hooks("first");
    private final Resource second = new Hooks("second");

    public SnapStartFunction() {
        Core.getGlobalContext().register(first);
        Core.getGlobalContext().register(second);
        PHASES.add("init");
    }

    private record Hooks(String name) implements Resource {

        @Override
        public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
            ran("beforeCheckpoint");
        }

        @Override
        public void afterRestore(org.crac.Context<? extends Resource> context) {
            System.setProperty("SNAP_RESTORED", "true");
            ran("afterRestore");
        }

        private void ran(String phase) {
            if (phase.equals(System.getProperty("FAIL_IN"))) {
                throw new IllegalStateException("the " + phase + " hook of " + name + " failed on purpose");
            }
            PHASES.add(phase + ":" + name);
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JSON.writeValue(output, PHASES);
    }
}
