package dev.fieldgate.verify.internal.check;

import dev.fieldgate.verify.CheckResult;
import dev.fieldgate.verify.internal.VerificationContext;

/** One check of an environment: reads what AWS answers and says whether it matches what the schema says. */
public interface Check {

    /** A stable identifier, as in the report ({@code resolvers}, {@code role-grants}, ...). */
    String id();

    /** What is checked, for people. */
    String title();

    /**
     * Runs the check. An AWS refusal or error may propagate: {@link Checks#guard} turns it into a result.
     */
    CheckResult run(VerificationContext context);
}
