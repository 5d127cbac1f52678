package dev.fieldgate.local.controlplane.internal;

import dev.fieldgate.local.controlplane.internal.QueryProtocol.QueryException;
import dev.fieldgate.local.controlplane.internal.QueryProtocol.Xml;
import dev.fieldgate.local.core.LocalConfigException;
import dev.fieldgate.local.core.internal.http.ExchangeHandler;
import dev.fieldgate.local.core.internal.http.HttpExchange;
import dev.fieldgate.local.core.internal.iam.PolicyDocument;
import dev.fieldgate.local.core.internal.sigv4.SigV4Exception;
import dev.fieldgate.local.core.internal.sigv4.SigV4Verifier;
import dev.fieldgate.local.core.internal.sigv4.SignedHttpRequest;
import dev.fieldgate.local.core.internal.sigv4.VerifiedCaller;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IAM (AWS Query protocol, signing name {@code iam}, always signed for {@code us-east-1} as IAM's global endpoint
 * is): the identity pool's roles, their managed policies (what Terraform attaches) and inline policies.
 */
final class IamApi implements ExchangeHandler {

    static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";
    /** IAM is a global service; requests are signed for us-east-1 in the aws partition. */
    static final String SIGNING_REGION = "us-east-1";

    static final Set<String> ACTIONS = Set.of(
            "GetRole",
            "ListRolePolicies",
            "GetRolePolicy",
            "PutRolePolicy",
            "DeleteRolePolicy",
            "ListAttachedRolePolicies",
            "GetPolicy",
            "GetPolicyVersion");
    private static final Logger LOG = LoggerFactory.getLogger(IamApi.class);
    private static final int DEFAULT_MAX_ITEMS = 100;

    private final IamRoles roles;
    private final SigV4Verifier verifier;
    private final String accountId;

    IamApi(IamRoles roles, SigV4Verifier verifier, String accountId) {
        this.roles = roles;
        this.verifier = verifier;
        this.accountId = accountId;
    }

    @Override
    public void handle(HttpExchange exchange) throws Exception {
        String action = "";
        try {
            action = exchange.formParam("Action").orElse("");
            dev.fieldgate.local.core.internal.requests.RequestNote.of(exchange.jettyRequest())
                    .operation(action);
            VerifiedCaller caller;
            try {
                SignedHttpRequest request = SignedHttpRequest.from(exchange);
                // A client configured with Region.AWS_GLOBAL and an endpoint override signs for "aws-global" (the
                // endpoint rules name us-east-1 only for AWS's own endpoint); both stand for IAM's global endpoint.
                boolean global = request.header("Authorization")
                        .map(a -> a.contains("/aws-global/iam/"))
                        .orElse(false);
                caller = verifier.verify(request, "iam", global ? "aws-global" : SIGNING_REGION);
            } catch (SigV4Exception e) {
                throw QueryProtocol.signatureError(e);
            }
            if (!ACTIONS.contains(action)) {
                throw new QueryException(
                        "InvalidAction",
                        400,
                        "Could not find operation " + action + " for version "
                                + exchange.formParam("Version").orElse("NO_VERSION_SPECIFIED"));
            }
            Xml result = switch (action) {
                case "GetRole" -> getRole(exchange, caller);
                case "ListRolePolicies" -> listRolePolicies(exchange, caller);
                case "GetRolePolicy" -> getRolePolicy(exchange, caller);
                case "PutRolePolicy" -> putRolePolicy(exchange, caller);
                case "DeleteRolePolicy" -> deleteRolePolicy(exchange, caller);
                case "ListAttachedRolePolicies" -> listAttachedRolePolicies(exchange, caller);
                case "GetPolicy" -> getPolicy(exchange, caller);
                default -> getPolicyVersion(exchange, caller);
            };
            QueryProtocol.respond(exchange, NAMESPACE, action, result);
        } catch (QueryException e) {
            QueryProtocol.respondError(exchange, NAMESPACE, e);
        } catch (HttpExchange.BodyTooLargeException e) {
            QueryProtocol.respondError(exchange, NAMESPACE, QueryProtocol.validation("The request is too large."));
        } catch (RuntimeException e) {
            LOG.error("IAM {} failed with {}", action, e.getClass().getName(), e);
            QueryProtocol.respondError(
                    exchange, NAMESPACE, new QueryException("ServiceFailure", 500, "An internal error occurred."));
        }
    }

