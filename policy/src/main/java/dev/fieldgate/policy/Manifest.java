package dev.fieldgate.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The policy manifest: the contract between the schema and everything derived from it — the resolvers AppSync
 * needs, the IAM grants of the identity pool's roles, the tables, the API's auth modes and the compiled access
 * policy. Its JSON form is documented in {@code docs/manifest.md}.
 *
 * @param formatVersion the format version; {@link #read(InputStream)} refuses versions it does not know
 * @param schemaSha256  the SHA-256 of the schema source it was compiled from, hex
 * @param api           the API's auth modes
 * @param resolvers     the fields that need a Direct Lambda resolver, in schema order
 * @param grants        the identity-pool roles' {@code appsync:GraphQL} resource suffixes
 * @param tables        the DynamoDB tables the schema declares
 * @param types         the compiled access policy, by type name
 * @param subscriptions what each subscription delivers: the mutations feeding it and the fields redacted from their
 *                      responses so that no listener receives what it could not read
 */
@JsonPropertyOrder({"formatVersion", "schemaSha256", "api", "resolvers", "grants", "tables", "types", "subscriptions"})
public record Manifest(
        int formatVersion,
        String schemaSha256,
        ApiAuthorization api,
        List<Resolver> resolvers,
        Grants grants,
        List<Table> tables,
        Map<String, TypeAccess> types,
        List<Subscription> subscriptions) {

    /** The format version this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Manifest {
        Objects.requireNonNull(api, "api");
        resolvers = List.copyOf(resolvers);
        Objects.requireNonNull(grants, "grants");
        tables = List.copyOf(tables);
        types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
        subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
    }

    /** Why a field needs a resolver. */
    public enum ResolverReason {
        ROOT("root"),
        MARKED("marked"),
        FIELD_RULE("field-rule");

        private final String wireName;

        ResolverReason(String wireName) {
            this.wireName = wireName;
        }

        @com.fasterxml.jackson.annotation.JsonValue
        public String wireName() {
            return wireName;
        }

        @com.fasterxml.jackson.annotation.JsonCreator
        public static ResolverReason fromWireName(String name) {
            for (ResolverReason reason : values()) {
                if (reason.wireName.equals(name)) {
                    return reason;
                }
            }
            throw new IllegalArgumentException("unknown resolver reason '" + name + "'");
        }
    }

    /**
     * A field that needs an AppSync Direct Lambda resolver.
     *
     * @param maxBatchSize the BatchInvoke size, or {@code null} for one invocation per field
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"type", "field", "reason", "maxBatchSize"})
    public record Resolver(String type, String field, ResolverReason reason, Integer maxBatchSize) {

        public Resolver {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(reason, "reason");
        }

        /** {@code Type.field}. */
        public String coordinate() {
            return type + "." + field;
        }
    }

    /**
     * The IAM grants of the identity pool's roles, as {@code types/<Type>/fields/<field>} suffixes of the API ARN.
     */
    public record Grants(List<String> guest, List<String> authenticated) {

        public Grants {
            guest = List.copyOf(guest);
            authenticated = List.copyOf(authenticated);
        }
    }

    /** A DynamoDB key attribute: its name and DynamoDB type ({@code S}, {@code N} or {@code B}). */
    public record KeyAttribute(String name, String type) {

        public KeyAttribute {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    /** A global secondary index. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TableIndex(String name, KeyAttribute partitionKey, KeyAttribute sortKey) {

        public TableIndex {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(partitionKey, "partitionKey");
        }
    }

    /**
     * A table a schema type is stored in.
     *
     * @param type       the GraphQL type
     * @param name       the logical table name; deployments prefix it
     * @param ownerField the attribute an owner rule checks, or {@code null}
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"type", "name", "partitionKey", "sortKey", "ownerField", "indexes"})
    public record Table(
            String type,
            String name,
            KeyAttribute partitionKey,
            KeyAttribute sortKey,
            String ownerField,
            List<TableIndex> indexes) {

        public Table {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(partitionKey, "partitionKey");
            indexes = indexes == null ? List.of() : List.copyOf(indexes);
        }
    }

    /**
     * A subscription field and what reaches its listeners. AppSync sends them the response of each mutation its
     * {@code @aws_subscribe} names, resolved for the mutation's caller, without running any resolver for them; so a
     * field whose read rules admit fewer callers than may listen is answered {@code null} in those mutations'
     * responses.
     *
     * @param field     the subscription field, e.g. {@code onCreatePin}
     * @param mutations the mutation fields feeding it, e.g. {@code createPin}
     * @param redacted  {@code Type.field} coordinates answered {@code null} in those mutations' responses; each has
     *                  a resolver
     * @param ownerArguments the arguments a listener admitted only as an owner must set to its own identity, by
     *                  argument name, with the identity claim it must equal; AppSync then delivers only records whose
     *                  field of that name holds the same value
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"field", "mutations", "redacted", "ownerArguments"})
    public record Subscription(
            String field, List<String> mutations, List<String> redacted, Map<String, String> ownerArguments) {

        public Subscription {
            Objects.requireNonNull(field, "field");
            mutations = List.copyOf(mutations);
            redacted = redacted == null ? List.of() : List.copyOf(redacted);
            ownerArguments = ownerArguments == null
                    ? Map.of()
                    : Collections.unmodifiableMap(new LinkedHashMap<>(ownerArguments));
        }
    }

    /** The table of a type, if it declares one. */
    public java.util.Optional<Table> table(String type) {
        return tables.stream().filter(t -> t.type().equals(type)).findFirst();
    }

    /** The manifest as the JSON documented in {@code docs/manifest.md}. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new PolicyException("could not write the manifest as JSON", e);
        }
    }

    /** Reads a manifest, refusing a format version this code does not know. */
    public static Manifest read(InputStream json) {
        try {
            JsonNode tree = JSON.readTree(json);
            if (tree == null || !tree.isObject()) {
                throw new ManifestException(
                        "a manifest must be a JSON object; regenerate it with " + "'./fieldgate policy generate'");
            }
            JsonNode version = tree.get("formatVersion");
            if (version == null || !version.canConvertToInt() || version.intValue() != FORMAT_VERSION) {
                throw new ManifestException("manifest formatVersion " + version + " is not " + FORMAT_VERSION
                        + ", the version this Fieldgate reads; regenerate it with the same Fieldgate version");
            }
            for (String part : List.of("api", "resolvers", "grants", "tables", "types")) {
                if (!tree.hasNonNull(part)) {
                    throw new ManifestException("the manifest has no '" + part + "'; regenerate it with "
                            + "'./fieldgate policy generate'");
                }
            }
            return JSON.treeToValue(tree, Manifest.class);
        } catch (ManifestException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            throw new ManifestException("the manifest is not valid: " + e.getMessage(), e);
        }
    }

    public static Manifest read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the manifest " + file, e);
        }
    }

    /** Loads a manifest from the class path, e.g. one generated into a resolver artifact. */
    public static Manifest fromClasspath(String resource) {
        InputStream in = Thread.currentThread().getContextClassLoader() == null
                ? null
                : Thread.currentThread().getContextClassLoader().getResourceAsStream(resource);
        if (in == null) {
            in = Manifest.class.getClassLoader().getResourceAsStream(resource);
        }
        if (in == null) {
            throw new ManifestException("no manifest at class-path resource '" + resource + "'; generate it "
                    + "into the artifact with './fieldgate policy generate' or the build's policy step");
        }
        try (InputStream stream = in) {
            return read(stream);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
