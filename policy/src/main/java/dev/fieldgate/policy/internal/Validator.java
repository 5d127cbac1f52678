package dev.fieldgate.policy.internal;

import dev.fieldgate.policy.ApiAuthorization;
import dev.fieldgate.policy.AuthMode;
import dev.fieldgate.policy.AuthRule;
import dev.fieldgate.policy.DefaultAction;
import dev.fieldgate.policy.Manifest;
import dev.fieldgate.policy.Operation;
import dev.fieldgate.policy.RootTarget;
import dev.fieldgate.policy.SchemaPosition;
import graphql.language.Directive;
import graphql.language.ObjectValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks what the schema means: auth directives against the API's modes, rules against the fields they name,
 * targets of root fields, and tables. Infers the targets of root fields that do not say theirs.
 */
final class Validator {

    private static final Set<String> STRING_SCALARS = Set.of(
            "ID",
            "String",
            "AWSEmail",
            "AWSURL",
            "AWSPhone",
            "AWSDate",
            "AWSTime",
            "AWSDateTime",
            "AWSIPAddress",
            "AWSJSON");
    private static final Set<String> NUMBER_SCALARS = Set.of("Int", "Float", "AWSTimestamp");

    private final ApiAuthorization api;
    private final SchemaPosition apiPosition;
    private final Map<String, TypeModel> types;
    private final Problems problems;

    Validator(ApiAuthorization api, SchemaPosition apiPosition, Map<String, TypeModel> types, Problems problems) {
        this.api = api;
        this.apiPosition = apiPosition;
        this.types = types;
        this.problems = problems;
    }

    void validate() {
        if (api.isMultiAuth()
                && api.defaultAuthMode() == AuthMode.AMAZON_COGNITO_USER_POOLS
                && api.userPoolDefaultAction() == DefaultAction.DENY) {
            problems.error(
                    apiPosition,
                    "schema @api",
                    "AppSync requires userPoolDefaultAction: ALLOW when the API "
                            + "has additional auth modes; set it to ALLOW (field directives and rules still deny)");
        }
        for (TypeModel type : types.values()) {
            checkDirectives(type.name, type.writtenDirectives, type.root, false);
            if (type.root && type.rules != null) {
                problems.error(
                        type.rulesPosition,
                        type.name,
                        "put @auth on each field of " + type.name
                                + " (or on the model types they return), not on the root type itself");
            }
            checkRules(type, null, type.rules);
            for (FieldModel field : type.fields.values()) {
                checkDirectives(field.coordinate(), field.writtenDirectives, type.root, true);
                checkRules(type, field, field.rules);
                checkResolverMark(field);
                if (type.root) {
                    checkOrInferTarget(field);
                } else if (field.target != null) {
                    problems.error(
                            field.performsPosition,
                            field.coordinate(),
                            "@performs belongs on root fields " + "(Query, Mutation, Subscription); remove it here");
                }
            }
        }
    }

    /** The checks AppSync makes of its own directives, for reading a schema without Fieldgate rules. */
    void validateDirectivesOnly() {
        for (TypeModel type : types.values()) {
            checkDirectives(type.name, type.writtenDirectives, type.root, false);
            for (FieldModel field : type.fields.values()) {
                checkDirectives(field.coordinate(), field.writtenDirectives, type.root, true);
            }
        }
    }

    private void checkDirectives(String subject, List<DirectiveUse> directives, boolean rootType, boolean onField) {
        for (DirectiveUse use : directives) {
            if (use.awsAuth()) {
                if (!api.isCognitoOnly()) {
                    problems.error(
                            use.position(),
                            subject,
                            "AppSync accepts @aws_auth only when user pools are the "
                                    + "API's one auth mode; write "
                                    + DirectiveUse.added(AuthMode.AMAZON_COGNITO_USER_POOLS, use.groups())
                                            .text() + " instead");
                } else if (!(rootType && onField)) {
                    problems.warning(
                            use.position(),
                            subject,
                            "AppSync ignores @aws_auth here: only @aws_auth on a "
                                    + "top-level field takes effect; use @aws_cognito_user_pools to restrict nested fields");
                }
            } else if (!api.isEnabled(use.mode())) {
                problems.error(
                        use.position(),
                        subject,
                        use.text() + " admits " + use.mode() + ", which the API "
                                + "does not enable; add it to schema @api(additionalAuthModes: [...]) or remove the directive");
            }
            if (use.groups() != null && use.groups().isEmpty()) {
                problems.error(
                        use.position(),
                        subject,
                        "cognito_groups is empty, which admits nobody; name a "
                                + "group or remove the argument to admit every user");
            }
        }
    }

