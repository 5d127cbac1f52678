package dev.fieldgate.verify.internal.check;

import dev.fieldgate.sdk.AppSyncAuthorizer;
import dev.fieldgate.sdk.FieldgateClient;
import dev.fieldgate.sdk.FieldgateConfig;
import dev.fieldgate.sdk.FieldgateException;
import dev.fieldgate.sdk.GraphQLError;
import dev.fieldgate.sdk.GraphQLResponse;
import dev.fieldgate.sdk.NotAuthorizedException;
import dev.fieldgate.sdk.auth.IdentityPoolCredentialsProvider;
import dev.fieldgate.verify.CheckResult;
import dev.fieldgate.verify.CheckStatus;
import dev.fieldgate.verify.internal.GuestOperations;
import dev.fieldgate.verify.internal.VerificationContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * A guest call through the whole chain, with the SDK: guest credentials from the identity pool, a query the policy
 * lets guests make answered, and one it does not refused with {@code Unauthorized}.
 */
final class GuestCallCheck implements Check {

    @Override
    public String id() {
        return "guest-call";
    }

    @Override
    public String title() {
        return "Guest call end to end";
    }

    @Override
    public CheckResult run(VerificationContext context) {
        if (!context.guestCall()) {
            return Checks.skipped(this, "turned off");
        }
        if (context.identityPoolId() == null || !context.guestsEnabled()) {
            return Checks.skipped(this, "guests are off in this environment");
        }
        GuestOperations operations = GuestOperations.of(
                context.schema().appSyncSchema(),
                context.manifest(),
                context.schema().policy());
        Optional<GuestOperations.Choice> allowed = operations.allowed();
        Optional<GuestOperations.Choice> denied = operations.denied();
        FieldgateConfig config = FieldgateConfig.fromOutputs(context.outputs());
        List<String> failures = new ArrayList<>();
        List<String> passes = new ArrayList<>();
        try (IdentityPoolCredentialsProvider guest =
                IdentityPoolCredentialsProvider.builder().config(config).guest().build()) {
            try {
                guest.resolveCredentials();
            } catch (FieldgateException | SdkException e) {
                return new CheckResult(
                        id(),
                        title(),
                        CheckStatus.FAIL,
                        "no guest credentials: " + e.getMessage(),
                        List.of(),
                        "Check the identity pool allows unauthenticated identities and has a guest role "
                                + "whose trust policy lets cognito-identity.amazonaws.com assume it for this pool");
            }
            passes.add("GetId and GetCredentialsForIdentity gave guest credentials");
            try (FieldgateClient client = FieldgateClient.builder()
                    .config(config)
                    .authorizer(AppSyncAuthorizer.iam(guest))
                    .requestTimeout(context.timeout())
                    .build()) {
                if (allowed.isPresent()) {
                    callAllowed(client, allowed.get(), passes, failures);
                } else {
                    passes.add("no query guests may call without arguments; the allowed call was not made");
                }
                if (denied.isPresent()) {
                    callDenied(client, denied.get(), passes, failures);
                } else {
                    passes.add("guests are granted every query and mutation; the refused call was not made");
                }
            }
        }
        List<String> details = new ArrayList<>(failures);
        details.addAll(passes);
        boolean ok = failures.isEmpty();
        String summary = ok
                ? "guest credentials"
                        + allowed.map(a -> ", " + a.coordinate() + " answered").orElse("")
                        + denied.map(d -> ", " + d.coordinate() + " refused").orElse("")
                : failures.size() + " of the guest calls did not behave as the policy says";
        return new CheckResult(
                id(),
                title(),
                ok ? CheckStatus.PASS : CheckStatus.FAIL,
                summary,
                details,
                ok
                        ? ""
                        : "Compare the guest role's grants and the deployed schema's directives with the policy (the checks "
                                + "above say which differ)");
    }

    private static void callAllowed(
            FieldgateClient client, GuestOperations.Choice choice, List<String> passes, List<String> failures) {
        try {
            GraphQLResponse<?> response = client.execute(choice.document(), Map.of());
            if (response.hasErrors()) {
                failures.add(choice.coordinate() + ": expected an answer for guests, got errors "
                        + errors(response.errors()));
            } else {
                passes.add(choice.coordinate() + " answered a guest: " + choice.document());
            }
        } catch (FieldgateException e) {
            failures.add(choice.coordinate() + ": expected an answer for guests, got " + e.getMessage());
        }
    }

    private static void callDenied(
            FieldgateClient client, GuestOperations.Choice choice, List<String> passes, List<String> failures) {
        try {
            GraphQLResponse<?> response = client.execute(choice.document(), Map.of());
            if (response.errors().stream().anyMatch(GraphQLError::isUnauthorized)) {
                passes.add(choice.coordinate() + " refused a guest with Unauthorized: " + choice.document());
            } else if (response.hasErrors()) {
                failures.add(choice.coordinate() + ": expected Unauthorized for guests, got errors "
                        + errors(response.errors()) + " (AppSync let the call through to the resolver)");
            } else {
                failures.add(choice.coordinate() + ": expected Unauthorized for guests, but guests may call it: "
                        + choice.document());
            }
        } catch (NotAuthorizedException e) {
            passes.add(choice.coordinate() + " refused a guest with Unauthorized: " + choice.document());
        } catch (FieldgateException e) {
            failures.add(choice.coordinate() + ": expected Unauthorized for guests, got " + e.getMessage());
        }
    }

    private static String errors(List<GraphQLError> errors) {
        List<String> text = new ArrayList<>();
        for (GraphQLError error : errors) {
            text.add((error.errorType() == null ? "" : error.errorType() + ": ") + error.message());
        }
        return String.join("; ", text);
    }
}
