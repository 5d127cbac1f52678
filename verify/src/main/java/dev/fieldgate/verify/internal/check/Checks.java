package dev.fieldgate.verify.internal.check;

import dev.fieldgate.sdk.FieldgateException;
import dev.fieldgate.verify.CheckResult;
import dev.fieldgate.verify.CheckStatus;
import dev.fieldgate.verify.internal.VerificationContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** The checks in the order they run, and what they share: how results are made and how failures are reported. */
public final class Checks {

    /** Error codes of a valid caller without the permission, as AppSync, IAM, STS and Cognito name them. */
    private static final Set<String> DENIED = Set.of(
            "AccessDenied",
            "AccessDeniedException",
            "UnauthorizedException",
            "UnauthorizedOperation",
            "NotAuthorizedException",
            "AuthorizationError");

    private Checks() {}

    /** Every check, in order: later ones read what earlier ones looked up (the caller, the API). */
    public static List<Check> all() {
        return List.of(
                new CallerIdentityCheck(),
                new ApiSettingsCheck(),
                new SchemaCheck(),
                new ResolversCheck(),
                new SubscriptionsCheck(),
                new IdentityPoolRolesCheck(),
                new RoleGrantsCheck(),
                new StorageCheck(),
                new GuestCallCheck());
    }

    /** Runs a check; a refusal becomes SKIPPED with why, any other AWS or network error a FAIL saying what failed. */
    public static CheckResult guard(Check check, VerificationContext context) {
        try {
            return check.run(context);
        } catch (AwsServiceException e) {
            String service =
                    e.awsErrorDetails() == null ? null : e.awsErrorDetails().serviceName();
            if (denied(e)) {
                return new CheckResult(
                        check.id(),
                        check.title(),
                        CheckStatus.SKIPPED,
                        "the caller may not read " + "this: " + code(e) + (service == null ? "" : " from " + service)
                                + " (" + message(e) + ")",
                        List.of(),
                        "Grant the checking principal read access (see the permissions list in "
                                + "docs/deploying.md) to run this check");
            }
            return new CheckResult(
                    check.id(),
                    check.title(),
                    CheckStatus.FAIL,
                    (service == null ? "" : service + " answered ") + code(e) + ": " + message(e),
                    List.of(),
                    "Check the credentials, the region and that the outputs file belongs to this environment");
        } catch (SdkException e) {
            return new CheckResult(
                    check.id(),
                    check.title(),
                    CheckStatus.FAIL,
                    "the call failed: " + e.getMessage(),
                    List.of(),
                    "Check the network and the endpoints (the outputs file's custom.fieldgate.endpoints " + "locally)");
        } catch (FieldgateException e) {
            return new CheckResult(check.id(), check.title(), CheckStatus.FAIL, e.getMessage(), List.of(), "");
        }
    }

    /** A result whose status follows from its failures and warnings; the fix shows only when there is one to make. */
    static CheckResult outcome(Check check, String summary, List<String> failures, List<String> warnings, String fix) {
        List<String> details = new ArrayList<>(failures);
        details.addAll(warnings);
        CheckStatus status =
                !failures.isEmpty() ? CheckStatus.FAIL : !warnings.isEmpty() ? CheckStatus.WARN : CheckStatus.PASS;
        return new CheckResult(
                check.id(), check.title(), status, summary, details, status == CheckStatus.PASS ? "" : fix);
    }

    static CheckResult skipped(Check check, String why) {
        return new CheckResult(check.id(), check.title(), CheckStatus.SKIPPED, why, List.of(), "");
    }

    public static boolean denied(AwsServiceException e) {
        String code = code(e);
        return DENIED.contains(code) || code.startsWith("AccessDenied");
    }

    static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                ? "status " + e.statusCode()
                : e.awsErrorDetails().errorCode();
    }

    private static String message(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                ? e.getMessage()
                : e.awsErrorDetails().errorMessage();
    }

    /**
     * The storage declaration of an app config, with the user pool's groups it may grant (so group roles are
     * derived as the policy module derives them).
     *
     * @throws dev.fieldgate.policy.PolicyException if the section is not valid
     */
    static dev.fieldgate.policy.StoragePolicy storage(dev.fieldgate.config.AppConfig config) {
        java.util.Map<String, Integer> groups = new java.util.LinkedHashMap<>();
        config.userPool().groups().forEach(g -> groups.put(g.name(), g.precedence()));
        return config.storageJson()
                .map(json -> dev.fieldgate.policy.StoragePolicy.parse(json, groups))
                .orElse(dev.fieldgate.policy.StoragePolicy.none());
    }

    /**
     * A group's role ARN by the kit's naming: the authenticated role {@code <prefix>-authenticated} has the group
     * roles {@code <prefix>-group-<group>} next to it (Terraform's identity-pool module and the local stack name them
     * so); empty when the authenticated role is named otherwise.
     */
    static java.util.Optional<String> groupRoleArn(String authenticatedRoleArn, String group) {
        String suffix = "-authenticated";
        if (authenticatedRoleArn == null || !authenticatedRoleArn.endsWith(suffix)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(
                authenticatedRoleArn.substring(0, authenticatedRoleArn.length() - suffix.length()) + "-group-" + group);
    }

    static String orNone(String value) {
        return value == null ? "none" : value;
    }
}
