package dev.fieldgate.verify.internal;

import dev.fieldgate.policy.ApiAuthorization;
import dev.fieldgate.policy.AppSyncLayer;
import dev.fieldgate.policy.AuthMode;
import dev.fieldgate.policy.ModeGrant;
import dev.fieldgate.policy.PolicyException;
import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.AstPrinter;
import graphql.language.Definition;
import graphql.language.Directive;
import graphql.language.DirectiveDefinition;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.OperationTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.UnionTypeDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Compares two AppSync schemas by meaning: types and their kinds, fields with argument and return types, default
 * values, enum values, input fields, interfaces, union members, root operation types and directives. Order,
 * whitespace, comments and descriptions do not matter. AppSync's auth directives are compared by their effect (the
 * modes and Cognito groups that may resolve each field, read with {@link AppSyncLayer}), so moving a directive from
 * every field to the type is no difference; other directives ({@code @aws_subscribe}, ...) are compared as written.
 * Each difference is one line: {@code Type.field: expected X, deployed Y}.
 */
public final class SchemaDiff {

    /** AppSync's scalars: a deployed schema may declare them, the generated one never does. */
    static final Set<String> APPSYNC_SCALARS = Set.of(
            "AWSDate",
            "AWSTime",
            "AWSDateTime",
            "AWSTimestamp",
            "AWSEmail",
            "AWSJSON",
            "AWSURL",
            "AWSPhone",
            "AWSIPAddress");

    private static final Set<String> AUTH_DIRECTIVES;

    static {
        Set<String> names = new TreeSet<>();
        for (AuthMode mode : AuthMode.values()) {
            names.add(mode.directiveName());
        }
        names.add("aws_auth");
        AUTH_DIRECTIVES = Set.copyOf(names);
    }

    private SchemaDiff() {}

    /**
     * Compares the generated schema with the deployed one.
     *
     * @param expected the generated {@code appsync.graphql}
     * @param deployed what AppSync's GetIntrospectionSchema returned (SDL with directives)
     * @param api      the API's modes, to read the auth directives with
     * @return the differences, sorted by type and field; empty when the schemas mean the same
     */
    public static List<String> compare(String expected, String deployed, ApiAuthorization api) {
        Document expectedDoc = parse(expected, "the generated schema");
        Document deployedDoc = parse(deployed, "the deployed schema");
        Shape want = Shape.of(expectedDoc);
        Shape have = Shape.of(deployedDoc);
        List<String> differences = new ArrayList<>();

        for (String operation : List.of("query", "mutation", "subscription")) {
            String w = want.roots.get(operation);
            String h = have.roots.get(operation);
            if (!Objects.equals(w, h)) {
                differences.add("schema." + operation + ": expected " + orNone(w) + ", deployed " + orNone(h));
            }
        }

        Set<String> names = new TreeSet<>(want.types.keySet());
        names.addAll(have.types.keySet());
        for (String name : names) {
            TypeShape w = want.types.get(name);
            TypeShape h = have.types.get(name);
            if (w == null) {
                differences.add(name + ": expected none, deployed " + h.describe());
            } else if (h == null) {
                differences.add(name + ": expected " + w.describe() + ", deployed none");
            } else if (!w.kind.equals(h.kind)) {
                differences.add(name + ": expected " + w.describe() + ", deployed " + h.describe());
            } else {
                compareType(name, w, h, differences);
            }
        }

        compareAuth(
                want,
                have,
                stripAppSyncDeclarations(expectedDoc),
                stripAppSyncDeclarations(deployedDoc),
                api,
                differences);
        return List.copyOf(differences);
    }

