package dev.fieldgate.resolvers.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldgate.resolvers.ResolverConfigurationException;
import dev.fieldgate.resolvers.ValidationException;
import dev.fieldgate.resolvers.dynamodb.internal.PageTokens;
import dev.fieldgate.testing.dynamodb.DynamoDbLocalExtension;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** The Fieldgate environment for DynamoDB, page tokens, and tables created from the manifest. */
@ExtendWith(DynamoDbLocalExtension.class)
class SettingsAndTokensTest {

    @Test
    void theEnvironmentWinsOverSystemProperties() {
        System.setProperty(DynamoDbSettings.TABLE_PREFIX, "from-property-");
        System.setProperty(DynamoDbSettings.DYNAMODB_ENDPOINT, "http://localhost:4567");
        try {
            DynamoDbSettings fromEnvironment = DynamoDbSettings.fromEnvironment(
                    Map.of(DynamoDbSettings.TABLE_PREFIX, "pins-dev-", DynamoDbSettings.REGION, "eu-west-1")::get);
            assertThat(fromEnvironment.tableName("Pin")).isEqualTo("pins-dev-Pin");
            assertThat(fromEnvironment.region()).hasValue(Region.EU_WEST_1);
            assertThat(fromEnvironment.endpointOverride()).hasValue(URI.create("http://localhost:4567"));

            DynamoDbSettings fromProperties = DynamoDbSettings.fromEnvironment(name -> null);
            assertThat(fromProperties.tableName("Pin")).isEqualTo("from-property-Pin");
        } finally {
            System.clearProperty(DynamoDbSettings.TABLE_PREFIX);
            System.clearProperty(DynamoDbSettings.DYNAMODB_ENDPOINT);
        }
        assertThat(DynamoDbSettings.fromEnvironment(name -> null).tableName("Pin"))
                .isEqualTo("Pin");
        assertThat(DynamoDbSettings.fromEnvironment(name -> null).endpointOverride())
                .isEmpty();
    }

    @Test
    void aMalformedEndpointSaysWhatToWrite() {
        assertThatThrownBy(() -> DynamoDbSettings.fromEnvironment(
                        Map.of(DynamoDbSettings.DYNAMODB_ENDPOINT, "localhost 8000")::get))
                .isInstanceOf(ResolverConfigurationException.class)
                .hasMessage("FIELDGATE_DYNAMODB_ENDPOINT is not a URL such as http://localhost:8000");
    }

    @Test
    void pageTokensRoundTripAndRefuseForgeries() {
        Map<String, AttributeValue> key = Map.of(
                "id",
                AttributeValue.fromS("p-1"),
                "n",
                AttributeValue.fromN("7"),
                "b",
                AttributeValue.fromB(SdkBytes.fromUtf8String("x")));

        assertThat(PageTokens.decode(PageTokens.encode(key))).isEqualTo(key);
        assertThat(PageTokens.encode(Map.of())).isNull();
        assertThat(PageTokens.decode(null)).isNull();
        for (String forged :
                new String[] {"not base64!", "e30", "eyJpZCI6eyJNIjp7fX19", "eyJpZCI6W119", "x".repeat(5000)}) {
            assertThatThrownBy(() -> PageTokens.decode(forged))
                    .as(forged)
                    .isInstanceOf(ValidationException.class)
                    .hasMessage("Argument 'nextToken' is not a token this API issued");
        }
    }

    @Test
    void tablesAndIndexesComeFromTheManifest() {
        DynamoDbSettings settings = PinsOnDynamoDb.freshSettings();
        var client = settings.createClient();

        assertThat(ManifestTables.create(client, PinsOnDynamoDb.MANIFEST, settings))
                .containsExactly(settings.tableName("Pin"), settings.tableName("Profile"));
        // Creating again is harmless.
        ManifestTables.create(client, PinsOnDynamoDb.MANIFEST, settings);

        TableDescription pin = client.describeTable(r -> r.tableName(settings.tableName("Pin")))
                .table();
        assertThat(pin.keySchema())
                .extracting(k -> k.attributeName() + ":" + k.keyTypeAsString())
                .containsExactly("id:HASH");
        assertThat(pin.globalSecondaryIndexes()).singleElement().satisfies(index -> {
            assertThat(index.indexName()).isEqualTo("byOwner");
            assertThat(index.keySchema())
                    .extracting(k -> k.attributeName() + ":" + k.keyTypeAsString())
                    .containsExactly("owner:HASH", "createdAt:RANGE");
        });
    }

    @Test
    void scanPagesCarryATokenToTheNextPage() {
        PinsOnDynamoDb pins = new PinsOnDynamoDb();
        for (int i = 0; i < 5; i++) {
            pins.pins.putItem(PinsOnDynamoDb.item("p" + i, "t" + i, "sub-x"));
        }

        Page<PinItem> first = pins.owned.scan(3, null);
        Page<PinItem> second = pins.owned.scan(3, first.nextToken());

        assertThat(first.items()).hasSize(3);
        assertThat(first.nextToken()).isNotNull();
        assertThat(second.items()).hasSize(2);
        assertThat(java.util.stream.Stream.concat(first.items().stream(), second.items().stream())
                        .map(PinItem::getId))
                .containsExactlyInAnyOrder("p0", "p1", "p2", "p3", "p4");
        assertThatThrownBy(() -> pins.owned.scan(0, null)).isInstanceOf(ValidationException.class);
    }
}
