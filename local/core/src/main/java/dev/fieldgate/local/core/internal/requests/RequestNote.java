package dev.fieldgate.local.core.internal.requests;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Request;

/**
 * What the service that handles a request tells the request log about it, beyond what the router sees on the wire:
 * the caller it verified, the operation it ran, the error it answered inside a 200 (GraphQL), and the lines the
 * resolver function logged. The router creates one per request; handlers find it with {@link #of(Request)}.
 */
public final class RequestNote {

    static final String ATTRIBUTE = RequestNote.class.getName();

    /** The note of requests that are not logged: it takes everything and keeps nothing. */
    private static final RequestNote NONE = new RequestNote(false);

    /** The note of the request the current thread serves, while the router runs its handler. */
    private static final ThreadLocal<RequestNote> CURRENT = new ThreadLocal<>();

    private final boolean kept;
    private volatile String service;
    private volatile String operation;
    private volatile String caller;
    private volatile String errorType;
    private volatile boolean partial;
    private final List<String> functionLines = new ArrayList<>();

    RequestNote(boolean kept) {
        this.kept = kept;
    }

    /** The note of a request, or one that keeps nothing when the request is not logged. */
    public static RequestNote of(Request request) {
        Object note = request == null ? null : request.getAttribute(ATTRIBUTE);
        return note instanceof RequestNote found ? found : NONE;
    }

    /**
     * The note of the request this thread is serving (set while the router runs the request's handler), or one that
     * keeps nothing.
     */
    public static RequestNote current() {
        RequestNote note = CURRENT.get();
        return note == null ? NONE : note;
    }

    /** A new note that keeps what it is told, attached to the request. */
    public static Handle open(Request request) {
        RequestNote note = new RequestNote(true);
        request.setAttribute(ATTRIBUTE, note);
        return new Handle(note);
    }

    /** The router's side of a note: what was noted, for the log record. */
    public static final class Handle {
        private final RequestNote note;

        private Handle(RequestNote note) {
            this.note = note;
        }

        public Noted noted() {
            return new Noted(
                    note.service, note.operation, note.caller, note.errorType, note.partial, note.functionLines());
        }
    }

    /** What was noted about a request. */
    public record Noted(
            String service,
            String operation,
            String caller,
            String errorType,
            boolean partial,
            List<String> functionLines) {}

    public static void enter(Handle handle) {
        CURRENT.set(handle.note);
    }

    public static void leave() {
        CURRENT.remove();
    }

    public RequestNote service(String name) {
        if (kept) {
            this.service = name;
        }
        return this;
    }

    public RequestNote operation(String name) {
        if (kept) {
            this.operation = name;
        }
        return this;
    }

    public RequestNote caller(String who) {
        if (kept) {
            this.caller = who;
        }
        return this;
    }

    /** The error the caller got, when the status alone does not say it (GraphQL answers errors with 200). */
    public RequestNote error(String type, boolean partialData) {
        if (kept) {
            this.errorType = type;
            this.partial = partialData;
        }
        return this;
    }

    /** A line the resolver function logged while serving this request; at most 50 are kept. */
    public void functionLine(String line) {
        if (!kept) {
            return;
        }
        synchronized (functionLines) {
            if (functionLines.size() < 50) {
                functionLines.add(line.length() > 500 ? line.substring(0, 500) + "…" : line);
            }
        }
    }

    /** Whether anything noted here is kept (false for requests that are not logged). */
    public boolean kept() {
        return kept;
    }

    private List<String> functionLines() {
        synchronized (functionLines) {
            return List.copyOf(functionLines);
        }
    }
}
