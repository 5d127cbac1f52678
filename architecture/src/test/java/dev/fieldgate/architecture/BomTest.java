package dev.fieldgate.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The BOM partner apps import lists every published artifact, at its own version, which is the reactor's. */
class BomTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void bomListsEveryPublishedModuleAtTheReactorsVersion() throws Exception {
        String bom = Files.readString(ROOT.resolve("bom/pom.xml"));
        String parent = Files.readString(ROOT.resolve("pom.xml"));
        String version = first(parent, "<version>([^<]+)</version>");

        assertThat(first(bom, "<artifactId>fieldgate-bom</artifactId>\\s*<version>([^<]+)</version>"))
                .isEqualTo(version);
        List<String> listed = all(bom, "<artifactId>(fieldgate-[^<]+)</artifactId>\\s*<version>([^<]+)</version>");
        List<String> published = publishedArtifacts();
        for (String artifact : published) {
            assertThat(listed).as("bom/pom.xml entry for " + artifact).contains(artifact + "@${project.version}");
        }
        assertThat(listed)
                .as("bom/pom.xml lists only published artifacts")
                .filteredOn(entry -> !entry.startsWith("fieldgate-bom@"))
                .allMatch(entry -> published.contains(entry.substring(0, entry.indexOf('@'))));
    }

    /**
     * Every module with jar packaging that is deployed: test-only modules say {@code maven.deploy.skip}, and samples
     * are templates, not libraries.
     */
    private static List<String> publishedArtifacts() throws Exception {
        List<String> artifacts = new ArrayList<>();
        try (Stream<Path> poms = Files.walk(ROOT, 3)) {
            for (Path pom : poms.filter(p -> p.getFileName().toString().equals("pom.xml"))
                    .filter(p -> !p.toString().contains("samples")
                            && !p.toString().contains("node_modules")
                            && !p.toString().contains("target"))
                    .toList()) {
                String text = Files.readString(pom);
                String own = text.replaceFirst("(?s)<parent>.*?</parent>", "");
                String artifact = first(own, "<artifactId>([^<]+)</artifactId>");
                boolean jar = !own.contains("<packaging>pom</packaging>");
                boolean deployed = !own.contains("<maven.deploy.skip>true</maven.deploy.skip>");
                if (jar && deployed && artifact.startsWith("fieldgate-")) {
                    artifacts.add(artifact);
                }
            }
        }
        assertThat(artifacts).contains("fieldgate-policy");
        return artifacts;
    }

    private static String first(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as(regex).isTrue();
        return matcher.group(1);
    }

    private static List<String> all(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1) + "@" + matcher.group(2));
        }
        return found;
    }
}
