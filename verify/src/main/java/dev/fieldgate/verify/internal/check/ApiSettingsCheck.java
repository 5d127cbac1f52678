package dev.fieldgate.verify.internal.check;

import dev.fieldgate.config.ApiConfig;
import dev.fieldgate.config.AppConfig;
import dev.fieldgate.policy.ApiAuthorization;
import dev.fieldgate.policy.AuthMode;
import dev.fieldgate.verify.CheckResult;
import dev.fieldgate.verify.internal.VerificationContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import software.amazon.awssdk.services.appsync.model.AdditionalAuthenticationProvider;
import software.amazon.awssdk.services.appsync.model.GraphqlApi;

/**
 * The API's auth modes, user pool and client-id regex as the schema's {@code @api} says, its URL as the outputs file
 * says, and its depth limit, introspection, field logs and X-Ray as {@code fieldgate.json} says (when given).
 */
final class ApiSettingsCheck implements Check {

    @Override
    public String id() {
        return "api-settings";
    }

    @Override
    public String title() {
        return "AppSync API settings";
    }

    @Override
    public CheckResult run(VerificationContext context) {
        VerificationContext.Api lookup = context.api().get();
        if (lookup.missing() != null) {
            return new CheckResult(
                    id(),
                    title(),
                    dev.fieldgate.verify.CheckStatus.FAIL,
                    lookup.missing(),
                    List.of(),
                    "Check the outputs file belongs to this account and region, or apply the Terraform " + "again");
        }
        GraphqlApi api = lookup.api();
        ApiAuthorization want = context.manifest().api();
        List<String> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();

        String defaultMode = api.authenticationTypeAsString();
        if (!want.defaultAuthMode().name().equals(defaultMode)) {
            failures.add("default auth mode: expected " + want.defaultAuthMode() + ", deployed " + defaultMode);
        }
        Set<String> wantAdditional = new LinkedHashSet<>();
        want.additionalAuthModes().forEach(m -> wantAdditional.add(m.name()));
        Set<String> haveAdditional = new LinkedHashSet<>();
        for (AdditionalAuthenticationProvider provider : api.additionalAuthenticationProviders()) {
            haveAdditional.add(provider.authenticationTypeAsString());
        }
        if (!wantAdditional.equals(haveAdditional)) {
            failures.add("additional auth modes: expected " + wantAdditional + ", deployed " + haveAdditional);
        }
        userPools(context, api, want, failures, warnings);

        String graphqlUri = api.uris() == null ? null : api.uris().get("GRAPHQL");
        String outputsUrl = context.graphqlUrl();
        if (graphqlUri != null && outputsUrl != null && !graphqlUri.equals(outputsUrl)) {
            failures.add("GraphQL URL: the outputs file has " + outputsUrl + ", the API answers at " + graphqlUri);
        }

        Optional<ApiConfig> settings = context.appConfig().map(AppConfig::api);
        String logLevel = api.logConfig() == null ? "NONE" : api.logConfig().fieldLogLevelAsString();
        // The local stack has no CloudWatch: an API without a log configuration there is expected.
        if (!(context.fieldgate().isLocal() && api.logConfig() == null)) {
            if ("NONE".equals(logLevel)) {
                warnings.add("logging: off (field log level NONE); errors will leave no trace in CloudWatch");
            }
            settings.map(ApiConfig::fieldLogLevel)
                    .filter(level -> !level.equals(logLevel))
                    .ifPresent(level ->
                            failures.add("field log level: fieldgate.json says " + level + ", deployed " + logLevel));
        }
        int depth = api.queryDepthLimit() == null ? 0 : api.queryDepthLimit();
        if (settings.isPresent()) {
            if (settings.get().queryDepthLimit() != depth) {
                failures.add("query depth limit: fieldgate.json says "
                        + settings.get().queryDepthLimit() + ", deployed " + depth);
            }
        } else if (depth == 0) {
            warnings.add("query depth limit: none; a deep query can fan out to many resolver calls");
        }
        String introspection =
                api.introspectionConfigAsString() == null ? "ENABLED" : api.introspectionConfigAsString();
        settings.map(s -> s.introspection() ? "ENABLED" : "DISABLED")
                .filter(w -> !w.equals(introspection))
                .ifPresent(
                        w -> failures.add("introspection: fieldgate.json says " + w + ", deployed " + introspection));
        boolean xray = Boolean.TRUE.equals(api.xrayEnabled());
        settings.map(ApiConfig::xrayEnabled)
                .filter(w -> w != xray)
                .ifPresent(w -> failures.add("X-Ray: " + "fieldgate.json says " + (w ? "on" : "off") + ", deployed "
                        + (xray ? "on" : "off")));

        String summary = defaultMode + (haveAdditional.isEmpty() ? "" : " + " + String.join(", ", haveAdditional))
                + "; log level " + logLevel + "; depth limit " + (depth == 0 ? "none" : depth) + "; introspection "
                + introspection;
        return Checks.outcome(
                this,
                summary,
                failures,
                warnings,
                "Set the API as the schema's @api directive and "
                        + "fieldgate.json say (terraform apply does; a console change is undone by the next apply)");
    }

