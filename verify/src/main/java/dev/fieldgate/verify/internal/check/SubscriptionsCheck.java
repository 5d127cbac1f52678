package dev.fieldgate.verify.internal.check;

import dev.fieldgate.policy.Manifest;
import dev.fieldgate.verify.CheckResult;
import dev.fieldgate.verify.internal.VerificationContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.appsync.AppSyncClient;
import software.amazon.awssdk.services.appsync.model.NotFoundException;
import software.amazon.awssdk.services.appsync.model.Resolver;

/**
 * What subscribers receive: AppSync hands them the response of each mutation a subscription names, so every field
 * redacted from those responses (the manifest's {@code subscriptions}) needs its resolver, on the same function
 * as the mutation's, which marks the response the redacted field's resolver answers {@code null} for.
 */
final class SubscriptionsCheck implements Check {

    @Override
    public String id() {
        return "subscriptions";
    }

    @Override
    public String title() {
        return "What subscribers receive";
    }

    @Override
    public CheckResult run(VerificationContext context) {
        Optional<String> missing = context.apiMissing();
        if (missing.isPresent()) {
            return Checks.skipped(this, missing.get());
        }
        AppSyncClient appSync = context.aws().appSync();
        List<String> failures = new ArrayList<>();
        Set<String> redacted = new LinkedHashSet<>();
        for (Manifest.Subscription subscription : context.manifest().subscriptions()) {
            for (String mutation : subscription.mutations()) {
                Resolver writer = resolver(appSync, context.apiId(), "Mutation." + mutation);
                for (String coordinate : subscription.redacted()) {
                    redacted.add(coordinate);
                    Resolver withholder = resolver(appSync, context.apiId(), coordinate);
                    String leak = mutation + "'s response would carry " + coordinate + " to every listener of "
                            + subscription.field();
                    if (withholder == null) {
                        failures.add(coordinate + ": expected a resolver that answers it null in " + mutation
                                + "'s response, deployed none; " + leak);
                    } else if (writer == null || !withholder.dataSourceName().equals(writer.dataSourceName())) {
                        failures.add(coordinate + ": expected on the data source of Mutation." + mutation + " ("
                                + (writer == null ? "none" : writer.dataSourceName()) + "), deployed on "
                                + withholder.dataSourceName() + "; the function marks the responses it redacts, so "
                                + leak);
                    }
                }
            }
        }
        String summary = redacted.isEmpty()
                ? "no subscription carries a field some listener may not read"
                : "redacted from the responses that feed listeners: " + String.join(", ", redacted);
        return Checks.outcome(
                this,
                summary,
                failures,
                List.of(),
                "Apply the Terraform again: it creates every resolver the manifest lists on the one Direct Lambda "
                        + "data source");
    }

    private static Resolver resolver(AppSyncClient appSync, String apiId, String coordinate) {
        int dot = coordinate.indexOf('.');
        try {
            return appSync.getResolver(r -> r.apiId(apiId)
                            .typeName(coordinate.substring(0, dot))
                            .fieldName(coordinate.substring(dot + 1)))
                    .resolver();
        } catch (NotFoundException e) {
            return null;
        }
    }
}
