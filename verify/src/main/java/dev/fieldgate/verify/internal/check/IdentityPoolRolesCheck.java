package dev.fieldgate.verify.internal.check;

import dev.fieldgate.verify.CheckResult;
import dev.fieldgate.verify.internal.VerificationContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.cognitoidentity.model.AmbiguousRoleResolutionType;
import software.amazon.awssdk.services.cognitoidentity.model.GetIdentityPoolRolesResponse;
import software.amazon.awssdk.services.cognitoidentity.model.RoleMapping;
import software.amazon.awssdk.services.cognitoidentity.model.RoleMappingType;

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
        List<String> groups = groupsWithRoles(context);
        Map<String, RoleMapping> mappings = roles.roleMappings() == null ? Map.of() : roles.roleMappings();
        if (!groups.isEmpty()) {
            // Group roles reach members only through token-based mapping; ambiguous tokens get the authenticated role.
            if (mappings.isEmpty()) {
                failures.add("the storage declaration gives groups " + groups + " roles of their own, but the pool"
                        + " has no role mapping: set Token with AmbiguousRoleResolution AuthenticatedRole for the"
                        + " user pool's clients");
            }
            mappings.forEach((provider, mapping) -> {
                if (mapping.type() != RoleMappingType.TOKEN
                        || mapping.ambiguousRoleResolution() != AmbiguousRoleResolutionType.AUTHENTICATED_ROLE) {
                    failures.add("role mapping " + provider + " is " + mapping.typeAsString() + " / "
                            + mapping.ambiguousRoleResolutionAsString()
                            + "; the kit's group roles need Token / AuthenticatedRole");
                }
            });
        } else if (!mappings.isEmpty()) {
            warnings.add("role mappings " + mappings.keySet() + " can hand out roles other than these "
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

    private static List<String> groupsWithRoles(VerificationContext context) {
        try {
            return context.appConfig()
                    .map(Checks::storage)
                    .map(s -> s.groups().stream().map(g -> g.name()).toList())
                    .orElse(List.of());
        } catch (dev.fieldgate.policy.PolicyException e) {
            return List.of();
        }
    }
}
