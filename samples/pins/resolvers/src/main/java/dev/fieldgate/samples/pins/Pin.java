package dev.fieldgate.samples.pins;

/**
 * The GraphQL {@code Pin}, as the resolvers return it. {@code author} is not here: AppSync resolves it with the
 * {@code Pin.author} batch resolver. {@code ownerContact} is here as the parent value of the {@code Pin.ownerContact}
 * resolver, which hands it out only to the owner and to Admins.
 */
public record Pin(String id, String title, String description, String imageUrl, String owner, String ownerContact,
                  String createdAt, String updatedAt) {
}
