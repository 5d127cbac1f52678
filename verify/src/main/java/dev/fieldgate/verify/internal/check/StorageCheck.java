package dev.fieldgate.verify.internal.check;

import dev.fieldgate.policy.PolicyException;
import dev.fieldgate.policy.StorageGroup;
import dev.fieldgate.policy.StoragePolicy;
import dev.fieldgate.policy.StorageRole;
import dev.fieldgate.verify.CheckResult;
import dev.fieldgate.verify.CheckStatus;
import dev.fieldgate.verify.internal.RoleGrants;
import dev.fieldgate.verify.internal.StorageDrift;
import dev.fieldgate.verify.internal.StorageOutputs;
import dev.fieldgate.verify.internal.VerificationContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.appsync.AppSyncClient;
import software.amazon.awssdk.services.appsync.model.DataSource;
import software.amazon.awssdk.services.appsync.model.ListDataSourcesResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionConfiguration;

/**
 * The deployed storage is what {@code fieldgate.json}'s storage section declares: every declared bucket exists under
 * the name the outputs file gives, with its public access blocked, default encryption and a policy that refuses plain
 * HTTP; the identity pool roles allow exactly the S3 statements the policy module derives from the declaration; and so
 * does the resolver function's execution role, for the paths declared for {@code "function"} (found through the API's
 * Lambda data source: the kit names the role like the function; a role it cannot read is reported, not failed).
 */
final class StorageCheck implements Check {

    /** S3's codes for "nothing configured", which the comparison reads as absent. */
    private static final String NO_PUBLIC_ACCESS_BLOCK = "NoSuchPublicAccessBlockConfiguration";

    private static final String NO_ENCRYPTION = "ServerSideEncryptionConfigurationNotFoundError";
    private static final String NO_POLICY = "NoSuchBucketPolicy";

    @Override
    public String id() {
        return "storage";
    }

    @Override
    public String title() {
        return "Storage (buckets, S3 grants)";
    }

    @Override
    public CheckResult run(VerificationContext context) {
        if (context.appConfig().isEmpty()) {
            return Checks.skipped(
                    this,
                    context.storage().present()
                            ? "the outputs file shows deployed storage, but no fieldgate.json was given: pass --config"
                                    + " to compare the buckets and the roles' S3 statements with its declaration"
                            : "no fieldgate.json given (--config), so the storage declaration is unknown");
        }
        StoragePolicy declared;
        try {
            declared = context.appConfig().map(Checks::storage).orElse(StoragePolicy.none());
        } catch (PolicyException e) {
            return new CheckResult(
                    id(),
                    title(),
                    CheckStatus.FAIL,
                    "fieldgate.json's storage section is not valid: " + e.getMessage(),
                    List.of(),
                    "Fix the storage section (docs/app-config.md#storage)");
        }
        StorageOutputs deployed = context.storage();
        if (!declared.isEmpty()
                && context.fieldgate().isLocal()
                && context.fieldgate().endpoint("s3").isEmpty()) {
            return Checks.skipped(
                    this,
                    "this local stack serves no S3 (no s3 endpoint in custom.fieldgate.endpoints), so the "
                            + declared.buckets().size() + " declared bucket(s) cannot be checked here");
        }
        String partition = context.caller()
                .find()
                .map(VerificationContext.Caller::partition)
                .orElse("aws");
        Function<String, String> bucketArn =
                name -> "arn:" + partition + ":s3:::" + deployed.buckets().getOrDefault(name, name);

        List<String> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (!declared.isEmpty() && !deployed.present()) {
            failures.add("the outputs file has no storage section although fieldgate.json declares "
                    + declared.buckets().size() + " bucket(s)");
        }
        // A local stack's own S3 has no bucket settings (public access block, encryption, bucket policy are what the
        // Terraform module sets on AWS): there only the roles' statements are compared.
        boolean localStackBuckets = context.fieldgate().isLocal()
                && context.fieldgate().endpoint("s3").isPresent()
                && context.fieldgate().endpoint("s3").equals(context.fieldgate().endpoint("appsync"));
        int checked = 0;
        for (var bucket : declared.buckets()) {
            String physical = deployed.buckets().get(bucket.name());
            if (physical == null) {
                if (deployed.present()) {
                    failures.add("the outputs file names no bucket for the declared bucket '" + bucket.name()
                            + "' (storage.buckets[].bucket_name)");
                }
                continue;
            }
            checked++;
            if (!localStackBuckets) {
                buckets(context.aws().s3(), physical, bucketArn.apply(bucket.name()), failures, warnings);
            }
        }
        for (Map.Entry<String, String> extra : deployed.buckets().entrySet()) {
            if (declared.bucket(extra.getKey()).isEmpty()) {
                failures.add("the outputs file names the bucket '" + extra.getKey() + "' (" + extra.getValue()
                        + "), which fieldgate.json does not declare");
            }
        }

        List<String> summary = new ArrayList<>();
        summary.add(checked + " of " + declared.buckets().size() + " declared bucket(s) checked"
                + (localStackBuckets && checked > 0
                        ? " (the local stack's: statements only, no bucket settings)"
                        : ""));
        roles(context, declared, bucketArn, failures, warnings, summary);
        return Checks.outcome(
                this,
                String.join("; ", summary),
                failures,
                warnings,
                "Deploy the declaration as it is: regenerate storage.json (./fieldgate policy generate --config),"
                        + " terraform apply, and remove hand-made changes to the buckets and the roles' policies");
    }

