package dev.fieldgate.samples.pins;

import static dev.fieldgate.testing.AppSyncEvents.field;
import static dev.fieldgate.testing.AppSyncEvents.mutation;
import static dev.fieldgate.testing.AppSyncEvents.query;
import static dev.fieldgate.testing.Callers.apiKey;
import static dev.fieldgate.testing.Callers.iamGuest;
import static dev.fieldgate.testing.Callers.iamUser;
import static dev.fieldgate.testing.Callers.userPool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.policy.Manifest;
import dev.fieldgate.resolvers.AppSyncResolver;
import dev.fieldgate.resolvers.ResolverResult;
import dev.fieldgate.resolvers.dynamodb.DynamoDbSettings;
import dev.fieldgate.testing.BatchInvoke;
import dev.fieldgate.testing.dynamodb.DynamoDbLocalExtension;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;

/**
 * The pins handlers tested as a partner tests their own: the resolver runtime in the test (no Spring, no
 * FunctionInvoker), events from {@code fieldgate-test-support}, and the manifest's tables in DynamoDB Local under
 * this class's own prefix. The example of "Testing your resolvers" in {@code resolvers/README.md}.
 */
class PinsResolversTest {

    static final Manifest MANIFEST = AppSyncResolver.manifestFromClasspath();

    @RegisterExtension
    static final DynamoDbLocalExtension DYNAMODB = DynamoDbLocalExtension.withTablesOf(MANIFEST);

    AppSyncResolver resolver;

    @BeforeEach
    void buildTheResolver() {
        DynamoDbSettings settings = DynamoDbSettings.builder()
                .endpointOverride(DYNAMODB.endpoint())
                .tablePrefix(DYNAMODB.tables().prefix())
                .region(Region.US_EAST_1)
                .build();
        resolver = AppSyncResolver.builder().manifest(MANIFEST)
                .include(PinsResolvers.router(PinsStore.create(MANIFEST, settings), Clock.systemUTC()))
                .build();
    }

    @Test
    void eachKindOfCallerGetsWhatThePolicyGivesIt() {
        ResolverResult created = resolver.resolve(mutation("createPin").caller(userPool("alice"))
                .input(Map.of("title", "Sunset", "imageUrl", "https://img.example.com/sunset.jpg")).build());
        String id = (String) ((Map<?, ?>) created.data()).get("id");

        assertThat(((Map<?, ?>) created.data()).get("owner")).isEqualTo("alice");
        assertThat(resolver.resolve(query("getPin").argument("id", id).caller(iamGuest()).build()).data())
                .isNotNull();
        assertThat(resolver.resolve(query("getPin").argument("id", id).caller(iamUser("bob")).build()).data())
                .isNotNull();
        assertThat(resolver.resolve(query("getPin").argument("id", id).caller(apiKey()).build()).error()
                .errorType()).isEqualTo("Unauthorized");
        assertThat(resolver.resolve(mutation("deletePin").argument("id", id).caller(userPool("bob")).build())
                .error().errorType()).isEqualTo("Unauthorized");
        assertThat(resolver.resolve(mutation("deletePin").argument("id", id)
                .caller(userPool("moderator").groups("Admins")).build()).isError()).isFalse();
    }

    @Test
    void theAuthorsOfAPageComeInOneBatchInvoke() {
        resolver.resolve(mutation("createProfile").caller(userPool("carol"))
                .input(Map.of("displayName", "Carol")).build());
        BatchInvoke authors = field("Pin", "author").caller(iamGuest())
                .batch(List.of(Map.of("id", "p-1", "owner", "carol"), Map.of("id", "p-2", "owner", "nobody")));

        List<ResolverResult> results = resolver.resolveBatch(authors.events(), null);

        assertThat(((Map<?, ?>) results.get(0).data()).get("displayName")).isEqualTo("Carol");
        assertThat(results.get(1).data()).isNull();
        // The same BatchInvoke as the bytes AppSync sends, answered with the envelopes it receives.
        assertThat(new String(resolver.handle(authors.toJson(), null), StandardCharsets.UTF_8))
                .startsWith("[{\"data\":{").contains("\"displayName\":\"Carol\"").endsWith("{\"data\":null}]");
    }
}
