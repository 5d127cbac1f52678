package dev.fieldgate.local.core;

import java.util.Objects;

/**
 * The local administrator's key pair: sign admin operations ({@code AdminCreateUser}, {@code ListUsers}, ...) with
 * it, as you would with IAM user credentials on AWS. Generated on first start and kept with the state; it belongs to
 * local tooling only and is never written to the outputs file. {@link #toString()} hides the secret.
 *
 * @param accessKeyId     an {@code AKIA…} key id
 * @param secretAccessKey the secret
 */
public record LocalAdminCredentials(String accessKeyId, String secretAccessKey) {

    public LocalAdminCredentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    @Override
    public String toString() {
        return "LocalAdminCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=<hidden>]";
    }
}
