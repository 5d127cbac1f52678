package dev.fieldgate.verify.internal.check;

import dev.fieldgate.verify.CheckResult;
import dev.fieldgate.verify.CheckStatus;
import dev.fieldgate.verify.internal.SchemaDiff;
import dev.fieldgate.verify.internal.VerificationContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.appsync.model.OutputType;

/** The deployed schema against the generated {@code appsync.graphql}, compared by meaning, not by text. */
final class SchemaCheck implements Check {

    @Override
    public String id() {
        return "schema";
    }

    @Override
    public String title() {
        return "Deployed schema";
    }

    @Override
    public CheckResult run(VerificationContext context) {
        Optional<String> missing = context.apiMissing();
        if (missing.isPresent()) {
            return Checks.skipped(this, missing.get());
        }
        String deployed = context.aws()
                .appSync()
                .getIntrospectionSchema(
                        r -> r.apiId(context.apiId()).format(OutputType.SDL).includeDirectives(true))
                .schema()
                .asString(StandardCharsets.UTF_8);
        List<String> differences;
        try {
            differences = SchemaDiff.compare(
                    context.schema().appSyncSchema(),
                    deployed,
                    context.manifest().api());
        } catch (SchemaDiff.SchemaReadException e) {
            return new CheckResult(
                    id(),
                    title(),
                    CheckStatus.FAIL,
                    e.getMessage(),
                    List.of(),
                    "Deploy the schema generated from the app's schema (terraform apply)");
        }
        if (differences.isEmpty()) {
            return new CheckResult(
                    id(),
                    title(),
                    CheckStatus.PASS,
                    "matches the generated appsync.graphql ("
                            + context.schema().policy().types().size() + " object types)",
                    List.of(),
                    "");
        }
        return new CheckResult(
                id(),
                title(),
                CheckStatus.FAIL,
                differences.size() + " difference" + (differences.size() == 1 ? "" : "s")
                        + " from the generated appsync.graphql",
                differences,
                "Generate and deploy again (./fieldgate policy generate, then terraform apply), or verify with the "
                        + "schema this environment was deployed from");
    }
}