    private static void compareType(String name, TypeShape w, TypeShape h, List<String> differences) {
        same(name + " directives", w.directives, h.directives, differences);
        same(name + " implements", w.interfaces, h.interfaces, differences);
        same(name + " members", w.members, h.members, differences);
        same(name + " values", w.enumValues, h.enumValues, differences);
        Set<String> fields = new TreeSet<>(w.fields.keySet());
        fields.addAll(h.fields.keySet());
        for (String field : fields) {
            FieldShape wf = w.fields.get(field);
            FieldShape hf = h.fields.get(field);
            String at = name + "." + field;
            if (wf == null) {
                differences.add(at + ": expected none, deployed " + hf.describe(field));
            } else if (hf == null) {
                differences.add(at + ": expected " + wf.describe(field) + ", deployed none");
            } else {
                if (!wf.type.equals(hf.type)) {
                    differences.add(at + ": expected type " + wf.type + ", deployed " + hf.type);
                }
                if (!Objects.equals(wf.defaultValue, hf.defaultValue)) {
                    differences.add(at + ": expected default " + orNone(wf.defaultValue) + ", deployed "
                            + orNone(hf.defaultValue));
                }
                same(at + " directives", wf.directives, hf.directives, differences);
                Set<String> args = new TreeSet<>(wf.arguments.keySet());
                args.addAll(hf.arguments.keySet());
                for (String arg : args) {
                    FieldShape wa = wf.arguments.get(arg);
                    FieldShape ha = hf.arguments.get(arg);
                    String argAt = at + "(" + arg + ":)";
                    if (wa == null) {
                        differences.add(argAt + ": expected none, deployed argument " + ha.describe(arg));
                    } else if (ha == null) {
                        differences.add(argAt + ": expected argument " + wa.describe(arg) + ", deployed none");
                    } else if (!wa.describe(arg).equals(ha.describe(arg))) {
                        differences.add(argAt + ": expected " + wa.describe(arg) + ", deployed " + ha.describe(arg));
                    }
                }
            }
        }
    }

    private static void compareAuth(
            Shape want,
            Shape have,
            String expectedSdl,
            String deployedSdl,
            ApiAuthorization api,
            List<String> differences) {
        AppSyncLayer expected;
        AppSyncLayer deployed;
        try {
            expected = AppSyncLayer.read(expectedSdl, "appsync.graphql", api);
        } catch (PolicyException e) {
            // The policy reader refuses a schema it finds invalid for the API's modes; compare the auth directives
            // as written instead, which is stricter but never misses a change.
            compareAuthAsWritten(want, have, differences);
            return;
        }
        try {
            deployed = AppSyncLayer.read(deployedSdl, "deployed schema", api);
        } catch (PolicyException e) {
            int before = differences.size();
            compareAuthAsWritten(want, have, differences);
            if (before == 0 && differences.isEmpty()) {
                differences.add("auth directives: the deployed schema is not valid for the API's modes " + api.modes()
                        + ": " + e.getMessage());
            }
            return;
        }
        for (Map.Entry<String, Map<String, List<ModeGrant>>> type : new TreeMap<>(expected.modes()).entrySet()) {
            TypeShape deployedType = have.types.get(type.getKey());
            if (deployedType == null || !deployedType.kind.equals(want.types.get(type.getKey()).kind)) {
                continue;
            }
            for (Map.Entry<String, List<ModeGrant>> field : new TreeMap<>(type.getValue()).entrySet()) {
                if (!deployedType.fields.containsKey(field.getKey())) {
                    continue;
                }
                String w = access(field.getValue());
                String h = access(deployed.modes(type.getKey(), field.getKey()));
                if (!w.equals(h)) {
                    differences.add(
                            type.getKey() + "." + field.getKey() + ": expected access " + w + ", deployed " + h);
                }
            }
        }
    }

    private static void compareAuthAsWritten(Shape want, Shape have, List<String> differences) {
        for (Map.Entry<String, TypeShape> type : new TreeMap<>(want.types).entrySet()) {
            TypeShape deployed = have.types.get(type.getKey());
            if (deployed == null || !deployed.kind.equals(type.getValue().kind)) {
                continue;
            }
            same(type.getKey() + " auth directives", type.getValue().auth, deployed.auth, differences);
            for (Map.Entry<String, FieldShape> field : new TreeMap<>(type.getValue().fields).entrySet()) {
                FieldShape deployedField = deployed.fields.get(field.getKey());
                if (deployedField != null) {
                    same(
                            type.getKey() + "." + field.getKey() + " auth directives",
                            field.getValue().auth,
                            deployedField.auth,
                            differences);
                }
            }
        }
    }

    /** The modes of a field as directives, in a fixed order, groups sorted: {@code @aws_iam @aws_cognito_user_pools}. */
    static String access(List<ModeGrant> grants) {
        if (grants.isEmpty()) {
            return "none (no mode may resolve it)";
        }
        return grants.stream()
                .map(g -> new ModeGrant(
                        g.mode(),
                        g.groups() == null
                                ? null
                                : new TreeSet<>(g.groups()).stream().toList()))
                .sorted(Comparator.comparing(ModeGrant::mode).thenComparing(g -> String.valueOf(g.groups())))
                .map(ModeGrant::directive)
                .distinct()
                .collect(Collectors.joining(" "));
    }

