package dev.fieldgate.sdk.srp;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Locale;

/**
 * The {@code TIMESTAMP} of a Cognito password claim: {@code "EEE MMM d HH:mm:ss UTC yyyy"} in UTC with English
 * names and a day of month that is <em>not</em> zero-padded, for example {@code Tue Mar 5 09:03:07 UTC 2024}.
 * Cognito rejects a zero-padded day or a weekday that does not match the date, so parsing here is exact.
 */
public final class SrpTimestamp {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern(
                    "EEE MMM d HH:mm:ss 'UTC' uuuu", Locale.US)
            .withZone(ZoneOffset.UTC)
            .withResolverStyle(ResolverStyle.STRICT);

    private SrpTimestamp() {}

    /** Formats an instant (truncated to the second) the way Cognito clients do. */
    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /**
     * Parses a timestamp written by {@link #format(Instant)} or by a Cognito client.
     *
     * @throws SrpException if the text is not in exactly that format (zero-padded day, wrong weekday, other zone)
     */
    public static Instant parse(String timestamp) {
        if (timestamp == null) {
            throw new SrpException("TIMESTAMP is missing; expected a value like 'Tue Mar 5 09:03:07 UTC 2024'.");
        }
        Instant parsed;
        try {
            parsed = ZonedDateTime.parse(timestamp, FORMAT).toInstant();
        } catch (DateTimeException e) {
            throw new SrpException(
                    "TIMESTAMP '" + timestamp
                            + "' is not in the format 'EEE MMM d HH:mm:ss UTC yyyy' (e.g. 'Tue Mar 5 09:03:07 UTC 2024').",
                    e);
        }
        // The formatter also accepts "05" for the day; Cognito does not, so insist on the canonical spelling.
        if (!format(parsed).equals(timestamp)) {
            throw new SrpException(
                    "TIMESTAMP '" + timestamp + "' is not canonical; expected '" + format(parsed) + "'.");
        }
        return parsed;
    }
}
