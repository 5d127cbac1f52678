package dev.fieldgate.verify.internal.check;

import dev.fieldgate.policy.Manifest;
import dev.fieldgate.verify.CheckResult;
import dev.fieldgate.verify.internal.VerificationContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.appsync.AppSyncClient;
import software.amazon.awssdk.services.appsync.model.DataSource;
import software.amazon.awssdk.services.appsync.model.ListDataSourcesResponse;
import software.amazon.awssdk.services.appsync.model.ListResolversResponse;
import software.amazon.awssdk.services.appsync.model.ListTypesResponse;
import software.amazon.awssdk.services.appsync.model.NotFoundException;
import software.amazon.awssdk.services.appsync.model.Resolver;
import software.amazon.awssdk.services.appsync.model.ResolverKind;
import software.amazon.awssdk.services.appsync.model.TypeDefinitionFormat;

/** One UNIT Direct Lambda resolver per manifest entry, with its batch size, on one Lambda data source; no others. */
final class ResolversCheck implements Check {

    @Override
    public String id() {
        return "resolvers";
    }

    @Override
    public String title() {
        return "Resolvers and data source";
    }

    @Override
    public CheckResult run(VerificationContext context) {
        Optional<String> missing = context.apiMissing();
        if (missing.isPresent()) {
            return Checks.skipped(this, missing.get());
        }
        AppSyncClient appSync = context.aws().appSync();
        String apiId = context.apiId();
        Map<String, Resolver> deployed = deployedResolvers(
                appSync,
                apiId,
                new LinkedHashSet<>(context.schema().policy().types().keySet()));
        Map<String, DataSource> dataSources = new LinkedHashMap<>();
        String cursor = null;
        do {
            String token = cursor;
            ListDataSourcesResponse page =
                    appSync.listDataSources(r -> r.apiId(apiId).nextToken(token));
            page.dataSources().forEach(d -> dataSources.put(d.name(), d));
            cursor = page.nextToken();
        } while (cursor != null);

        Map<String, Manifest.Resolver> expected = new LinkedHashMap<>();
        context.manifest().resolvers().forEach(r -> expected.put(r.coordinate(), r));
        // The kit deploys one Direct Lambda data source for every resolver; the most used one is the intended one.
        Map<String, Integer> uses = new HashMap<>();
        expected.keySet().stream()
                .map(deployed::get)
                .filter(Objects::nonNull)
                .forEach(r -> uses.merge(String.valueOf(r.dataSourceName()), 1, Integer::sum));
        String dataSource = uses.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElseGet(() -> dataSources.values().stream()
                        .filter(d -> "AWS_LAMBDA".equals(d.typeAsString()))
                        .map(DataSource::name)
                        .findFirst()
                        .orElse(null));

        List<String> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        compareResolvers(expected, deployed, dataSource, failures, warnings);
        String function = dataSource(dataSource, dataSources, expected.size(), failures, warnings);
        long present = expected.keySet().stream().filter(deployed::containsKey).count();
        String summary = present + " of " + expected.size() + " resolvers"
                + (dataSource == null ? "" : " on " + dataSource) + (function == null ? "" : " (" + function + ")");
        return Checks.outcome(
                this,
                summary,
                failures,
                warnings,
                "Apply the Terraform again: it creates one UNIT "
                        + "resolver per manifest entry on the Direct Lambda data source and removes nothing else, so delete "
                        + "extra resolvers by hand after checking who made them");
    }

    private static Map<String, Resolver> deployedResolvers(AppSyncClient appSync, String apiId, Set<String> typeNames) {
        String next = null;
        do {
            String token = next;
            ListTypesResponse page = appSync.listTypes(
                    r -> r.apiId(apiId).format(TypeDefinitionFormat.SDL).nextToken(token));
            page.types().forEach(t -> typeNames.add(t.name()));
            next = page.nextToken();
        } while (next != null);
        Map<String, Resolver> deployed = new TreeMap<>();
        for (String type : typeNames) {
            String cursor = null;
            do {
                String token = cursor;
                ListResolversResponse page;
                try {
                    page = appSync.listResolvers(
                            r -> r.apiId(apiId).typeName(type).nextToken(token));
                } catch (NotFoundException e) {
                    break;
                }
                page.resolvers().forEach(r -> deployed.put(r.typeName() + "." + r.fieldName(), r));
                cursor = page.nextToken();
            } while (cursor != null);
        }
        return deployed;
    }

    private static void compareResolvers(
            Map<String, Manifest.Resolver> expected,
            Map<String, Resolver> deployed,
            String dataSource,
            List<String> failures,
            List<String> warnings) {
        for (Manifest.Resolver want : expected.values()) {
            String at = want.coordinate();
            Resolver have = deployed.get(at);
            if (have == null) {
                failures.add(at + ": expected a Direct Lambda resolver"
                        + (dataSource == null ? "" : " on " + dataSource) + ", deployed none");
                continue;
            }
            // AppSync reports UNIT for a resolver created without a kind; only another kind is a difference.
            if (have.kindAsString() != null && have.kind() != ResolverKind.UNIT) {
                failures.add(at + ": expected kind UNIT (Direct Lambda), deployed " + have.kindAsString());
            }
            if (dataSource != null && !dataSource.equals(have.dataSourceName())) {
                failures.add(at + ": expected data source " + dataSource + ", deployed "
                        + Checks.orNone(have.dataSourceName()));
            }
            int wantBatch = want.maxBatchSize() == null ? 0 : want.maxBatchSize();
            int haveBatch = have.maxBatchSize() == null ? 0 : have.maxBatchSize();
            if (wantBatch != haveBatch) {
                failures.add(at + ": expected batch size " + (wantBatch == 0 ? "none" : wantBatch) + ", deployed "
                        + (haveBatch == 0 ? "none" : haveBatch));
            }
            if (have.requestMappingTemplate() != null
                    && !have.requestMappingTemplate().isBlank()) {
                warnings.add(at + ": has a request mapping template; Direct Lambda resolvers send AppSync's "
                        + "standard event without one");
            }
        }
        for (Map.Entry<String, Resolver> extra : deployed.entrySet()) {
            if (!expected.containsKey(extra.getKey())) {
                failures.add(extra.getKey() + ": expected no resolver, deployed one on "
                        + extra.getValue().dataSourceName());
            }
        }
    }

    /** Checks the data source and returns the function it calls, if any. */
    private static String dataSource(
            String name,
            Map<String, DataSource> dataSources,
            int resolvers,
            List<String> failures,
            List<String> warnings) {
        if (name == null) {
            if (resolvers > 0) {
                failures.add("no AWS_LAMBDA data source: expected one for the " + resolvers + " resolvers");
            }
            return null;
        }
        DataSource source = dataSources.get(name);
        if (source == null) {
            failures.add("data source " + name + ": expected AWS_LAMBDA, deployed none");
            return null;
        }
        if (!"AWS_LAMBDA".equals(source.typeAsString())) {
            failures.add("data source " + name + ": expected type AWS_LAMBDA, deployed " + source.typeAsString());
        }
        String function =
                source.lambdaConfig() == null ? null : source.lambdaConfig().lambdaFunctionArn();
        if (function == null) {
            failures.add("data source " + name + ": expected a Lambda function, deployed none");
        } else if (function.startsWith("arn:") && function.split(":").length < 8) {
            warnings.add("data source " + name + " calls " + function + " unqualified; the kit calls an alias "
                    + "(SnapStart applies to published versions only)");
        }
        return function;
    }
}
