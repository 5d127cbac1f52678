package dev.fieldgate.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.local.LocalStack;
import dev.fieldgate.local.bench.PinsLoad;
import dev.fieldgate.local.core.RequestRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingRunTest {

    @Test
    void selectsEveryRootQueryFieldThatNeedsNoArgument() {
        String sdl = """
                schema { query: Root mutation: Mutation }
                enum Colour { RED }
                type Item { id: ID! }
                type Page { items: [Item!]! }
                type Root {
                  list(limit: Int, nextToken: String): Page
                  byColour(colour: Colour = RED): [Item!]!
                  one(id: ID!): Item
                  colours: [Colour!]
                  now: AWSDateTime
                }
                extend type Root { mine: Page! }
                type Mutation { add(id: ID!): Item }
                """;

        assertThat(TrainingRun.rootQueryFields(sdl))
                .isEqualTo("{ list { __typename } byColour { __typename } colours now mine { __typename } }");
    }

    @Test
    void noQueryWhenEveryFieldNeedsAnArgument() {
        assertThat(TrainingRun.rootQueryFields("type Query { one(id: ID!): String }"))
                .isNull();
    }

    @Test
    void signsInAndRunsTheResolverFunctionsDataAccess() throws Exception {
        List<RequestRecord> log;
        try (LocalStack stack = LocalStack.builder()
                .appConfigFile(PinsLoad.pinsConfig())
                .inMemory()
                .start()) {
            TrainingRun.run(stack);
            log = stack.requestLog().recent();
        }

        // A user-pool user signed in (password and SRP) and the pins query reached DynamoDB as the function's role.
        assertThat(log)
                .anySatisfy(r -> {
                    assertThat(r.operation()).contains("listPins");
                    assertThat(r.caller()).contains("training-run@example.com");
                    assertThat(r.allowed()).isTrue();
                })
                .anySatisfy(r -> {
                    assertThat(r.operation()).contains("RespondToAuthChallenge");
                    assertThat(r.allowed()).isTrue();
                })
                .anySatisfy(r -> {
                    assertThat(r.service()).isEqualTo("dynamodb");
                    assertThat(r.operation()).contains("Scan");
                    assertThat(r.allowed()).isTrue();
                });
    }
}
