package dev.fieldgate.sdk;

/** The kind of a GraphQL operation; decides whether a failed call may be retried. */
public enum OperationType {
    /** Reads; retried on 5xx, 429 and network errors. */
    QUERY,
    /** Writes; retried only when the caller marks the request idempotent. */
    MUTATION,
    /** Real-time subscriptions over AppSync's WebSocket protocol. */
    SUBSCRIPTION
}
