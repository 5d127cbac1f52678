package dev.fieldgate.maven.internal;

import com.netflix.graphql.dgs.codegen.CodeGen;
import com.netflix.graphql.dgs.codegen.CodeGenConfig;
import com.netflix.graphql.dgs.codegen.CodeGenResult;
import com.netflix.graphql.dgs.codegen.Language;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The schema's types (objects, inputs, enums, interfaces) as plain Java classes, written by the DGS code generator
 * into {@code <package>.types}: what the operations return and take. No client API (projections) is generated: the
 * operations come from the app's own documents.
 */
public final class DataTypesWriter {

    private DataTypesWriter() {}

    /**
     * Writes the types.
     *
     * @return how many classes were written
     */
    public static int write(AppSyncSchema schema, String packageName, Map<String, String> scalars, Path outputDir) {
        // The generator also writes example data fetchers (server code) wherever it is told; not wanted here.
        Path examples;
        try {
            examples = Files.createTempDirectory("fieldgate-dgs-examples");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return generate(schema, packageName, scalars, outputDir, examples);
        } finally {
            deleteTree(examples);
        }
    }

    private static int generate(
            AppSyncSchema schema, String packageName, Map<String, String> scalars, Path outputDir, Path examples) {
        CodeGenConfig defaults = new CodeGenConfig();
        // The package of the types is derived in the constructor, so every setting goes through it.
        CodeGenConfig config = new CodeGenConfig(
                new LinkedHashSet<>(List.of(schema.sdl())), // schemas
                Set.of(), // schemaFiles
                List.of(), // schemaJarFilesFromDependencies
                outputDir, // outputDir
                examples, // examplesOutputDir
                true, // writeToFiles
                packageName,
                "client", // subPackageNameClient
                "datafetchers", // subPackageNameDatafetchers
                "types", // subPackageNameTypes
                "docs", // subPackageNameDocs
                Language.JAVA,
                true, // generateBoxedTypes: absent fields decode as null, not 0 or false
                defaults.getGenerateIsGetterForPrimitiveBooleanFields(),
                false, // generateClientApi: the operations are the app's own documents
                false, // generateClientApiv2
                defaults.getGenerateInterfaces(),
                defaults.getGenerateKotlinNullableClasses(),
                defaults.getGenerateKotlinClosureProjections(),
                Map.copyOf(scalars), // typeMapping
                defaults.getIncludeQueries(),
                defaults.getIncludeMutations(),
                defaults.getIncludeSubscriptions(),
                defaults.getSkipEntityQueries(),
                defaults.getShortProjectionNames(),
                true, // generateDataTypes
                defaults.getOmitNullInputFields(),
                defaults.getKotlinAllFieldsOptional(),
                defaults.getSnakeCaseConstantNames(),
                defaults.getGenerateInterfaceSetters(),
                defaults.getGenerateInterfaceMethodsForInterfaceFields(),
                false, // generateDocs
                defaults.getGeneratedDocsFolder(),
                defaults.getIncludeImports(),
                defaults.getIncludeEnumImports(),
                defaults.getIncludeClassImports(),
                defaults.getGenerateCustomAnnotations(),
                defaults.getJavaGenerateAllConstructor(),
                defaults.getImplementSerializable(),
                defaults.getAddGeneratedAnnotation(),
                defaults.getDisableDatesInGeneratedAnnotation(),
                defaults.getAddDeprecatedAnnotation(),
                defaults.getTrackInputFieldSet());
        CodeGenResult result = new CodeGen(config).generate();
        return result.getJavaDataTypes().size()
                + result.getJavaEnumTypes().size()
                + result.getJavaInterfaces().size()
                + result.getJavaConstants().size();
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
