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
 * A function that registers SnapStart runtime hooks through {@code org.crac}, as the kit's resolver runtime does, and
 * answers every invocation with what ran so far: {@code init}, then each hook's name. With the system property
 * {@code FAIL_IN} naming a hook, that hook throws.
 */
public final class SnapStartFunction implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PHASES = new CopyOnWriteArrayList<>();

    // org.crac keeps resources weakly: the handler instance holds its hooks.
    private final Resource hooks = new Resource() {
        @Override
        public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
            ran("beforeCheckpoint");
        }

        @Override
        public void afterRestore(org.crac.Context<? extends Resource> context) {
            ran("afterRestore");
        }
    };

    public SnapStartFunction() {
        Core.getGlobalContext().register(hooks);
        PHASES.add("init");
    }

    private static void ran(String hook) {
        if (hook.equals(System.getProperty("FAIL_IN"))) {
            throw new IllegalStateException("the " + hook + " hook failed on purpose");
        }
        PHASES.add(hook);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JSON.writeValue(output, PHASES);
    }
}
