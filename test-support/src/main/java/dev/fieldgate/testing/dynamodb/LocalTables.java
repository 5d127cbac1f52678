package dev.fieldgate.testing.dynamodb;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A manifest's tables in DynamoDB Local under one prefix, from {@link DynamoDbLocal#createTables}. Immutable.
 */
public final class LocalTables {

    private final URI endpoint;
    private final String region;
    private final String prefix;
    private final Map<String, String> names;

    LocalTables(URI endpoint, String region, String prefix, Map<String, String> names) {
        this.endpoint = endpoint;
        this.region = region;
        this.prefix = prefix;
        this.names = Map.copyOf(names);
    }

    public URI endpoint() {
        return endpoint;
    }

    public String region() {
        return region;
    }

    /** Prepended to every logical table name, as {@code FIELDGATE_TABLE_PREFIX} is on AWS. */
    public String prefix() {
        return prefix;
    }

    /** The physical name of one of the manifest's tables, e.g. {@code Pin} → {@code PinsTest-3-Pin}. */
    public String tableName(String logicalName) {
        String name = names.get(logicalName);
        if (name == null) {
            throw new IllegalArgumentException(
                    "The manifest declares no table '" + logicalName + "'; its tables: " + names.keySet());
        }
        return name;
    }

    /** The physical names of all the manifest's tables. */
    public List<String> tableNames() {
        return List.copyOf(names.values());
    }

    /**
     * The Fieldgate environment of a function using these tables ({@code docs/resolver-contract.md}):
     * {@code FIELDGATE_TABLE_PREFIX}, {@code FIELDGATE_DYNAMODB_ENDPOINT} and {@code AWS_REGION}. The runtime reads
     * each from a system property too, so {@code environment().forEach(System::setProperty)} points an in-process
     * function at these tables.
     */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("FIELDGATE_TABLE_PREFIX", prefix);
        environment.put("FIELDGATE_DYNAMODB_ENDPOINT", endpoint.toString());
        environment.put("AWS_REGION", region);
        return environment;
    }

    @Override
    public String toString() {
        return "LocalTables[" + prefix + "*, " + endpoint + "]";
    }
}
