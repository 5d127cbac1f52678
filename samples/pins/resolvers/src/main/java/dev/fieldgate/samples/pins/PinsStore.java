package dev.fieldgate.samples.pins;

import dev.fieldgate.policy.Manifest;
import dev.fieldgate.resolvers.dynamodb.BatchLoader;
import dev.fieldgate.resolvers.dynamodb.DynamoDbSettings;
import dev.fieldgate.resolvers.dynamodb.OwnedTable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.utils.Lazy;

/**
 * The pins tables. The DynamoDB client is made on first use: a request that needs no table (a subscription, a
 * denied call, an owner-only field) does not pay for it, and SnapStart's priming ({@link #prime()}) makes it and
 * initializes the tables' mapping before the snapshot, so on AWS no request pays for that.
 */
public final class PinsStore {

    private final Lazy<Tables> tables;

    private record Tables(OwnedTable<PinItem> pins, OwnedTable<ProfileItem> profiles,
                          BatchLoader<ProfileItem> profileLoader) {
    }

    private PinsStore(Manifest manifest, DynamoDbSettings settings) {
        this.tables = new Lazy<>(() -> {
            DynamoDbClient client = settings.createClient();
            DynamoDbEnhancedClient enhanced = settings.createEnhancedClient(client);
            Manifest.Table pin = manifest.table("Pin").orElseThrow();
            Manifest.Table profile = manifest.table("Profile").orElseThrow();
            var pinTable = enhanced.table(settings.tableName(pin.name()), TableSchema.fromBean(PinItem.class));
            var profileTable = enhanced.table(settings.tableName(profile.name()),
                    TableSchema.fromBean(ProfileItem.class));
            return new Tables(OwnedTable.of(pinTable, pin.ownerField()),
                    OwnedTable.of(profileTable, profile.ownerField()), BatchLoader.of(client, profileTable));
        });
    }

    /** Tables named by the manifest, in the DynamoDB the settings point at. */
    public static PinsStore create(Manifest manifest, DynamoDbSettings settings) {
        return new PinsStore(manifest, settings);
    }

    public OwnedTable<PinItem> pins() {
        return tables.getValue().pins();
    }

    public OwnedTable<ProfileItem> profiles() {
        return tables.getValue().profiles();
    }

    public BatchLoader<ProfileItem> profileLoader() {
        return tables.getValue().profileLoader();
    }

    /**
     * For SnapStart: makes the client and primes each table's mapping and requests, without sending anything to
     * DynamoDB (credentials and connections are made after the restore, by the first request that needs them).
     */
    public void prime() {
        pins().primer().run();
        profiles().primer().run();
        profileLoader().primer(Key.builder().partitionValue("fieldgate-priming-key").build()).run();
    }
}
