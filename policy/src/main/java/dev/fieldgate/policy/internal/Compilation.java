package dev.fieldgate.policy.internal;

import dev.fieldgate.policy.AccessPolicy;
import dev.fieldgate.policy.ApiAuthorization;
import dev.fieldgate.policy.Manifest;
import dev.fieldgate.policy.Notice;
import dev.fieldgate.policy.Principal;
import dev.fieldgate.policy.TypeAccess;
import graphql.language.Document;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One run of the compiler over one schema source. */
public final class Compilation {

    /** What a successful compilation produces. */
    public record Result(AccessPolicy policy, Manifest manifest, String appSyncSchema, List<Notice> notices) {}

    private static final Principal GUEST = Principal.iamGuest("grant-check:guest");
    private static final Principal IDENTITY_POOL_USER = Principal.iamAuthenticated("grant-check:authenticated", null);

    private Compilation() {}

    /**
     * Compiles a schema.
     *
     * @param apiOverride the API's modes when given; otherwise the schema's {@code @api}, or the kit default
     * @throws dev.fieldgate.policy.SchemaValidationException listing every problem, with lines and columns
     */
    public static Result compile(String sdl, String sourceName, ApiAuthorization apiOverride) {
        Problems problems = new Problems();
        Document author = SchemaDocuments.parseAuthorDocument(sdl, sourceName, problems);
        problems.throwIfErrors();
        SchemaDocuments.checkNoRedeclarations(author, sourceName, problems);
        problems.throwIfErrors();
        TypeDefinitionRegistry registry = SchemaDocuments.registry(author);

        ModelReader reader = new ModelReader(registry, sourceName, problems);
        ApiAuthorization written = reader.readApi();
        ApiAuthorization api =
                apiOverride != null ? apiOverride : written != null ? written : ApiAuthorization.kitDefault();
        Map<String, TypeModel> types = new LinkedHashMap<>();
        reader.readTypes().forEach(type -> types.put(type.name, type));
        // The kit's own checks first: their messages say what to write, where graphql-java's are generic.
        problems.throwIfErrors();
        SchemaDocuments.validateWithGraphQlJava(registry, sourceName, problems);
        problems.throwIfErrors();

        Validator validator = new Validator(api, reader.apiPosition, types, problems);
        validator.validate();
        List<Manifest.Table> tables = validator.readTables(reader.tableDirectives, sourceName);
        problems.throwIfErrors();
        boolean kitRules = validator.hasKitRules();
        if (!kitRules) {
            problems.info(
                    null,
                    "schema",
                    "no @auth rules anywhere: AppSync's directives alone decide every field, as for an API "
                            + "deployed without Fieldgate; the manifest grants the identity pool's roles nothing "
                            + "(give IAM callers appsync:GraphQL in a policy of your own)");
        }

        new Completion(api, types, problems).run();
        problems.throwIfErrors();
        List<Manifest.Subscription> subscriptions = new SubscriptionExposure(types, problems).subscriptions();
        problems.throwIfErrors();

        ManifestBuilder builder = new ManifestBuilder(types);
        Map<String, TypeAccess> access = builder.typeAccess();
        AccessPolicy policy = AccessPolicy.of(api, access);
        // Without kit rules nothing says which IAM callers a field is for (@aws_iam admits every IAM principal),
        // so the identity pool's roles are granted nothing: least privilege, and a policy of the app's own decides.
        boolean grantIam = kitRules && api.isEnabled(dev.fieldgate.policy.AuthMode.AWS_IAM);
        Manifest.Grants grants = new Manifest.Grants(
                grantIam ? builder.grants(policy, GUEST) : List.of(),
                grantIam ? builder.grants(policy, IDENTITY_POOL_USER) : List.of());
        Manifest manifest = new Manifest(
                Manifest.FORMAT_VERSION, sha256(sdl), api, builder.resolvers(), grants, tables, access, subscriptions);
        String appSyncSchema = new AppSyncSchemaWriter(types).write(author);
        return new Result(policy, manifest, appSyncSchema, problems.nonErrors());
    }

    /**
     * Reads only AppSync's layer: each field's effective modes from the directives as written, with the checks
     * AppSync itself would make. Fieldgate directives are read but play no part.
     */
    public static Map<String, Map<String, List<dev.fieldgate.policy.ModeGrant>>> readAppSyncLayer(
            String sdl, String sourceName, ApiAuthorization api) {
        Problems problems = new Problems();
        Document author = SchemaDocuments.parseAuthorDocument(sdl, sourceName, problems);
        problems.throwIfErrors();
        SchemaDocuments.checkNoRedeclarations(author, sourceName, problems);
        problems.throwIfErrors();
        TypeDefinitionRegistry registry = SchemaDocuments.registry(author);
        ModelReader reader = new ModelReader(registry, sourceName, problems);
        Map<String, TypeModel> types = new LinkedHashMap<>();
        reader.readTypes().forEach(type -> types.put(type.name, type));
        problems.throwIfErrors();
        SchemaDocuments.validateWithGraphQlJava(registry, sourceName, problems);
        problems.throwIfErrors();
        new Validator(api, null, types, problems).validateDirectivesOnly();
        problems.throwIfErrors();
        Map<String, Map<String, List<dev.fieldgate.policy.ModeGrant>>> result = new LinkedHashMap<>();
        for (TypeModel type : types.values()) {
            Map<String, List<dev.fieldgate.policy.ModeGrant>> fields = new LinkedHashMap<>();
            for (FieldModel field : type.fields.values()) {
                fields.put(field.name, AppSyncRules.effective(api, type, field));
            }
            result.put(type.name, fields);
        }
        return result;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