    static void buckets(S3Client s3, String bucket, String arn, List<String> failures, List<String> warnings) {
        try {
            PublicAccessBlockConfiguration block = absentOn(
                    NO_PUBLIC_ACCESS_BLOCK,
                    () -> s3.getPublicAccessBlock(r -> r.bucket(bucket)).publicAccessBlockConfiguration());
            failures.addAll(StorageDrift.publicAccessBlock(bucket, block));
        } catch (S3Exception e) {
            if ("NoSuchBucket".equals(Checks.code(e))) {
                failures.add(bucket + " does not exist");
                return;
            }
            unanswered(e, bucket + " (GetPublicAccessBlock)", warnings);
        }
        try {
            ServerSideEncryptionConfiguration encryption = absentOn(
                    NO_ENCRYPTION,
                    () -> s3.getBucketEncryption(r -> r.bucket(bucket)).serverSideEncryptionConfiguration());
            failures.addAll(StorageDrift.encryption(bucket, encryption));
        } catch (S3Exception e) {
            unanswered(e, bucket + " (GetBucketEncryption)", warnings);
        }
        try {
            String policy = absentOn(
                    NO_POLICY, () -> s3.getBucketPolicy(r -> r.bucket(bucket)).policy());
            failures.addAll(StorageDrift.tlsOnly(bucket, arn, policy));
        } catch (S3Exception e) {
            unanswered(e, bucket + " (GetBucketPolicy)", warnings);
        }
    }

    /** The answer, or null when S3 says with {@code code} that nothing is configured. */
    private static <T> T absentOn(String code, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (S3Exception e) {
            if (code.equals(Checks.code(e))) {
                return null;
            }
            throw e;
        }
    }

    /** An endpoint that does not implement a call (an emulator) is reported, not failed; anything else propagates. */
    private static void unanswered(S3Exception e, String what, List<String> warnings) {
        String code = Checks.code(e);
        if (e.statusCode() == 501 || "NotImplemented".equals(code) || "MethodNotAllowed".equals(code)) {
            warnings.add(what + " is not answered by this endpoint (" + code + "); not compared");
            return;
        }
        throw e;
    }