    private static void userPools(
            VerificationContext context,
            GraphqlApi api,
            ApiAuthorization want,
            List<String> failures,
            List<String> warnings) {
        if (want.defaultAuthMode() == AuthMode.AMAZON_COGNITO_USER_POOLS) {
            if (api.userPoolConfig() == null) {
                failures.add("user pool: expected " + context.userPoolId() + ", deployed none");
            } else {
                userPool(
                        context,
                        "user pool",
                        api.userPoolConfig().userPoolId(),
                        api.userPoolConfig().awsRegion(),
                        api.userPoolConfig().appIdClientRegex(),
                        failures,
                        warnings);
                String action = api.userPoolConfig().defaultActionAsString();
                if (!want.userPoolDefaultAction().name().equals(action)) {
                    failures.add("user pool default action: expected " + want.userPoolDefaultAction() + ", deployed "
                            + action);
                }
            }
        }
        for (AdditionalAuthenticationProvider provider : api.additionalAuthenticationProviders()) {
            if ("AMAZON_COGNITO_USER_POOLS".equals(provider.authenticationTypeAsString())) {
                if (provider.userPoolConfig() == null) {
                    failures.add("additional user pool: expected " + context.userPoolId() + ", deployed none");
                } else {
                    userPool(
                            context,
                            "additional user pool",
                            provider.userPoolConfig().userPoolId(),
                            provider.userPoolConfig().awsRegion(),
                            provider.userPoolConfig().appIdClientRegex(),
                            failures,
                            warnings);
                }
            }
        }
    }

    private static void userPool(
            VerificationContext context,
            String what,
            String poolId,
            String poolRegion,
            String clientRegex,
            List<String> failures,
            List<String> warnings) {
        String expected = context.userPoolId();
        if (expected != null && !expected.equals(poolId)) {
            failures.add(what + ": expected " + expected + ", deployed " + poolId);
        }
        String wantRegion = expected != null && expected.contains("_")
                ? expected.substring(0, expected.indexOf('_'))
                : context.region();
        if (poolRegion != null && !poolRegion.equals(wantRegion)) {
            failures.add(what + " region: expected " + wantRegion + ", deployed " + poolRegion);
        }
        if (clientRegex == null || clientRegex.isEmpty()) {
            warnings.add(what + " client-id regex: none, so tokens of every app client of the pool are accepted");
            return;
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(clientRegex);
        } catch (PatternSyntaxException e) {
            failures.add(what + " client-id regex " + clientRegex + " is not a valid regular expression");
            return;
        }
        for (String client : context.clientIds()) {
            if (!pattern.matcher(client).matches()) {
                failures.add(what + " client-id regex " + clientRegex + " refuses the app client " + client
                        + " of the outputs file");
            }
        }
    }
}
