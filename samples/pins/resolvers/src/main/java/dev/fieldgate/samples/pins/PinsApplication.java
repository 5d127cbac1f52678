package dev.fieldgate.samples.pins;

import dev.fieldgate.policy.Manifest;
import dev.fieldgate.resolvers.AppSyncResolver;
import dev.fieldgate.resolvers.dynamodb.DynamoDbSettings;
import dev.fieldgate.resolvers.spring.AppSyncFunctions;
import java.time.Clock;
import java.util.List;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The pins resolver function's start class ({@code MAIN_CLASS}, and the jar's {@code Start-Class}). Spring Cloud
 * Function's {@code FunctionInvoker} sees an {@link ApplicationContextInitializer} and starts a functional context:
 * the beans below and nothing else — no classpath scanning, no auto-configuration.
 *
 * <p>Lambda handler: {@code org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest}.
 */
public final class PinsApplication implements ApplicationContextInitializer<GenericApplicationContext> {

    @Override
    public void initialize(GenericApplicationContext context) {
        Manifest manifest = AppSyncResolver.manifestFromClasspath();
        context.registerBean(Clock.class, Clock::systemUTC);
        context.registerBean(PinsStore.class, () -> PinsStore.create(manifest, DynamoDbSettings.fromEnvironment()));
        AppSyncFunctions.register(context,
                () -> AppSyncResolver.builder()
                        .manifest(manifest)
                        .include(PinsResolvers.router(context.getBean(PinsStore.class), context.getBean(Clock.class)))
                        .build(),
                List.of(() -> context.getBean(PinsStore.class).prime()));
    }
}
