package dev.fieldgate.config;

import dev.fieldgate.config.internal.Checks;
import java.util.Set;

/**
 * {@code api}: the AppSync API's settings. {@code name} null means the app's name; the other defaults are AppSync's
 * (no API key, no depth limit, introspection on, no X-Ray, field logs off).
 */
public record ApiConfig(
        String name,
        boolean apiKey,
        int queryDepthLimit,
        boolean introspection,
        boolean xrayEnabled,
        String fieldLogLevel) {

    private static final Set<String> LOG_LEVELS = Set.of("NONE", "ERROR", "ALL", "INFO", "DEBUG");

    public static final ApiConfig DEFAULT = new ApiConfig(null, false, 0, true, false, "NONE");

    /** @throws ConfigException naming the key that is invalid */
    public ApiConfig {
        Checks.range(queryDepthLimit, 0, 75, "api.queryDepthLimit");
        fieldLogLevel = Checks.oneOf(fieldLogLevel == null ? "NONE" : fieldLogLevel, LOG_LEVELS, "api.fieldLogLevel");
        if (name != null && !name.matches("[A-Za-z0-9_\\- ]{1,65536}")) {
            throw new ConfigException("api.name '" + name + "' may hold letters, digits, spaces, '-' and '_' only.");
        }
    }
}
