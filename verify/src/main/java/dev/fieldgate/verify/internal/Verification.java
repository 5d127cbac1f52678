package dev.fieldgate.verify.internal;

import dev.fieldgate.policy.ApiAuthorization;
import dev.fieldgate.policy.AuthMode;
import dev.fieldgate.policy.CompiledSchema;
import dev.fieldgate.policy.Manifest;
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
import dev.fieldgate.verify.VerificationReport;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.appsync.AppSyncClient;
import software.amazon.awssdk.services.appsync.model.AdditionalAuthenticationProvider;
import software.amazon.awssdk.services.appsync.model.DataSource;
import software.amazon.awssdk.services.appsync.model.GraphqlApi;
import software.amazon.awssdk.services.appsync.model.ListDataSourcesResponse;
import software.amazon.awssdk.services.appsync.model.ListResolversResponse;
import software.amazon.awssdk.services.appsync.model.ListTypesResponse;
import software.amazon.awssdk.services.appsync.model.NotFoundException;
import software.amazon.awssdk.services.appsync.model.OutputType;
import software.amazon.awssdk.services.appsync.model.Resolver;
import software.amazon.awssdk.services.appsync.model.ResolverKind;
import software.amazon.awssdk.services.appsync.model.TypeDefinitionFormat;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.GetIdentityPoolRolesResponse;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** One run of every check, in order. Each check turns what AWS answers (or refuses) into a {@link CheckResult}. */
public final class Verification {

    public static final String CALLER = "caller-identity";
    public static final String API = "api-settings";
    public static final String SCHEMA = "schema";
    public static final String RESOLVERS = "resolvers";
    public static final String ROLES = "identity-pool-roles";
    public static final String GRANTS = "role-grants";
    public static final String GUEST = "guest-call";

    /** Error codes of a valid caller without the permission, as AppSync, IAM, STS and Cognito name them. */
    private static final Set<String> DENIED = Set.of("AccessDenied", "AccessDeniedException",
            "UnauthorizedException", "UnauthorizedOperation", "NotAuthorizedException", "AuthorizationError");

    private final OutputsDocument outputs;
    private final CompiledSchema schema;
    private final Manifest manifest;
    private final AppSettings settings;
    private final AwsCredentialsProvider credentials;
    private final String region;
    private final boolean guestCall;
    private final Duration timeout;

    private String account;
    private String partition = "aws";
    private GraphqlApi api;
    private String apiMissing;

    public Verification(OutputsDocument outputs, CompiledSchema schema, AppSettings settings,
            AwsCredentialsProvider credentials, String region, boolean guestCall, Duration timeout) {
        this.outputs = outputs;
        this.schema = schema;
        this.manifest = schema.manifest();
        this.settings = settings;
        this.credentials = credentials;
        this.region = region;
        this.guestCall = guestCall;
        this.timeout = timeout;
    }

