package dev.fieldgate.maven.internal;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.Type;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Java type of a GraphQL type in generated code: GraphQL's and AppSync's scalars as the SDK's JSON mapping reads
 * them, everything else as the class the DGS code generator writes into the types package.
 */
public final class JavaTypes {

    /** AppSync's scalars, as the SDK maps them (its README's table and appsync-type-mapping.properties). */
    public static final Map<String, String> APPSYNC_SCALARS = Map.of(
            "AWSDate", "java.time.LocalDate",
            "AWSTime", "java.time.LocalTime",
            "AWSDateTime", "java.time.OffsetDateTime",
            "AWSTimestamp", "java.lang.Long",
            "AWSEmail", "java.lang.String",
            "AWSJSON", "java.lang.String",
            "AWSURL", "java.net.URI",
            "AWSPhone", "java.lang.String",
            "AWSIPAddress", "java.lang.String");

    private static final Map<String, String> GRAPHQL_SCALARS = Map.of(
            "ID", "java.lang.String",
            "String", "java.lang.String",
            "Int", "java.lang.Integer",
            "Float", "java.lang.Double",
            "Boolean", "java.lang.Boolean");

    private final String typesPackage;
    private final Map<String, String> scalars;

    /**
     * @param typesPackage where the DGS code generator writes the schema's types
     * @param extraScalars the app's own scalars (name to Java class); they win over the defaults
     */
    public JavaTypes(String typesPackage, Map<String, String> extraScalars) {
        this.typesPackage = typesPackage;
        Map<String, String> all = new LinkedHashMap<>(GRAPHQL_SCALARS);
        all.putAll(APPSYNC_SCALARS);
        all.putAll(extraScalars);
        this.scalars = Map.copyOf(all);
    }

    /** The scalar mapping the DGS code generator is given, so both halves agree. */
    public Map<String, String> scalarMapping() {
        Map<String, String> custom = new LinkedHashMap<>(scalars);
        GRAPHQL_SCALARS.keySet().forEach(custom::remove);
        return custom;
    }

    /** The type of an output or input type of the schema. */
    public TypeName of(GraphQLType type) {
        if (type instanceof GraphQLNonNull nonNull) {
            return of(nonNull.getWrappedType());
        }
        if (type instanceof GraphQLList list) {
            return ParameterizedTypeName.get(ClassName.get(List.class), of(list.getWrappedType()));
        }
        GraphQLNamedType named = (GraphQLNamedType) type;
        if (named instanceof GraphQLScalarType) {
            return scalar(named.getName());
        }
        return ClassName.get(typesPackage, named.getName());
    }

    /** The type of a variable as the operation declares it. */
    public TypeName of(Type<?> type, graphql.schema.GraphQLSchema schema) {
        if (type instanceof NonNullType nonNull) {
            return of(nonNull.getType(), schema);
        }
        if (type instanceof ListType list) {
            return ParameterizedTypeName.get(ClassName.get(List.class), of(list.getType(), schema));
        }
        String name = ((graphql.language.TypeName) type).getName();
        return of(schema.getType(name));
    }

    private TypeName scalar(String name) {
        String java = scalars.get(name);
        return java == null ? ClassName.get(String.class) : ClassName.bestGuess(java);
    }
}
