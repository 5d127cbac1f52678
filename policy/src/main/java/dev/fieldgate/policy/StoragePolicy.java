package dev.fieldgate.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The app's file storage as {@code fieldgate.json} declares it under {@code storage} (docs/app-config.md): buckets,
 * their paths and who may do what under each, read into immutable types, and what follows from it:
 * <ul>
 *   <li>{@link #statements(StorageRole)}: the IAM statements of the identity pool's guest and authenticated roles,
 *       on exact object patterns, the caller's own identity as {@code ${cognito-identity.amazonaws.com:sub}}, and
 *       listing limited by {@code s3:prefix};</li>
 *   <li>{@link #groups()} and {@link #statements(StorageGroup)}: a role per user-pool group that paths grant access
 *       to ({@code "groups": {"editors": ["write"]}}), holding the authenticated role's statements and the group's
 *       own;</li>
 *   <li>{@link #iamPolicyJson(StorageRole, Function)}: those statements as one policy document;</li>
 *   <li>{@link #functionStatements()}: the statements of the resolver function's execution role, for the paths declared
 *       for {@code "function"} (the URLs it presigns carry its permissions), on any identity's objects;</li>
 *   <li>{@link #grantsJson()}: the file Terraform's storage module reads ({@code storage.json});</li>
 *   <li>{@link #matrixMarkdown()}: the storage section of the access matrix.</li>
 * </ul>
 *
 * <pre>{@code
 * "storage": {
 *   "buckets": [{
 *     "name": "files",
 *     "paths": {
 *       "public/*":              {"guest": ["read"], "authenticated": ["read", "write", "delete"]},
 *       "protected/{identity}/*": {"authenticated": ["read"], "owner": ["read", "write", "delete"]},
 *       "private/{identity}/*":   {"owner": ["read", "write", "delete"]}
 *     }
 *   }],
 *   "corsOrigins": ["http://localhost:3000"]
 * }
 * }</pre>
 */
public final class StoragePolicy {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z][a-z0-9-]{1,30}");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9!_.'()-]+");
    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?");
    /** Group names that fit an IAM role name ({@code <prefix>-group-<name>}, at most 64 characters in all). */
    private static final Pattern ROLE_GROUP_NAME = Pattern.compile("[A-Za-z0-9+=,.@_-]{1,32}");

    private static final Set<String> STORAGE_KEYS = Set.of("buckets", "corsOrigins");
    private static final Set<String> BUCKET_KEYS = Set.of("name", "paths");
    /** What the outputs file puts before a group's name to name its access ({@code groupseditors}). */
    public static final String AMPLIFY_GROUP_PREFIX = "groups";

    private static final Set<String> ACCESS_KEYS = Set.of("guest", "authenticated", "owner", "groups", "function");
    private static final String FUNCTION = "function";
    private static final StoragePolicy NONE = new StoragePolicy(List.of(), List.of(), List.of(), Map.of());

    private final List<StorageBucket> buckets;
    private final List<String> corsOrigins;
    private final List<StorageGroup> groups;
    /** What the resolver function may do, by bucket name and path pattern; a path not listed gives it nothing. */
    private final Map<String, Map<String, Set<StoragePermission>>> functionAccess;

    private StoragePolicy(
            List<StorageBucket> buckets,
            List<String> corsOrigins,
            List<StorageGroup> groups,
            Map<String, Map<String, Set<StoragePermission>>> functionAccess) {
        this.buckets = List.copyOf(buckets);
        this.corsOrigins = List.copyOf(corsOrigins);
        this.groups = List.copyOf(groups);
        Map<String, Map<String, Set<StoragePermission>>> copy = new LinkedHashMap<>();
        functionAccess.forEach(
                (bucket, paths) -> copy.put(bucket, Collections.unmodifiableMap(new LinkedHashMap<>(paths))));
        this.functionAccess = Collections.unmodifiableMap(copy);
    }

    /** No storage. */
    public static StoragePolicy none() {
        return NONE;
    }

    /**
     * Reads the {@code storage} section of a {@code fieldgate.json}; {@link #none()} when the file has none.
     *
     * @throws PolicyException if the file cannot be read or the section is not valid
     */
    public static StoragePolicy fromAppConfig(Path fieldgateJson) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(fieldgateJson));
        } catch (IOException e) {
            throw new PolicyException(fieldgateJson + " cannot be read: " + e.getMessage(), e);
        }
        JsonNode storage = root == null ? null : root.get("storage");
        if (storage == null) {
            return NONE;
        }
        Map<String, Integer> userPoolGroups = new LinkedHashMap<>();
        for (JsonNode group : root.path("userPool").path("groups")) {
            if (group.path("name").isTextual()) {
                JsonNode precedence = group.get("precedence");
                userPoolGroups.put(
                        group.get("name").asText(),
                        precedence != null && precedence.canConvertToInt() ? precedence.asInt() : null);
            }
        }
        try {
            return of(storage, userPoolGroups);
        } catch (PolicyException e) {
            throw new PolicyException(fieldgateJson + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a {@code storage} section given as JSON text, for an app whose user pool declares no groups.
     *
     * @throws PolicyException naming the key at fault and what to write instead
     */
    public static StoragePolicy parse(String json) {
        return parse(json, Map.of());
    }

    /**
     * Reads a {@code storage} section given as JSON text.
     *
     * @param userPoolGroups the user pool's groups ({@code userPool.groups}): each name with its precedence, null
     *                       when it has none
     * @throws PolicyException naming the key at fault and what to write instead
     */
    public static StoragePolicy parse(String json, Map<String, Integer> userPoolGroups) {
        try {
            return of(JSON.readTree(json), userPoolGroups);
        } catch (JsonProcessingException e) {
            throw new PolicyException("storage is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static StoragePolicy of(JsonNode storage, Map<String, Integer> userPoolGroups) {
        if (storage == null || !storage.isObject()) {
            throw new PolicyException("storage must be an object with \"buckets\" (and optionally \"corsOrigins\").");
        }
        knownKeys(storage, STORAGE_KEYS, "storage");
        JsonNode bucketNodes = storage.get("buckets");
        if (bucketNodes == null || !bucketNodes.isArray() || bucketNodes.isEmpty()) {
            throw new PolicyException("storage.buckets must list at least one bucket: "
                    + "[{\"name\": \"files\", \"paths\": {\"public/*\": {\"guest\": [\"read\"]}}}].");
        }
        List<StorageBucket> buckets = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        Map<String, Map<String, Set<StoragePermission>>> functionAccess = new LinkedHashMap<>();
        Map<String, StorageGroup> granted = new LinkedHashMap<>();
        for (int i = 0; i < bucketNodes.size(); i++) {
            StorageBucket bucket =
                    bucket(bucketNodes.get(i), "storage.buckets[" + i + "]", userPoolGroups, granted, functionAccess);
            if (!names.add(bucket.name())) {
                throw new PolicyException("storage.buckets[" + i + "].name '" + bucket.name()
                        + "' is declared twice: bucket names are unique.");
            }
            buckets.add(bucket);
        }
        List<String> origins = new ArrayList<>();
        JsonNode originNodes = storage.get("corsOrigins");
        if (originNodes != null) {
            for (String origin : strings(originNodes, "storage.corsOrigins")) {
                if (!ORIGIN.matcher(origin).matches()) {
                    throw new PolicyException("storage.corsOrigins: '" + origin + "' is not an origin: write"
                            + " scheme://host[:port] with no path, e.g. https://app.example.com.");
                }
                origins.add(origin);
            }
        }
        List<StorageGroup> groups = new ArrayList<>(granted.values());
        groups.sort(Comparator.comparingInt(StorageGroup::precedence).thenComparing(StorageGroup::name));
        for (int i = 1; i < groups.size(); i++) {
            StorageGroup before = groups.get(i - 1);
            StorageGroup group = groups.get(i);
            if (before.precedence() == group.precedence()) {
                throw new PolicyException("userPool.groups: '" + before.name() + "' and '" + group.name()
                        + "' both have precedence " + group.precedence() + " and both get a storage role; Cognito then"
                        + " names neither role as a member's cognito:preferred_role, and members of both would get"
                        + " the authenticated role. Give them different precedences (lower wins).");
            }
        }
        return new StoragePolicy(buckets, origins, groups, functionAccess);
    }

    private static StorageBucket bucket(
            JsonNode node,
            String where,
            Map<String, Integer> userPoolGroups,
            Map<String, StorageGroup> granted,
            Map<String, Map<String, Set<StoragePermission>>> functionAccess) {
        if (!node.isObject()) {
            throw new PolicyException(where + " must be an object with \"name\" and \"paths\".");
        }
        knownKeys(node, BUCKET_KEYS, where);
        JsonNode name = node.get("name");
        if (name == null
                || !name.isTextual()
                || !BUCKET_NAME.matcher(name.asText()).matches()) {
            throw new PolicyException(where + ".name must match [a-z][a-z0-9-]{1,30} (the physical bucket is named"
                    + " <app>-<environment>-<name>-<account>).");
        }
        JsonNode paths = node.get("paths");
        if (paths == null || !paths.isObject() || paths.isEmpty()) {
            throw new PolicyException(where + ".paths must declare at least one path, e.g."
                    + " {\"public/*\": {\"guest\": [\"read\"]}}.");
        }
        List<StoragePath> declared = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : paths.properties()) {
            String at = where + ".paths['" + field.getKey() + "']";
            declared.add(path(field.getKey(), field.getValue(), at, userPoolGroups, granted));
            Set<StoragePermission> function = field.getValue().isObject()
                    ? permissions(field.getValue().get(FUNCTION), at + "." + FUNCTION)
                    : Set.of();
            if (!function.isEmpty()) {
                functionAccess
                        .computeIfAbsent(name.asText(), b -> new LinkedHashMap<>())
                        .put(field.getKey(), Collections.unmodifiableSet(EnumSet.copyOf(function)));
            }
        }
        for (StoragePath a : declared) {
            for (StoragePath b : declared) {
                String base = a.prefix().contains(StoragePath.IDENTITY_TOKEN)
                        ? a.prefix().substring(0, a.prefix().indexOf(StoragePath.IDENTITY_TOKEN))
                        : a.prefix();
                if (!a.pattern().equals(b.pattern())
                        && b.prefix().startsWith(base)
                        && b.prefix().length() > a.prefix().length()) {
                    throw new PolicyException(where + ".paths: '" + b.pattern() + "' lies inside '" + a.pattern()
                            + "': listing and reading '" + a.pattern() + "' would reach it too. Give each path its own"
                            + " top-level prefix.");
                }
            }
        }
        return new StorageBucket(name.asText(), declared);
    }

    private static StoragePath path(
            String pattern,
            JsonNode access,
            String where,
            Map<String, Integer> userPoolGroups,
            Map<String, StorageGroup> granted) {
        if (pattern.startsWith("/") || !pattern.endsWith("/*")) {
            throw new PolicyException(where + ": a path is a prefix ending in /* with no leading slash, e.g."
                    + " public/* or private/{identity}/*.");
        }
        String[] segments = pattern.substring(0, pattern.length() - 2).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.equals(StoragePath.IDENTITY_TOKEN)) {
                if (i != segments.length - 1 || i == 0) {
                    throw new PolicyException(where + ": {identity} may only be the last segment before /*, after a"
                            + " prefix of its own, e.g. private/{identity}/*.");
                }
            } else if (!SEGMENT.matcher(segment).matches()) {
                throw new PolicyException(where + ": the segment '" + segment + "' may hold letters, digits and"
                        + " !_.'()- only (or be {identity}).");
            }
        }
        if (!access.isObject()) {
            throw new PolicyException(where + " must be an object such as {\"guest\": [\"read\"]}.");
        }
        knownKeys(access, ACCESS_KEYS, where);
        Map<String, Set<StoragePermission>> groups = groups(access.get("groups"), where + ".groups", userPoolGroups);
        groups.forEach(
                (group, permissions) -> granted.putIfAbsent(group, new StorageGroup(group, userPoolGroups.get(group))));
        Set<StoragePermission> guest = permissions(access.get("guest"), where + ".guest");
        Set<StoragePermission> authenticated = permissions(access.get("authenticated"), where + ".authenticated");
        Set<StoragePermission> owner = permissions(access.get("owner"), where + ".owner");
        boolean perIdentity = pattern.contains(StoragePath.IDENTITY_TOKEN);
        if (!owner.isEmpty() && !perIdentity) {
            throw new PolicyException(
                    where + ".owner: only a path with {identity} has an owner, e.g." + " private/{identity}/*.");
        }
        if (perIdentity && owner.isEmpty()) {
            throw new PolicyException(where + ": a path with {identity} is its owner's: give \"owner\" access.");
        }
        if (guest.isEmpty()
                && authenticated.isEmpty()
                && owner.isEmpty()
                && groups.isEmpty()
                && permissions(access.get(FUNCTION), where + "." + FUNCTION).isEmpty()) {
            throw new PolicyException(
                    where + " grants nothing: give guest, authenticated, owner, groups or function access.");
        }
        return new StoragePath(pattern, guest, authenticated, owner, groups);
    }

    private static Map<String, Set<StoragePermission>> groups(
            JsonNode node, String where, Map<String, Integer> userPoolGroups) {
        Map<String, Set<StoragePermission>> groups = new LinkedHashMap<>();
        if (node == null) {
            return groups;
        }
        if (!node.isObject()) {
            throw new PolicyException(where + " must map user-pool group names to permissions, e.g."
                    + " {\"editors\": [\"read\", \"write\"]}.");
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String group = entry.getKey();
            String at = where + "." + group;
            if (!userPoolGroups.containsKey(group)) {
                throw new PolicyException(at + ": there is no group '" + group + "' in userPool.groups"
                        + (userPoolGroups.isEmpty() ? "" : " " + new TreeSet<>(userPoolGroups.keySet()))
                        + "; declare it there (with a precedence) or grant one of the declared groups.");
            }
            if (!ROLE_GROUP_NAME.matcher(group).matches()) {
                throw new PolicyException(at + ": a group with storage access gets an IAM role named"
                        + " <prefix>-group-" + group + ", so its name may hold only letters, digits and +=,.@_-"
                        + " and at most 32 of them; rename the group.");
            }
            if (userPoolGroups.get(group) == null) {
                throw new PolicyException(at + ": the group has no precedence in userPool.groups; give it one (0 or"
                        + " more, lower wins): Cognito names the role of a member's group with the lowest precedence"
                        + " as the member's cognito:preferred_role, and the identity pool hands out that role.");
            }
            Set<StoragePermission> permissions = permissions(entry.getValue(), at);
            if (permissions.isEmpty()) {
                throw new PolicyException(
                        at + " grants nothing: list read, get, list, write or delete, or remove" + " the group.");
            }
            groups.put(group, permissions);
        }
        return groups;
    }

    private static Set<StoragePermission> permissions(JsonNode node, String where) {
        Set<StoragePermission> all = EnumSet.noneOf(StoragePermission.class);
        if (node == null) {
            return all;
        }
        for (String word : strings(node, where)) {
            try {
                all.addAll(StoragePermission.parse(word));
            } catch (PolicyException e) {
                throw new PolicyException(where + ": " + e.getMessage(), e);
            }
        }
        return all;
    }

    private static List<String> strings(JsonNode node, String where) {
        if (!node.isArray()) {
            throw new PolicyException(where + " must be a list of strings.");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new PolicyException(where + " must be a list of strings.");
            }
            values.add(item.asText());
        }
        return values;
    }

    private static void knownKeys(JsonNode node, Set<String> known, String where) {
        node.fieldNames().forEachRemaining(key -> {
            if (!known.contains(key)) {
                throw new PolicyException(
                        where + ": unknown key '" + key + "'; the keys are " + new TreeSet<>(known) + ".");
            }
        });
    }

    /** The declared buckets, in declaration order. */
    public List<StorageBucket> buckets() {
        return buckets;
    }

    /** One bucket by its declared name. */
    public Optional<StorageBucket> bucket(String name) {
        return buckets.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    /** The origins web clients may call the buckets from (CORS); empty: none declared. */
    public List<String> corsOrigins() {
        return corsOrigins;
    }

    /**
     * What the resolver function may do under {@code path} of {@code bucket} ({@code "function"} in the path's
     * access): empty when the path is not declared for the function, which then gets nothing there.
     */
    public Set<StoragePermission> functionAccess(StorageBucket bucket, StoragePath path) {
        return functionAccess.getOrDefault(bucket.name(), Map.of()).getOrDefault(path.pattern(), Set.of());
    }

    /**
     * The statements of the resolver function's execution role: per bucket, one statement per object action on
     * exactly the patterns declared for {@code "function"} (an {@code {identity}} segment as any identity, since the
     * function acts for every caller), and one {@code s3:ListBucket} limited to their prefixes. Empty when no path is
     * declared for the function: it then gets no S3 access at all.
     */
    public List<StorageStatement> functionStatements() {
        List<StorageStatement> statements = new ArrayList<>();
        for (StorageBucket bucket : buckets) {
            Map<String, Set<String>> objectsByAction = new LinkedHashMap<>();
            Set<String> prefixes = new LinkedHashSet<>();
            for (StoragePath path : bucket.paths()) {
                grant(objectsByAction, prefixes, functionAccess(bucket, path), path.anyIdentityPattern());
            }
            addStatements(statements, bucket, objectsByAction, prefixes);
        }
        return List.copyOf(statements);
    }

    /** Whether anything is declared. */
    public boolean isEmpty() {
        return buckets.isEmpty();
    }

    /**
     * The statements {@code role} is granted: per bucket, one statement per object action on exactly the declared
     * patterns, and one {@code s3:ListBucket} limited to the declared prefixes. Empty when the role gets nothing.
     */
    public List<StorageStatement> statements(StorageRole role) {
        return statements(path -> path.permissions(role), role == StorageRole.AUTHENTICATED);
    }

    /**
     * The groups that paths grant access to, each with a role of its own, lowest precedence first; empty when no path
     * names a group.
     */
    public List<StorageGroup> groups() {
        return groups;
    }

    /** One of {@link #groups()} by name. */
    public Optional<StorageGroup> group(String name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /**
     * The statements of a group's role: the authenticated role's (every signed-in user's grants, each member's own
     * {@code {identity}} paths) merged with the group's own grants, per bucket and action as for the other roles.
     */
    public List<StorageStatement> statements(StorageGroup group) {
        return statements(path -> path.forGroup(group.name()), true);
    }

    private List<StorageStatement> statements(
            Function<StoragePath, Set<StoragePermission>> anyIdentity, boolean withOwner) {
        List<StorageStatement> statements = new ArrayList<>();
        for (StorageBucket bucket : buckets) {
            Map<String, Set<String>> objectsByAction = new LinkedHashMap<>();
            Set<String> prefixes = new LinkedHashSet<>();
            for (StoragePath path : bucket.paths()) {
                Set<StoragePermission> everyone = anyIdentity.apply(path);
                grant(objectsByAction, prefixes, everyone, path.anyIdentityPattern());
                if (withOwner) {
                    // What the role may do under any identity needs no grant of its own for the owner.
                    Set<StoragePermission> ownerOnly = EnumSet.noneOf(StoragePermission.class);
                    ownerOnly.addAll(path.owner());
                    ownerOnly.removeAll(everyone);
                    grant(objectsByAction, prefixes, ownerOnly, path.ownerPattern());
                }
            }
            addStatements(statements, bucket, objectsByAction, prefixes);
        }
        return List.copyOf(statements);
    }

    private static void addStatements(
            List<StorageStatement> statements,
            StorageBucket bucket,
            Map<String, Set<String>> objectsByAction,
            Set<String> prefixes) {
        {
            String bucketSid = sidPart(bucket.name());
            for (StoragePermission permission : StoragePermission.values()) {
                if (permission == StoragePermission.LIST) {
                    continue;
                }
                for (String action : permission.actions()) {
                    Set<String> objects = objectsByAction.get(action);
                    if (objects != null) {
                        statements.add(new StorageStatement(
                                sidPart(action.substring(3)) + bucketSid,
                                bucket.name(),
                                List.of(action),
                                List.copyOf(objects),
                                List.of()));
                    }
                }
            }
            if (!prefixes.isEmpty()) {
                statements.add(new StorageStatement(
                        "ListBucket" + bucketSid,
                        bucket.name(),
                        List.of("s3:ListBucket"),
                        List.of(),
                        List.copyOf(prefixes)));
            }
        }
    }

    private static void grant(
            Map<String, Set<String>> objectsByAction,
            Set<String> prefixes,
            Set<StoragePermission> permissions,
            String pattern) {
        for (StoragePermission permission : permissions) {
            if (permission == StoragePermission.LIST) {
                // The prefix itself (listing "public/") and anything below it ("public/photos/").
                prefixes.add(pattern.substring(0, pattern.length() - 1));
                prefixes.add(pattern);
            } else {
                for (String action : permission.actions()) {
                    objectsByAction
                            .computeIfAbsent(action, a -> new LinkedHashSet<>())
                            .add(pattern);
                }
            }
        }
    }

    private static String sidPart(String name) {
        StringBuilder sid = new StringBuilder();
        boolean upper = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                sid.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        return sid.toString();
    }

    /**
     * The role's storage grants as one IAM policy document, as Terraform's storage module renders it.
     *
     * @param bucketArn the physical bucket's ARN for a declared bucket name ({@code arn:aws:s3:::<physical>})
     * @return the document, or empty when the role is granted nothing
     */
    public Optional<String> iamPolicyJson(StorageRole role, Function<String, String> bucketArn) {
        return policyJson(statements(role), bucketArn);
    }

    /**
     * A group role's storage grants as one IAM policy document ({@link #statements(StorageGroup)}).
     *
     * @return the document, or empty when the role is granted nothing
     */
    public Optional<String> iamPolicyJson(StorageGroup group, Function<String, String> bucketArn) {
        return policyJson(statements(group), bucketArn);
    }

    /**
     * The resolver function's storage grants ({@link #functionStatements()}) as one IAM policy document, as Terraform
     * attaches it to the function's execution role.
     *
     * @return the document, or empty when no path is declared for the function
     */
    public Optional<String> functionPolicyJson(Function<String, String> bucketArn) {
        return policyJson(functionStatements(), bucketArn);
    }

    private static Optional<String> policyJson(List<StorageStatement> statements, Function<String, String> bucketArn) {
        if (statements.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("Version", "2012-10-17");
        ArrayNode list = root.putArray("Statement");
        for (StorageStatement s : statements) {
            ObjectNode statement = list.addObject();
            statement.put("Sid", s.sid());
            statement.put("Effect", "Allow");
            ArrayNode actions = statement.putArray("Action");
            s.actions().forEach(actions::add);
            String arn = bucketArn.apply(s.bucket());
            if (s.isListing()) {
                statement.putArray("Resource").add(arn);
                ArrayNode prefixes =
                        statement.putObject("Condition").putObject("StringLike").putArray("s3:prefix");
                s.listPrefixes().forEach(prefixes::add);
            } else {
                ArrayNode resources = statement.putArray("Resource");
                s.objects().forEach(o -> resources.add(arn + "/" + o));
            }
        }
        return Optional.of(write(root));
    }

    /**
     * The file Terraform's storage module reads ({@code storage.json}, written by {@code fieldgate policy generate
     * --config}): the buckets with their paths in Amplify's outputs form, the CORS origins, each role's
     * statements with object patterns relative to the bucket, and {@code groupRoles}: per group with a role, its
     * precedence and its role's statements (the authenticated role's and the group's own).
     */
    public String grantsJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode bucketList = root.putArray("buckets");
        for (StorageBucket bucket : buckets) {
            ObjectNode b = bucketList.addObject();
            b.put("name", bucket.name());
            b.set("paths", amplifyPaths(bucket));
        }
        ArrayNode origins = root.putArray("corsOrigins");
        corsOrigins.forEach(origins::add);
        ObjectNode byRole = root.putObject("statements");
        for (StorageRole role : StorageRole.values()) {
            statementsJson(byRole.putArray(role == StorageRole.GUEST ? "guest" : "authenticated"), statements(role));
        }
        ObjectNode groupRoles = root.putObject("groupRoles");
        for (StorageGroup group : groups) {
            ObjectNode g = groupRoles.putObject(group.name());
            g.put("precedence", group.precedence());
            statementsJson(g.putArray("statements"), statements(group));
        }
        statementsJson(byRole.putArray(FUNCTION), functionStatements());
        return write(root);
    }

    private static void statementsJson(ArrayNode list, List<StorageStatement> statements) {
        for (StorageStatement s : statements) {
            ObjectNode statement = list.addObject();
            statement.put("sid", s.sid());
            statement.put("bucket", s.bucket());
            ArrayNode actions = statement.putArray("actions");
            s.actions().forEach(actions::add);
            ArrayNode objects = statement.putArray("objects");
            s.objects().forEach(objects::add);
            ArrayNode prefixes = statement.putArray("listPrefixes");
            s.listPrefixes().forEach(prefixes::add);
        }
    }

    /**
     * A bucket's paths as Amplify's outputs file lists them ({@code storage.buckets[].paths}): the identity token
     * as {@code {entity_id}}, access per {@code guest}, {@code authenticated}, {@code entityidentity} and, per
     * user-pool group granted the path, {@code groups<name>} (the word {@code groups} and the group's name as
     * declared, holding the group's own grant; what every signed-in user may do stays under
     * {@code authenticated}), in Amplify's words ({@code get}, {@code list}, {@code write}, {@code delete}). A path
     * only the resolver function may use is no client's, and is left out.
     */
    public static ObjectNode amplifyPaths(StorageBucket bucket) {
        ObjectNode paths = JsonNodeFactory.instance.objectNode();
        amplifyAccess(bucket).forEach((pattern, access) -> {
            ObjectNode who = paths.putObject(pattern);
            access.forEach((caller, words) -> words.forEach(who.putArray(caller)::add));
        });
        return paths;
    }

    /** {@link #amplifyPaths(StorageBucket)} as maps: pattern to caller key to Amplify's words, in order. */
    public static Map<String, Map<String, List<String>>> amplifyAccess(StorageBucket bucket) {
        Map<String, Map<String, List<String>>> paths = new LinkedHashMap<>();
        for (StoragePath path : bucket.paths()) {
            Map<String, List<String>> access = new LinkedHashMap<>();
            words(access, "guest", path.guest());
            words(access, "authenticated", path.authenticated());
            words(access, "entityidentity", path.owner());
            path.groups().forEach((group, permissions) -> words(access, AMPLIFY_GROUP_PREFIX + group, permissions));
            if (!access.isEmpty()) {
                paths.put(
                        path.pattern().replace(StoragePath.IDENTITY_TOKEN, StoragePath.AMPLIFY_ENTITY_TOKEN),
                        Collections.unmodifiableMap(access));
            }
        }
        return Collections.unmodifiableMap(paths);
    }

    private static void words(Map<String, List<String>> access, String who, Set<StoragePermission> permissions) {
        if (!permissions.isEmpty()) {
            access.put(who, permissions.stream().map(StoragePermission::word).toList());
        }
    }

    /** The storage section of the access matrix, in Markdown: one row per bucket path, one column per caller. */
    public String matrixMarkdown() {
        if (buckets.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder();
        md.append("## Storage\n\n");
        md.append("| Bucket | Path | guest | authenticated | owner |");
        groups.forEach(g -> md.append(" group:").append(g.name()).append(" |"));
        md.append("\n|---|---|---|---|---|");
        groups.forEach(g -> md.append("---|"));
        md.append('\n');
        for (StorageBucket bucket : buckets) {
            for (StoragePath path : bucket.paths()) {
                md.append("| ")
                        .append(bucket.name())
                        .append(" | `")
                        .append(path.pattern())
                        .append("` | ")
                        .append(cell(path.guest()))
                        .append(" | ")
                        .append(cell(path.authenticated()))
                        .append(" | ")
                        .append(path.perIdentity() ? cell(path.owner()) : "—")
                        .append(" |");
                for (StorageGroup group : groups) {
                    md.append(' ').append(cell(path.forGroup(group.name()))).append(" |");
                }
                md.append('\n');
            }
        }
        md.append("\n`{identity}` is the caller's identity-pool identity id; owner access is granted with the IAM"
                + " policy variable `${cognito-identity.amazonaws.com:sub}`.\n");
        List<String> function = new ArrayList<>();
        for (StorageBucket bucket : buckets) {
            for (StoragePath path : bucket.paths()) {
                Set<StoragePermission> access = functionAccess(bucket, path);
                if (!access.isEmpty()) {
                    function.add(bucket.name() + " `" + path.pattern() + "` " + cell(access));
                }
            }
        }
        if (!function.isEmpty()) {
            md.append("\nThe resolver function may: ")
                    .append(String.join("; ", function))
                    .append(".\n");
        }
        if (!groups.isEmpty()) {
            md.append("\n`group:<name>` is a member of that user-pool group, with the group's identity-pool role: what"
                    + " every signed-in user may do (and, on their own `{identity}` paths, what the owner may do) and"
                    + " the group's own grants. A member of several such groups gets the role of the one with the"
                    + " lowest precedence (");
            List<String> order = new ArrayList<>();
            groups.forEach(g -> order.add(g.name() + " " + g.precedence()));
            md.append(String.join(", ", order)).append(").\n");
        }
        return md.toString();
    }

    private static String cell(Set<StoragePermission> permissions) {
        if (permissions.isEmpty()) {
            return "✗";
        }
        List<String> words = new ArrayList<>();
        permissions.forEach(p -> words.add(p.word()));
        return String.join(", ", words);
    }

    private static String write(ObjectNode root) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    @Override
    public String toString() {
        return "StoragePolicy[" + buckets.size() + " buckets]";
    }
}