    private IamRoles.Role role(HttpExchange exchange, VerifiedCaller caller, String action) throws Exception {
        String name = QueryProtocol.requiredParam(exchange, "RoleName");
        authorize(caller, action, "arn:aws:iam::" + accountId + ":role/" + name, "role " + name);
        return roles.role(name).orElseThrow(() -> noSuchEntity("The role with name " + name + " cannot be found."));
    }

    private void authorize(VerifiedCaller caller, String action, String resourceArn, String resourceText) {
        if (!roles.allows(caller, "iam:" + action, resourceArn)) {
            throw new QueryException(
                    "AccessDenied",
                    403,
                    "User: " + caller.arn() + " is not authorized to perform: iam:"
                            + action + " on resource: " + resourceText
                            + " because no identity-based policy allows the iam:"
                            + action + " action");
        }
    }

    private Xml getRole(HttpExchange exchange, VerifiedCaller caller) throws Exception {
        IamRoles.Role role = role(exchange, caller, "GetRole");
        return new Xml()
                .open("Role")
                .element("Path", "/")
                .element("RoleName", role.name())
                .element("RoleId", role.roleId())
                .element("Arn", role.arn())
                .element("CreateDate", QueryProtocol.timestamp(roles.created()))
                .element("AssumeRolePolicyDocument", QueryProtocol.urlEncode(role.trustPolicy()))
                .element("Description", role.description())
                .element("MaxSessionDuration", 3600)
                .close("Role");
    }

    private Xml listRolePolicies(HttpExchange exchange, VerifiedCaller caller) throws Exception {
        IamRoles.Role role = role(exchange, caller, "ListRolePolicies");
        return page(exchange, "PolicyNames", roles.inlinePolicyNames(role), name -> new Xml().element("member", name));
    }

    private Xml getRolePolicy(HttpExchange exchange, VerifiedCaller caller) throws Exception {
        IamRoles.Role role = role(exchange, caller, "GetRolePolicy");
        String name = QueryProtocol.requiredParam(exchange, "PolicyName");
        PolicyDocument document = roles.inlinePolicy(role, name)
                .orElseThrow(() -> noSuchEntity("The role policy with name " + name + " cannot be found."));
        return new Xml()
                .element("RoleName", role.name())
                .element("PolicyName", name)
                .element("PolicyDocument", QueryProtocol.urlEncode(document.json()));
    }

