package dev.fieldgate.samples.pins;

import dev.fieldgate.policy.Manifest;
import dev.fieldgate.resolvers.dynamodb.BatchLoader;
import dev.fieldgate.resolvers.dynamodb.DynamoDbSettings;
import dev.fieldgate.resolvers.dynamodb.OwnedTable;
import dev.fieldgate.samples.pins.model.Pin;
import dev.fieldgate.samples.pins.model.Profile;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.utils.Lazy;

/**
 * The pins tables, whose items are the records generated from the schema ({@code Pin}, {@code Profile}); keys and
 * indexes come from the manifest. The DynamoDB client is made on first use: a request that needs no table (a
 * subscription, a denied call, an owner-only field) does not pay for it, and SnapStart's priming ({@link #prime()})
 * makes it and initializes the tables' mapping before the snapshot, so on AWS no request pays for that.
 */
public final class PinsStore {

    private final Lazy<Tables> tables;

    private record Tables(OwnedTable<Pin> pins, OwnedTable<Profile> profiles, BatchLoader<Profile> profileLoader) {
    }

    private PinsStore(Manifest manifest, DynamoDbSettings settings) {
        this.tables = new Lazy<>(() -> {
            DynamoDbClient client = settings.createClient();
            DynamoDbEnhancedClient enhanced = settings.createEnhancedClient(client);
            OwnedTable<Pin> pins = OwnedTable.of(enhanced, settings, manifest, Pin.class);
            OwnedTable<Profile> profiles = OwnedTable.of(enhanced, settings, manifest, Profile.class);
            return new Tables(pins, profiles, BatchLoader.of(client, profiles.table()));
        });
    }

    /** Tables named by the manifest, in the DynamoDB the settings point at. */
    public static PinsStore create(Manifest manifest, DynamoDbSettings settings) {
        return new PinsStore(manifest, settings);
    }

    public OwnedTable<Pin> pins() {
        return tables.getValue().pins();
    }

    public OwnedTable<Profile> profiles() {
        return tables.getValue().profiles();
    }

    public BatchLoader<Profile> profileLoader() {
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
