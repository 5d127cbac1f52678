package dev.fieldgate.testing;

import dev.fieldgate.resolvers.Identity;
import java.util.Map;

/**
 * Who calls the API, as AppSync describes the caller to a resolver: the event's typed {@code identity}, and the
 * request headers that caller's auth mode sends (a token, a signature or a key). {@link Callers} makes one of each
 * auth kind, with defaults shaped like what AppSync sends; each is a builder whose setters change a detail.
 */
public interface Caller {

    /** The caller as the event's {@code identity}; a new, immutable value on every call. */
    Identity identity();

    /** The headers this caller's auth mode puts on the request, by lower-case name. */
    Map<String, String> headers();
}
