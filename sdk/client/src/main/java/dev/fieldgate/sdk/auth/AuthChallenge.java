package dev.fieldgate.sdk.auth;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A further step Cognito asks for before it issues tokens, e.g. {@code NEW_PASSWORD_REQUIRED} for a user an
 * administrator created. Answer it with {@link CognitoUserPoolAuth#completeNewPassword} or
 * {@link CognitoUserPoolAuth#respondToChallenge}. It carries Cognito's session string, valid for a few minutes;
 * {@link #toString()} hides it.
 */
public final class AuthChallenge {

    /** Cognito's name for the challenge of a user who must choose a new password. */
    public static final String NEW_PASSWORD_REQUIRED = "NEW_PASSWORD_REQUIRED";

    private final String name;
    private final Map<String, String> parameters;
    private final String session;
    private final String username;

    public AuthChallenge(String name, Map<String, String> parameters, String session, String username) {
        this.name = Objects.requireNonNull(name, "name");
        this.parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        this.session = session;
        this.username = Objects.requireNonNull(username, "username");
    }

    /** Cognito's challenge name ({@code NEW_PASSWORD_REQUIRED}, {@code SOFTWARE_TOKEN_MFA}, ...). */
    public String name() {
        return name;
    }

    public Map<String, String> parameters() {
        return parameters;
    }

    /** The username to answer with (Cognito's {@code USER_ID_FOR_SRP} when it sent one). */
    public String username() {
        return username;
    }

    /**
     * For {@code NEW_PASSWORD_REQUIRED}: the attributes the user must also supply (names without the
     * {@code userAttributes.} prefix).
     */
    public List<String> requiredAttributes() {
        String json = parameters.get("requiredAttributes");
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            List<String> names = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readerForListOf(String.class)
                    .readValue(json);
            return names.stream()
                    .map(n -> n.startsWith("userAttributes.") ? n.substring(15) : n)
                    .toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    String session() {
        return session;
    }

    @Override
    public String toString() {
        return "AuthChallenge[" + name + " for " + username + ", session=<hidden>]";
    }
}
