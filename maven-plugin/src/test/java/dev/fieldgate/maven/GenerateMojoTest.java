package dev.fieldgate.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldgate.policy.Manifest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateMojoTest {

    static GenerateMojo mojo(File schema, File out, MavenProject project) {
        GenerateMojo mojo = new GenerateMojo();
        mojo.schema = schema;
        mojo.outputDirectory = out;
        mojo.addResources = true;
        mojo.project = project;
        return mojo;
    }

    static MavenProject project() {
        Model model = new Model();
        model.setBuild(new Build());
        return new MavenProject(model);
    }

    @Test
    void writesTheGeneratedFilesAndAddsThemAsResources(@TempDir Path dir) throws Exception {
        MavenProject project = project();
        File out = dir.resolve("fieldgate").toFile();

        mojo(new File("../samples/pins/schema.graphql"), out, project).execute();

        assertThat(Manifest.read(out.toPath().resolve("manifest.json")).resolvers())
                .hasSize(12);
        assertThat(out.toPath().resolve("appsync.graphql")).exists();
        assertThat(project.getResources()).anySatisfy(r -> {
            assertThat(r.getDirectory()).isEqualTo(out.getAbsolutePath());
            assertThat(r.getTargetPath()).isEqualTo("fieldgate");
        });
    }

    @Test
    void withTheAppConfigItWritesTheStorageGrants(@TempDir Path dir) throws Exception {
        File out = dir.resolve("fieldgate").toFile();
        GenerateMojo mojo = mojo(new File("../samples/pins/schema.graphql"), out, project());
        mojo.appConfig = new File("../samples/pins/fieldgate.json");

        mojo.execute();

        assertThat(Files.readString(out.toPath().resolve("storage.json")))
                .contains("\"name\" : \"pictures\"")
                .contains("private/${cognito-identity.amazonaws.com:sub}/*");

        Path bad = Files.writeString(
                dir.resolve("fieldgate.json"),
                "{\"storage\": {\"buckets\": [{\"name\": \"files\", \"paths\": {\"public/*\": {\"owner\": [\"read\"]}}}]}}");
        mojo.appConfig = bad.toFile();
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("only a path with {identity} has an owner");
    }

    @Test
    void anInvalidSchemaFailsTheBuild(@TempDir Path dir) throws Exception {
        // With rules in the schema, a root field that neither has rules nor acts on a model is an error.
        Path bad = Files.writeString(
                dir.resolve("bad.graphql"),
                "type Pin @auth(rules: [{allow: guest}]) { id: ID! }\ntype Query { x: String }\n");

        assertThatThrownBy(() -> mojo(bad.toFile(), dir.resolve("out").toFile(), project())
                        .execute())
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("1 problem(s) in");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aMissingSchemaSaysWhereToSetIt(@TempDir Path dir) {
        assertThatThrownBy(() -> mojo(dir.resolve("none.graphql").toFile(), dir.toFile(), project())
                        .execute())
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("set <schema>");
    }
}
