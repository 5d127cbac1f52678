package dev.fieldgate.local.core.internal.iam;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The identity pool roles' permission policies, built from the manifest's grants (its field-ARN suffixes per role) exactly as the Terraform
 * identity-pool module builds them: the role's grant suffixes, sorted and without duplicates, cut into chunks of
 * {@value #GRANTS_PER_POLICY}; each chunk is one policy {@code <app>-<role>-<n>-appsync} with one {@code Allow} of
 * {@code appsync:GraphQL} on exactly those field ARNs. The guest role exists only when the pool allows
 * unauthenticated identities.
 */
public final class RolePolicies {

    /** The Terraform module's default {@code grants_per_policy}. */
    public static final int GRANTS_PER_POLICY = 30;

    /** One named policy attached to a role. */
    public record NamedPolicy(String roleArn, String policyName, PolicyDocument document) {}

    private final Map<String, List<NamedPolicy>> byRole;

    private RolePolicies(Map<String, List<NamedPolicy>> byRole) {
        this.byRole = byRole;
    }

    /**
     * The inline policies that grant each role its operations.
     *
     * @param apiArn               {@code arn:aws:appsync:<region>:<account>:apis/<apiId>}
     * @param rolePrefix           the prefix of the policy names (the app name locally)
     * @param guestRoleArn         the unauthenticated role, or null when guests are off
     * @param authenticatedRoleArn the authenticated role, or null when there is no identity pool
     */
    public static RolePolicies fromGrants(
            List<String> guestGrants,
            List<String> authenticatedGrants,
            String apiArn,
            String rolePrefix,
            String guestRoleArn,
            String authenticatedRoleArn) {
        Map<String, List<NamedPolicy>> byRole = new LinkedHashMap<>();
        if (authenticatedRoleArn != null) {
            byRole.put(
                    authenticatedRoleArn,
                    policies(authenticatedGrants, apiArn, rolePrefix, "authenticated", authenticatedRoleArn));
        }
        if (guestRoleArn != null) {
            byRole.put(guestRoleArn, policies(guestGrants, apiArn, rolePrefix, "guest", guestRoleArn));
        }
        return new RolePolicies(Collections.unmodifiableMap(byRole));
    }

    private static List<NamedPolicy> policies(
            List<String> suffixes, String apiArn, String prefix, String role, String roleArn) {
        List<String> sorted = new ArrayList<>(new TreeSet<>(suffixes));
        List<NamedPolicy> policies = new ArrayList<>();
        for (int from = 0, part = 1; from < sorted.size(); from += GRANTS_PER_POLICY, part++) {
            List<String> resources = new ArrayList<>();
            for (String suffix : sorted.subList(from, Math.min(sorted.size(), from + GRANTS_PER_POLICY))) {
                resources.add(apiArn + "/" + suffix);
            }
            policies.add(new NamedPolicy(
                    roleArn,
                    prefix + "-" + role + "-" + part + "-appsync",
                    PolicyDocument.allowAppSyncFields(resources)));
        }
        return List.copyOf(policies);
    }

    /** Policies as given, by role ARN (the control plane's IAM builds them from managed and inline policies). */
    public static RolePolicies of(Map<String, List<NamedPolicy>> byRole) {
        Map<String, List<NamedPolicy>> copy = new LinkedHashMap<>();
        byRole.forEach((role, policies) -> copy.put(role, List.copyOf(policies)));
        return new RolePolicies(Collections.unmodifiableMap(copy));
    }

    /** These policies and one more role's (a role IAM's API does not manage, such as the resolver function's). */
    public RolePolicies withRole(String roleArn, List<NamedPolicy> policies) {
        Map<String, List<NamedPolicy>> all = new LinkedHashMap<>(byRole);
        all.put(roleArn, List.copyOf(policies));
        return new RolePolicies(Collections.unmodifiableMap(all));
    }

    /** These policies and one more inline policy on a role they may already have. */
    public RolePolicies plus(NamedPolicy policy) {
        Map<String, List<NamedPolicy>> all = new LinkedHashMap<>(byRole);
        List<NamedPolicy> role = new ArrayList<>(all.getOrDefault(policy.roleArn(), List.of()));
        role.add(policy);
        all.put(policy.roleArn(), List.copyOf(role));
        return new RolePolicies(Collections.unmodifiableMap(all));
    }

    /** Every role's policies, by role ARN. */
    public Map<String, List<NamedPolicy>> byRole() {
        return byRole;
    }

    /** The policies of one role; empty for a role this stack does not know (which IAM then implicitly denies). */
    public List<NamedPolicy> policies(String roleArn) {
        return byRole.getOrDefault(roleArn, List.of());
    }

    /** One policy by role and name, as IAM's GetRolePolicy finds it. */
    public Optional<NamedPolicy> policy(String roleArn, String policyName) {
        return policies(roleArn).stream()
                .filter(p -> p.policyName().equals(policyName))
                .findFirst();
    }

    /** Decides {@code action} on {@code resource} for a role with a request context (variables, conditions). */
    public PolicyDocument.Decision evaluate(
            String roleArn, String action, String resource, PolicyDocument.RequestContext context) {
        List<PolicyDocument> documents = new ArrayList<>();
        for (NamedPolicy policy : policies(roleArn)) {
            documents.add(policy.document());
        }
        return PolicyDocument.evaluate(documents, action, resource, context);
    }

    /** Decides {@code action} on {@code resource} for a role, from all its policies together. */
    public PolicyDocument.Decision evaluate(String roleArn, String action, String resource) {
        List<PolicyDocument> documents = new ArrayList<>();
        for (NamedPolicy policy : policies(roleArn)) {
            documents.add(policy.document());
        }
        return PolicyDocument.evaluate(documents, action, resource);
    }
}