    public VerificationReport run() {
        List<CheckResult> checks = new ArrayList<>();
        try (StsClient sts = configure(StsClient.builder(), "sts", Region.of(region)).build();
             AppSyncClient appSync = configure(AppSyncClient.builder(), "appsync", Region.of(region)).build();
             CognitoIdentityClient cognito = configure(CognitoIdentityClient.builder(), "cognito_identity",
                     Region.of(region)).build();
             IamClient iam = configure(IamClient.builder(), "iam", iamRegion()).build()) {
            checks.add(guard(CALLER, "Caller identity", () -> callerIdentity(sts)));
            checks.add(guard(API, "AppSync API settings", () -> apiSettings(appSync)));
            checks.add(guard(SCHEMA, "Deployed schema", () -> deployedSchema(appSync)));
            checks.add(guard(RESOLVERS, "Resolvers and data source", () -> resolvers(appSync)));
            checks.add(guard(ROLES, "Identity pool roles", () -> identityPoolRoles(cognito)));
            checks.add(guard(GRANTS, "Role grants (appsync:GraphQL)", () -> roleGrants(iam)));
            checks.add(guard(GUEST, "Guest call end to end", this::guestCall));
        }
        return new VerificationReport(outputs.app(), outputs.environment(), region, outputs.apiId(), checks);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // caller-identity

    private CheckResult callerIdentity(StsClient sts) {
        GetCallerIdentityResponse caller = sts.getCallerIdentity();
        account = caller.account();
        String[] arn = caller.arn() == null ? new String[0] : caller.arn().split(":", 6);
        if (arn.length == 6) {
            partition = arn[1];
        }
        String roleAccount = accountOf(outputs.authenticatedRoleArn()).or(() -> accountOf(outputs.guestRoleArn()))
                .orElse(null);
        if (roleAccount != null && !roleAccount.equals(account)) {
            return result(CALLER, "Caller identity", CheckStatus.WARN,
                    "account " + account + " as " + caller.arn(),
                    List.of("the outputs file's roles are in account " + roleAccount + ", the caller in " + account),
                    "Use credentials of the environment's account (AWS_PROFILE or --profile)");
        }
        return result(CALLER, "Caller identity", CheckStatus.PASS, "account " + account + " as " + caller.arn(),
                List.of(), "");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // api-settings

    private CheckResult apiSettings(AppSyncClient appSync) {
        String title = "AppSync API settings";
        try {
            api = appSync.getGraphqlApi(r -> r.apiId(outputs.apiId())).graphqlApi();
        } catch (NotFoundException e) {
            apiMissing = "the API " + outputs.apiId() + " does not exist in " + region;
            return result(API, title, CheckStatus.FAIL, apiMissing, List.of(),
                    "Check the outputs file belongs to this account and region, or apply the Terraform again");
        }
        ApiAuthorization want = manifest.api();
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

        if (want.defaultAuthMode() == AuthMode.AMAZON_COGNITO_USER_POOLS) {
            if (api.userPoolConfig() == null) {
                failures.add("user pool: expected " + outputs.userPoolId() + ", deployed none");
            } else {
                userPool("user pool", api.userPoolConfig().userPoolId(), api.userPoolConfig().awsRegion(),
                        api.userPoolConfig().appIdClientRegex(), failures, warnings);
                String action = api.userPoolConfig().defaultActionAsString();
                if (!want.userPoolDefaultAction().name().equals(action)) {
                    failures.add("user pool default action: expected " + want.userPoolDefaultAction()
                            + ", deployed " + action);
                }
            }
        }
        for (AdditionalAuthenticationProvider provider : api.additionalAuthenticationProviders()) {
            if (provider.authenticationType() != null
                    && "AMAZON_COGNITO_USER_POOLS".equals(provider.authenticationTypeAsString())) {
                if (provider.userPoolConfig() == null) {
                    failures.add("additional user pool: expected " + outputs.userPoolId() + ", deployed none");
                } else {
                    userPool("additional user pool", provider.userPoolConfig().userPoolId(),
                            provider.userPoolConfig().awsRegion(), provider.userPoolConfig().appIdClientRegex(),
                            failures, warnings);
                }
            }
        }

        String graphqlUri = api.uris() == null ? null : api.uris().get("GRAPHQL");
        if (graphqlUri != null && outputs.graphqlUrl() != null && !graphqlUri.equals(outputs.graphqlUrl())) {
            failures.add("GraphQL URL: the outputs file has " + outputs.graphqlUrl() + ", the API answers at "
                    + graphqlUri);
        }

        String logLevel = api.logConfig() == null ? "NONE" : api.logConfig().fieldLogLevelAsString();
        // The local stack has no CloudWatch: an API without a log configuration there is expected.
        boolean localWithoutLogs = "local".equals(outputs.environment()) && api.logConfig() == null;
        if (!localWithoutLogs) {
            if ("NONE".equals(logLevel)) {
                warnings.add("logging: off (field log level NONE); errors will leave no trace in CloudWatch");
            }
            settings.fieldLogLevel().filter(level -> !level.equals(logLevel)).ifPresent(level ->
                    failures.add("field log level: fieldgate.json says " + level + ", deployed " + logLevel));
        }

        int depth = api.queryDepthLimit() == null ? 0 : api.queryDepthLimit();
        if (settings.queryDepthLimit().isPresent()) {
            if (settings.queryDepthLimit().get() != depth) {
                failures.add("query depth limit: fieldgate.json says " + settings.queryDepthLimit().get()
                        + ", deployed " + depth);
            }
        } else if (depth == 0) {
            warnings.add("query depth limit: none; a deep query can fan out to many resolver calls");
        }
        String introspection = api.introspectionConfigAsString() == null ? "ENABLED"
                : api.introspectionConfigAsString();
        settings.introspection().map(on -> on ? "ENABLED" : "DISABLED").filter(w -> !w.equals(introspection))
                .ifPresent(w -> failures.add("introspection: fieldgate.json says " + w + ", deployed "
                        + introspection));
        boolean xray = Boolean.TRUE.equals(api.xrayEnabled());
        settings.xrayEnabled().filter(w -> w != xray).ifPresent(w -> failures.add("X-Ray: fieldgate.json says "
                + (w ? "on" : "off") + ", deployed " + (xray ? "on" : "off")));

        String summary = defaultMode + (haveAdditional.isEmpty() ? "" : " + " + String.join(", ", haveAdditional))
                + "; log level " + logLevel + "; depth limit " + (depth == 0 ? "none" : depth) + "; introspection "
                + introspection;
        List<String> details = new ArrayList<>(failures);
        details.addAll(warnings);
        CheckStatus status = !failures.isEmpty() ? CheckStatus.FAIL
                : !warnings.isEmpty() ? CheckStatus.WARN : CheckStatus.PASS;
        return result(API, title, status, summary, details, status == CheckStatus.PASS ? ""
                : "Set the API as the schema's @api directive and fieldgate.json say (terraform apply does; a "
                + "console change is undone by the next apply)");
    }

    private void userPool(String what, String poolId, String poolRegion, String clientRegex, List<String> failures,
            List<String> warnings) {
        if (outputs.userPoolId() != null && !outputs.userPoolId().equals(poolId)) {
            failures.add(what + ": expected " + outputs.userPoolId() + ", deployed " + poolId);
        }
        String wantRegion = outputs.userPoolId() != null && outputs.userPoolId().contains("_")
                ? outputs.userPoolId().substring(0, outputs.userPoolId().indexOf('_')) : region;
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
        for (String client : outputs.clientIds()) {
            if (!pattern.matcher(client).matches()) {
                failures.add(what + " client-id regex " + clientRegex + " refuses the app client " + client
                        + " of the outputs file");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // schema

    private CheckResult deployedSchema(AppSyncClient appSync) {
        String title = "Deployed schema";
        if (apiMissing != null) {
            return result(SCHEMA, title, CheckStatus.SKIPPED, apiMissing, List.of(), "");
        }
        String deployed = appSync.getIntrospectionSchema(r -> r.apiId(outputs.apiId()).format(OutputType.SDL)
                .includeDirectives(true)).schema().asString(StandardCharsets.UTF_8);
        List<String> differences;
        try {
            differences = SchemaDiff.compare(schema.appSyncSchema(), deployed, manifest.api());
        } catch (SchemaDiff.SchemaReadException e) {
            return result(SCHEMA, title, CheckStatus.FAIL, e.getMessage(), List.of(),
                    "Deploy the schema generated from the app's schema (terraform apply)");
        }
        if (differences.isEmpty()) {
            return result(SCHEMA, title, CheckStatus.PASS, "matches the generated appsync.graphql ("
                    + schema.policy().types().size() + " object types)", List.of(), "");
        }
        return result(SCHEMA, title, CheckStatus.FAIL, differences.size() + " difference"
                        + (differences.size() == 1 ? "" : "s") + " from the generated appsync.graphql", differences,
                "Generate and deploy again (./fieldgate policy generate, then terraform apply), or verify with the "
                + "schema this environment was deployed from");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // resolvers

    private CheckResult resolvers(AppSyncClient appSync) {
        String title = "Resolvers and data source";
        if (apiMissing != null) {
            return result(RESOLVERS, title, CheckStatus.SKIPPED, apiMissing, List.of(), "");
        }
        Set<String> typeNames = new LinkedHashSet<>(schema.policy().types().keySet());
        String next = null;
        do {
            String token = next;
            ListTypesResponse page = appSync.listTypes(r -> r.apiId(outputs.apiId())
                    .format(TypeDefinitionFormat.SDL).nextToken(token));
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
                    page = appSync.listResolvers(r -> r.apiId(outputs.apiId()).typeName(type).nextToken(token));
                } catch (NotFoundException e) {
                    break;
                }
                page.resolvers().forEach(r -> deployed.put(r.typeName() + "." + r.fieldName(), r));
                cursor = page.nextToken();
            } while (cursor != null);
        }
        Map<String, DataSource> dataSources = new LinkedHashMap<>();
        String cursor = null;
        do {
            String token = cursor;
            ListDataSourcesResponse page = appSync.listDataSources(r -> r.apiId(outputs.apiId()).nextToken(token));
            page.dataSources().forEach(d -> dataSources.put(d.name(), d));
            cursor = page.nextToken();
        } while (cursor != null);

        Map<String, Manifest.Resolver> expected = new LinkedHashMap<>();
        manifest.resolvers().forEach(r -> expected.put(r.coordinate(), r));

        // The kit deploys one Direct Lambda data source for every resolver; the most used one is the intended one.
        Map<String, Integer> uses = new HashMap<>();
        expected.keySet().stream().map(deployed::get).filter(Objects::nonNull)
                .forEach(r -> uses.merge(String.valueOf(r.dataSourceName()), 1, Integer::sum));
        String dataSource = uses.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElseGet(() -> dataSources.values().stream()
                        .filter(d -> "AWS_LAMBDA".equals(d.typeAsString())).map(DataSource::name).findFirst()
                        .orElse(null));

        List<String> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Manifest.Resolver want : expected.values()) {
            String at = want.coordinate();
            Resolver have = deployed.get(at);
            if (have == null) {
                failures.add(at + ": expected a Direct Lambda resolver" + (dataSource == null ? ""
                        : " on " + dataSource) + ", deployed none");
                continue;
            }
            // AppSync reports UNIT for a resolver created without a kind; only another kind is a difference.
            if (have.kindAsString() != null && have.kind() != ResolverKind.UNIT) {
                failures.add(at + ": expected kind UNIT (Direct Lambda), deployed " + have.kindAsString());
            }
            if (dataSource != null && !dataSource.equals(have.dataSourceName())) {
                failures.add(at + ": expected data source " + dataSource + ", deployed "
                        + (have.dataSourceName() == null ? "none" : have.dataSourceName()));
            }
            int wantBatch = want.maxBatchSize() == null ? 0 : want.maxBatchSize();
            int haveBatch = have.maxBatchSize() == null ? 0 : have.maxBatchSize();
            if (wantBatch != haveBatch) {
                failures.add(at + ": expected batch size " + (wantBatch == 0 ? "none" : wantBatch) + ", deployed "
                        + (haveBatch == 0 ? "none" : haveBatch));
            }
            if (have.requestMappingTemplate() != null && !have.requestMappingTemplate().isBlank()) {
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
        String function = null;
        if (dataSource != null) {
            DataSource source = dataSources.get(dataSource);
            if (source == null) {
                failures.add("data source " + dataSource + ": expected AWS_LAMBDA, deployed none");
            } else {
                if (!"AWS_LAMBDA".equals(source.typeAsString())) {
                    failures.add("data source " + dataSource + ": expected type AWS_LAMBDA, deployed "
                            + source.typeAsString());
                }
                function = source.lambdaConfig() == null ? null : source.lambdaConfig().lambdaFunctionArn();
                if (function == null) {
                    failures.add("data source " + dataSource + ": expected a Lambda function, deployed none");
                } else if (function.startsWith("arn:") && function.split(":").length < 8) {
                    warnings.add("data source " + dataSource + " calls " + function + " unqualified; the kit calls "
                            + "an alias (SnapStart applies to published versions only)");
                }
            }
        } else if (!expected.isEmpty()) {
            failures.add("no AWS_LAMBDA data source: expected one for the " + expected.size() + " resolvers");
        }
        String summary = (expected.size() - countMissing(expected, deployed)) + " of " + expected.size()
                + " resolvers" + (dataSource == null ? "" : " on " + dataSource)
                + (function == null ? "" : " (" + function + ")");
        List<String> details = new ArrayList<>(failures);
        details.addAll(warnings);
        CheckStatus status = !failures.isEmpty() ? CheckStatus.FAIL
                : !warnings.isEmpty() ? CheckStatus.WARN : CheckStatus.PASS;
        return result(RESOLVERS, title, status, summary, details, status == CheckStatus.PASS ? ""
                : "Apply the Terraform again: it creates one UNIT resolver per manifest entry on the Direct Lambda "
                + "data source and removes nothing else, so delete extra resolvers by hand after checking who "
                + "made them");
    }

    private static int countMissing(Map<String, Manifest.Resolver> expected, Map<String, Resolver> deployed) {
        return (int) expected.keySet().stream().filter(k -> !deployed.containsKey(k)).count();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // identity-pool-roles

    private CheckResult identityPoolRoles(CognitoIdentityClient cognito) {
        String title = "Identity pool roles";
        if (outputs.identityPoolId() == null) {
            return result(ROLES, title, CheckStatus.SKIPPED, "the outputs file has no identity pool", List.of(), "");
        }
        GetIdentityPoolRolesResponse roles = cognito.getIdentityPoolRoles(r -> r.identityPoolId(
                outputs.identityPoolId()));
        Map<String, String> have = roles.roles() == null ? Map.of() : roles.roles();
        List<String> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        compareRole("authenticated", outputs.authenticatedRoleArn(), have.get("authenticated"), failures);
        if (outputs.guestsEnabled() || outputs.guestRoleArn() != null) {
            compareRole("unauthenticated (guest)", outputs.guestRoleArn(), have.get("unauthenticated"), failures);
        } else if (have.get("unauthenticated") != null) {
            warnings.add("unauthenticated (guest): the outputs file has guests off, but the pool has the role "
                    + have.get("unauthenticated"));
        }
        if (roles.roleMappings() != null && !roles.roleMappings().isEmpty()) {
            warnings.add("role mappings " + roles.roleMappings().keySet() + " can hand out roles other than these "
                    + "two; the kit's grants assume none");
        }
        List<String> details = new ArrayList<>(failures);
        details.addAll(warnings);
        CheckStatus status = !failures.isEmpty() ? CheckStatus.FAIL
                : !warnings.isEmpty() ? CheckStatus.WARN : CheckStatus.PASS;
        String summary = "guest " + orNone(have.get("unauthenticated")) + ", authenticated "
                + orNone(have.get("authenticated"));
        return result(ROLES, title, status, summary, details, status == CheckStatus.PASS ? ""
                : "Attach the roles the outputs file names to the identity pool (terraform apply), or regenerate "
                + "the outputs file (terraform output -json amplify_outputs)");
    }

    private static void compareRole(String which, String expected, String deployed, List<String> failures) {
        if (!Objects.equals(expected, deployed)) {
            failures.add(which + ": expected " + orNone(expected) + " (outputs file), deployed " + orNone(deployed));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // role-grants

    private CheckResult roleGrants(IamClient iam) {
        String title = "Role grants (appsync:GraphQL)";
        String apiArn = apiArn();
        if (apiArn == null) {
            return result(GRANTS, title, CheckStatus.SKIPPED, "the API's ARN is unknown (no API, no account)",
                    List.of(), "Fix the caller identity and API checks first");
        }
        Set<String> schemaFields = new LinkedHashSet<>();
        schema.policy().types().forEach((type, access) -> access.fields().keySet()
                .forEach(field -> schemaFields.add("types/" + type + "/fields/" + field)));

        Map<String, String> roles = new LinkedHashMap<>();
        if (outputs.guestRoleArn() != null) {
            roles.put("guest", outputs.guestRoleArn());
        }
        if (outputs.authenticatedRoleArn() != null) {
            roles.put("authenticated", outputs.authenticatedRoleArn());
        }
        if (roles.isEmpty()) {
            return result(GRANTS, title, CheckStatus.SKIPPED, "the outputs file names no identity pool roles",
                    List.of(), "");
        }
        List<String> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> summary = new ArrayList<>();
        for (Map.Entry<String, String> role : roles.entrySet()) {
            List<String> expected = role.getKey().equals("guest") ? manifest.grants().guest()
                    : manifest.grants().authenticated();
            List<RoleGrants.PolicySource> policies;
            try {
                policies = policies(iam, roleName(role.getValue()), warnings);
            } catch (NoSuchEntityException e) {
                failures.add(role.getKey() + " role " + role.getValue() + " does not exist");
                continue;
            }
            RoleGrants.Findings findings = RoleGrants.compare(apiArn, expected, schemaFields, policies);
            findings.failures().forEach(f -> failures.add(role.getKey() + " role: " + f));
            findings.warnings().forEach(w -> warnings.add(role.getKey() + " role: " + w));
            summary.add(role.getKey() + " " + findings.granted().size() + "/" + expected.size() + " fields in "
                    + policies.size() + " polic" + (policies.size() == 1 ? "y" : "ies"));
        }
        List<String> details = new ArrayList<>(failures);
        details.addAll(warnings);
        CheckStatus status = !failures.isEmpty() ? CheckStatus.FAIL
                : !warnings.isEmpty() ? CheckStatus.WARN : CheckStatus.PASS;
        return result(GRANTS, title, status, String.join("; ", summary), details, status == CheckStatus.PASS ? ""
                : "Give each role exactly the manifest's grants: remove hand-added policies and statements, then "
                + "terraform apply (it writes one Allow of appsync:GraphQL on exact field ARNs)");
    }

    private List<RoleGrants.PolicySource> policies(IamClient iam, String roleName, List<String> notes) {
        List<RoleGrants.PolicySource> policies = new ArrayList<>();
        String marker = null;
        do {
            String token = marker;
            ListRolePoliciesResponse page = iam.listRolePolicies(r -> r.roleName(roleName).marker(token));
            for (String name : page.policyNames()) {
                String document = iam.getRolePolicy(r -> r.roleName(roleName).policyName(name)).policyDocument();
                policies.add(new RoleGrants.PolicySource("inline policy " + name,
                        RoleGrants.decodeDocument(document)));
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
                // AWS's IAM always answers this; an endpoint without managed policies (the local stack keeps
                // inline policies only) says it does not know the action.
                if ("InvalidAction".equals(code(e))) {
                    return policies;
                }
                throw e;
            }
            for (AttachedPolicy attached : page.attachedPolicies()) {
                String version = iam.getPolicy(r -> r.policyArn(attached.policyArn())).policy().defaultVersionId();
                String document = iam.getPolicyVersion(r -> r.policyArn(attached.policyArn()).versionId(version))
                        .policyVersion().document();
                policies.add(new RoleGrants.PolicySource("managed policy " + attached.policyName(),
                        RoleGrants.decodeDocument(document)));
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

    private String apiArn() {
        if (api != null && api.arn() != null) {
            return api.arn();
        }
        String owner = account != null ? account
                : accountOf(outputs.authenticatedRoleArn()).or(() -> accountOf(outputs.guestRoleArn())).orElse(null);
        return owner == null ? null
                : "arn:" + partition + ":appsync:" + region + ":" + owner + ":apis/" + outputs.apiId();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // guest-call

    private CheckResult guestCall() {
        String title = "Guest call end to end";
        if (!guestCall) {
            return result(GUEST, title, CheckStatus.SKIPPED, "turned off", List.of(), "");
        }
        if (outputs.identityPoolId() == null || !outputs.guestsEnabled()) {
            return result(GUEST, title, CheckStatus.SKIPPED, "guests are off in this environment", List.of(), "");
        }
        GuestOperations operations = GuestOperations.of(schema.appSyncSchema(), manifest, schema.policy());
        Optional<GuestOperations.Choice> allowed = operations.allowed();
        Optional<GuestOperations.Choice> denied = operations.denied();
        FieldgateConfig config = FieldgateConfig.fromOutputsJson(outputs.json());
        List<String> failures = new ArrayList<>();
        List<String> passes = new ArrayList<>();
        try (IdentityPoolCredentialsProvider guest = IdentityPoolCredentialsProvider.builder().config(config)
                .guest().build()) {
            try {
                guest.resolveCredentials();
            } catch (FieldgateException | SdkException e) {
                return result(GUEST, title, CheckStatus.FAIL, "no guest credentials: " + e.getMessage(), List.of(),
                        "Check the identity pool allows unauthenticated identities and has a guest role whose "
                        + "trust policy lets cognito-identity.amazonaws.com assume it for this pool");
            }
            passes.add("GetId and GetCredentialsForIdentity gave guest credentials");
            try (FieldgateClient client = FieldgateClient.builder().config(config)
                    .authorizer(AppSyncAuthorizer.iam(guest, region)).requestTimeout(timeout).build()) {
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
        String summary = ok ? "guest credentials" + allowed.map(a -> ", " + a.coordinate() + " answered").orElse("")
                + denied.map(d -> ", " + d.coordinate() + " refused").orElse("")
                : failures.size() + " of the guest calls did not behave as the policy says";
        return result(GUEST, title, ok ? CheckStatus.PASS : CheckStatus.FAIL, summary, details, ok ? ""
                : "Compare the guest role's grants and the deployed schema's directives with the policy (the checks "
                + "above say which differ)");
    }

    private static void callAllowed(FieldgateClient client, GuestOperations.Choice choice, List<String> passes,
            List<String> failures) {
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

    private static void callDenied(FieldgateClient client, GuestOperations.Choice choice, List<String> passes,
            List<String> failures) {
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

    // ---------------------------------------------------------------------------------------------------------------
    // plumbing

    private interface Check {
        CheckResult run();
    }

    /** Runs a check; a refusal becomes SKIPPED with why, any other AWS or network error a FAIL that says what failed. */
    private CheckResult guard(String id, String title, Check check) {
        try {
            return check.run();
        } catch (AwsServiceException e) {
            String operation = e.awsErrorDetails() == null ? null : e.awsErrorDetails().serviceName();
            if (denied(e)) {
                return result(id, title, CheckStatus.SKIPPED, "the caller may not read this: " + code(e)
                                + (operation == null ? "" : " from " + operation) + " (" + message(e) + ")",
                        List.of(), "Grant the checking principal read access (see the permissions list in "
                                + "docs/deploying.md) to run this check");
            }
            return result(id, title, CheckStatus.FAIL, (operation == null ? "" : operation + " answered ") + code(e)
                            + ": " + message(e), List.of(),
                    "Check the credentials, the region and that the outputs file belongs to this environment");
        } catch (SdkException e) {
            return result(id, title, CheckStatus.FAIL, "the call failed: " + e.getMessage(), List.of(),
                    "Check the network and the endpoints (the outputs file's custom.fieldgate.endpoints locally)");
        } catch (FieldgateException e) {
            return result(id, title, CheckStatus.FAIL, e.getMessage(), List.of(), "");
        }
    }

    static boolean denied(AwsServiceException e) {
        String code = code(e);
        return DENIED.contains(code) || code.startsWith("AccessDenied");
    }

    private static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "status " + e.statusCode()
                : e.awsErrorDetails().errorCode();
    }

    private static String message(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null ? e.getMessage()
                : e.awsErrorDetails().errorMessage();
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, String service, Region clientRegion) {
        builder.region(clientRegion).credentialsProvider(credentials)
                .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(timeout).build());
        if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClientBuilder(UrlConnectionHttpClient.builder());
        }
        Optional<URI> override = outputs.endpoint(service);
        override.ifPresent(builder::endpointOverride);
        return builder;
    }

    /** IAM is global: its endpoint and signing region belong to the partition, not to the API's region. */
    private Region iamRegion() {
        if (outputs.endpoint("iam").isPresent()) {
            return Region.of(region);
        }
        if (region.startsWith("cn-")) {
            return Region.AWS_CN_GLOBAL;
        }
        if (region.startsWith("us-gov-")) {
            return Region.AWS_US_GOV_GLOBAL;
        }
        return Region.AWS_GLOBAL;
    }

    private static Optional<String> accountOf(String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        String[] parts = arn.split(":", 6);
        return parts.length == 6 && !parts[4].isEmpty() ? Optional.of(parts[4]) : Optional.empty();
    }

    private static String orNone(String value) {
        return value == null ? "none" : value;
    }

    private static CheckResult result(String id, String title, CheckStatus status, String summary,
            List<String> details, String fix) {
        return new CheckResult(id, title, status, summary, details, fix);
    }
}
