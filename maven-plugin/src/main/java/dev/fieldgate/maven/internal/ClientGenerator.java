package dev.fieldgate.maven.internal;

import com.squareup.javapoet.JavaFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A typed client for one API: the schema's types (DGS code generator) and the app's operations (JavaPoet), checked
 * against the schema before anything is written.
 */
public final class ClientGenerator {

    /** What was written. */
    public record Summary(int operations, int types, String operationsClass) {}

    private ClientGenerator() {}

    /**
     * Generates the client.
     *
     * @param schema          the API's schema
     * @param operationFiles  source name to text of the app's {@code .graphql} files
     * @param packageName     the package of the operations class; the types go to {@code <packageName>.types}
     * @param className       the operations class
     * @param extraScalars    the app's own scalar mappings (name to Java class)
     * @param outputDirectory the generated-sources root
     * @throws ClientGenerationException when an operation does not fit the schema or there is none
     */
    public static Summary generate(
            AppSyncSchema schema,
            Map<String, String> operationFiles,
            String packageName,
            String className,
            Map<String, String> extraScalars,
            Path outputDirectory) {
        List<OperationDocuments.Operation> operations = OperationDocuments.read(operationFiles, schema);
        if (operations.isEmpty()) {
            throw new ClientGenerationException("no operations: write the app's queries, mutations and subscriptions "
                    + "in .graphql files (e.g. query ListPins { listPins { items { id } } }) in the operations "
                    + "directory");
        }
        JavaTypes types = new JavaTypes(packageName + ".types", extraScalars);
        JavaFile facade = new OperationsWriter(schema.graphQLSchema(), types).write(packageName, className, operations);
        int written = DataTypesWriter.write(schema, packageName, types.scalarMapping(), outputDirectory);
        try {
            facade.writeTo(outputDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Summary(operations.size(), written, packageName + "." + className);
    }
}
