package dev.fieldgate.local.appsync.internal;

/**
 * A resolver's answer for one field after the response mapping template: data, or an error with AppSync's
 * {@code $util.error(message, type, data, errorInfo)} arguments.
 */
record FieldOutcome(Object data, String errorType, String errorMessage, Object errorData, Object errorInfo) {

    static FieldOutcome of(Object data) {
        return new FieldOutcome(data, null, null, null, null);
    }

    static FieldOutcome error(String type, String message) {
        return new FieldOutcome(null, type, message, null, null);
    }

    boolean failed() {
        return errorMessage != null || errorType != null;
    }
}
