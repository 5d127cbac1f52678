package dev.fieldgate.samples.pins.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole story end to end against the local stack with the pins sample's resolver function: sign-up, code from
 * the outbox, confirmation, SRP sign-in, an authorized mutation, a subscription event, partial results, a refused
 * delete, IAM as guest and as a signed-in user, refresh, an Admin's delete, sign-out, and the access matrix.
 */
class PinsStoryTest {

    @Test
    void everyStepGoesAsTheSchemasRulesSay() {
        List<PinsStory.Step> steps = new ArrayList<>();
        boolean passed;
        try (PinsStory story = PinsStory.start(Path.of("../fieldgate.json"), steps::add)) {
            passed = story.run();
        }
        assertThat(steps).as("the story's steps").hasSizeGreaterThanOrEqualTo(17);
        assertThat(steps).allSatisfy(step -> assertThat(step.passed()).as(step.title() + ": " + step.outcome())
                .isTrue());
        assertThat(passed).isTrue();
        assertThat(steps.get(steps.size() - 1).outcome()).contains("agree with the policy");
    }
}
