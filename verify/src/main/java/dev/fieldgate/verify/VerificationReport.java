package dev.fieldgate.verify;

import dev.fieldgate.verify.internal.ReportRendering;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link EnvironmentVerifier#verify()} found: the checks in the order they ran. Immutable.
 *
 * <p>Check ids, in order: {@code caller-identity}, {@code api-settings}, {@code schema}, {@code resolvers},
 * {@code identity-pool-roles}, {@code role-grants}, {@code guest-call}.
 *
 * <pre>{@code
 * VerificationReport report = EnvironmentVerifier.builder()
 *         .outputsFile(Path.of("amplify_outputs.json"))
 *         .schemaFile(Path.of("schema.graphql"))
 *         .build()
 *         .verify();
 * assertThat(report.passed()).as(report.toTable()).isTrue();
 * }</pre>
 *
 * @param app         the app name from the outputs file ({@code custom.fieldgate.app}), or empty
 * @param environment {@code aws} or {@code local} ({@code custom.fieldgate.environment}), or empty
 * @param region      the region that was checked
 * @param apiId       the AppSync API id that was checked
 * @param checks      the checks, in order
 */
public record VerificationReport(
        String app, String environment, String region, String apiId, List<CheckResult> checks) {

    public VerificationReport {
        app = app == null ? "" : app;
        environment = environment == null ? "" : environment;
        region = region == null ? "" : region;
        apiId = apiId == null ? "" : apiId;
        checks = List.copyOf(Objects.requireNonNull(checks, "checks"));
    }

    /** True when no check failed (warnings and skipped checks do not fail a report). */
    public boolean passed() {
        return checks.stream().noneMatch(CheckResult::failed);
    }

    /** One check by id. */
    public Optional<CheckResult> check(String id) {
        return checks.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The checks with this status. */
    public List<CheckResult> checks(CheckStatus status) {
        return checks.stream().filter(c -> c.status() == status).toList();
    }

    /** The report as JSON: {@code {"passed":…,"app":…,"checks":[{"id","title","status","summary","details","fix"}]}}. */
    public String toJson() {
        return ReportRendering.json(this);
    }

    /** The report as a table for a terminal: one line per check with ✓ ✗ ! or -, its details, and a summary. */
    public String toTable() {
        return ReportRendering.table(this);
    }

    @Override
    public String toString() {
        return toTable();
    }
}
