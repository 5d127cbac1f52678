package dev.fieldgate.local.cognito.internal.userpool;

import dev.fieldgate.local.cognito.OutboxMessage;
import dev.fieldgate.local.cognito.internal.userpool.PoolState.CodeRecord;
import dev.fieldgate.local.cognito.internal.userpool.PoolState.UserRecord;
import dev.fieldgate.local.cognito.internal.userpool.UserPool.CodeDelivery;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Verification codes: where they can go, creating one and "sending" it to the outbox, checking and consuming it
 * (only its hash is kept, compared in constant time, with a limit of attempts), and the limit of code requests.
 * A user has at most one sign-up or password-reset code and one attribute code at a time.
 */
final class VerificationCodes {

    private static final Duration SIGN_UP_CODE_VALIDITY = Duration.ofHours(24);
    private static final Duration FORGOT_PASSWORD_CODE_VALIDITY = Duration.ofHours(1);
    private static final int MAX_CODE_ATTEMPTS = 5;
    private static final int MAX_CODE_REQUESTS_PER_HOUR = 5;
    private static final String SIGN_UP = "SIGN_UP";
    private static final String FORGOT_PASSWORD = "FORGOT_PASSWORD";

    private final PoolContext pool;

    VerificationCodes(PoolContext pool) {
        this.pool = pool;
    }

    /** The first of the pool's auto-verified attributes the user has: where sign-up codes go. */
    Optional<String> autoVerifiedChannel(UserRecord user) {
        for (String attr : pool.poolConfig.autoVerifiedAttributes()) {
            if (user.attributes.get(attr) != null) {
                return Optional.of(attr);
            }
        }
        return Optional.empty();
    }

    /** The attribute a code can be delivered to: the verified email first, then a verified phone number. */
    static Optional<String> verifiedChannel(UserRecord user) {
        for (String attr : List.of("email", "phone_number")) {
            if (user.attributes.get(attr) != null && "true".equals(user.attributes.get(attr + "_verified"))) {
                return Optional.of(attr);
            }
        }
        return Optional.empty();
    }

    CodeDelivery sendSignUpCode(UserRecord user, String channel) {
        return send(user, SIGN_UP, channel, SIGN_UP_CODE_VALIDITY, OutboxMessage.Kind.SIGN_UP_CODE, true);
    }

    CodeDelivery sendForgotPasswordCode(UserRecord user, String channel) {
        return send(
                user,
                FORGOT_PASSWORD,
                channel,
                FORGOT_PASSWORD_CODE_VALIDITY,
                OutboxMessage.Kind.FORGOT_PASSWORD_CODE,
                true);
    }

    /** A code that verifies {@code email} or {@code phone_number}, sent to that attribute. */
    CodeDelivery sendAttributeCode(UserRecord user, String attributeName) {
        return send(
                user,
                attributeName,
                attributeName,
                SIGN_UP_CODE_VALIDITY,
                OutboxMessage.Kind.ATTRIBUTE_VERIFICATION_CODE,
                true);
    }

    /**
     * For a stand-in ({@link StandInUsers}): a pending sign-up code as if one had been sent, so that confirmations
     * meet the same expiry and attempt limit as a user's. Nothing is sent, and no code matches it.
     */
    CodeDelivery pretendSignUpCode(UserRecord standIn, String channel) {
        return send(standIn, SIGN_UP, channel, SIGN_UP_CODE_VALIDITY, OutboxMessage.Kind.SIGN_UP_CODE, false);
    }

    /** For a stand-in: a pending password-reset code as if one had been sent; nothing is sent, no code matches. */
    CodeDelivery pretendForgotPasswordCode(UserRecord standIn, String channel) {
        return send(
                standIn,
                FORGOT_PASSWORD,
                channel,
                FORGOT_PASSWORD_CODE_VALIDITY,
                OutboxMessage.Kind.FORGOT_PASSWORD_CODE,
                false);
    }

    /** Whether the user's pending code is a sign-up code (expired or not). */
    static boolean holdsSignUpCode(UserRecord user) {
        return user.pendingCode != null && user.pendingCode.purpose.equals(SIGN_UP);
    }

