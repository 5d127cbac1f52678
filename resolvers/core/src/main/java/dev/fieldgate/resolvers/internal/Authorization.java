package dev.fieldgate.resolvers.internal;

import dev.fieldgate.policy.Decision;
import dev.fieldgate.policy.Principal;
import dev.fieldgate.resolvers.Ownership;

/**
 * The runtime's authorization of one field for one caller, before its handler runs; what it asks of the result is
 * checked by the same {@link FieldAuthorizer} after the handler returns.
 *
 * @param principal   the caller as the policy sees it
 * @param decision    the policy's decision that let the handler run
 * @param ownership   what owner rules require of the write
 * @param resultCheck what must still be checked on the handler's result
 */
public record Authorization(Principal principal, Decision decision, Ownership ownership, ResultCheck resultCheck) {

    /** What the runtime checks on a handler's result before it leaves the function. */
    public enum ResultCheck {
        NONE,
        /** The returned record must be one the caller may act on (owner rules decided with the record). */
        RECORD,
        /** The returned record must carry the owner the runtime stamped. */
        STAMP,
        /** Only the list items the caller may read are returned. */
        LIST
    }
}
