package dev.fieldgate.resolvers.dynamodb;

import dev.fieldgate.resolvers.ResolverConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Where a resolver function's tables are, from the Fieldgate environment ({@code docs/resolver-contract.md}):
 * <ul>
 *   <li>{@code FIELDGATE_TABLE_PREFIX}: prepended to every logical table name ({@code <app>-<env>-} on AWS);</li>
 *   <li>{@code FIELDGATE_DYNAMODB_ENDPOINT}: a local DynamoDB's endpoint; unset on AWS;</li>
 *   <li>{@code AWS_REGION}: set by Lambda.</li>
 * </ul>
 * Each is read from the environment first, then from a JVM system property of the same name, so the local stack can
 * run the function in-process.
 *
 * <p>Clients use the URLConnection HTTP client (the quickest to start on Lambda). Credentials: on Lambda, the
 * function's role from its environment variables; elsewhere the SDK's default chain, and — only when an endpoint
 * override points at a local DynamoDB — credentials from system properties or the environment, else fixed
 * placeholder ones.
 */
public final class DynamoDbSettings {

    public static final String TABLE_PREFIX = "FIELDGATE_TABLE_PREFIX";
    public static final String DYNAMODB_ENDPOINT = "FIELDGATE_DYNAMODB_ENDPOINT";
    public static final String REGION = "AWS_REGION";

    private final String tablePrefix;
    private final URI endpointOverride;
    private final Region region;

    private DynamoDbSettings(Builder builder) {
        this.tablePrefix = builder.tablePrefix == null ? "" : builder.tablePrefix;
        this.endpointOverride = builder.endpointOverride;
        this.region = builder.region;
    }

    /** Reads the settings from the environment, then from system properties of the same names. */
    public static DynamoDbSettings fromEnvironment() {
        return fromEnvironment(null);
    }

    static DynamoDbSettings fromEnvironment(Function<String, String> environment) {
        Builder builder = builder();
        String prefix = setting(environment, TABLE_PREFIX);
        String endpoint = setting(environment, DYNAMODB_ENDPOINT);
        String region = setting(environment, REGION);
        builder.tablePrefix(prefix);
        if (endpoint != null) {
            builder.endpointOverride(uri(endpoint));
        }
        if (region != null) {
            builder.region(Region.of(region));
        }
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The environment's value (the process environment when {@code environment} is null), else the property's. */
    private static String setting(Function<String, String> environment, String name) {
        String value = environment == null ? System.getenv(name) : environment.apply(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static URI uri(String endpoint) {
        try {
            URI uri = new URI(endpoint);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new URISyntaxException(endpoint, "needs a scheme and a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ResolverConfigurationException(
                    DYNAMODB_ENDPOINT + " is not a URL such as " + "http://localhost:8000", e);
        }
    }

    /** The prefix of every physical table name; empty when none is set. */
    public String tablePrefix() {
        return tablePrefix;
    }

    /** The local DynamoDB endpoint, if one is set. */
    public Optional<URI> endpointOverride() {
        return Optional.ofNullable(endpointOverride);
    }

    /** The region, if one is set (otherwise the SDK's own region lookup applies). */
    public Optional<Region> region() {
        return Optional.ofNullable(region);
    }

    /** The physical name of a logical table (the manifest's {@code tables[].name}): prefix + name. */
    public String tableName(String logicalName) {
        Objects.requireNonNull(logicalName, "logicalName");
        return tablePrefix + logicalName;
    }

    /** A DynamoDB client for these settings. Build one per function (at start-up) and share it. */
    public DynamoDbClient createClient() {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(credentials());
        if (region != null) {
            builder.region(region);
        } else if (endpointOverride != null) {
            // A local DynamoDB ignores the region, but the SDK insists on one.
            builder.region(Region.US_EAST_1);
        }
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride);
        }
        return builder.build();
    }

    /** The enhanced client over a client from {@link #createClient()}. */
    public DynamoDbEnhancedClient createEnhancedClient(DynamoDbClient client) {
        return DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
    }

    private AwsCredentialsProvider credentials() {
        if (System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null && endpointOverride == null) {
            // Lambda hands the role's credentials over as environment variables; skip the rest of the chain.
            return EnvironmentVariableCredentialsProvider.create();
        }
        if (endpointOverride != null) {
            // A local DynamoDB accepts any credentials whose key id is letters and digits only (DynamoDB Local 2.x);
            // never wait for instance metadata on a laptop.
            return AwsCredentialsProviderChain.builder()
                    .credentialsProviders(
                            SystemPropertyCredentialsProvider.create(),
                            EnvironmentVariableCredentialsProvider.create(),
                            StaticCredentialsProvider.create(
                                    AwsBasicCredentials.create("fieldgatelocal", "fieldgatelocal")))
                    .reuseLastProviderEnabled(true)
                    .build();
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @Override
    public String toString() {
        return "DynamoDbSettings[tablePrefix=" + tablePrefix + ", endpointOverride=" + endpointOverride + ", region="
                + region + "]";
    }

    /** Builds settings explicitly (tests, or an app with its own configuration). */
    public static final class Builder {

        private String tablePrefix;
        private URI endpointOverride;
        private Region region;

        private Builder() {}

        public Builder tablePrefix(String tablePrefix) {
            this.tablePrefix = tablePrefix;
            return this;
        }

        public Builder endpointOverride(URI endpointOverride) {
            this.endpointOverride = endpointOverride;
            return this;
        }

        public Builder region(Region region) {
            this.region = region;
            return this;
        }

        public DynamoDbSettings build() {
            return new DynamoDbSettings(this);
        }
    }
}
