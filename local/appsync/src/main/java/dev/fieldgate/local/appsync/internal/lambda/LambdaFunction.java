package dev.fieldgate.local.appsync.internal.lambda;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.fieldgate.local.core.LocalConfigException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Java Lambda function run in this JVM the way the Lambda Java runtime runs it: its artifact in a class loader of
 * its own whose parent is the platform class loader (so nothing of the host — DynamoDB Local's SDK v1, Jetty, the
 * stack's own Jackson — is visible to it), its settings as system properties, its handler class instantiated once
 * (the init phase, started in the background as soon as the function is created; with SnapStart, followed by the
 * runtime hooks Lambda runs around the snapshot), and each invocation given the
 * event's bytes and a {@code Context} with a request id, a logger and the remaining time of its timeout.
 *
 * <p>Handlers, as the Lambda Java runtime accepts them: {@code RequestStreamHandler} and any method taking
 * {@code (InputStream, OutputStream[, Context])} get the bytes as they are; {@code RequestHandler<I, O>} and any
 * method taking {@code (I[, Context])} get the event deserialized into {@code I} and have {@code O} serialized back,
 * with a JSON mapper configured like the runtime's (unknown properties ignored; the function's own Jackson
 * annotations are not seen, exactly as on Lambda).
 *
 * <p>Invocations run concurrently on the one handler instance (Lambda would scale out to more instances; the kit's
 * resolver runtime is thread-safe). An invocation that outlives the timeout is abandoned and reported as Lambda
 * reports it.
 */
