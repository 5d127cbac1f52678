package dev.fieldgate.verify.internal.check;

import dev.fieldgate.verify.CheckResult;
import dev.fieldgate.verify.internal.VerificationContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.cognitoidentity.model.GetIdentityPoolRolesResponse;

/** The identity pool hands out the roles the outputs file names, and no guest role when guests are off. */
final class IdentityPoolRolesCheck implements Check {

    @Override
    public String id() {
        return "identity-pool-roles";
    }

    @Override
    public String title() {
        return "Identity pool roles";
    }

    @Override
    public CheckResult run(VerificationContext context) {
        String poolId = context.identityPoolId();
        if (poolId == null) {
            return Checks.skipped(this, "the outputs file has no identity pool");
        }
        GetIdentityPoolRolesResponse roles =
                context.aws().cognitoIdentity().getIdentityPoolRoles(r -> r.identityPoolId(poolId));
        Map<String, String> have = roles.roles() == null ? Map.of() : roles.roles();
        List<String> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        compare("authenticated", context.authenticatedRoleArn(), have.get("authenticated"), failures);
        if (context.guestsEnabled() || context.guestRoleArn() != null) {
            compare("unauthenticated (guest)", context.guestRoleArn(), have.get("unauthenticated"), failures);
        } else if (have.get("unauthenticated") != null) {
            warnings.add("unauthenticated (guest): the outputs file has guests off, but the pool has the role "
                    + have.get("unauthenticated"));
        }
        if (roles.roleMappings() != null && !roles.roleMappings().isEmpty()) {
            warnings.add("role mappings " + roles.roleMappings().keySet() + " can hand out roles other than these "
                    + "two; the kit's grants assume none");
        }
        String summary = "guest " + Checks.orNone(have.get("unauthenticated")) + ", authenticated "
                + Checks.orNone(have.get("authenticated"));
        return Checks.outcome(
                this,
                summary,
                failures,
                warnings,
                "Attach the roles the outputs file names to the "
                        + "identity pool (terraform apply), or regenerate the outputs file (terraform output -json "
                        + "amplify_outputs)");
    }

    private static void compare(String which, String expected, String deployed, List<String> failures) {
        if (!Objects.equals(expected, deployed)) {
            failures.add(which + ": expected " + Checks.orNone(expected) + " (outputs file), deployed "
                    + Checks.orNone(deployed));
        }
    }
}
