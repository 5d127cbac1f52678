package dev.fieldgate.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.File;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generate-model goal: records for a schema's types, inputs and arguments that compile without a warning, bind
 * with Jackson with the schema's nullability, and name every component as the schema does.
 */
class GenerateModelMojoTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static GenerateModelMojo mojo(Path schema, Path out, MavenProject project) {
        GenerateModelMojo mojo = new GenerateModelMojo();
        mojo.schema = schema.toFile();
        mojo.modelPackage = "com.example.notes.model";
        mojo.modelDirectory = out.toFile();
        mojo.project = project;
        return mojo;
    }

    private static MavenProject project() {
        Model model = new Model();
        model.setBuild(new Build());
        return new MavenProject(model);
    }

    @Test
    void theNotesSchemaBecomesRecordsForItsTypesInputsAndArguments(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("generated");
        MavenProject project = project();

        mojo(Path.of("../samples/notes/schema.graphql"), out, project).execute();

        assertThat(project.getCompileSourceRoots())
                .contains(out.toAbsolutePath().toString());
        try (URLClassLoader model = compile(out, dir.resolve("classes"))) {
            Class<?> note = model.loadClass("com.example.notes.model.Note");
            assertThat(note.isRecord()).isTrue();
            assertThat(names(note))
                    .containsExactly("noteId", "owner", "content", "attachment", "createdAt", "updatedAt");
            assertThat(note.getRecordComponents())
                    .allSatisfy(c -> assertThat(c.getType()).isEqualTo(String.class));

            RecordComponent items =
                    model.loadClass("com.example.notes.model.NoteConnection").getRecordComponents()[0];
            assertThat(items.getGenericType()).isInstanceOf(ParameterizedType.class);
            assertThat(((ParameterizedType) items.getGenericType()).getActualTypeArguments())
                    .containsExactly(note);

            assertThat(names(model.loadClass("com.example.notes.model.GetNoteArgs")))
                    .containsExactly("noteId");
            assertThat(names(model.loadClass("com.example.notes.model.ListNotesArgs")))
                    .containsExactly("limit", "nextToken");
            Class<?> create = model.loadClass("com.example.notes.model.CreateNoteArgs");
            Class<?> input = model.loadClass("com.example.notes.model.CreateNoteInput");
            assertThat(create.getRecordComponents()[0].getType()).isEqualTo(input);
            assertThat(model.loadClass("com.example.notes.model.ListNotesArgs")
                            .getRecordComponents()[0]
                            .getType())
                    .isEqualTo(Integer.class);

            // What the runtime binds: an input as AppSync sends it, the schema's non-null fields required.
            Object bound = JSON.convertValue(Map.of("input", Map.of("content", "call the bank")), create);
            assertThat(bound.toString())
                    .isEqualTo("CreateNoteArgs[input=CreateNoteInput[content=call the bank, " + "attachment=null]]");
            assertThatThrownBy(() -> JSON.convertValue(Map.of("input", Map.of("attachment", "a.png")), create))
                    .hasCauseInstanceOf(MismatchedInputException.class)
                    .hasMessageContaining("'content'");
            Map<String, Object> explicitNull = new HashMap<>();
            explicitNull.put("content", null);
            assertThatThrownBy(() -> JSON.convertValue(Map.of("input", explicitNull), create))
                    .hasCauseInstanceOf(InvalidNullException.class)
                    .hasMessageContaining("\"content\"");
            assertThatThrownBy(() -> JSON.convertValue(Map.of(), create))
                    .hasCauseInstanceOf(MismatchedInputException.class)
                    .hasMessageContaining("'input'");

            // Object types are not checked (a resolver builds partial ones) and copy with one field changed.
            Object partial = JSON.convertValue(Map.of("noteId", "n-1"), note);
            Object changed = note.getMethod("withContent", String.class).invoke(partial, "x");
            assertThat(asMap(changed)).containsEntry("noteId", "n-1").containsEntry("content", "x");
        }
    }

    @Test
    void enumsInterfacesUnionsListsAndKeywords(@TempDir Path dir) throws Exception {
        Path schema = Files.writeString(dir.resolve("appsync.graphql"), """
                "Where a bird was seen."
                enum Habitat { DUNE WETLAND }
                interface Sighting { id: ID! seenAt: AWSTimestamp }
                type Bird implements Sighting {
                  id: ID!
                  seenAt: AWSTimestamp
                  habitat: Habitat!
                  tags: [[String!]]
                  class: String
                  weight: Float
                  ringed: Boolean
                  notes: AWSJSON
                  friends(first: Int): [Bird!]!
                }
                type Nest { id: ID! }
                union Found = Bird | Nest
                input BirdFilter { habitat: Habitat! default: Boolean }
                type Query { birds(filter: BirdFilter!): [Found] @aws_iam }
                """);
        Path out = dir.resolve("generated");
        mojo(schema, out, project()).execute();

        try (URLClassLoader model = compile(out, dir.resolve("classes"))) {
            Class<?> habitat = model.loadClass("com.example.notes.model.Habitat");
            assertThat(habitat.isEnum()).isTrue();
            Class<?> bird = model.loadClass("com.example.notes.model.Bird");
            assertThat(bird.getInterfaces())
                    .extracting(Class::getSimpleName)
                    .containsExactlyInAnyOrder("Sighting", "Found");
            assertThat(bird.getMethod("seenAt").getReturnType()).isEqualTo(Long.class);
            assertThat(bird.getMethod("habitat").getReturnType()).isEqualTo(habitat);
            assertThat(bird.getMethod("weight").getReturnType()).isEqualTo(Double.class);
            assertThat(bird.getMethod("notes").getReturnType()).isEqualTo(String.class);
            assertThat(bird.getMethod("tags").getGenericReturnType().getTypeName())
                    .isEqualTo("java.util.List<java.util.List<java.lang.String>>");
            assertThat(names(bird)).contains("class_");
            assertThat(names(model.loadClass("com.example.notes.model.BirdFriendsArgs")))
                    .containsExactly("first");

            Class<?> args = model.loadClass("com.example.notes.model.BirdsArgs");
            Object bound = JSON.convertValue(Map.of("filter", Map.of("habitat", "DUNE", "default", true)), args);
            assertThat(bound.toString()).isEqualTo("BirdsArgs[filter=BirdFilter[habitat=DUNE, default_=true]]");
            Object seen = JSON.convertValue(Map.of("id", "b-1", "class", "Aves", "habitat", "WETLAND"), bird);
            assertThat(asMap(seen)).containsEntry("class", "Aves");
        }
    }

    @Test
    void aTypeRemovedFromTheSchemaLeavesNoRecordBehind(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("generated");
        Path schema = Files.writeString(
                dir.resolve("appsync.graphql"), "type Old { id: ID } type Query { old: Old @aws_iam }");
        mojo(schema, out, project()).execute();
        Path own = Files.writeString(out.resolve("com/example/notes/model/Mine.java"), "// the app's own\n");
        Files.writeString(schema, "type New { id: ID } type Query { fresh: New @aws_iam }");

        mojo(schema, out, project()).execute();

        assertThat(out.resolve("com/example/notes/model/Old.java")).doesNotExist();
        assertThat(out.resolve("com/example/notes/model/New.java")).exists();
        assertThat(own).exists();
    }

    @Test
    void collidingNamesAndBadPackagesFailTheBuildWithWhatToChange(@TempDir Path dir) throws Exception {
        Path schema = Files.writeString(dir.resolve("appsync.graphql"), """
                type BirdsArgs { id: ID }
                type QueryBirdsArgs { id: ID }
                type Query { birds(first: Int): [BirdsArgs] @aws_iam other: QueryBirdsArgs @aws_iam }
                """);
        GenerateModelMojo colliding = mojo(schema, dir.resolve("out"), project());
        List<String> errors = new ArrayList<>();
        colliding.setLog(new SystemStreamLog() {
            @Override
            public void error(CharSequence content) {
                errors.add(content.toString());
            }
        });
        assertThatThrownBy(colliding::execute).isInstanceOf(MojoFailureException.class);
        assertThat(errors)
                .singleElement()
                .satisfies(e -> assertThat(e).startsWith("Query.birds:").contains("rename a type"));

        GenerateModelMojo badPackage = mojo(Path.of("../samples/notes/schema.graphql"), dir.resolve("o"), project());
        badPackage.modelPackage = "com.example.2notes";
        assertThatThrownBy(badPackage::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("<modelPackage>");

        GenerateModelMojo missing = mojo(dir.resolve("nowhere.graphql"), dir.resolve("o"), project());
        assertThatThrownBy(missing::execute).hasMessageContaining("no schema at");
    }

    private static Map<String, Object> asMap(Object value) {
        return JSON.convertValue(value, new TypeReference<Map<String, Object>>() {});
    }

    private static List<String> names(Class<?> record) {
        return Arrays.stream(record.getRecordComponents())
                .map(RecordComponent::getName)
                .toList();
    }

    /** Compiles the generated sources against the test class path (Jackson), warnings as errors. */
    private static URLClassLoader compile(Path sources, Path classes) throws Exception {
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<File> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java"))
                    .map(Path::toFile)
                    .toList();
        }
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, null, null)) {
            boolean ok = javac.getTask(
                            null,
                            fm,
                            diagnostics,
                            List.of(
                                    "-classpath",
                                    System.getProperty("java.class.path"),
                                    "-d",
                                    classes.toString(),
                                    "-Xlint:all",
                                    "-Xdoclint:all,-missing",
                                    "-Werror"),
                            null,
                            fm.getJavaFileObjectsFromFiles(files))
                    .call();
            assertThat(ok).as(diagnostics.getDiagnostics().toString()).isTrue();
        }
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, GenerateModelMojoTest.class.getClassLoader());
    }
}
