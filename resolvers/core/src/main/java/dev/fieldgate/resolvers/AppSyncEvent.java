package dev.fieldgate.resolvers;

import dev.fieldgate.resolvers.internal.Immutables;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One AppSync Direct Lambda resolver event: the context object AppSync sends for one field — {@code arguments},
 * {@code identity}, {@code source}, {@code request}, {@code info}, {@code prev} and {@code stash}. A BatchInvoke
 * is a list of these. Amplify's {@code @function} shape (top-level {@code typeName}/{@code fieldName}) is read into
 * the same model.
 *
 * <p>Immutable; JSON objects are exposed as unmodifiable maps. {@link #toString()} names the field and the
 * caller's kind only: arguments, claims and headers stay out of logs.
 */
public final class AppSyncEvent {

    private final Map<String, Object> arguments;
    private final Identity identity;
    private final Map<String, Object> source;
    private final Request request;
    private final Info info;
    private final Map<String, Object> prev;
    private final Map<String, Object> stash;

    private AppSyncEvent(Builder builder) {
        this.info = Objects.requireNonNull(builder.info, "info (typeName and fieldName) is required");
        this.arguments = builder.arguments == null ? Map.of() : builder.arguments;
        this.identity = builder.identity == null ? ApiKeyIdentity.instance() : builder.identity;
        this.source = builder.source;
        this.request = builder.request == null ? Request.empty() : builder.request;
        this.prev = builder.prev;
        this.stash = builder.stash == null ? Map.of() : builder.stash;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this event's values. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.arguments = arguments;
        builder.identity = identity;
        builder.source = source;
        builder.request = request;
        builder.info = info;
        builder.prev = prev;
        builder.stash = stash;
        return builder;
    }

    /** The field's arguments; empty when it has none. */
    public Map<String, Object> arguments() {
        return arguments;
    }

    /** The caller. An API-key caller ({@code identity: null} on the wire) is {@link ApiKeyIdentity}. */
    public Identity identity() {
        return identity;
    }

    /** The parent object of a nested field (e.g. the {@code Pin} for {@code Pin.author}); {@code null} at the root. */
    public Map<String, Object> source() {
        return source;
    }

    public Request request() {
        return request;
    }

    public Info info() {
        return info;
    }

    /** The previous function's result in a pipeline resolver ({@code {result: ...}}), or {@code null}. */
    public Map<String, Object> prev() {
        return prev;
    }

    /** The pipeline's stash; empty when there is none. */
    public Map<String, Object> stash() {
        return stash;
    }

    /** {@code info.parentTypeName}, e.g. {@code Query}. */
    public String typeName() {
        return info.parentTypeName();
    }

    /** {@code info.fieldName}, e.g. {@code getPin}. */
    public String fieldName() {
        return info.fieldName();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AppSyncEvent that
                && arguments.equals(that.arguments)
                && identity.equals(that.identity)
                && Objects.equals(source, that.source)
                && request.equals(that.request)
                && info.equals(that.info)
                && Objects.equals(prev, that.prev)
                && stash.equals(that.stash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(info, identity);
    }

    @Override
    public String toString() {
        return "AppSyncEvent[" + info.coordinate() + ", " + identity + "]";
    }

    /** Builds an event, e.g. for a unit test of a handler. */
    public static final class Builder {

        private Map<String, Object> arguments;
        private Identity identity;
        private Map<String, Object> source;
        private Request request;
        private Info info;
        private Map<String, Object> prev;
        private Map<String, Object> stash;

        private Builder() {}

        /** Sets {@code info} with no variables and no selection set. */
        public Builder field(String typeName, String fieldName) {
            this.info = new Info(typeName, fieldName, Map.of(), List.of(), null);
            return this;
        }

        public Builder info(Info info) {
            this.info = info;
            return this;
        }

        public Builder arguments(Map<String, ?> arguments) {
            this.arguments = Immutables.map(arguments);
            return this;
        }

        /** The caller; {@code null} means an API-key caller, as on the wire. */
        public Builder identity(Identity identity) {
            this.identity = identity;
            return this;
        }

        public Builder source(Map<String, ?> source) {
            this.source = source == null ? null : Immutables.map(source);
            return this;
        }

        public Builder request(Request request) {
            this.request = request;
            return this;
        }

        public Builder prev(Map<String, ?> prev) {
            this.prev = prev == null ? null : Immutables.map(prev);
            return this;
        }

        public Builder stash(Map<String, ?> stash) {
            this.stash = Immutables.map(stash);
            return this;
        }

        public AppSyncEvent build() {
            return new AppSyncEvent(this);
        }
    }
}
