package dev.fieldgate.samples.pins;

/** The GraphQL {@code Profile}: a user's public profile, keyed by the user's sub. */
public record Profile(String owner, String displayName, String avatarUrl) {
}
