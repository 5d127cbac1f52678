package dev.fieldgate.samples.directory.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The story {@code ./fieldgate demo directory} tells, end to end against the local stack with the directory
 * sample's function: a changed story (a step refused that should pass, or allowed that should be refused) fails the
 * build.
 */
class DirectoryStoryTest {

    @Test
    void everyStepGoesAsTheSchemasRulesSay() {
        List<DirectoryStory.Step> steps = new ArrayList<>();
        boolean passed;
        try (DirectoryStory story = DirectoryStory.start(Path.of("../fieldgate.json"), steps::add)) {
            passed = story.run();
        }
        assertThat(steps).allSatisfy(step -> assertThat(step.passed())
                .as(step.title() + ": " + step.outcome())
                .isTrue());
        assertThat(steps).extracting(DirectoryStory.Step::title).contains(
                "The scheduled FillUsers runs, as EventBridge invokes it, and adds people",
                "The guest lists the directory over IAM (SigV4, the API's additional mode)",
                "A caller with neither credentials nor a token asks for listUsers: refused",
                "Ann lists the directory with her user-pool token (the API's default mode)");
        assertThat(steps).hasSize(9);
        assertThat(passed).isTrue();
    }
}
