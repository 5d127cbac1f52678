package dev.fieldgate.policy;

import dev.fieldgate.policy.internal.Compilation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AppSync's own authorization layer of a schema, read from its {@code @aws_*} directives alone: which auth modes
 * may resolve each {@code Type.field}. Use it to read a schema as AppSync sees it — a deployed schema, or one
 * without Fieldgate rules — and to compare two schemas by meaning rather than text.
 */
public final class AppSyncLayer {

    private final ApiAuthorization api;
    private final Map<String, Map<String, List<ModeGrant>>> modes;

    private AppSyncLayer(ApiAuthorization api, Map<String, Map<String, List<ModeGrant>>> modes) {
        this.api = api;
        this.modes = modes;
    }

    /**
     * Reads a schema's AppSync directives (Fieldgate directives, if any, are ignored).
     *
     * @throws SchemaValidationException when the schema is not valid GraphQL or its directives are not valid for
     *                                   the API's modes
     */
    public static AppSyncLayer read(String sdl, String sourceName, ApiAuthorization api) {
        Map<String, Map<String, List<ModeGrant>>> modes = Compilation.readAppSyncLayer(sdl, sourceName, api);
        Map<String, Map<String, List<ModeGrant>>> copy = new LinkedHashMap<>();
        modes.forEach((type, fields) -> copy.put(type, Collections.unmodifiableMap(new LinkedHashMap<>(fields))));
        return new AppSyncLayer(api, Collections.unmodifiableMap(copy));
    }

    /** The same view of a compiled policy: what its generated AppSync schema should read back as. */
    public static AppSyncLayer of(AccessPolicy policy) {
        Map<String, Map<String, List<ModeGrant>>> modes = new LinkedHashMap<>();
        policy.types().forEach((type, access) -> {
            Map<String, List<ModeGrant>> fields = new LinkedHashMap<>();
            access.fields().forEach((field, fieldAccess) -> fields.put(field, fieldAccess.appsync()));
            modes.put(type, Collections.unmodifiableMap(fields));
        });
        return new AppSyncLayer(policy.api(), Collections.unmodifiableMap(modes));
    }

    public ApiAuthorization api() {
        return api;
    }

    /** Per object type, per field: the modes AppSync lets resolve it (empty: nobody). */
    public Map<String, Map<String, List<ModeGrant>>> modes() {
        return modes;
    }

    /** The modes for one field; empty when the field is not in the schema. */
    public List<ModeGrant> modes(String type, String field) {
        Map<String, List<ModeGrant>> fields = modes.get(type);
        List<ModeGrant> grants = fields == null ? null : fields.get(field);
        return grants == null ? List.of() : grants;
    }

    /** Whether AppSync lets this caller resolve the field. Anonymous callers never pass. */
    public boolean admits(Principal principal, String type, String field) {
        for (ModeGrant grant : modes(type, field)) {
            if (grant.admits(principal)) {
                return true;
            }
        }
        return false;
    }
}
