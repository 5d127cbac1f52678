package dev.fieldgate.config;

import java.util.List;
import java.util.Objects;

/**
 * {@code data} of the outputs file: the GraphQL endpoint and its auth modes, with AppSync's wire names
 * ({@code AMAZON_COGNITO_USER_POOLS}, {@code AWS_IAM}, {@code API_KEY}, ...).
 */
public record DataOutputs(
        String awsRegion, String url, String defaultAuthorizationType, List<String> authorizationTypes) {

    public DataOutputs {
        Objects.requireNonNull(awsRegion, "awsRegion");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(defaultAuthorizationType, "defaultAuthorizationType");
        authorizationTypes = List.copyOf(authorizationTypes);
    }
}
