package dev.fieldgate.verify.internal;

import dev.fieldgate.config.AppConfig;
import dev.fieldgate.config.FieldgateOutputs;
import dev.fieldgate.config.OutputsFile;
import dev.fieldgate.policy.CompiledSchema;
import dev.fieldgate.verify.CheckResult;
import dev.fieldgate.verify.VerificationReport;
import dev.fieldgate.verify.internal.check.Checks;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** One run of every check, in order, over one set of AWS clients. */
public final class Verification {

    private Verification() {}

    /**
     * Runs every check in order and reports each result.
     *
     * @param outputs an outputs file with {@code custom.fieldgate.api_id} (checked by the verifier's builder)
     */
    public static VerificationReport run(
            OutputsFile outputs,
            CompiledSchema schema,
            Optional<AppConfig> appConfig,
            AwsCredentialsProvider credentials,
            String region,
            boolean guestCall,
            Duration timeout,
            StorageOutputs storage) {
        FieldgateOutputs fieldgate = outputs.fieldgate().orElseThrow();
        try (AwsClients aws = new AwsClients(fieldgate, credentials, region, timeout)) {
            VerificationContext context =
                    VerificationContext.of(outputs, schema, appConfig, region, guestCall, timeout, aws, storage);
            List<CheckResult> results = Checks.all().stream()
                    .map(check -> Checks.guard(check, context))
                    .toList();
            return new VerificationReport(fieldgate.app(), fieldgate.environment(), region, fieldgate.apiId(), results);
        }
    }
}
