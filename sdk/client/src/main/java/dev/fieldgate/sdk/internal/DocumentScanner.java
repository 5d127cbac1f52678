package dev.fieldgate.sdk.internal;

import dev.fieldgate.sdk.OperationType;

/**
 * Finds the type of an operation in a GraphQL document without parsing it fully: only top-level tokens matter,
 * skipping comments, strings and selection sets. The server validates the document; this only decides whether a
 * request may be retried and whether it goes over HTTP or the real-time socket.
 */
public final class DocumentScanner {

    private DocumentScanner() {}

    /**
     * The type of the operation named {@code operationName} (or of the first operation when null).
     *
     * @throws IllegalArgumentException if the document has no such operation
     */
    public static OperationType operationType(String document, String operationName) {
        int depth = 0;
        int i = 0;
        int n = document.length();
        OperationType first = null;
        boolean inDefinition = false; // after a top-level keyword, until its selection set closes
        while (i < n) {
            char c = document.charAt(i);
            if (c == '#') {
                while (i < n && document.charAt(i) != '\n' && document.charAt(i) != '\r') {
                    i++;
                }
            } else if (c == '"') {
                i = skipString(document, i);
                continue;
            } else if (c == '{') {
                if (depth == 0 && !inDefinition && operationName == null) {
                    return OperationType.QUERY; // the shorthand "{ field }" is a query
                }
                depth++;
            } else if (c == '}') {
                depth = Math.max(0, depth - 1);
                if (depth == 0) {
                    inDefinition = false;
                }
            } else if (c == '(' && depth == 0) {
                i = skipParentheses(document, i);
                continue;
            } else if (depth == 0 && isNameStart(c)) {
                int start = i;
                while (i < n && isNamePart(document.charAt(i))) {
                    i++;
                }
                String keyword = document.substring(start, i);
                if (!inDefinition
                        && (keyword.equals("fragment")
                                || keyword.equals("query")
                                || keyword.equals("mutation")
                                || keyword.equals("subscription"))) {
                    inDefinition = true;
                } else {
                    continue; // a name, type or directive inside a definition's header
                }
                OperationType type = switch (keyword) {
                    case "query" -> OperationType.QUERY;
                    case "mutation" -> OperationType.MUTATION;
                    case "subscription" -> OperationType.SUBSCRIPTION;
                    default -> null;
                };
                if (type != null) {
                    String name = nameAfter(document, i);
                    if (operationName == null) {
                        return type;
                    }
                    if (operationName.equals(name)) {
                        return type;
                    }
                    if (first == null) {
                        first = type;
                    }
                }
                continue;
            }
            i++;
        }
        throw new IllegalArgumentException(
                operationName == null
                        ? "The document holds no operation; expected e.g. 'query { listPins { items { id } } }'."
                        : "The document holds no operation named '" + operationName + "'.");
    }

    private static String nameAfter(String document, int from) {
        int i = from;
        int n = document.length();
        while (i < n && (Character.isWhitespace(document.charAt(i)) || document.charAt(i) == ',')) {
            i++;
        }
        int start = i;
        while (i < n && isNamePart(document.charAt(i))) {
            i++;
        }
        return start == i ? null : document.substring(start, i);
    }

    /** Skips variable definitions, whose default values may hold braces. */
    private static int skipParentheses(String document, int i) {
        int n = document.length();
        int j = i + 1;
        while (j < n && document.charAt(j) != ')') {
            j = document.charAt(j) == '"' ? skipString(document, j) : j + 1;
        }
        return Math.min(n, j + 1);
    }

    private static int skipString(String document, int i) {
        int n = document.length();
        if (document.startsWith("\"\"\"", i)) {
            int end = document.indexOf("\"\"\"", i + 3);
            while (end > 0 && document.charAt(end - 1) == '\\') {
                end = document.indexOf("\"\"\"", end + 3);
            }
            return end < 0 ? n : end + 3;
        }
        int j = i + 1;
        while (j < n) {
            char c = document.charAt(j);
            if (c == '\\') {
                j += 2;
                continue;
            }
            if (c == '"' || c == '\n') {
                return j + 1;
            }
            j++;
        }
        return n;
    }

    private static boolean isNameStart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }
}
