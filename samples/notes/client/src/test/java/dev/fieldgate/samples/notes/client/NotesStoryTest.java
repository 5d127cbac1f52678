package dev.fieldgate.samples.notes.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The story {@code ./fieldgate demo notes} tells, end to end against the local stack with the notes sample's
 * resolver function: a changed story (a step refused that should pass, or allowed that should be refused) fails
 * the build.
 */
class NotesStoryTest {

    @Test
    void everyStepGoesAsTheRulesSay() {
        List<NotesStory.Step> steps = new ArrayList<>();
        boolean passed;
        try (NotesStory story = NotesStory.start(Path.of("../fieldgate.json"), steps::add)) {
            passed = story.run();
        }
        assertThat(steps).allSatisfy(step -> assertThat(step.passed())
                .as(step.title() + ": " + step.outcome())
                .isTrue());
        assertThat(steps).extracting(NotesStory.Step::title).contains(
                "Ann uploads a receipt to S3 under her identity's path and attaches it to her note",
                "Bob asks for Ann's note, edits it, deletes it: each refused",
                "Bob tries to download and overwrite Ann's attachment: S3 refuses (AccessDenied)",
                "A guest asks the identity pool for credentials: refused (the pool admits no guests)");
        assertThat(steps).hasSize(15);
        assertThat(passed).isTrue();
    }
}