    private static void same(String what, Set<String> expected, Set<String> deployed, List<String> differences) {
        if (!expected.equals(deployed)) {
            differences.add(what + ": expected " + list(expected) + ", deployed " + list(deployed));
        }
    }

    private static String list(Set<String> items) {
        return items.isEmpty() ? "none" : String.join(" ", items);
    }

    private static String orNone(String value) {
        return value == null ? "none" : value;
    }

    private static Document parse(String sdl, String what) {
        try {
            return Parser.parse(sdl);
        } catch (InvalidSyntaxException e) {
            throw new SchemaReadException(what + " is not valid GraphQL: " + e.getMessage(), e);
        }
    }

    /**
     * The document without declarations of AppSync's own scalars and directives, which a deployed schema may carry
     * and the policy reader refuses as redeclarations.
     */
    static String stripAppSyncDeclarations(Document document) {
        List<Definition<?>> kept = new ArrayList<>();
        for (Definition<?> definition : document.getDefinitions()) {
            if (definition instanceof DirectiveDefinition) {
                continue;
            }
            if (definition instanceof ScalarTypeDefinition scalar && APPSYNC_SCALARS.contains(scalar.getName())) {
                continue;
            }
            kept.add(definition);
        }
        // The copy takes the element type graphql-java's builder declares (raw Definition).
        return AstPrinter.printAst(document.transform(b -> b.definitions(new ArrayList<>(kept))));
    }

    /** Thrown when a schema is not GraphQL at all; the caller turns it into a failed check. */
    public static final class SchemaReadException extends dev.fieldgate.verify.VerifyException {
        private static final long serialVersionUID = 1L;

        SchemaReadException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A schema reduced to what matters. */
    private static final class Shape {
        final Map<String, String> roots = new LinkedHashMap<>();
        final Map<String, TypeShape> types = new LinkedHashMap<>();

        static Shape of(Document document) {
            Shape shape = new Shape();
            boolean explicitRoots = false;
            for (Definition<?> definition : document.getDefinitions()) {
                if (definition instanceof SchemaDefinition schema) {
                    explicitRoots = true;
                    for (OperationTypeDefinition op : schema.getOperationTypeDefinitions()) {
                        shape.roots.put(op.getName(), op.getTypeName().getName());
                    }
                } else if (definition instanceof ObjectTypeDefinition object) {
                    TypeShape type = shape.type(object.getName(), "object type");
                    object.getImplements().forEach(t -> type.interfaces.add(AstPrinter.printAst(t)));
                    type.addDirectives(object.getDirectives());
                    object.getFieldDefinitions().forEach(type::addField);
                } else if (definition instanceof InterfaceTypeDefinition iface) {
                    TypeShape type = shape.type(iface.getName(), "interface");
                    iface.getImplements().forEach(t -> type.interfaces.add(AstPrinter.printAst(t)));
                    type.addDirectives(iface.getDirectives());
                    iface.getFieldDefinitions().forEach(type::addField);
                } else if (definition instanceof InputObjectTypeDefinition input) {
                    TypeShape type = shape.type(input.getName(), "input type");
                    type.addDirectives(input.getDirectives());
                    input.getInputValueDefinitions().forEach(type::addInputField);
                } else if (definition instanceof EnumTypeDefinition enumType) {
                    TypeShape type = shape.type(enumType.getName(), "enum");
                    type.addDirectives(enumType.getDirectives());
                    for (EnumValueDefinition value : enumType.getEnumValueDefinitions()) {
                        type.enumValues.add(value.getName());
                    }
                } else if (definition instanceof UnionTypeDefinition union) {
                    TypeShape type = shape.type(union.getName(), "union");
                    type.addDirectives(union.getDirectives());
                    union.getMemberTypes().forEach(t -> type.members.add(AstPrinter.printAst(t)));
                } else if (definition instanceof ScalarTypeDefinition scalar
                        && !APPSYNC_SCALARS.contains(scalar.getName())) {
                    shape.type(scalar.getName(), "scalar").addDirectives(scalar.getDirectives());
                }
            }
            if (!explicitRoots) {
                // Without a schema definition GraphQL takes the types named Query, Mutation and Subscription.
                for (String op : List.of("query", "mutation", "subscription")) {
                    String name = Character.toUpperCase(op.charAt(0)) + op.substring(1);
                    TypeShape type = shape.types.get(name);
                    if (type != null && type.kind.equals("object type")) {
                        shape.roots.put(op, name);
                    }
                }
            }
            return shape;
        }

