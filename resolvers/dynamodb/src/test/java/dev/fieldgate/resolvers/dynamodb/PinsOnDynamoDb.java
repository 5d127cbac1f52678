package dev.fieldgate.resolvers.dynamodb;

import dev.fieldgate.policy.Manifest;
import dev.fieldgate.policy.SchemaCompiler;
import dev.fieldgate.resolvers.AppSyncResolver;
import dev.fieldgate.resolvers.Router;
import dev.fieldgate.testing.dynamodb.DynamoDbLocal;
import dev.fieldgate.testing.dynamodb.LocalTables;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The pins schema's pin mutations on OwnedTable, over a fresh set of the manifest's tables in DynamoDB Local. */
final class PinsOnDynamoDb {

    static final Manifest MANIFEST = SchemaCompiler.create()
            .compile(Path.of("../../samples/pins/schema.graphql"))
            .manifest();

    record CreatePin(Map<String, String> input) {}

    record UpdatePin(Map<String, String> input) {}

    record DeletePin(String id) {}

    final LocalTables tables = DynamoDbLocal.shared().createTables(MANIFEST);
    final DynamoDbSettings settings = DynamoDbSettings.fromEnvironment(tables.environment()::get);
    final DynamoDbClient client = settings.createClient();
    final DynamoDbTable<PinItem> pins;
    final OwnedTable<PinItem> owned;
    final AppSyncResolver resolver;

    PinsOnDynamoDb() {
        pins = settings.createEnhancedClient(client)
                .table(settings.tableName("Pin"), TableSchema.fromBean(PinItem.class));
        owned = OwnedTable.of(pins, MANIFEST.table("Pin").orElseThrow().ownerField());
        resolver = AppSyncResolver.builder()
                .manifest(MANIFEST)
                .include(Router.create()
                        .mutation(
                                "createPin",
                                CreatePin.class,
                                (args, ctx) -> view(owned.create(
                                        ctx,
                                        item(
                                                args.input().get("id"),
                                                args.input().get("title"),
                                                args.input().get("owner")))))
                        .mutation(
                                "updatePin",
                                UpdatePin.class,
                                (args, ctx) -> view(owned.update(
                                        ctx,
                                        item(
                                                args.input().get("id"),
                                                args.input().get("title"),
                                                args.input().get("owner")))))
                        .mutation(
                                "deletePin",
                                DeletePin.class,
                                (args, ctx) -> view(owned.delete(
                                        ctx,
                                        Key.builder().partitionValue(args.id()).build()))))
                .build();
    }

    static PinItem item(String id, String title, String owner) {
        PinItem item = new PinItem(id, title, owner);
        return item;
    }

    static Map<String, Object> view(PinItem item) {
        if (item == null) {
            return null;
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", item.getId());
        view.put("title", item.getTitle());
        view.put("owner", item.getOwner());
        return view;
    }

    PinItem stored(String id) {
        return pins.getItem(Key.builder().partitionValue(id).build());
    }

    /** Settings for tables under a prefix no other test uses, in the test JVM's DynamoDB Local. */
    static DynamoDbSettings freshSettings() {
        DynamoDbLocal local = DynamoDbLocal.shared();
        return DynamoDbSettings.builder()
                .endpointOverride(local.endpoint())
                .tablePrefix(local.newTablePrefix("t"))
                .build();
    }
}
