package dev.fieldgate.resolvers.dynamodb;

import dev.fieldgate.policy.Manifest;
import dev.fieldgate.policy.SchemaCompiler;
import dev.fieldgate.resolvers.AppSyncResolver;
import dev.fieldgate.resolvers.Router;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The pins schema's pin mutations on OwnedTable, over a fresh set of tables in DynamoDB Local. */
final class PinsOnDynamoDb {

    static final Manifest MANIFEST = SchemaCompiler.create().compile(Path.of("../../samples/pins/schema.graphql"))
            .manifest();

    record CreatePin(Map<String, String> input) {
    }

    record UpdatePin(Map<String, String> input) {
    }

    record DeletePin(String id) {
    }

    final DynamoDbSettings settings = LocalDynamoDb.freshSettings();
    final DynamoDbClient client = settings.createClient();
    final DynamoDbTable<PinItem> pins;
    final OwnedTable<PinItem> owned;
    final AppSyncResolver resolver;

    PinsOnDynamoDb() {
        ManifestTables.create(client, MANIFEST, settings);
        pins = settings.createEnhancedClient(client).table(settings.tableName("Pin"),
                TableSchema.fromBean(PinItem.class));
        owned = OwnedTable.of(pins, MANIFEST.table("Pin").orElseThrow().ownerField());
        resolver = AppSyncResolver.builder().manifest(MANIFEST).include(Router.create()
                .mutation("createPin", CreatePin.class, (args, ctx) -> view(owned.create(ctx,
                        item(args.input().get("id"), args.input().get("title"), args.input().get("owner")))))
                .mutation("updatePin", UpdatePin.class, (args, ctx) -> view(owned.update(ctx,
                        item(args.input().get("id"), args.input().get("title"), args.input().get("owner")))))
                .mutation("deletePin", DeletePin.class, (args, ctx) -> view(owned.delete(ctx,
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

    static Map<String, Object> userPool(String sub, String... groups) {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("sub", sub);
        identity.put("username", sub);
        identity.put("issuer", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_test");
        identity.put("claims", Map.of("sub", sub));
        identity.put("groups", groups.length == 0 ? null : List.of(groups));
        identity.put("defaultAuthStrategy", "ALLOW");
        identity.put("sourceIp", List.of("127.0.0.1"));
        return identity;
    }

    static Map<String, Object> event(String type, String field, Map<String, Object> identity,
                                     Map<String, ?> arguments) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("arguments", arguments);
        event.put("identity", identity);
        event.put("source", null);
        event.put("request", Map.of("headers", Map.of()));
        event.put("info", Map.of("parentTypeName", type, "fieldName", field, "variables", Map.of(),
                "selectionSetList", List.of("id")));
        event.put("prev", null);
        event.put("stash", Map.of());
        return event;
    }
}
