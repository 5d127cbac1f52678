package dev.fieldgate.sdk.auth;

import java.util.Optional;

/**
 * The outcome of a sign-up.
 *
 * @param userConfirmed whether the user can sign in now (otherwise confirm with the code first)
 * @param userSub       the new user's {@code sub}
 * @param codeDelivery  where the confirmation code went, if one was sent
 */
public record SignUpResult(boolean userConfirmed, String userSub, Optional<CodeDelivery> codeDelivery) {}