    private void checkRules(TypeModel type, FieldModel field, List<AuthRule> rules) {
        if (rules == null) {
            return;
        }
        String subject = field == null ? type.name : field.coordinate();
        SchemaPosition position = field == null ? type.rulesPosition : field.rulesPosition;
        for (AuthRule rule : rules) {
            if (!api.isEnabled(rule.mode())) {
                problems.error(
                        position,
                        subject,
                        "rule " + rule.describe() + " needs " + rule.mode()
                                + ", which the API does not enable; add " + rule.mode()
                                + " to schema @api(additionalAuthModes: [...])");
            }
            if (rule.allow() == AuthRule.Strategy.OWNER) {
                if (type.root) {
                    problems.error(
                            position,
                            subject,
                            "owner rules need a record, and a root field has none; put "
                                    + "the owner rule on the model type this field returns");
                    continue;
                }
                FieldModel ownerField = type.fields.get(rule.ownerField());
                if (ownerField == null) {
                    problems.error(
                            position,
                            subject,
                            "owner rule names ownerField \"" + rule.ownerField() + "\", "
                                    + "which " + type.name + " does not have; add '" + rule.ownerField()
                                    + ": String' to "
                                    + type.name + " or set ownerField to one of: " + stringFields(type));
                } else if (!STRING_SCALARS.contains(ownerField.returnType)) {
                    problems.error(
                            position,
                            subject,
                            "ownerField \"" + rule.ownerField() + "\" is a "
                                    + ownerField.returnType
                                    + "; an owner field holds an id: make it ID or String (or a list "
                                    + "of them for several owners)");
                }
            }
        }
    }

    private void checkResolverMark(FieldModel field) {
        if (field.marked && field.owner.root) {
            problems.warning(
                    field.resolverPosition,
                    field.coordinate(),
                    "every root field gets a resolver " + "already; @resolver here changes nothing and can go");
        }
    }

    private void checkOrInferTarget(FieldModel field) {
        Operation[] allowed = allowedOperations(field.owner.name);
        if (field.target != null) {
            TypeModel target = types.get(field.target.type());
            if (target == null || !target.isModel()) {
                problems.error(
                        field.performsPosition,
                        field.coordinate(),
                        "@performs(on: \"" + field.target.type()
                                + "\") must name a type with @auth rules; models here: " + modelNames());
                field.target = null;
            } else if (allowed.length > 0 && !List.of(allowed).contains(field.target.operation())) {
                problems.error(
                        field.performsPosition,
                        field.coordinate(),
                        "a " + field.owner.name + " field cannot "
                                + field.target.operation().wireName() + "; use one of " + wireNames(allowed));
                field.target = null;
            }
            return;
        }
        if (field.rules != null) {
            return;
        }
        if (!hasKitRules()) {
            // A plain AppSync schema: no rules to infer a target for; AppSync's directives alone decide the field.
            return;
        }
        RootTarget inferred = infer(field);
        if (inferred == null) {
            problems.error(
                    field.position,
                    field.coordinate(),
                    "has no @auth rules and Fieldgate cannot tell which "
                            + "model it acts on, so nobody could call it; add @auth(rules: [...]) or "
                            + "@performs(operation: " + (allowed.length > 0 ? allowed[0].wireName() : "get")
                            + ", on: \"<Type>\")");
            return;
        }
        field.target = inferred;
    }

