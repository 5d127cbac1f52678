package dev.fieldgate.local.cli;

import dev.fieldgate.local.cognito.OutboxMessage;
import dev.fieldgate.local.core.RequestRecord;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The lines {@code fieldgate local} prints while it runs: one per request (time, service, caller, operation, outcome,
 * duration) and one per message the user pool "sends" (its code, the recipient masked as Cognito masks it).
 */
final class TerminalLines {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneId.systemDefault());

    private TerminalLines() {}

    /**
     * One request: {@code 21:14:03.123 graphql  user alice  query listPins  allowed  12 ms}, and under it each line
     * the resolver function logged for it.
     */
    static String request(RequestRecord r) {
        StringBuilder line = new StringBuilder()
                .append(TIME.format(r.time()))
                .append(' ')
                .append(pad(r.service(), 16))
                .append(' ')
                .append(pad(r.caller(), 24))
                .append(' ')
                .append(pad(r.operation(), 28))
                .append(' ')
                .append(pad(r.outcome(), 10))
                .append(' ')
                .append(String.format(Locale.ROOT, "%5d ms", r.durationMillis()));
        for (String logged : r.functionLines()) {
            line.append(System.lineSeparator()).append("             │ ").append(logged);
        }
        return line.toString();
    }

    /**
     * A message the user pool sent: {@code sent sign-up code 123456 to a***@e*** (user 8c0b…)}. An invitation's
     * temporary password is a password: it is never printed, the outbox has it.
     */
    static String sent(OutboxMessage m, Instant now) {
        String what = switch (m.kind()) {
            case SIGN_UP_CODE -> "sign-up code " + m.code();
            case FORGOT_PASSWORD_CODE -> "password reset code " + m.code();
            case ATTRIBUTE_VERIFICATION_CODE -> "attribute verification code " + m.code();
            case INVITATION -> "invitation with a temporary password (in the outbox)";
        };
        return TIME.format(now) + " " + pad("sent", 16) + " " + what + " to " + m.maskedDestination() + " by "
                + m.deliveryMedium() + " (user " + m.username() + ")";
    }

    private static String pad(String text, int width) {
        String value = text == null ? "-" : text;
        return value.length() >= width ? value : value + " ".repeat(width - value.length());
    }
}
