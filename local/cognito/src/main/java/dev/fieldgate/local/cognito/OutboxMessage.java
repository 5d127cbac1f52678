package dev.fieldgate.local.cognito;

import java.time.Instant;
import java.util.Objects;

/**
 * A message the local user pool "sent": instead of email or SMS it lands in the {@link LocalOutbox}.
 * {@link #toString()} hides the code.
 *
 * @param id             unique id
 * @param sentAt         when it was sent
 * @param userPoolId     the pool that sent it
 * @param username       the recipient's username (for pools that sign in by email, the internal UUID username)
 * @param destination    the email address or phone number it was addressed to
 * @param deliveryMedium {@code EMAIL} or {@code SMS}
 * @param kind           why it was sent
 * @param code           the verification code, or the temporary password of an {@link Kind#INVITATION}
 * @param subject        subject line
 * @param body           message text (contains the code, as the real message would)
 */
public record OutboxMessage(
        String id,
        Instant sentAt,
        String userPoolId,
        String username,
        String destination,
        String deliveryMedium,
        Kind kind,
        String code,
        String subject,
        String body) {

    /** Why a message was sent. */
    public enum Kind {
        /** SignUp or ResendConfirmationCode: the code for ConfirmSignUp. */
        SIGN_UP_CODE,
        /** ForgotPassword: the code for ConfirmForgotPassword. */
        FORGOT_PASSWORD_CODE,
        /** UpdateUserAttributes / GetUserAttributeVerificationCode: the code for VerifyUserAttribute. */
        ATTRIBUTE_VERIFICATION_CODE,
        /** AdminCreateUser: the invitation with a temporary password (in {@code code}). */
        INVITATION
    }

    public OutboxMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(code, "code");
    }

    /** The destination as Cognito's {@code CodeDeliveryDetails} show it: {@code a***@e***}, {@code +*******1234}. */
    public String maskedDestination() {
        return mask(destination, deliveryMedium);
    }

    /**
     * A destination as {@code CodeDeliveryDetails} shows it: the first letter of an address's local part and of its
     * domain, lower-cased, or the last four digits of a phone number.
     */
    public static String mask(String destination, String medium) {
        if (destination == null) {
            return null;
        }
        if ("SMS".equals(medium)) {
            return "+*******" + destination.substring(Math.max(0, destination.length() - 4));
        }
        int at = destination.indexOf('@');
        if (at <= 0 || at == destination.length() - 1) {
            return "***";
        }
        // Lower-cased: how the address was typed at sign-up must not show through, nor tell a user's address from
        // the one a name no user has seems to have. UNCONFIRMED: Cognito does not document the case it shows.
        return Character.toLowerCase(destination.charAt(0)) + "***@" + Character.toLowerCase(destination.charAt(at + 1))
                + "***";
    }

    @Override
    public String toString() {
        return "OutboxMessage[" + kind + " to " + destination + " (" + username + ") at " + sentAt + ", code=<hidden>]";
    }
}
