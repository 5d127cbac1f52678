package dev.fieldgate.testing;

import dev.fieldgate.resolvers.AppSyncEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A BatchInvoke: the events AppSync sends in one invocation, as a JSON array, for a field with
 * {@code maxBatchSize}. From {@link EventBuilder#batch(List)} or {@link AppSyncEvents#batch(List)}. Immutable.
 */
public final class BatchInvoke {

    private final List<AppSyncEvent> events;

    private BatchInvoke(List<AppSyncEvent> events) {
        this.events = events;
    }

    static BatchInvoke of(List<AppSyncEvent> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a BatchInvoke has at least one event");
        }
        return new BatchInvoke(List.copyOf(events));
    }

    /** The typed events, in order: what {@code AppSyncResolver.resolveBatch} takes. */
    public List<AppSyncEvent> events() {
        return events;
    }

    public int size() {
        return events.size();
    }

    /** The JSON array a Lambda function receives. */
    public byte[] toJson() {
        return AppSyncEvents.toJson(events);
    }

    /** The events as JSON trees of new, modifiable maps and lists. */
    public List<Map<String, Object>> toMaps() {
        List<Map<String, Object>> maps = new ArrayList<>(events.size());
        for (AppSyncEvent event : events) {
            maps.add(AppSyncEvents.toMap(event));
        }
        return maps;
    }

    @Override
    public String toString() {
        return "BatchInvoke[" + events.size() + " events]";
    }
}