    private static void roles(
            VerificationContext context,
            StoragePolicy declared,
            Function<String, String> bucketArn,
            List<String> failures,
            List<String> warnings,
            List<String> summary) {
        for (StorageRole role : StorageRole.values()) {
            String name = role == StorageRole.GUEST ? "guest" : "authenticated";
            String arn = role == StorageRole.GUEST ? context.guestRoleArn() : context.authenticatedRoleArn();
            if (arn == null) {
                if (!declared.statements(role).isEmpty()) {
                    failures.add("the storage declaration grants the " + name + " role S3 access, but the outputs"
                            + " file names no " + name + " role");
                }
                continue;
            }
            List<RoleGrants.PolicySource> policies;
            try {
                policies = RoleGrantsCheck.policies(context.aws().iam(), RoleGrantsCheck.roleName(arn));
            } catch (NoSuchEntityException e) {
                failures.add(name + " role " + arn + " does not exist");
                continue;
            }
            RoleGrants.Findings findings =
                    StorageDrift.roleStatements(name, declared.statements(role), bucketArn, policies);
            findings.failures().forEach(f -> failures.add(name + " role: " + f));
            findings.warnings().forEach(w -> warnings.add(name + " role: " + w));
            summary.add(name + " role " + findings.granted().size() + " S3 grant(s)");
        }
        // Each group's role: the authenticated role's statements and the group's own.
        for (StorageGroup group : declared.groups()) {
            String name = "group:" + group.name();
            String arn = Checks.groupRoleArn(context.authenticatedRoleArn(), group.name())
                    .orElse(null);
            if (arn == null) {
                warnings.add(name + " role: not compared, its name cannot be derived from the authenticated role "
                        + Checks.orNone(context.authenticatedRoleArn()) + " (<prefix>-authenticated)");
                continue;
            }
            List<RoleGrants.PolicySource> policies;
            try {
                policies = RoleGrantsCheck.policies(context.aws().iam(), RoleGrantsCheck.roleName(arn));
            } catch (NoSuchEntityException e) {
                failures.add(name + " role " + arn + " does not exist: the storage declaration gives the group"
                        + " access of its own");
                continue;
            }
            RoleGrants.Findings findings =
                    StorageDrift.roleStatements(name, declared.statements(group), bucketArn, policies);
            findings.failures().forEach(f -> failures.add(name + " role: " + f));
            findings.warnings().forEach(w -> warnings.add(name + " role: " + w));
            summary.add(name + " role " + findings.granted().size() + " S3 grant(s)");
        }
        functionRole(context, declared, bucketArn, failures, warnings, summary);
    }

    private static void functionRole(
            VerificationContext context,
            StoragePolicy declared,
            Function<String, String> bucketArn,
            List<String> failures,
            List<String> warnings,
            List<String> summary) {
        if (declared.isEmpty()) {
            return;
        }
        boolean declaredForFunction = !declared.functionStatements().isEmpty();
        Optional<String> function = context.apiMissing().isPresent() ? Optional.empty() : lambdaFunction(context);
        if (function.isEmpty()) {
            if (declaredForFunction) {
                warnings.add("the API's Lambda data source was not found, so the function role's S3 statements were"
                        + " not compared");
            }
            return;
        }
        List<RoleGrants.PolicySource> policies;
        try {
            // The appsync-api module and the local stack name the function's role like the function.
            policies = RoleGrantsCheck.policies(context.aws().iam(), function.get());
        } catch (AwsServiceException e) {
            // NoSuchEntity (another name than the kit gives it), or no permission to read it.
            if (declaredForFunction) {
                warnings.add("the function's role " + function.get() + " (named like the function, as the kit"
                        + " creates it) cannot be read (" + Checks.code(e) + "), so its S3 statements were not"
                        + " compared");
            }
            return;
        }
        RoleGrants.Findings findings = functionRoleFindings(declared, bucketArn, policies);
        findings.failures().forEach(f -> failures.add("function role: " + f));
        findings.warnings().forEach(w -> warnings.add("function role: " + w));
        summary.add("function role " + findings.granted().size() + " S3 grant(s)");
    }

    /** The function role's S3 statements against the declaration's function statements; nothing else is allowed. */
    static RoleGrants.Findings functionRoleFindings(
            StoragePolicy declared, Function<String, String> bucketArn, List<RoleGrants.PolicySource> policies) {
        return StorageDrift.roleStatements("function", declared.functionStatements(), bucketArn, policies);
    }

    /** The function the API's AWS_LAMBDA data source calls, by name; empty when there is none or AppSync says no. */
    private static Optional<String> lambdaFunction(VerificationContext context) {
        AppSyncClient appSync = context.aws().appSync();
        String apiId = context.apiId();
        try {
            String cursor = null;
            do {
                String token = cursor;
                ListDataSourcesResponse page =
                        appSync.listDataSources(r -> r.apiId(apiId).nextToken(token));
                for (DataSource source : page.dataSources()) {
                    if (source.lambdaConfig() != null && source.lambdaConfig().lambdaFunctionArn() != null) {
                        return functionName(source.lambdaConfig().lambdaFunctionArn());
                    }
                }
                cursor = page.nextToken();
            } while (cursor != null);
        } catch (AwsServiceException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** {@code arn:aws:lambda:<region>:<account>:function:<name>[:<alias or version>]} → the name. */
    static Optional<String> functionName(String lambdaArn) {
        String[] parts = lambdaArn.split(":", -1);
        if (parts.length < 7 || !parts[0].equals("arn") || !parts[5].equals("function") || parts[6].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parts[6]);
    }
}
