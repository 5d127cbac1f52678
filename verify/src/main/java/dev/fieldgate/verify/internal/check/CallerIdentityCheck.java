package dev.fieldgate.verify.internal.check;

import dev.fieldgate.verify.CheckResult;
import dev.fieldgate.verify.CheckStatus;
import dev.fieldgate.verify.internal.VerificationContext;
import java.util.List;

/** Who is checking (STS GetCallerIdentity), and whether that is the environment's account. */
final class CallerIdentityCheck implements Check {

    @Override
    public String id() {
        return "caller-identity";
    }

    @Override
    public String title() {
        return "Caller identity";
    }

    @Override
    public CheckResult run(VerificationContext context) {
        VerificationContext.Caller caller = context.caller().get();
        String summary = "account " + caller.account() + " as " + caller.arn();
        String roleAccount = context.rolesAccount().orElse(null);
        if (roleAccount != null && !roleAccount.equals(caller.account())) {
            return new CheckResult(
                    id(),
                    title(),
                    CheckStatus.WARN,
                    summary,
                    List.of("the outputs file's roles are " + "in account " + roleAccount + ", the caller in "
                            + caller.account()),
                    "Use credentials of the environment's account (AWS_PROFILE or --profile)");
        }
        return new CheckResult(id(), title(), CheckStatus.PASS, summary, List.of(), "");
    }
}
