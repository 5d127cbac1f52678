package dev.fieldgate.verify;

import java.util.List;
import java.util.Objects;

/**
 * The result of one check.
 *
 * @param id      a stable identifier, e.g. {@code resolvers} (see {@link VerificationReport} for the list)
 * @param title   what was checked, for people
 * @param status  the outcome
 * @param summary what was found, in one line
 * @param details one line per difference or observation, e.g. {@code Pin.title: expected String!, deployed String}
 * @param fix     what to do about it; empty when there is nothing to do
 */
public record CheckResult(
        String id, String title, CheckStatus status, String summary, List<String> details, String fix) {

    public CheckResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(status, "status");
        summary = summary == null ? "" : summary;
        details = List.copyOf(details == null ? List.of() : details);
        fix = fix == null ? "" : fix;
    }

    public boolean failed() {
        return status == CheckStatus.FAIL;
    }
}
