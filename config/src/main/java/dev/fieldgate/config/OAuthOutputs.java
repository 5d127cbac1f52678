package dev.fieldgate.config;

import java.util.List;

/** {@code auth.oauth} of the outputs file: the hosted UI of the first app client. */
public record OAuthOutputs(
        List<String> identityProviders,
        String domain,
        List<String> scopes,
        List<String> redirectSignInUri,
        List<String> redirectSignOutUri,
        String responseType) {

    public OAuthOutputs {
        identityProviders = List.copyOf(identityProviders);
        scopes = List.copyOf(scopes);
        redirectSignInUri = List.copyOf(redirectSignInUri);
        redirectSignOutUri = List.copyOf(redirectSignOutUri);
    }
}
