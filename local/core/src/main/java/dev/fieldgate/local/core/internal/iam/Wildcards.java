package dev.fieldgate.local.core.internal.iam;

/**
 * IAM's wildcard matching: {@code *} matches any run of characters (including none), {@code ?} exactly one. For
 * ARNs, IAM matches each of the first five colon-separated parts on its own and the resource part as the rest, so a
 * {@code *} in the region never swallows the account.
 */
final class Wildcards {

    private Wildcards() {}

    static boolean matches(String pattern, String value) {
        // Iterative glob match with backtracking to the last star: linear in practice, no regex compilation.
        int p = 0;
        int v = 0;
        int star = -1;
        int mark = 0;
        while (v < value.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == value.charAt(v))) {
                p++;
                v++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = v;
            } else if (star >= 0) {
                p = star + 1;
                v = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    static boolean matchesArn(String pattern, String arn) {
        if (pattern.equals("*")) {
            return true;
        }
        String[] patternParts = pattern.split(":", 6);
        String[] arnParts = arn.split(":", 6);
        if (patternParts.length != 6 || arnParts.length != 6) {
            return matches(pattern, arn);
        }
        for (int i = 0; i < 6; i++) {
            if (!matches(patternParts[i], arnParts[i])) {
                return false;
            }
        }
        return true;
    }
}
