package dev.fieldgate.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static final VerificationReport REPORT = new VerificationReport(
            "pins",
            "aws",
            "us-east-1",
            "abc",
            List.of(
                    new CheckResult(
                            "caller-identity", "Caller identity", CheckStatus.PASS, "account 1 as x", List.of(), ""),
                    new CheckResult(
                            "resolvers",
                            "Resolvers",
                            CheckStatus.FAIL,
                            "11 of 12 resolvers",
                            List.of("Mutation.updatePin: expected a Direct Lambda resolver, deployed none"),
                            "terraform apply"),
                    new CheckResult(
                            "api-settings",
                            "API settings",
                            CheckStatus.WARN,
                            "logging off",
                            List.of("logging: off"),
                            "turn logging on"),
                    new CheckResult(
                            "role-grants",
                            "Role grants",
                            CheckStatus.SKIPPED,
                            "the caller may not read this",
                            List.of(),
                            "grant iam:GetRolePolicy")));

    @Test
    void onlyAFailedCheckFailsTheReport() {
        assertThat(REPORT.passed()).isFalse();
        VerificationReport withoutFailure = new VerificationReport(
                "pins",
                "aws",
                "us-east-1",
                "abc",
                REPORT.checks().stream().filter(c -> !c.failed()).toList());
        assertThat(withoutFailure.passed()).isTrue();
        assertThat(REPORT.check("resolvers")).map(CheckResult::status).contains(CheckStatus.FAIL);
        assertThat(REPORT.check("nope")).isEmpty();
    }

    @Test
    void theTableHasOneMarkedLinePerCheckItsDetailsTheFixesAndASummary() {
        String table = REPORT.toTable();
        assertThat(table).startsWith("Fieldgate verify: pins (aws), API abc in us-east-1\n");
        assertThat(table.lines())
                .anyMatch(l -> l.matches("  ✓ caller-identity +Caller identity +account 1 as x"))
                .anyMatch(l -> l.matches("  ✗ resolvers +Resolvers +11 of 12 resolvers"))
                .anyMatch(l -> l.matches("  ! api-settings +API settings +logging off"))
                .anyMatch(l -> l.matches("  - role-grants +Role grants +the caller may not read this"))
                .anyMatch(l -> l.matches(" +- Mutation.updatePin: expected a Direct Lambda resolver, deployed none"))
                .anyMatch(l -> l.matches(" +fix: terraform apply"))
                .anyMatch(l -> l.matches(" +fix: grant iam:GetRolePolicy"));
        assertThat(table).endsWith("FAILED: 1 passed, 1 failed, 1 warnings, 1 skipped\n");
        assertThat(REPORT.toString()).isEqualTo(table);
    }

    @Test
    void theJsonCarriesEveryCheckInOrder() throws Exception {
        JsonNode json = new ObjectMapper().readTree(REPORT.toJson());
        assertThat(json.path("passed").asBoolean(true)).isFalse();
        assertThat(json.path("apiId").asText()).isEqualTo("abc");
        assertThat(json.path("counts").path("fail").asInt()).isEqualTo(1);
        assertThat(json.path("checks")).hasSize(4);
        JsonNode resolvers = json.path("checks").get(1);
        assertThat(resolvers.path("id").asText()).isEqualTo("resolvers");
        assertThat(resolvers.path("status").asText()).isEqualTo("FAIL");
        assertThat(resolvers.path("details").get(0).asText()).startsWith("Mutation.updatePin: expected");
        assertThat(resolvers.path("fix").asText()).isEqualTo("terraform apply");
    }

    @Test
    void reportsAreImmutable() {
        List<CheckResult> checks = new java.util.ArrayList<>(REPORT.checks());
        VerificationReport report = new VerificationReport("a", "b", "c", "d", checks);
        checks.clear();
        assertThat(report.checks()).hasSize(4);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                        () -> report.checks().clear()))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
