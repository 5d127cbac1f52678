package dev.fieldgate.config;

/** One of {@code userPool.groups}; {@code description} and {@code precedence} may be null. */
public record UserPoolGroup(String name, String description, Integer precedence) {

    /** @throws ConfigException naming the key that is invalid */
    public UserPoolGroup {
        if (name == null || !name.matches("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,128}")) {
            throw new ConfigException("userPool.groups[].name '" + name
                    + "' must be 1 to 128 characters without spaces, such as 'Admins'.");
        }
        if (precedence != null && precedence < 0) {
            throw new ConfigException(
                    "userPool.groups[" + name + "].precedence is " + precedence + "; write 0 or more (lower wins).");
        }
    }
}
