package dev.fieldgate.local.appsync.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every field of one execution needs to know: who calls, the request's headers and address (for the Direct
 * Lambda event), the raw variables, and what kind of execution it is.
 */
final class RequestScope {

    /** The kinds of execution. */
    enum Mode {
        /** A query or mutation over HTTP. */
        REQUEST,
        /** A subscription's {@code start}: only its root field's resolver runs. */
        SUBSCRIBE,
        /** A subscription event: the mutation's result is projected onto the subscriber's selection, no resolver runs. */
        DELIVER
    }

    final Caller caller;
    final Map<String, String> headers;
    final List<String> sourceIp;
    final Map<String, Object> variables;
    final Mode mode;
    /** For {@link Mode#DELIVER}: the mutation result to project. */
    final Object payload;
    /** For mutations: the field name behind each result path, to re-key results by field name for subscribers. */
    final Map<String, String> fieldNames = new ConcurrentHashMap<>();
    /** For {@link Mode#SUBSCRIBE}: the subscription field and its coerced arguments. */
    volatile String rootField;

    volatile Map<String, Object> rootArguments;

    RequestScope(
            Caller caller,
            Map<String, String> headers,
            List<String> sourceIp,
            Map<String, Object> variables,
            Mode mode,
            Object payload) {
        this.caller = caller;
        this.headers = headers;
        this.sourceIp = sourceIp;
        this.variables = variables == null ? Map.of() : variables;
        this.mode = mode;
        this.payload = payload;
    }
}
