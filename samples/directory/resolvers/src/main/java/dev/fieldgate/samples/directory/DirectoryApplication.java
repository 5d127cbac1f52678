package dev.fieldgate.samples.directory;

import dev.fieldgate.policy.Manifest;
import dev.fieldgate.resolvers.AppSyncResolver;
import dev.fieldgate.resolvers.dynamodb.DynamoDbSettings;
import dev.fieldgate.resolvers.dynamodb.OwnedTable;
import dev.fieldgate.resolvers.spring.AppSyncFunctions;
import dev.fieldgate.samples.directory.model.User;
import java.util.List;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;
import software.amazon.awssdk.utils.Lazy;

/**
 * The directory resolver function's start class ({@code MAIN_CLASS}, and the jar's {@code Start-Class}): a
 * functional Spring context with the router and nothing else. The scheduled function in the same jar is
 * {@link FillUsers}, a plain Lambda handler.
 *
 * <p>Lambda handler: {@code org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest}.
 */
public final class DirectoryApplication implements ApplicationContextInitializer<GenericApplicationContext> {

    @Override
    public void initialize(GenericApplicationContext context) {
        Manifest manifest = AppSyncResolver.manifestFromClasspath();
        DynamoDbSettings settings = DynamoDbSettings.fromEnvironment();
        Lazy<OwnedTable<User>> users = new Lazy<>(() -> OwnedTable.of(
                settings.createEnhancedClient(settings.createClient()), settings, manifest, User.class));
        AppSyncFunctions.register(
                context,
                () -> AppSyncResolver.builder()
                        .manifest(manifest)
                        .include(DirectoryResolvers.router(users::getValue))
                        .build(),
                List.of(() -> users.getValue().primer().run()));
    }
}