        /** Extensions ({@code extend type}) merge into the type they extend. */
        private TypeShape type(String name, String kind) {
            return types.computeIfAbsent(name, n -> new TypeShape(kind));
        }
    }

    private static final class TypeShape {
        final String kind;
        final Set<String> directives = new TreeSet<>();
        final Set<String> auth = new TreeSet<>();
        final Set<String> interfaces = new TreeSet<>();
        final Set<String> members = new TreeSet<>();
        final Set<String> enumValues = new TreeSet<>();
        final Map<String, FieldShape> fields = new LinkedHashMap<>();

        TypeShape(String kind) {
            this.kind = kind;
        }

        void addDirectives(List<Directive> list) {
            directives.addAll(normalize(list, false));
            auth.addAll(normalize(list, true));
        }

        void addField(FieldDefinition field) {
            FieldShape shape = new FieldShape(
                    AstPrinter.printAst(field.getType()),
                    null,
                    normalize(field.getDirectives(), false),
                    normalize(field.getDirectives(), true));
            for (InputValueDefinition arg : field.getInputValueDefinitions()) {
                shape.arguments.put(arg.getName(), FieldShape.of(arg));
            }
            fields.put(field.getName(), shape);
        }

        void addInputField(InputValueDefinition field) {
            fields.put(field.getName(), FieldShape.of(field));
        }

        String describe() {
            if (kind.equals("enum")) {
                return "enum {" + String.join(" ", enumValues) + "}";
            }
            if (kind.equals("union")) {
                return "union " + String.join(" | ", members);
            }
            return fields.isEmpty() ? kind : kind + " {" + String.join(" ", fields.keySet()) + "}";
        }
    }

    private static final class FieldShape {
        final String type;
        final String defaultValue;
        final Set<String> directives;
        final Set<String> auth;
        final Map<String, FieldShape> arguments = new LinkedHashMap<>();

        FieldShape(String type, String defaultValue, Set<String> directives, Set<String> auth) {
            this.type = type;
            this.defaultValue = defaultValue;
            this.directives = directives;
            this.auth = auth;
        }

        static FieldShape of(InputValueDefinition value) {
            return new FieldShape(
                    AstPrinter.printAst(value.getType()),
                    value.getDefaultValue() == null ? null : AstPrinter.printAst(value.getDefaultValue()),
                    normalize(value.getDirectives(), false),
                    normalize(value.getDirectives(), true));
        }

        String describe(String name) {
            StringBuilder text = new StringBuilder(name);
            if (!arguments.isEmpty()) {
                text.append('(')
                        .append(arguments.entrySet().stream()
                                .map(a -> a.getValue().describe(a.getKey()))
                                .collect(Collectors.joining(", ")))
                        .append(')');
            }
            text.append(": ").append(type);
            if (defaultValue != null) {
                text.append(" = ").append(defaultValue);
            }
            directives.forEach(d -> text.append(' ').append(d));
            return text.toString();
        }
    }

    /**
     * The auth directives (or the others) as text, arguments sorted by name and, for auth directives, list values
     * (Cognito groups) sorted too, since their order means nothing.
     */
    private static Set<String> normalize(List<Directive> directives, boolean authDirectives) {
        Set<String> normalized = new TreeSet<>();
        for (Directive directive : directives) {
            if (AUTH_DIRECTIVES.contains(directive.getName()) != authDirectives) {
                continue;
            }
            List<Argument> args = new ArrayList<>(directive.getArguments());
            args.sort(Comparator.comparing(Argument::getName));
            String text = "@" + directive.getName()
                    + (args.isEmpty()
                            ? ""
                            : "("
                                    + args.stream()
                                            .map(a -> a.getName() + ": "
                                                    + (authDirectives && a.getValue() instanceof ArrayValue list
                                                            ? list.getValues().stream()
                                                                    .map(AstPrinter::printAst)
                                                                    .sorted()
                                                                    .collect(Collectors.joining(", ", "[", "]"))
                                                            : AstPrinter.printAst(a.getValue())))
                                            .collect(Collectors.joining(", "))
                                    + ")");
            normalized.add(text);
        }
        return normalized;
    }
}
