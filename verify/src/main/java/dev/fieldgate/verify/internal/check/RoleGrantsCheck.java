package dev.fieldgate.verify.internal.check;

import dev.fieldgate.verify.CheckResult;
import dev.fieldgate.verify.internal.RoleGrants;
import dev.fieldgate.verify.internal.VerificationContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/** Each identity-pool role allows {@code appsync:GraphQL} on exactly the manifest's field ARNs, no more. */
final class RoleGrantsCheck implements Check {

    @Override
    public String id() {
        return "role-grants";
    }

    @Override
    public String title() {
        return "Role grants (appsync:GraphQL)";
    }

    @Override
    public CheckResult run(VerificationContext context) {
        Optional<String> apiArn = context.apiArn();
        if (apiArn.isEmpty()) {
            return new CheckResult(
                    id(),
                    title(),
                    dev.fieldgate.verify.CheckStatus.SKIPPED,
                    "the API's ARN is unknown " + "(no API, no account)",
                    List.of(),
                    "Fix the caller identity and API checks first");
        }
        Set<String> schemaFields = new LinkedHashSet<>();
        context.schema()
                .policy()
                .types()
                .forEach((type, access) -> access.fields()
                        .keySet()
                        .forEach(field -> schemaFields.add("types/" + type + "/fields/" + field)));
        Map<String, String> roles = new LinkedHashMap<>();
        if (context.guestRoleArn() != null) {
            roles.put("guest", context.guestRoleArn());
        }
        if (context.authenticatedRoleArn() != null) {
            roles.put("authenticated", context.authenticatedRoleArn());
            // The roles of groups with storage grants hold the authenticated role's grants too.
            for (String group : groupsWithRoles(context)) {
                Checks.groupRoleArn(context.authenticatedRoleArn(), group)
                        .ifPresent(arn -> roles.put("group:" + group, arn));
            }
        }
        if (roles.isEmpty()) {
            return Checks.skipped(this, "the outputs file names no identity pool roles");
        }
        List<String> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> summary = new ArrayList<>();
        for (Map.Entry<String, String> role : roles.entrySet()) {
            List<String> expected = role.getKey().equals("guest")
                    ? context.manifest().grants().guest()
                    : context.manifest().grants().authenticated();
            List<RoleGrants.PolicySource> policies;
            try {
                policies = policies(context.aws().iam(), roleName(role.getValue()));
            } catch (NoSuchEntityException e) {
                failures.add(role.getKey() + " role " + role.getValue() + " does not exist");
                continue;
            }
            // S3 statements are the storage check's: it compares them with the app config's storage section (and
            // asks for --config when the outputs file shows deployed storage but none was given).
            RoleGrants.Findings findings = RoleGrants.compare(
                    apiArn.get(),
                    expected,
                    schemaFields,
                    policies,
                    context.appConfig().isPresent() || context.storage().present());
            findings.failures().forEach(f -> failures.add(role.getKey() + " role: " + f));
            findings.warnings().forEach(w -> warnings.add(role.getKey() + " role: " + w));
            summary.add(role.getKey() + " " + findings.granted().size() + "/" + expected.size() + " fields in "
                    + policies.size() + " polic" + (policies.size() == 1 ? "y" : "ies"));
        }
        return Checks.outcome(
                this,
                String.join("; ", summary),
                failures,
                warnings,
                "Give each role exactly the "
                        + "manifest's grants: remove hand-added policies and statements, then terraform apply (it writes one "
                        + "Allow of appsync:GraphQL on exact field ARNs)");
    }

    /** The groups the app config's storage section gives roles; none without a (valid) config. */
    private static List<String> groupsWithRoles(VerificationContext context) {
        try {
            return context.appConfig()
                    .map(Checks::storage)
                    .map(s -> s.groups().stream().map(g -> g.name()).toList())
                    .orElse(List.of());
        } catch (dev.fieldgate.policy.PolicyException e) {
            // The storage check reports an invalid section.
            return List.of();
        }
    }

    /** The role's inline and attached managed policies. */
    static List<RoleGrants.PolicySource> policies(IamClient iam, String roleName) {
        List<RoleGrants.PolicySource> policies = new ArrayList<>();
        String marker = null;
        do {
            String token = marker;
            ListRolePoliciesResponse page =
                    iam.listRolePolicies(r -> r.roleName(roleName).marker(token));
            for (String name : page.policyNames()) {
                String document = iam.getRolePolicy(r -> r.roleName(roleName).policyName(name))
                        .policyDocument();
                policies.add(new RoleGrants.PolicySource("inline policy " + name, RoleGrants.decodeDocument(document)));
            }
            marker = Boolean.TRUE.equals(page.isTruncated()) ? page.marker() : null;
        } while (marker != null);

        marker = null;
        do {
            String token = marker;
            ListAttachedRolePoliciesResponse page;
            try {
                page = iam.listAttachedRolePolicies(r -> r.roleName(roleName).marker(token));
            } catch (AwsServiceException e) {
                // AWS's IAM always answers this; an endpoint without managed policies says it does not know it.
                if ("InvalidAction".equals(Checks.code(e))) {
                    return policies;
                }
                throw e;
            }
            for (AttachedPolicy attached : page.attachedPolicies()) {
                String version = iam.getPolicy(r -> r.policyArn(attached.policyArn()))
                        .policy()
                        .defaultVersionId();
                String document = iam.getPolicyVersion(
                                r -> r.policyArn(attached.policyArn()).versionId(version))
                        .policyVersion()
                        .document();
                policies.add(new RoleGrants.PolicySource(
                        "managed policy " + attached.policyName(), RoleGrants.decodeDocument(document)));
            }
            marker = Boolean.TRUE.equals(page.isTruncated()) ? page.marker() : null;
        } while (marker != null);
        return policies;
    }

    /** IAM APIs take the role's name: the ARN's last path segment ({@code arn:aws:iam::1:role/path/name}). */
    static String roleName(String roleArn) {
        String resource = roleArn.substring(roleArn.indexOf(":role/") + 6);
        return resource.substring(resource.lastIndexOf('/') + 1);
    }
}
