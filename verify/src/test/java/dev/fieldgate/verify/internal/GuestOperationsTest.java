package dev.fieldgate.verify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.policy.CompiledSchema;
import dev.fieldgate.policy.SchemaCompiler;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GuestOperationsTest {

    @Test
    void forPinsAGrantedArgumentFreeQueryAndTheLeastHarmfulRefusedMutationAreChosen() {
        CompiledSchema pins = SchemaCompiler.create().compile(Path.of("..", "samples", "pins", "schema.graphql"));
        GuestOperations operations = GuestOperations.of(pins.appSyncSchema(), pins.manifest(), pins.policy());

        assertThat(operations.allowed()).hasValueSatisfying(choice -> {
            assertThat(choice.coordinate()).isEqualTo("Query.listPins");
            assertThat(choice.document()).isEqualTo("query FieldgateVerifyGuestAllowed { listPins { nextToken } }");
        });
        assertThat(operations.denied()).hasValueSatisfying(choice -> {
            assertThat(choice.coordinate()).isEqualTo("Mutation.deletePin");
            assertThat(choice.document())
                    .startsWith("mutation FieldgateVerifyGuestDenied { deletePin(id: \"fieldgate-verify-");
        });
    }

    @Test
    void aRefusedQueryIsPreferredAndRequiredInputsGetPlaceholderValues() {
        CompiledSchema compiled = SchemaCompiler.create().compile("""
                type Note @auth(rules: [{allow: guest, operations: [read]}, {allow: owner}]) {
                  id: ID!
                  text: String!
                  at: AWSDateTime!
                  owner: String
                }
                type Secret @auth(rules: [{allow: owner}]) { id: ID! owner: String }
                input NoteInput { text: String!, at: AWSDateTime!, tags: [String!]! }
                type Query { notes: [Note!]! secret(id: ID!): Secret }
                type Mutation { createNote(input: NoteInput!): Note! }
                """, "notes.graphql");
        GuestOperations operations =
                GuestOperations.of(compiled.appSyncSchema(), compiled.manifest(), compiled.policy());

        assertThat(operations.allowed())
                .map(GuestOperations.Choice::document)
                .hasValue("query FieldgateVerifyGuestAllowed { notes { id text at owner } }");
        assertThat(operations.denied()).map(GuestOperations.Choice::coordinate).hasValue("Query.secret");
    }
}
