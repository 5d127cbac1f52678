package dev.fieldgate.policy;

import java.util.Objects;

/**
 * The answer to "may this caller do this here": allow, deny, or allow only if the caller owns the record (when
 * the question was asked without one). The {@link #reason()} says which layer and which rule decided, in words a
 * reviewer can act on; it never contains claim values or tokens.
 *
 * <p>Decisions are immutable and mostly shared: the policy builds them once, so deciding does not allocate.
 */
public final class Decision {

    /** What was decided. */
    public enum Outcome {
        ALLOW,
        DENY,
        /** No record was given, and only an owner rule could allow it: ask again with the record. */
        ALLOW_IF_OWNER
    }

    /** Why, as a stable code for programs; {@link #reason()} is the sentence for people. */
    public enum Code {
        /** A kit rule matched the caller. */
        RULE,
        /** An owner rule matched the caller against the record. */
        OWNER,
        /** The type has no rules of its own; the field that returned it already decided. */
        INHERITED,
        /** The schema has no kit rules at all: AppSync's directives alone decided. */
        APPSYNC_ONLY,
        /** No credentials: AppSync answers 401 before any resolver runs. */
        NO_CREDENTIALS,
        /** AppSync's auth directives do not admit the caller's mode (or groups) here. */
        APPSYNC_DIRECTIVE,
        /** No rule covers this operation for this kind of caller. */
        NO_MATCHING_RULE,
        /** The element has no rules at all: everything is denied. */
        NO_RULES,
        /** The type or field is not in the schema. */
        UNKNOWN_FIELD,
        /** Only an owner rule could allow this, and the record is needed to tell. */
        OWNER_REQUIRED
    }

    private final Outcome outcome;
    private final Code code;
    private final String reason;

    private Decision(Outcome outcome, Code code, String reason) {
        this.outcome = outcome;
        this.code = code;
        this.reason = reason;
    }

    public static Decision allow(Code code, String reason) {
        return new Decision(Outcome.ALLOW, code, reason);
    }

    public static Decision deny(Code code, String reason) {
        return new Decision(Outcome.DENY, code, reason);
    }

    public static Decision allowIfOwner(String reason) {
        return new Decision(Outcome.ALLOW_IF_OWNER, Code.OWNER_REQUIRED, reason);
    }

    public Outcome outcome() {
        return outcome;
    }

    public Code code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    /** True only for {@link Outcome#ALLOW}. */
    public boolean isAllowed() {
        return outcome == Outcome.ALLOW;
    }

    /** True when the answer depends on a record the question did not include. */
    public boolean needsRecord() {
        return outcome == Outcome.ALLOW_IF_OWNER;
    }

    /** True when the caller may proceed to load the record: allowed, or allowed if it owns the record. */
    public boolean mayProceed() {
        return outcome != Outcome.DENY;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Decision that)) {
            return false;
        }
        return outcome == that.outcome && code == that.code && reason.equals(that.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(outcome, code, reason);
    }

    @Override
    public String toString() {
        return outcome + " (" + code + "): " + reason;
    }
}
