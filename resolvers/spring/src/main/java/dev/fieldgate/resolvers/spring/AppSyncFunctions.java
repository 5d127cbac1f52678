package dev.fieldgate.resolvers.spring;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.resolvers.AppSyncResolver;
import dev.fieldgate.resolvers.spring.internal.AppSyncFunctionCatalog;
import dev.fieldgate.resolvers.spring.internal.LeanFunctionDefaults;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.cloud.function.context.catalog.FunctionTypeUtils;
import org.springframework.cloud.function.json.JacksonMapper;
import org.springframework.cloud.function.json.JsonMapper;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.messaging.Message;

/**
 * Registers a resolver as the Spring Cloud Function that {@code FunctionInvoker} runs, with functional bean
 * registration (no classpath scanning, no auto-configuration). Call it from the start class, an
 * {@code ApplicationContextInitializer} that {@code MAIN_CLASS} (or the jar's {@code Start-Class}) names:
 *
 * <pre>{@code
 * public final class PinsApplication implements ApplicationContextInitializer<GenericApplicationContext> {
 *     public void initialize(GenericApplicationContext context) {
 *         AppSyncFunctions.register(context, () -> AppSyncResolver.builder()
 *                 .manifestFromClasspath()
 *                 .include(PinsRouter.create(...))
 *                 .build());
 *     }
 * }
 * }</pre>
 *
 * Lambda handler: {@code org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest}.
 */
public final class AppSyncFunctions {

    /** The function's name in Spring Cloud Function's catalog ({@code spring.cloud.function.definition}). */
    public static final String FUNCTION_NAME = "appSyncResolver";

    /**
     * Set to {@code true} (system property, or the environment variable
     * {@code FIELDGATE_SPRING_ANNOTATION_PROCESSING}) to keep Spring's annotation processing in the function's
     * context: {@code @Autowired}, {@code @Value}, {@code @PostConstruct}/{@code @PreDestroy},
     * {@code @EventListener} and {@code @ConfigurationProperties} on beans you register. By default a resolver
     * function's functional context does without them, which shortens its cold start; beans registered with a
     * supplier need none of them.
     */
    public static final String ANNOTATION_PROCESSING_PROPERTY = "fieldgate.spring.annotation-processing";

    private static final String JSON_MAPPER_NAME = "fieldgateAdapterJsonMapper";

    private static final Type FUNCTION_TYPE = FunctionTypeUtils.functionType(
            ResolvableType.forClassWithGenerics(Message.class, InputStream.class)
                    .getType(),
            ResolvableType.forClassWithGenerics(Message.class, byte[].class).getType());

    private AppSyncFunctions() {}

    /** Registers the resolver the supplier builds (once, when the context starts). */
    public static void register(GenericApplicationContext context, Supplier<AppSyncResolver> resolver) {
        register(context, resolver, List.of());
    }

    /**
     * Registers the resolver and the primers SnapStart runs before its snapshot, after the resolver primed itself.
     *
     * @param primers e.g. a read from each table the handlers use
     */
    public static void register(
            GenericApplicationContext context, Supplier<AppSyncResolver> resolver, List<Runnable> primers) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(resolver, "resolver");
        List<Runnable> primerList = List.copyOf(primers);
        context.registerBean(AppSyncResolver.class, resolver);
        // The adapter needs a JsonMapper bean to exist, but the resolver's payload is bytes, so it never maps
        // anything with it. Spring Cloud Function's own would register the Joda and java.time modules on a copy
        // of a second ObjectMapper (Joda-Time alone loads over a hundred classes); a plain one is enough, and
        // LeanFunctionDefaults leaves theirs unbuilt. FunctionInvoker makes this mapper case-insensitive, which
        // is why it is not the resolver's own.
        context.registerBean(
                JSON_MAPPER_NAME,
                JsonMapper.class,
                () -> new JacksonMapper(new ObjectMapper()),
                definition -> definition.setPrimary(true));
        context.addBeanFactoryPostProcessor(new LeanFunctionDefaults(
                JSON_MAPPER_NAME,
                Boolean.parseBoolean(context.getEnvironment().getProperty(ANNOTATION_PROCESSING_PROPERTY))));
        context.registerBean(
                FUNCTION_NAME,
                FunctionRegistration.class,
                () -> new FunctionRegistration<>(
                                new AppSyncFunction(context.getBean(AppSyncResolver.class)), FUNCTION_NAME)
                        .type(FUNCTION_TYPE));
        // Our own catalog: Spring Cloud Function then makes none of its own (see AppSyncFunctionCatalog).
        context.registerBean(
                AppSyncFunctionCatalog.class,
                () -> new AppSyncFunctionCatalog(
                        context.getBean(JsonMapper.class), context.getBeanProvider(FunctionRegistration.class)));
        context.registerBean(SnapStartPriming.class, () -> {
            SnapStartPriming priming = new SnapStartPriming(context.getBean(AppSyncResolver.class), primerList);
            priming.register();
            return priming;
        });
    }
}
