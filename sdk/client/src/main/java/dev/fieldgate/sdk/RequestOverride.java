package dev.fieldgate.sdk;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-request settings that replace the client's: another authorization mode, a timeout, idempotency for a
 * mutation that may safely be retried, extra headers.
 *
 * <pre>{@code
 * client.execute(deletePin, o -> o.authorizer(adminAuthorizer).idempotent(true).timeout(Duration.ofSeconds(5)));
 * }</pre>
 */
public final class RequestOverride {

    private static final RequestOverride NONE = builder().build();

    private final AppSyncAuthorizer authorizer;
    private final Boolean idempotent;
    private final Duration timeout;
    private final Map<String, String> headers;

    private RequestOverride(Builder b) {
        this.authorizer = b.authorizer;
        this.idempotent = b.idempotent;
        this.timeout = b.timeout;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
    }

    public static RequestOverride none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<AppSyncAuthorizer> authorizer() {
        return Optional.ofNullable(authorizer);
    }

    /** Whether the caller declared the operation safe to repeat; empty means "queries yes, mutations no". */
    public Optional<Boolean> idempotent() {
        return Optional.ofNullable(idempotent);
    }

    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    public Map<String, String> headers() {
        return headers;
    }

    @Override
    public String toString() {
        return "RequestOverride[authorizer=" + authorizer + ", idempotent=" + idempotent + ", timeout=" + timeout
                + ", headers=" + headers.keySet() + "]";
    }

    /** Builds a {@link RequestOverride}. */
    public static final class Builder {
        private AppSyncAuthorizer authorizer;
        private Boolean idempotent;
        private Duration timeout;
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Builder() {}

        /** Authorize this request in another mode (or as another caller). */
        public Builder authorizer(AppSyncAuthorizer authorizer) {
            this.authorizer = authorizer;
            return this;
        }

        /** Mark a mutation safe to retry (e.g. it carries a client-chosen id), or forbid retrying a query. */
        public Builder idempotent(boolean idempotent) {
            this.idempotent = idempotent;
            return this;
        }

        /** The timeout of each attempt (the client's request timeout otherwise). */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** An extra header; authorization headers always win over it. */
        public Builder header(String name, String value) {
            headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public RequestOverride build() {
            return new RequestOverride(this);
        }
    }
}
