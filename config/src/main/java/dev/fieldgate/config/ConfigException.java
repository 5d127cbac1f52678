package dev.fieldgate.config;

/**
 * The app config or the outputs file is missing, unreadable or invalid. The message names the file, the key (as a
 * path such as {@code userPool.clients[web].callbackUrls}) and what to write instead. The one exception type of this
 * module.
 */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
