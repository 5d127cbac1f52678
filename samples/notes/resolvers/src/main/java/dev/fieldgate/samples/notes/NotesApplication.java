package dev.fieldgate.samples.notes;

import dev.fieldgate.policy.Manifest;
import dev.fieldgate.resolvers.AppSyncResolver;
import dev.fieldgate.resolvers.dynamodb.DynamoDbSettings;
import dev.fieldgate.resolvers.dynamodb.OwnedTable;
import dev.fieldgate.resolvers.spring.AppSyncFunctions;
import dev.fieldgate.samples.notes.model.Note;
import java.time.Clock;
import java.util.List;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;
import software.amazon.awssdk.utils.Lazy;

/**
 * The notes resolver function's start class ({@code MAIN_CLASS}, and the jar's {@code Start-Class}): a functional
 * Spring context with the router and nothing else. The DynamoDB client is made on first use (or by SnapStart's
 * priming), so a denied call never pays for it.
 *
 * <p>Lambda handler: {@code org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest}.
 */
public final class NotesApplication implements ApplicationContextInitializer<GenericApplicationContext> {

    @Override
    public void initialize(GenericApplicationContext context) {
        Manifest manifest = AppSyncResolver.manifestFromClasspath();
        DynamoDbSettings settings = DynamoDbSettings.fromEnvironment();
        Lazy<OwnedTable<Note>> notes = new Lazy<>(() -> OwnedTable.of(
                settings.createEnhancedClient(settings.createClient()), settings, manifest, Note.class));
        AppSyncFunctions.register(
                context,
                () -> AppSyncResolver.builder()
                        .manifest(manifest)
                        .include(NotesResolvers.router(notes::getValue, Clock.systemUTC()))
                        .build(),
                List.of(() -> notes.getValue().primer().run()));
    }
}
