package dev.fieldgate.local.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;

/**
 * A token's signature is checked once and then remembered until the token expires: everything that can end a
 * token earlier still does, on the very next request, and no altered copy of a remembered token is taken for it.
 */
class VerifiedTokenReuseTest extends CognitoTestBase {

    @AfterEach
    void resetClock() {
        clock.set(Instant.now());
    }

    /** A signed-in user whose access token has already been accepted once (so its signature is remembered). */
    private AuthenticationResultType signedInAndUsed(String email) {
        signUpConfirmed(email);
        AuthenticationResultType tokens = passwordSignIn(email);
        assertThat(idp.getUser(r -> r.accessToken(tokens.accessToken())).username())
                .isNotBlank();
        return tokens;
    }

    private void assertRefused(String accessToken, String message) {
        assertThatThrownBy(() -> idp.getUser(r -> r.accessToken(accessToken)))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void anAcceptedTokenIsRefusedAfterGlobalSignOut() {
        AuthenticationResultType tokens = signedInAndUsed(newEmail());
        idp.globalSignOut(r -> r.accessToken(tokens.accessToken()));
        assertRefused(tokens.accessToken(), "Access Token has been revoked");
    }

    @Test
    void anAcceptedTokenIsRefusedOnceItsRefreshTokenIsRevoked() {
        AuthenticationResultType tokens = signedInAndUsed(newEmail());
        idp.revokeToken(r -> r.clientId(web()).token(tokens.refreshToken()));
        assertRefused(tokens.accessToken(), "Access Token has been revoked");
    }

    @Test
    void anAcceptedTokenIsRefusedOnceItsUserIsDisabled() {
        String email = newEmail();
        AuthenticationResultType tokens = signedInAndUsed(email);
        admin.adminDisableUser(r -> r.userPoolId(cognito.userPoolId()).username(email));
        assertRefused(tokens.accessToken(), "User is disabled.");
    }

    @Test
    void anAcceptedTokenIsRefusedOnceItExpires() {
        AuthenticationResultType tokens = signedInAndUsed(newEmail());
        clock.advance(Duration.ofMinutes(61));
        assertRefused(tokens.accessToken(), "Access Token has expired");
    }

    @Test
    void alteredCopiesOfAnAcceptedTokenAreRefused() {
        AuthenticationResultType tokens = signedInAndUsed(newEmail());
        String[] parts = tokens.accessToken().split("\\.", -1);
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String otherPayload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(payload.replace("\"token_use\":\"access\"", "\"token_use\":\"access\",\"x\":1")
                        .getBytes(StandardCharsets.UTF_8));
        assertRefused(parts[0] + "." + otherPayload + "." + parts[2], "Invalid Access Token");
        char last = parts[2].charAt(parts[2].length() - 2);
        String otherSignature = parts[2].substring(0, parts[2].length() - 2)
                + (last == 'A' ? 'B' : 'A')
                + parts[2].charAt(parts[2].length() - 1);
        assertRefused(parts[0] + "." + parts[1] + "." + otherSignature, "Invalid Access Token");
        // The genuine token is still accepted.
        assertThat(idp.getUser(r -> r.accessToken(tokens.accessToken())).username())
                .isNotBlank();
    }
}
