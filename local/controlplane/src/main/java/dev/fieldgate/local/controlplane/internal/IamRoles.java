package dev.fieldgate.local.controlplane.internal;

import dev.fieldgate.local.core.internal.iam.PolicyDocument;
import dev.fieldgate.local.core.internal.iam.RolePolicies;
import dev.fieldgate.local.core.internal.sigv4.VerifiedCaller;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The identity pool's roles as IAM holds them after {@code terraform apply}: each role with its trust policy, the
 * managed policies the identity-pool module attaches (the manifest's grants, {@code <app>-<role>-<n>-appsync}) and
 * any inline policies added since (none at first; {@code PutRolePolicy} adds them). Every change is published at
 * once to the AppSync endpoint's authorizer, so a widened grant takes effect on the next request.
 */
final class IamRoles {

    /** One role: its name, ARN, unique id and the {@code amr} its trust policy admits. */
    record Role(
            String name, String arn, String roleId, String key, String amr, String trustPolicy, String description) {}

    /** A managed policy: name, ARN, id and document. */
    record ManagedPolicy(String name, String arn, String policyId, String roleArn, PolicyDocument document) {}

    private final Map<String, Role> rolesByName = new LinkedHashMap<>();
    private final Map<String, List<ManagedPolicy>> managed = new LinkedHashMap<>();
    private final Map<String, Map<String, PolicyDocument>> inline = new LinkedHashMap<>();
    private final AtomicReference<RolePolicies> published;
    private final String accountId;
    private final Instant created;

    IamRoles(List<Role> roles, AtomicReference<RolePolicies> published, String accountId, Instant created) {
        this.published = published;
        this.accountId = accountId;
        this.created = created;
        RolePolicies initial = published.get();
        for (Role role : roles) {
            rolesByName.put(role.name(), role);
            List<ManagedPolicy> policies = new ArrayList<>();
            for (RolePolicies.NamedPolicy p : initial.policies(role.arn())) {
                policies.add(new ManagedPolicy(
                        p.policyName(),
                        policyArn(p.policyName()),
                        "ANPA" + ControlPlane.stableId(accountId + "/policy/" + p.policyName(), 17),
                        role.arn(),
                        p.document()));
            }
            managed.put(role.arn(), List.copyOf(policies));
            inline.put(role.arn(), new LinkedHashMap<>());
        }
    }

    String policyArn(String name) {
        return "arn:aws:iam::" + accountId + ":policy/" + name;
    }

    Instant created() {
        return created;
    }

    synchronized Optional<Role> role(String name) {
        return Optional.ofNullable(rolesByName.get(name));
    }

    synchronized Optional<Role> roleByArn(String arn) {
        return rolesByName.values().stream().filter(r -> r.arn().equals(arn)).findFirst();
    }

    synchronized List<ManagedPolicy> managedPolicies(Role role) {
        return managed.getOrDefault(role.arn(), List.of());
    }

    synchronized Optional<ManagedPolicy> managedPolicy(String policyArn) {
        return managed.values().stream()
                .flatMap(List::stream)
                .filter(p -> p.arn().equals(policyArn))
                .findFirst();
    }

    synchronized List<String> inlinePolicyNames(Role role) {
        return List.copyOf(inline.get(role.arn()).keySet());
    }

    synchronized Optional<PolicyDocument> inlinePolicy(Role role, String name) {
        return Optional.ofNullable(inline.get(role.arn()).get(name));
    }

    synchronized void putInlinePolicy(Role role, String name, PolicyDocument document) {
        inline.get(role.arn()).put(name, document);
        publish();
    }

    synchronized boolean deleteInlinePolicy(Role role, String name) {
        boolean removed = inline.get(role.arn()).remove(name) != null;
        publish();
        return removed;
    }

    /** The roles' effective policies (managed and inline together) go to the AppSync endpoint's authorizer. */
    private void publish() {
        Map<String, List<RolePolicies.NamedPolicy>> byRole = new LinkedHashMap<>();
        for (Role role : rolesByName.values()) {
            List<RolePolicies.NamedPolicy> all = new ArrayList<>();
            managed.get(role.arn())
                    .forEach(p -> all.add(new RolePolicies.NamedPolicy(role.arn(), p.name(), p.document())));
            inline.get(role.arn()).forEach((name, doc) -> all.add(new RolePolicies.NamedPolicy(role.arn(), name, doc)));
            byRole.put(role.arn(), all);
        }
        published.set(RolePolicies.of(byRole));
    }

    /**
     * Whether a verified caller may perform an action: the local administrator may do anything; identity-pool
     * credentials only what their role's policies allow (IAM's evaluation over the role's managed and inline
     * policies). UNCONFIRMED: Cognito's scope-down policy for guest credentials is not applied on top.
     */
    boolean allows(VerifiedCaller caller, String action, String resource) {
        if (caller.isAdministrator()) {
            return true;
        }
        String roleArn = caller.credentials().map(c -> c.roleArn()).orElse(null);
        return roleArn != null
                && published.get().evaluate(roleArn, action, resource).isAllowed();
    }
}
