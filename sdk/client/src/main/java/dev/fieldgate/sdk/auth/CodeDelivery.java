package dev.fieldgate.sdk.auth;

/**
 * Where Cognito sent a code, as it reports it (the destination is masked, e.g. {@code a***@e***}).
 *
 * @param destination   the masked address or phone number
 * @param medium        {@code EMAIL} or {@code SMS}
 * @param attributeName the attribute it verifies ({@code email}, {@code phone_number})
 */
public record CodeDelivery(String destination, String medium, String attributeName) {}
