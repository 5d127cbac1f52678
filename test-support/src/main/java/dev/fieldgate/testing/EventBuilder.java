package dev.fieldgate.testing;

import dev.fieldgate.resolvers.AppSyncEvent;
import dev.fieldgate.resolvers.Identity;
import dev.fieldgate.resolvers.Info;
import dev.fieldgate.resolvers.Request;
import dev.fieldgate.testing.internal.ExampleValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Builds one AppSync Direct Lambda event for a field, from {@link AppSyncEvents}: arguments, the caller, the parent
 * object of a nested field, the selection set, headers... with what AppSync sends for everything left unset (an
 * API-key caller, the API's host and the caller's auth headers, empty {@code variables} and {@code stash},
 * {@code source} and {@code prev} {@code null}). Then {@link #build()} for a typed {@link AppSyncEvent},
 * {@link #toJson()} for the bytes a Lambda function receives, {@link #toMap()} for a JSON tree to change, or
 * {@link #batch(List)} for a BatchInvoke.
 *
 * <p>Mutable and not thread-safe, like any builder; what it builds is immutable (or, for {@code toMap}, a copy).
 */
public final class EventBuilder {

    private final String typeName;
    private final String fieldName;
    private Map<String, Object> arguments = new LinkedHashMap<>();
    private Caller caller = Callers.apiKey();
    private Map<String, ?> source;
    private List<String> selectionSet = List.of();
    private Map<String, Object> variables = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String host = AppSyncEvents.API_HOST;
    private String domainName;
    private Map<String, ?> prev;
    private Map<String, Object> stash = new LinkedHashMap<>();

    EventBuilder(String typeName, String fieldName) {
        if (typeName == null || typeName.isBlank() || fieldName == null || fieldName.isBlank()) {
            throw new IllegalArgumentException("an event needs the field's type and name, e.g. Query and getPin");
        }
        this.typeName = typeName;
        this.fieldName = fieldName;
    }

    /** A builder holding this one's values, to vary an event without changing this one. */
    public EventBuilder copy() {
        EventBuilder copy = new EventBuilder(typeName, fieldName);
        copy.arguments = new LinkedHashMap<>(arguments);
        copy.caller = caller;
        copy.source = source;
        copy.selectionSet = selectionSet;
        copy.variables = new LinkedHashMap<>(variables);
        copy.headers.putAll(headers);
        copy.host = host;
        copy.domainName = domainName;
        copy.prev = prev;
        copy.stash = new LinkedHashMap<>(stash);
        return copy;
    }

    /** The field's arguments, replacing any set before; {@code null} means none. */
    public EventBuilder arguments(Map<String, ?> arguments) {
        this.arguments = arguments == null ? new LinkedHashMap<>() : new LinkedHashMap<>(arguments);
        return this;
    }

    /** One argument. */
    public EventBuilder argument(String name, Object value) {
        arguments.put(Objects.requireNonNull(name, "name"), value);
        return this;
    }

    /** The {@code input} argument of a mutation: {@code argument("input", input)}. */
    public EventBuilder input(Map<String, ?> input) {
        return argument("input", input);
    }

    /** Who calls; an API-key caller unless set. The caller is read when the event is built. */
    public EventBuilder caller(Caller caller) {
        this.caller = Objects.requireNonNull(caller, "caller: use Callers.apiKey() for identity null");
        return this;
    }

    /** The parent object of a nested field (e.g. the {@code Pin} of {@code Pin.author}). */
    public EventBuilder source(Map<String, ?> source) {
        this.source = source;
        return this;
    }

    /**
     * The fields the query selects below this one, nested ones as {@code parent/child} ({@code "items",
     * "items/id"}): {@code info.selectionSetList}, and {@code info.selectionSetGraphQL} written from it.
     */
    public EventBuilder selectionSet(String... fields) {
        this.selectionSet = List.of(fields);
        return this;
    }

    /** The operation's variables, {@code info.variables}; none unless set. */
    public EventBuilder variables(Map<String, ?> variables) {
        this.variables = variables == null ? new LinkedHashMap<>() : new LinkedHashMap<>(variables);
        return this;
    }

    /** A request header (any case; AppSync lower-cases names), over the defaults and the caller's; null removes. */
    public EventBuilder header(String name, String value) {
        headers.put(name.toLowerCase(Locale.ROOT), value);
        return this;
    }

    /** The API's host, the {@code host} header; an {@code appsync-api} host by default. */
    public EventBuilder host(String host) {
        this.host = host;
        return this;
    }

    /** The custom domain the request came through; {@code null} (the API's own domain) by default. */
    public EventBuilder domainName(String domainName) {
        this.domainName = domainName;
        return this;
    }

    /** The previous function's result in a pipeline resolver: {@code prev} becomes {@code {result: ...}}. */
    public EventBuilder prevResult(Object result) {
        Map<String, Object> previous = new LinkedHashMap<>();
        previous.put("result", result);
        this.prev = previous;
        return this;
    }

    /** One entry of the pipeline's {@code stash}. */
    public EventBuilder stash(String key, Object value) {
        stash.put(Objects.requireNonNull(key, "key"), value);
        return this;
    }

    /** The typed event, as the runtime reads it from AppSync's JSON. */
    public AppSyncEvent build() {
        Identity identity = caller.identity();
        Map<String, String> request = new LinkedHashMap<>();
        request.put("host", host);
        request.put("content-type", "application/json");
        if (!identity.sourceIp().isEmpty()) {
            request.put("x-forwarded-for", String.join(", ", identity.sourceIp()));
        }
        request.putAll(caller.headers());
        request.putAll(headers);
        request.values().removeIf(Objects::isNull);
        return AppSyncEvent.builder()
                .info(new Info(
                        typeName, fieldName, variables, selectionSet, ExampleValues.selectionSetGraphQL(selectionSet)))
                .arguments(arguments)
                .identity(identity)
                .source(source)
                .request(Request.of(request, domainName))
                .prev(prev)
                .stash(stash)
                .build();
    }

    /** The event as the bytes a Lambda function receives from AppSync. */
    public byte[] toJson() {
        return AppSyncEvents.toJson(build());
    }

    /** The event as a JSON tree of new, modifiable maps and lists, e.g. to break it on purpose. */
    public Map<String, Object> toMap() {
        return AppSyncEvents.toMap(build());
    }

    /**
     * A BatchInvoke of this field, one event per parent object, in order: what AppSync sends for a nested field
     * with {@code maxBatchSize}, e.g. {@code Pin.author} for a page of pins.
     */
    public BatchInvoke batch(List<? extends Map<String, ?>> sources) {
        List<AppSyncEvent> events = new ArrayList<>(sources.size());
        Map<String, ?> own = source;
        try {
            for (Map<String, ?> each : sources) {
                source = each;
                events.add(build());
            }
        } finally {
            source = own;
        }
        return BatchInvoke.of(events);
    }

    @Override
    public String toString() {
        return "EventBuilder[" + typeName + "." + fieldName + ", " + caller + "]";
    }
}
