package dev.fieldgate.testing;

import dev.fieldgate.resolvers.AppSyncEvent;
import dev.fieldgate.resolvers.AppSyncEventWriter;
import java.util.List;
import java.util.Map;

/**
 * AppSync Direct Lambda events for the tests of a resolver function, shaped as AppSync sends them, with a caller of
 * any auth kind from {@link Callers}:
 *
 * <pre>{@code
 * byte[] json = AppSyncEvents.query("getPin")
 *         .argument("id", "p-1")
 *         .caller(Callers.userPool("alice").groups("Admins"))
 *         .toJson();
 * BatchInvoke authors = AppSyncEvents.field("Pin", "author")
 *         .caller(Callers.iamGuest())
 *         .batch(List.of(Map.of("id", "p-1", "owner", "alice"), Map.of("id", "p-2", "owner", "bob")));
 * }</pre>
 *
 * JSON is written by the runtime's own {@link AppSyncEventWriter}, so what a test sends is what the function reads.
 */
public final class AppSyncEvents {

    /** The {@code host} header of the made-up API. */
    public static final String API_HOST = "abcdefghijklmnopqrstuvwxyz.appsync-api.us-east-1.amazonaws.com";

    private static final AppSyncEventWriter WRITER = AppSyncEventWriter.create();

    private AppSyncEvents() {}

    /** An event for {@code Query.<field>}. */
    public static EventBuilder query(String field) {
        return new EventBuilder("Query", field);
    }

    /** An event for {@code Mutation.<field>}. */
    public static EventBuilder mutation(String field) {
        return new EventBuilder("Mutation", field);
    }

    /** An event for {@code Subscription.<field>} (a subscription's resolver, called when a client subscribes). */
    public static EventBuilder subscription(String field) {
        return new EventBuilder("Subscription", field);
    }

    /** An event for any {@code Type.field}, e.g. a nested field such as {@code Pin.author}. */
    public static EventBuilder field(String typeName, String fieldName) {
        return new EventBuilder(typeName, fieldName);
    }

    /** A BatchInvoke of these events, in order. */
    public static BatchInvoke batch(List<AppSyncEvent> events) {
        return BatchInvoke.of(events);
    }

    /** A BatchInvoke of these events, in order. */
    public static BatchInvoke batch(AppSyncEvent... events) {
        return BatchInvoke.of(List.of(events));
    }

    /** One event as AppSync's JSON. */
    public static byte[] toJson(AppSyncEvent event) {
        return WRITER.write(event);
    }

    /** A BatchInvoke as AppSync's JSON array. */
    public static byte[] toJson(List<AppSyncEvent> events) {
        return WRITER.writeBatch(events);
    }

    /** One event as a JSON tree of new, modifiable maps and lists. */
    public static Map<String, Object> toMap(AppSyncEvent event) {
        return WRITER.toMap(event);
    }
}
