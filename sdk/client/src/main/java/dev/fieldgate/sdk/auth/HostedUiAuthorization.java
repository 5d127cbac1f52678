package dev.fieldgate.sdk.auth;

import java.net.URI;
import java.util.Objects;

/**
 * One pending hosted-UI sign-in: send the user to {@link #url()}, then hand the callback to
 * {@link CognitoHostedUi#exchange(HostedUiAuthorization, URI)}. It holds the PKCE code verifier and the state that
 * the callback must echo; keep it server-side (e.g. in the web session) and use it once. {@link #toString()} hides
 * the verifier.
 */
public final class HostedUiAuthorization {

    private final URI url;
    private final String state;
    private final String nonce;
    private final String codeVerifier;
    private final URI redirectUri;

    HostedUiAuthorization(URI url, String state, String nonce, String codeVerifier, URI redirectUri) {
        this.url = Objects.requireNonNull(url, "url");
        this.state = Objects.requireNonNull(state, "state");
        this.nonce = nonce;
        this.codeVerifier = Objects.requireNonNull(codeVerifier, "codeVerifier");
        this.redirectUri = Objects.requireNonNull(redirectUri, "redirectUri");
    }

    /** The {@code /oauth2/authorize} URL to open in the user's browser. */
    public URI url() {
        return url;
    }

    /** The {@code state} the callback must carry (it ties the callback to this sign-in). */
    public String state() {
        return state;
    }

    /** The {@code nonce} the ID token must carry, when one was requested. */
    public String nonce() {
        return nonce;
    }

    public URI redirectUri() {
        return redirectUri;
    }

    String codeVerifier() {
        return codeVerifier;
    }

    @Override
    public String toString() {
        return "HostedUiAuthorization[redirectUri=" + redirectUri + ", state=" + state + ", codeVerifier=<hidden>]";
    }
}
