package dev.fieldgate.verify.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldgate.verify.CheckResult;
import dev.fieldgate.verify.CheckStatus;
import dev.fieldgate.verify.VerificationReport;
import java.util.Locale;

/** The report's two renderings: JSON for CI, a table for people. */
public final class ReportRendering {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportRendering() {}

    public static String json(VerificationReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("passed", report.passed());
        root.put("app", report.app());
        root.put("environment", report.environment());
        root.put("region", report.region());
        root.put("apiId", report.apiId());
        ObjectNode counts = root.putObject("counts");
        for (CheckStatus status : CheckStatus.values()) {
            counts.put(
                    status.name().toLowerCase(Locale.ROOT),
                    report.checks(status).size());
        }
        ArrayNode checks = root.putArray("checks");
        for (CheckResult check : report.checks()) {
            ObjectNode node = checks.addObject();
            node.put("id", check.id());
            node.put("title", check.title());
            node.put("status", check.status().name());
            node.put("summary", check.summary());
            ArrayNode details = node.putArray("details");
            check.details().forEach(details::add);
            node.put("fix", check.fix());
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serializes", e);
        }
    }

    public static String table(VerificationReport report) {
        StringBuilder out = new StringBuilder();
        out.append("Fieldgate verify");
        if (!report.app().isEmpty()) {
            out.append(": ").append(report.app());
            if (!report.environment().isEmpty()) {
                out.append(" (").append(report.environment()).append(')');
            }
        }
        if (!report.apiId().isEmpty()) {
            out.append(", API ").append(report.apiId());
        }
        if (!report.region().isEmpty()) {
            out.append(" in ").append(report.region());
        }
        out.append("\n\n");
        int idWidth = "check".length();
        int titleWidth = "title".length();
        for (CheckResult check : report.checks()) {
            idWidth = Math.max(idWidth, check.id().length());
            titleWidth = Math.max(titleWidth, check.title().length());
        }
        for (CheckResult check : report.checks()) {
            out.append("  ")
                    .append(check.status().symbol())
                    .append(' ')
                    .append(pad(check.id(), idWidth))
                    .append("  ")
                    .append(pad(check.title(), titleWidth))
                    .append("  ")
                    .append(check.summary())
                    .append('\n');
            String indent = " ".repeat(4 + idWidth + 2);
            for (String detail : check.details()) {
                out.append(indent).append("- ").append(detail).append('\n');
            }
            if (!check.fix().isEmpty() && check.status() != CheckStatus.PASS) {
                out.append(indent).append("fix: ").append(check.fix()).append('\n');
            }
        }
        out.append('\n')
                .append(report.passed() ? "PASSED" : "FAILED")
                .append(": ")
                .append(report.checks(CheckStatus.PASS).size())
                .append(" passed, ")
                .append(report.checks(CheckStatus.FAIL).size())
                .append(" failed, ")
                .append(report.checks(CheckStatus.WARN).size())
                .append(" warnings, ")
                .append(report.checks(CheckStatus.SKIPPED).size())
                .append(" skipped\n");
        return out.toString();
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
