package dev.fieldgate.sdk.auth;

import dev.fieldgate.sdk.NotAuthenticatedException;
import java.util.Optional;

/**
 * The outcome of a sign-in step: either the user is signed in (a {@link UserPoolSession}) or Cognito asks for a
 * further step (an {@link AuthChallenge}).
 */
public final class SignInResult {

    private final UserPoolSession session;
    private final AuthChallenge challenge;

    private SignInResult(UserPoolSession session, AuthChallenge challenge) {
        this.session = session;
        this.challenge = challenge;
    }

    static SignInResult signedIn(UserPoolSession session) {
        return new SignInResult(session, null);
    }

    static SignInResult challenged(AuthChallenge challenge) {
        return new SignInResult(null, challenge);
    }

    public boolean isSignedIn() {
        return session != null;
    }

    public Optional<UserPoolSession> session() {
        return Optional.ofNullable(session);
    }

    public Optional<AuthChallenge> challenge() {
        return Optional.ofNullable(challenge);
    }

    /**
     * The session.
     *
     * @throws NotAuthenticatedException (reason {@code CHALLENGE_REQUIRED}) naming the challenge, if Cognito
     *                                   asked for one
     */
    public UserPoolSession sessionOrThrow() {
        if (session == null) {
            throw new NotAuthenticatedException(
                    NotAuthenticatedException.Reason.CHALLENGE_REQUIRED,
                    "Cognito asks for another step before signing in: " + challenge.name()
                            + "; answer it with completeNewPassword(...) or respondToChallenge(...).");
        }
        return session;
    }

    @Override
    public String toString() {
        return session != null ? "SignInResult[signed in: " + session + "]" : "SignInResult[" + challenge + "]";
    }
}
