package dev.fieldgate.samples.moments.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The story {@code ./fieldgate demo moments} tells, end to end against the local stack with the moments sample's
 * function and S3, and its access matrix observed over HTTP for every kind of caller the policy names: a changed
 * story or a cell that differs from the policy fails the build.
 */
class MomentsStoryTest {

    @Test
    void everyStepAndEveryCellGoAsTheSchemasRulesSay() {
        List<MomentsStory.Step> steps = new ArrayList<>();
        boolean passed;
        try (MomentsStory story = MomentsStory.start(Path.of("../fieldgate.json"), steps::add)) {
            passed = story.run();
        }
        assertThat(steps).allSatisfy(step -> assertThat(step.passed())
                .as(step.title() + ": " + step.outcome())
                .isTrue());
        assertThat(steps).extracting(MomentsStory.Step::title).contains(
                "Ann's app PUTs the bytes straight to S3 through the presigned URL",
                "Ann lists her photos: grouped by day, each with a presigned GET that serves it",
                "Bob's deletePhoto of Ann's photo: refused with AppSync's Unauthorized error");
        assertThat(steps).hasSize(10);
        MomentsStory.Step matrix = steps.get(steps.size() - 2);
        assertThat(matrix.title()).isEqualTo("The access matrix observed over HTTP matches the one the policy derives");
        assertThat(matrix.outcome()).startsWith("39 observed cells agree");
        assertThat(steps.get(steps.size() - 1).outcome())
                .startsWith("listPhotos UnauthorizedException; createPhoto UnauthorizedException; deletePhoto");
        assertThat(passed).isTrue();
    }
}