    private Xml putRolePolicy(HttpExchange exchange, VerifiedCaller caller) throws Exception {
        IamRoles.Role role = role(exchange, caller, "PutRolePolicy");
        String name = QueryProtocol.requiredParam(exchange, "PolicyName");
        if (!name.matches("[\\w+=,.@-]{1,128}")) {
            throw QueryProtocol.validation("1 validation error detected: Value '" + name + "' at 'policyName' failed"
                    + " to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
        }
        String text = QueryProtocol.requiredParam(exchange, "PolicyDocument");
        PolicyDocument document;
        try {
            document = PolicyDocument.parse(text);
        } catch (LocalConfigException e) {
            throw new QueryException("MalformedPolicyDocument", 400, e.getMessage());
        }
        roles.putInlinePolicy(role, name, document);
        return null;
    }

    private Xml deleteRolePolicy(HttpExchange exchange, VerifiedCaller caller) throws Exception {
        IamRoles.Role role = role(exchange, caller, "DeleteRolePolicy");
        String name = QueryProtocol.requiredParam(exchange, "PolicyName");
        if (!roles.deleteInlinePolicy(role, name)) {
            throw noSuchEntity("The role policy with name " + name + " cannot be found.");
        }
        return null;
    }

    private Xml listAttachedRolePolicies(HttpExchange exchange, VerifiedCaller caller) throws Exception {
        IamRoles.Role role = role(exchange, caller, "ListAttachedRolePolicies");
        return page(
                exchange,
                "AttachedPolicies",
                roles.managedPolicies(role),
                p -> new Xml()
                        .open("member")
                        .element("PolicyName", p.name())
                        .element("PolicyArn", p.arn())
                        .close("member"));
    }

    private IamRoles.ManagedPolicy policy(HttpExchange exchange, VerifiedCaller caller, String action)
            throws Exception {
        String arn = QueryProtocol.requiredParam(exchange, "PolicyArn");
        authorize(caller, action, arn, arn);
        return roles.managedPolicy(arn)
                .orElseThrow(() -> noSuchEntity("Policy " + arn + " does not exist or is not attachable."));
    }

    private Xml getPolicy(HttpExchange exchange, VerifiedCaller caller) throws Exception {
        IamRoles.ManagedPolicy policy = policy(exchange, caller, "GetPolicy");
        String created = QueryProtocol.timestamp(roles.created());
        return new Xml()
                .open("Policy")
                .element("PolicyName", policy.name())
                .element("DefaultVersionId", "v1")
                .element("PolicyId", policy.policyId())
                .element("Path", "/")
                .element("Arn", policy.arn())
                .element("AttachmentCount", 1)
                .element("PermissionsBoundaryUsageCount", 0)
                .element("IsAttachable", true)
                .element("CreateDate", created)
                .element("UpdateDate", created)
                .close("Policy");
    }

    private Xml getPolicyVersion(HttpExchange exchange, VerifiedCaller caller) throws Exception {
        IamRoles.ManagedPolicy policy = policy(exchange, caller, "GetPolicyVersion");
        String version = QueryProtocol.requiredParam(exchange, "VersionId");
        if (!version.equals("v1")) {
            throw noSuchEntity(
                    "Policy " + policy.arn() + " version " + version + " does not exist or is not" + " attachable.");
        }
        return new Xml()
                .open("PolicyVersion")
                .element("Document", QueryProtocol.urlEncode(policy.document().json()))
                .element("VersionId", "v1")
                .element("IsDefaultVersion", true)
                .element("CreateDate", QueryProtocol.timestamp(roles.created()))
                .close("PolicyVersion");
    }

    /** IAM's Marker/MaxItems pagination: the marker is the index of the next item. */
    private static <T> Xml page(HttpExchange exchange, String listName, List<T> items, Function<T, Xml> member)
            throws Exception {
        int max = DEFAULT_MAX_ITEMS;
        String maxItems = exchange.formParam("MaxItems").orElse(null);
        if (maxItems != null) {
            try {
                max = Integer.parseInt(maxItems);
            } catch (NumberFormatException e) {
                max = -1;
            }
            if (max < 1 || max > 1000) {
                throw QueryProtocol.validation("1 validation error detected: Value '" + maxItems + "' at 'maxItems'"
                        + " failed to satisfy constraint: Member must have value between 1 and 1000");
            }
        }
        int from = 0;
        String marker = exchange.formParam("Marker").orElse(null);
        if (marker != null) {
            try {
                from = Integer.parseInt(marker);
            } catch (NumberFormatException e) {
                from = -1;
            }
            if (from < 0 || from > items.size()) {
                throw QueryProtocol.validation("Invalid Marker.");
            }
        }
        int to = Math.min(items.size(), from + max);
        Xml xml = new Xml().open(listName);
        for (T item : items.subList(from, to)) {
            xml.raw(member.apply(item).toString());
        }
        xml.close(listName).element("IsTruncated", to < items.size());
        if (to < items.size()) {
            xml.element("Marker", Integer.toString(to));
        }
        return xml;
    }

    private static QueryException noSuchEntity(String message) {
        return new QueryException("NoSuchEntity", 404, message);
    }
}