public final class LambdaFunction implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LambdaFunction.class);
    private static final String CONTEXT = "com.amazonaws.services.lambda.runtime.Context";
    private static final String STREAM_HANDLER = "com.amazonaws.services.lambda.runtime.RequestStreamHandler";
    private static final String REQUEST_HANDLER = "com.amazonaws.services.lambda.runtime.RequestHandler";
    /** The settings of every function in this JVM go through one lock: system properties are process-wide. */
    private static final Object SYSTEM_PROPERTIES = new Object();

    /**
     * What Lambda knows about a function.
     *
     * @param functionName     the function's name
     * @param classPath        the artifact: one jar, or jars and class directories
     * @param handler          the handler string
     * @param systemProperties the function's environment, set as system properties before its class loads
     * @param timeout          Lambda's timeout
     * @param memoryMb         Lambda's memory size (reported by the context only)
     * @param region           the region in the function's ARN
     * @param accountId        the account in the function's ARN
     * @param snapStart        whether the function is published with SnapStart: its CRaC hooks run after its init
     */
    public record Settings(
            String functionName,
            List<Path> classPath,
            HandlerReference handler,
            Map<String, String> systemProperties,
            Duration timeout,
            int memoryMb,
            String region,
            String accountId,
            boolean snapStart) {

        public Settings {
            Objects.requireNonNull(functionName, "functionName");
            classPath = List.copyOf(classPath);
            Objects.requireNonNull(handler, "handler");
            systemProperties = Map.copyOf(systemProperties);
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    private final Settings settings;
    private final java.net.URL[] urls;
    private volatile FunctionClassLoader loader;
    private final ExecutorService invocations;
    private final ObjectMapper pojoMapper;
    private final Clock clock;
    private final Logger functionLog;
    private volatile CompletableFuture<Handler> init;

    /** The handler, resolved once. */
    private record Handler(Object target, Method method, Shape shape, Type inputType, Class<?> contextType) {}

    private enum Shape {
        STREAM,
        POJO,
        NO_INPUT
    }

    private LambdaFunction(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.urls = urls(settings.classPath());
        this.loader = newLoader();
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "lambda-" + settings.functionName() + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(loader);
            return thread;
        };
        this.invocations = Executors.newCachedThreadPool(factory);
        this.pojoMapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .defaultPropertyInclusion(
                        JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                .build();
        this.functionLog = LoggerFactory.getLogger("lambda." + settings.functionName());
    }

    /**
     * Creates the function and starts its init phase in the background; the first invocation waits for it.
     *
     * @throws LocalConfigException if the class path names something that does not exist
     */
    public static LambdaFunction start(Settings settings, Clock clock) {
        for (Path entry : settings.classPath()) {
            if (!Files.exists(entry)) {
                throw new LocalConfigException("The function's artifact " + entry + " does not exist; build it first"
                        + " (for the pins sample: mvn -f samples/pins/resolvers/pom.xml package -DskipTests).");
            }
        }
        LambdaFunction function = new LambdaFunction(settings, clock);
        function.init = function.initialize();
        return function;
    }

    private FunctionClassLoader newLoader() {
        return new FunctionClassLoader("lambda:" + settings.functionName(), urls);
    }

    private CompletableFuture<Handler> initialize() {
        return CompletableFuture.supplyAsync(this::loadHandler, invocations);
    }

    /** Completes when the init phase is over (exceptionally if it failed). */
    public CompletableFuture<Void> initialized() {
        return init.thenApply(h -> null);
    }

    public Settings settings() {
        return settings;
    }

    private Handler loadHandler() {
        long started = System.nanoTime();
        FunctionClassLoader attempt = loader;
        synchronized (SYSTEM_PROPERTIES) {
            // As Lambda starts its Java runtimes: org.crac uses the runtime's CRaC API.
            System.setProperty("org.crac.Core.Compat", FunctionClassLoader.CRAC_PACKAGE);
            settings.systemProperties().forEach(System::setProperty);
        }
        Thread.currentThread().setContextClassLoader(attempt);
        HandlerReference reference = settings.handler();
        Class<?> type;
        try {
            type = Class.forName(reference.className(), true, attempt);
        } catch (ClassNotFoundException e) {
            throw new LambdaInvocationException(
                    new LambdaError("Runtime.HandlerNotFound", "Class not found: " + reference.className()), e);
        } catch (LinkageError e) {
            throw new LambdaInvocationException(LambdaError.of(e), e);
        }
        Class<?> contextType = optionalClass(CONTEXT);
        Handler handler = resolve(type, reference, contextType);
        long initialized = System.nanoTime();
        String hooks = "";
        if (settings.snapStart()) {
            SnapStartHooks.checkpointAndRestore(attempt);
            hooks = ", SnapStart hooks in " + (System.nanoTime() - initialized) / 1_000_000 + " ms";
        }
        LOG.info(
                "Function {} initialized in {} ms{} ({})",
                settings.functionName(),
                (initialized - started) / 1_000_000,
                hooks,
                reference);
        return handler;
    }

    private Class<?> optionalClass(String name) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private Handler resolve(Class<?> type, HandlerReference reference, Class<?> contextType) {
        List<Method> candidates = new ArrayList<>();
        for (Method method : type.getMethods()) {
            if (method.getName().equals(reference.methodName()) && !method.isBridge() && !method.isSynthetic()) {
                candidates.add(method);
            }
        }
        if (candidates.isEmpty()) {
            throw new LambdaInvocationException(
                    new LambdaError(
                            "Runtime.HandlerNotFound",
                            "No public method named " + reference.methodName() + " in class " + reference.className()),
                    null);
        }
        Class<?> streamHandler = optionalClass(STREAM_HANDLER);
        Class<?> requestHandler = optionalClass(REQUEST_HANDLER);
        boolean implementsStream = streamHandler != null && streamHandler.isAssignableFrom(type);
        boolean implementsRequest = requestHandler != null && requestHandler.isAssignableFrom(type);
        // The runtime prefers the interface's method, then the method with the most parameters.
        candidates.sort(Comparator.comparingInt(
                        (Method m) -> interfaceRank(m, implementsStream, implementsRequest, contextType))
                .thenComparing(
                        Comparator.comparingInt(Method::getParameterCount).reversed()));
        for (Method method : candidates) {
            Shape shape = shape(method, contextType);
            if (shape == null) {
                continue;
            }
            Object target = null;
            if (!Modifier.isStatic(method.getModifiers())) {
                target = instantiate(type);
            }
            Type inputType = shape == Shape.POJO ? method.getGenericParameterTypes()[0] : null;
            method.setAccessible(true);
            return new Handler(target, method, shape, inputType, contextType);
        }
        throw new LambdaInvocationException(
                new LambdaError(
                        "Runtime.HandlerNotFound",
                        "No method " + reference
                                + " with a signature Lambda can call: (InputStream, OutputStream[, Context]) or (Input[, Context])"),
                null);
    }

    private static int interfaceRank(Method method, boolean stream, boolean request, Class<?> contextType) {
        Class<?>[] p = method.getParameterTypes();
        if (stream && p.length == 3 && p[0] == InputStream.class && p[1] == OutputStream.class && p[2] == contextType) {
            return 0;
        }
        if (request && p.length == 2 && p[1] == contextType) {
            return 0;
        }
        return 1;
    }

    private static Shape shape(Method method, Class<?> contextType) {
        Class<?>[] p = method.getParameterTypes();
        boolean contextLast = p.length > 0 && contextType != null && p[p.length - 1] == contextType;
        int plain = contextLast ? p.length - 1 : p.length;
        if (plain == 2 && p[0] == InputStream.class && p[1] == OutputStream.class) {
            return Shape.STREAM;
        }
        if (plain == 1) {
            return Shape.POJO;
        }
        if (plain == 0) {
            return Shape.NO_INPUT;
        }
        return null;
    }

    private static Object instantiate(Class<?> type) {
        try {
            return type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new LambdaInvocationException(
                    new LambdaError(
                            "Runtime.HandlerNotFound",
                            "Class " + type.getName() + " has no public no-argument constructor"),
                    e);
        } catch (InvocationTargetException e) {
            throw new LambdaInvocationException(LambdaError.of(e.getCause()), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new LambdaInvocationException(LambdaError.of(e), e);
        }
    }

    /**
     * Invokes the function with an event's bytes; returns the response's bytes.
     *
     * @throws LambdaInvocationException if the function threw, ran past its timeout or failed to initialize
     */
    public byte[] invoke(byte[] event) {
        long deadline = clock.millis() + settings.timeout().toMillis();
        Handler handler = awaitInit();
        long remaining = deadline - clock.millis();
        // The function's log lines go beside the request that invoked it in the request log.
        java.util.function.Consumer<String> lines =
                dev.fieldgate.local.core.internal.requests.RequestNote.current()::functionLine;
        Future<byte[]> running = invocations.submit(() -> run(handler, event, deadline, lines));
        try {
            return running.get(Math.max(1, remaining), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            throw timedOut(e);
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            throw new LambdaInvocationException(
                    new LambdaError("Runtime.Interrupted", "The invocation was interrupted"), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LambdaInvocationException invocation) {
                throw invocation;
            }
            throw new LambdaInvocationException(LambdaError.of(cause), cause);
        }
    }

    private Handler awaitInit() {
        CompletableFuture<Handler> current = init;
        if (current.isCompletedExceptionally()) {
            // Lambda starts a fresh init, in a new environment, for the next invocation after a failed one: a new
            // class loader, so no static state or runtime hook of the failed attempt remains.
            synchronized (this) {
                if (init == current) {
                    loader = newLoader();
                    init = initialize();
                }
                current = init;
            }
        }
        try {
            // The init phase has its own budget on Lambda (10 s); locally a cold Spring start can take longer, so
            // the first invocation waits for init before its own timeout starts.
            return current.get(Math.max(settings.timeout().toMillis(), 60_000), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw timedOut(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LambdaInvocationException(new LambdaError("Runtime.Interrupted", "Interrupted during init"), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LambdaInvocationException invocation) {
                throw invocation;
            }
            LOG.error("Function {} failed to initialize", settings.functionName(), cause);
            throw new LambdaInvocationException(LambdaError.of(cause), cause);
        }
    }

    private LambdaInvocationException timedOut(Exception cause) {
        return new LambdaInvocationException(
                new LambdaError(
                        LambdaError.TIMED_OUT,
                        String.format(
                                java.util.Locale.ROOT,
                                "Task timed out after %.2f seconds",
                                settings.timeout().toMillis() / 1000.0)),
                cause);
    }

    private byte[] run(Handler handler, byte[] event, long deadline, java.util.function.Consumer<String> lines)
            throws Exception {
        Thread.currentThread().setContextClassLoader(loader);
        Object context = handler.contextType() == null
                ? null
                : LambdaContexts.create(handler.contextType(), settings, deadline, clock, functionLog, lines);
        Method method = handler.method();
        boolean withContext = method.getParameterCount() > 0
                && method.getParameterTypes()[method.getParameterCount() - 1] == handler.contextType();
        try {
            return switch (handler.shape()) {
                case STREAM -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    InputStream in = new ByteArrayInputStream(event);
                    if (withContext) {
                        method.invoke(handler.target(), in, out, context);
                    } else {
                        method.invoke(handler.target(), in, out);
                    }
                    yield out.toByteArray();
                }
                case POJO -> {
                    Object input = deserialize(event, handler.inputType());
                    Object output = withContext
                            ? method.invoke(handler.target(), input, context)
                            : method.invoke(handler.target(), input);
                    yield method.getReturnType() == void.class
                            ? "null".getBytes(java.nio.charset.StandardCharsets.UTF_8)
                            : pojoMapper.writeValueAsBytes(output);
                }
                default -> {
                    Object output =
                            withContext ? method.invoke(handler.target(), context) : method.invoke(handler.target());
                    yield pojoMapper.writeValueAsBytes(output);
                }
            };
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            functionLog.error("Invocation failed", cause);
            throw new LambdaInvocationException(LambdaError.of(cause), cause);
        }
    }

    private Object deserialize(byte[] event, Type type) {
        try {
            JavaType javaType = pojoMapper.getTypeFactory().constructType(type);
            return pojoMapper.readValue(event, javaType);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // The Lambda Java runtime's own message for an event it cannot turn into the handler's input type.
            throw new LambdaInvocationException(
                    new LambdaError(
                            "java.lang.RuntimeException",
                            "An error occurred during JSON parsing: " + e.getOriginalMessage()),
                    e);
        } catch (IOException e) {
            throw new LambdaInvocationException(LambdaError.of(e), e);
        }
    }

    private static URL[] urls(List<Path> classPath) {
        List<URL> urls = new ArrayList<>();
        for (Path entry : classPath) {
            try {
                urls.add(staged(entry).toAbsolutePath().toUri().toURL());
            } catch (MalformedURLException e) {
                throw new LocalConfigException("The function's class path entry " + entry + " is not usable", e);
            }
        }
        return urls.toArray(new URL[0]);
    }

    /**
     * The function runs from a copy of each jar, as Lambda runs from the package it unpacked: a build that rewrites
     * the jar in place (the shade plugin does) while a stack runs, or between two stacks of one JVM, would otherwise
     * hand the class loader a jar that changed under the JVM's cached handle of it. One copy per jar content (path,
     * size and time), kept until the JVM exits; class folders are used as they are.
     */
    private static Path staged(Path entry) {
        if (!Files.isRegularFile(entry)) {
            return entry;
        }
        try {
            Path source = entry.toAbsolutePath().normalize();
            String key = Integer.toHexString(source.toString().hashCode()) + "-" + Files.size(source) + "-"
                    + Files.getLastModifiedTime(source).toMillis();
            Path copy = STAGING.resolve(key + "-" + source.getFileName());
            synchronized (STAGING) {
                if (!Files.exists(copy)) {
                    Path partial = Files.createTempFile(STAGING, "partial-", ".jar");
                    Files.copy(source, partial, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE);
                    copy.toFile().deleteOnExit();
                }
            }
            return copy;
        } catch (IOException e) {
            throw new LocalConfigException("The function's artifact " + entry + " could not be read", e);
        }
    }

    /**
     * Where {@link #staged} keeps the copies: one private folder per JVM, gone when it exits, or when a later JVM
     * starts if this one was killed.
     */
    private static final Path STAGING = stagingDirectory();

    private static Path stagingDirectory() {
        try {
            return StagingFolders.create(Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("No temporary folder for the function's artifact", e);
        }
    }

    @Override
    public void close() {
        // The class loader stays open: functions register JVM shutdown hooks (Spring Boot does) whose classes are
        // loaded only when the JVM exits, long after the stack that ran them has closed.
        invocations.shutdownNow();
    }

    @Override
    public String toString() {
        return "LambdaFunction[" + settings.functionName() + ", " + settings.handler() + "]";
    }
}