    /**
     * Creates a code and "sends" it to the outbox.
     *
     * @param channel {@code email} or {@code phone_number}: where the message goes
     * @param deliver false for a stand-in's code: kept as the hash of a random secret, sent nowhere
     */
    private CodeDelivery send(
            UserRecord user,
            String purpose,
            String channel,
            Duration validity,
            OutboxMessage.Kind kind,
            boolean deliver) {
        String code = String.format("%06d", pool.random.nextInt(1_000_000));
        CodeRecord record = new CodeRecord();
        record.purpose = purpose;
        record.codeSha256 = PoolContext.sha256Hex(deliver ? code : pool.randomToken(32));
        record.expiresMillis = pool.clock.instant().plus(validity).toEpochMilli();
        if (kind == OutboxMessage.Kind.ATTRIBUTE_VERIFICATION_CODE) {
            user.attributeCode = record;
        } else {
            user.pendingCode = record;
        }
        String destination = user.attributes.get(channel);
        String medium = channel.equals("email") ? "EMAIL" : "SMS";
        if (deliver) {
            pool.outbox.send(message(user, destination, medium, kind, code));
        }
        return new CodeDelivery(mask(destination, medium), medium, channel);
    }

    private OutboxMessage message(
            UserRecord user, String destination, String medium, OutboxMessage.Kind kind, String code) {
        String subject = switch (kind) {
            case SIGN_UP_CODE -> "Your verification code";
            case FORGOT_PASSWORD_CODE -> "Your password reset code";
            case ATTRIBUTE_VERIFICATION_CODE -> "Your verification code";
            case INVITATION -> "Your temporary password";
        };
        String body = switch (kind) {
            case FORGOT_PASSWORD_CODE -> "Your password reset code is " + code;
            default -> "Your verification code is " + code;
        };
        return new OutboxMessage(
                UUID.randomUUID().toString(),
                pool.clock.instant(),
                pool.state.poolId,
                user.username,
                destination,
                medium,
                kind,
                code,
                subject,
                body);
    }

    void consumeSignUpCode(UserRecord user, String code) {
        consume(user, SIGN_UP, code);
    }

    void consumeForgotPasswordCode(UserRecord user, String code) {
        consume(user, FORGOT_PASSWORD, code);
    }

    private void consume(UserRecord user, String purpose, String code) {
        CodeRecord pending = user.pendingCode;
        if (pending == null || !pending.purpose.equals(purpose)) {
            throw CognitoErrors.expiredCode();
        }
        check(pending, code);
        user.pendingCode = null;
    }

    void consumeAttributeCode(UserRecord user, String attributeName, String code) {
        CodeRecord pending = user.attributeCode;
        if (pending == null || !pending.purpose.equals(attributeName)) {
            throw CognitoErrors.expiredCode();
        }
        check(pending, code);
        user.attributeCode = null;
    }

    private void check(CodeRecord pending, String code) {
        if (pending.expiresMillis <= pool.clock.millis()) {
            throw CognitoErrors.expiredCode();
        }
        if (pending.failedAttempts >= MAX_CODE_ATTEMPTS) {
            throw CognitoErrors.limitExceeded();
        }
        if (code == null || !PoolContext.constantTimeEquals(PoolContext.sha256Hex(code.trim()), pending.codeSha256)) {
            pending.failedAttempts++;
            pool.persist();
            throw CognitoErrors.codeMismatch();
        }
    }

    /** At most {@value #MAX_CODE_REQUESTS_PER_HOUR} code requests per user in any hour. */
    void rateLimit(UserRecord user) {
        long now = pool.clock.millis();
        user.codeRequestsMillis.removeIf(t -> t < now - Duration.ofHours(1).toMillis());
        if (user.codeRequestsMillis.size() >= MAX_CODE_REQUESTS_PER_HOUR) {
            throw CognitoErrors.limitExceeded();
        }
        user.codeRequestsMillis.add(now);
    }

    /** The destination as {@code CodeDeliveryDetails} shows it ({@link OutboxMessage#mask}). */
    static String mask(String destination, String medium) {
        return OutboxMessage.mask(destination, medium);
    }
}