    /** Whether any type or field of the schema has kit rules ({@code @auth}, even an empty one). */
    boolean hasKitRules() {
        for (TypeModel type : types.values()) {
            if (type.rules != null) {
                return true;
            }
            for (FieldModel field : type.fields.values()) {
                if (field.rules != null) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Infers what a root field does from its name and return type, as Amplify's generated names read. */
    private RootTarget infer(FieldModel field) {
        String root = field.owner.name;
        TypeModel returned = types.get(field.returnType);
        if (root.equals("Query")) {
            if (returned != null && returned.isModel()) {
                return new RootTarget(returned.name, field.returnsList ? Operation.LIST : Operation.GET);
            }
            TypeModel listed = connectionOf(returned);
            if (listed != null) {
                return new RootTarget(listed.name, Operation.LIST);
            }
            return null;
        }
        if (root.equals("Subscription")) {
            if (returned != null && returned.isModel()) {
                return new RootTarget(returned.name, Operation.LISTEN);
            }
            return null;
        }
        if (root.equals("Mutation")) {
            String name = field.name;
            Operation operation = null;
            String rest = null;
            for (String[] prefix : new String[][] {
                {"create", "CREATE"},
                {"add", "CREATE"},
                {"update", "UPDATE"},
                {"edit", "UPDATE"},
                {"delete", "DELETE"},
                {"remove", "DELETE"}
            }) {
                if (name.startsWith(prefix[0])
                        && name.length() > prefix[0].length()
                        && Character.isUpperCase(name.charAt(prefix[0].length()))) {
                    operation = Operation.valueOf(prefix[1]);
                    rest = name.substring(prefix[0].length());
                    break;
                }
            }
            if (operation == null) {
                return null;
            }
            if (returned != null && returned.isModel()) {
                return new RootTarget(returned.name, operation);
            }
            TypeModel named = types.get(rest);
            if (named != null && named.isModel()) {
                return new RootTarget(named.name, operation);
            }
        }
        return null;
    }

    /** A value type holding a list of one model type, such as {@code PinConnection { items: [Pin] }}. */
    private TypeModel connectionOf(TypeModel type) {
        if (type == null || type.isModel() || type.root) {
            return null;
        }
        TypeModel found = null;
        for (FieldModel field : type.fields.values()) {
            TypeModel item = types.get(field.returnType);
            if (field.returnsList && item != null && item.isModel()) {
                if (found != null && found != item) {
                    return null;
                }
                found = item;
            }
        }
        return found;
    }

    /** Reads {@code @table} now that fields are known. */
    List<Manifest.Table> readTables(Map<TypeModel, Directive> directives, String sourceName) {
        List<Manifest.Table> tables = new ArrayList<>();
        directives.forEach((type, directive) -> {
            SchemaPosition position = SchemaDocuments.position(directive, sourceName);
            String name = RuleReader.text(ModelReader.value(directive, "name"));
            String partition = RuleReader.text(ModelReader.value(directive, "partitionKey"));
            String sort = RuleReader.text(ModelReader.value(directive, "sortKey"));
            Manifest.KeyAttribute partitionKey = key(type, partition == null ? "id" : partition, position);
            Manifest.KeyAttribute sortKey = sort == null ? null : key(type, sort, position);
            List<Manifest.TableIndex> indexes = new ArrayList<>();
            for (ObjectValue index : ModelReader.objects(ModelReader.value(directive, "indexes"))) {
                Map<String, String> values = index.getObjectFields().stream()
                        .filter(f -> RuleReader.text(f.getValue()) != null)
                        .collect(Collectors.toMap(
                                graphql.language.ObjectField::getName, f -> RuleReader.text(f.getValue())));
                Manifest.KeyAttribute indexPartition = key(type, values.get("partitionKey"), position);
                Manifest.KeyAttribute indexSort =
                        values.get("sortKey") == null ? null : key(type, values.get("sortKey"), position);
                if (values.get("name") != null && indexPartition != null) {
                    indexes.add(new Manifest.TableIndex(values.get("name"), indexPartition, indexSort));
                }
            }
            if (partitionKey != null) {
                String ownerField = type.rules == null
                        ? null
                        : type.rules.stream()
                                .filter(r -> r.allow() == AuthRule.Strategy.OWNER)
                                .map(AuthRule::ownerField)
                                .findFirst()
                                .orElse(null);
                type.table = new Manifest.Table(
                        type.name, name == null ? type.name : name, partitionKey, sortKey, ownerField, indexes);
                tables.add(type.table);
            }
        });
        return tables;
    }

    private Manifest.KeyAttribute key(TypeModel type, String fieldName, SchemaPosition position) {
        FieldModel field = fieldName == null ? null : type.fields.get(fieldName);
        if (field == null) {
            problems.error(
                    position,
                    type.name,
                    "@table names key field \"" + fieldName + "\", which " + type.name + " does not have; key fields: "
                            + stringFields(type));
            return null;
        }
        if (field.returnsList
                || !(STRING_SCALARS.contains(field.returnType) || NUMBER_SCALARS.contains(field.returnType))) {
            problems.error(
                    position,
                    type.name,
                    "key field \"" + fieldName + "\" must be a single ID, String, Int " + "or Float, not "
                            + (field.returnsList ? "a list" : field.returnType));
            return null;
        }
        return new Manifest.KeyAttribute(fieldName, NUMBER_SCALARS.contains(field.returnType) ? "N" : "S");
    }

    private static Operation[] allowedOperations(String rootName) {
        return switch (rootName) {
            case "Query" -> new Operation[] {Operation.GET, Operation.LIST};
            case "Mutation" -> new Operation[] {Operation.CREATE, Operation.UPDATE, Operation.DELETE};
            case "Subscription" -> new Operation[] {Operation.LISTEN};
            default -> new Operation[0];
        };
    }

    private static String wireNames(Operation[] operations) {
        List<String> names = new ArrayList<>();
        for (Operation operation : operations) {
            names.add(operation.wireName());
        }
        return String.join(", ", names);
    }

    private String modelNames() {
        String names = types.values().stream()
                .filter(TypeModel::isModel)
                .map(t -> t.name)
                .collect(Collectors.joining(", "));
        return names.isEmpty() ? "(none)" : names;
    }

    private static String stringFields(TypeModel type) {
        String names = type.fields.values().stream()
                .filter(f -> STRING_SCALARS.contains(f.returnType))
                .map(f -> f.name)
                .collect(Collectors.joining(", "));
        return names.isEmpty() ? "(none — add one)" : names;
    }
}
