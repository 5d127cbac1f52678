package dev.fieldgate.local.cognito.internal.userpool;

import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code Filter} of ListUsers: {@code attribute = "value"} or {@code attribute ^= "prefix"}, ignoring case. */
final class ListUsersFilter {

    private static final Pattern FILTER =
            Pattern.compile("\\s*([\\w:]+)\\s*(=|\\^=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*");
    private static final Set<String> FILTERABLE = Set.of(
            "username",
            "email",
            "phone_number",
            "name",
            "given_name",
            "family_name",
            "preferred_username",
            "cognito:user_status",
            "status",
            "sub");

    private ListUsersFilter() {}

    /** The users a filter text selects; a blank text selects all. */
    static Predicate<UserSnapshot> parse(String text) {
        if (text.isBlank()) {
            return u -> true;
        }
        Matcher m = FILTER.matcher(text);
        if (!m.matches() || !FILTERABLE.contains(m.group(1))) {
            throw CognitoErrors.invalidParameter("Error while parsing filter.");
        }
        String attribute = m.group(1);
        boolean prefix = m.group(2).equals("^=");
        String value = m.group(3).replaceAll("\\\\(.)", "$1");
        return user -> {
            String actual = switch (attribute) {
                case "username" -> user.username();
                case "sub" -> user.sub();
                case "cognito:user_status" -> user.status().cognitoName();
                case "status" -> user.enabled() ? "Enabled" : "Disabled";
                default -> user.attribute(attribute);
            };
            if (actual == null) {
                return false;
            }
            String a = actual.toLowerCase(Locale.ROOT);
            String v = value.toLowerCase(Locale.ROOT);
            return prefix ? a.startsWith(v) : a.equals(v);
        };
    }
}
