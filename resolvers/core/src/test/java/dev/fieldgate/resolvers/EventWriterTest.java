package dev.fieldgate.resolvers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldgate.resolvers.internal.EventReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The event writer writes AppSync's own JSON: a recorded event read and written again is the same JSON tree. */
class EventWriterTest {

    private final EventReader reader = new EventReader(AppSyncResolver.defaultObjectMapper());
    private final AppSyncEventWriter writer = AppSyncEventWriter.create();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "user-pool-no-groups.json",
                "user-pool-admins.json",
                "iam-guest.json",
                "iam-authenticated.json",
                "api-key.json",
                "oidc.json",
                "lambda-authorizer.json"
            })
    void aRecordedEventIsWrittenBackAsAppSyncSentIt(String fixture) {
        byte[] recorded = Fixtures.resource("events/" + fixture);
        AppSyncEvent event = reader.event(reader.parse(recorded));

        byte[] written = writer.write(event);

        assertThat(Fixtures.map(written)).isEqualTo(Fixtures.map(recorded));
        assertThat(reader.event(reader.parse(written))).isEqualTo(event);
        assertThat(writer.toMap(event)).isEqualTo(Fixtures.map(recorded));
    }

    @Test
    void aBatchInvokeIsAnArrayInTheEventsOrder() {
        byte[] recorded = Fixtures.resource("events/batch-pin-author-guest.json");
        List<?> items = (List<?>) reader.parse(recorded);
        List<AppSyncEvent> events = items.stream().map(reader::event).toList();

        assertThat(Fixtures.list(writer.writeBatch(events))).isEqualTo(Fixtures.list(recorded));
    }

    @Test
    void anApiKeyCallerIsANullIdentityAndEmptyPartsAreWrittenAsAppSyncDoes() {
        AppSyncEvent event = AppSyncEvent.builder().field("Query", "getPin").build();

        Map<String, Object> json = writer.toMap(event);

        Map<String, Object> request = new LinkedHashMap<>();
        request.put("headers", Map.of());
        request.put("domainName", null);
        assertThat(json)
                .containsEntry("identity", null)
                .containsEntry("source", null)
                .containsEntry("prev", null)
                .containsEntry("arguments", Map.of())
                .containsEntry("stash", Map.of())
                .containsEntry("request", request);
        assertThat(json.keySet())
                .containsExactly("arguments", "identity", "source", "request", "prev", "info", "stash");
    }

    @Test
    void theTreeIsTheCallersToChangeAndValuesAreWrittenByTheMapper() {
        AppSyncEvent event = AppSyncEvent.builder()
                .field("Mutation", "createPin")
                .arguments(Map.of("input", Map.of("at", Instant.parse("2025-11-20T10:00:00Z"))))
                .build();

        Map<String, Object> json = writer.toMap(event);
        @SuppressWarnings("unchecked")
        Map<String, Object> input = (Map<String, Object>) ((Map<String, Object>) json.get("arguments")).get("input");
        input.put("title", "changed");

        assertThat(input).containsEntry("at", "2025-11-20T10:00:00Z").containsEntry("title", "changed");
        assertThat(event.arguments().get("input")).isEqualTo(Map.of("at", Instant.parse("2025-11-20T10:00:00Z")));
        assertThatThrownBy(() -> AppSyncEventWriter.create(new com.fasterxml.jackson.databind.ObjectMapper())
                        .write(event))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mapper");
    }
}
