package dev.fieldgate.policy.internal;

import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.AstPrinter;
import graphql.language.Definition;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.FieldDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ObjectTypeExtensionDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.StringValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the schema to deploy to AppSync: the author's schema with Fieldgate's directives removed and each type's
 * and field's AppSync auth directives replaced by the completed ones.
 */
final class AppSyncSchemaWriter {

    private static final Set<String> KIT_DIRECTIVES = Set.of("auth", "api", "performs", "resolver", "table");
    private static final Set<String> AUTH_DIRECTIVES =
            Set.of("aws_api_key", "aws_iam", "aws_oidc", "aws_lambda", "aws_cognito_user_pools", "aws_auth");

    private final Map<String, TypeModel> types;

    AppSyncSchemaWriter(Map<String, TypeModel> types) {
        this.types = types;
    }

    String write(Document author) {
        List<Definition<?>> definitions = new ArrayList<>();
        for (Definition<?> definition : author.getDefinitions()) {
            if (definition instanceof ObjectTypeExtensionDefinition extension) {
                definitions.add(extension.transformExtension(b -> b.directives(authFree(extension.getDirectives()))
                        .fieldDefinitions(fields(extension.getName(), extension.getFieldDefinitions()))));
            } else if (definition instanceof ObjectTypeDefinition object) {
                TypeModel type = types.get(object.getName());
                List<Directive> directives = authFree(object.getDirectives());
                type.finalDirectives.forEach(use -> directives.add(directive(use)));
                definitions.add(object.transform(b -> b.directives(directives)
                        .fieldDefinitions(fields(object.getName(), object.getFieldDefinitions()))));
            } else if (definition instanceof SchemaDefinition schema) {
                definitions.add(schema.transform(b -> b.directives(kitFree(schema.getDirectives()))));
            } else {
                definitions.add(definition);
            }
        }
        // The copy takes the element type graphql-java's builder declares (raw Definition).
        return AstPrinter.printAst(author.transform(b -> b.definitions(new ArrayList<>(definitions)))) + "\n";
    }

    private List<FieldDefinition> fields(String typeName, List<FieldDefinition> fields) {
        TypeModel type = types.get(typeName);
        List<FieldDefinition> result = new ArrayList<>();
        for (FieldDefinition field : fields) {
            FieldModel model = type.fields.get(field.getName());
            List<Directive> directives = authFree(field.getDirectives());
            model.finalDirectives.forEach(use -> directives.add(directive(use)));
            result.add(field.transform(b -> b.directives(directives)));
        }
        return result;
    }

    /** Without kit directives and without auth directives (they are written back from the completed model). */
    private static List<Directive> authFree(List<Directive> directives) {
        List<Directive> result = new ArrayList<>();
        for (Directive directive : directives) {
            if (!KIT_DIRECTIVES.contains(directive.getName()) && !AUTH_DIRECTIVES.contains(directive.getName())) {
                result.add(directive);
            }
        }
        return result;
    }

    private static List<Directive> kitFree(List<Directive> directives) {
        List<Directive> result = new ArrayList<>();
        for (Directive directive : directives) {
            if (!KIT_DIRECTIVES.contains(directive.getName())) {
                result.add(directive);
            }
        }
        return result;
    }

    private static Directive directive(DirectiveUse use) {
        Directive.Builder builder = Directive.newDirective().name(use.name());
        if (use.groups() != null) {
            List<StringValue> groups = new ArrayList<>();
            use.groups().forEach(g -> groups.add(StringValue.newStringValue(g).build()));
            builder.arguments(List.of(Argument.newArgument(
                            "cognito_groups",
                            ArrayValue.newArrayValue()
                                    .values(new ArrayList<>(groups))
                                    .build())
                    .build()));
        }
        return builder.build();
    }
}
