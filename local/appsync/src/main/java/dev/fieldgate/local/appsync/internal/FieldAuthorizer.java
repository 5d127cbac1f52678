package dev.fieldgate.local.appsync.internal;

import dev.fieldgate.local.core.internal.iam.PolicyDocument;
import dev.fieldgate.local.core.internal.iam.RolePolicies;
import dev.fieldgate.policy.AccessPolicy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * AppSync's field-level decision, at every depth: the schema's auth directives must admit the caller's mode (and
 * groups), as the policy module decides them; an IAM caller's role policy must also allow {@code appsync:GraphQL}
 * on the field's ARN ({@code arn:aws:appsync:<region>:<account>:apis/<apiId>/types/<T>/fields/<f>}).
 */
final class FieldAuthorizer {

    /** The three answers. */
    enum Verdict {
        ALLOW,
        DENY_DIRECTIVE,
        DENY_IAM
    }

    static final String ACTION = "appsync:GraphQL";

    private final AccessPolicy policy;
    private final String apiArn;
    private final Supplier<RolePolicies> rolePolicies;
    private final Map<Key, Boolean> iamCache = new ConcurrentHashMap<>();

    private record Key(RolePolicies policies, String roleArn, String type, String field) {}

    FieldAuthorizer(AccessPolicy policy, String apiArn, Supplier<RolePolicies> rolePolicies) {
        this.policy = policy;
        this.apiArn = apiArn;
        this.rolePolicies = rolePolicies;
    }

    Verdict decide(Caller caller, String type, String field) {
        if (!policy.appSyncAdmits(caller.principal(), type, field)) {
            return Verdict.DENY_DIRECTIVE;
        }
        if (caller.isIam() && !iamAllows(caller, type, field)) {
            return Verdict.DENY_IAM;
        }
        return Verdict.ALLOW;
    }

    boolean iamAllows(Caller caller, String type, String field) {
        if (caller.administrator()) {
            return true;
        }
        if (caller.roleArn() == null) {
            return false;
        }
        RolePolicies policies = rolePolicies.get();
        return iamCache.computeIfAbsent(
                new Key(policies, caller.roleArn(), type, field),
                k -> policies.evaluate(k.roleArn(), ACTION, fieldArn(type, field)) == PolicyDocument.Decision.ALLOW);
    }

    String fieldArn(String type, String field) {
        return apiArn + "/types/" + type + "/fields/" + field;
    }
}
