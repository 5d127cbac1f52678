package dev.fieldgate.sdk.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.graphql.dgs.client.codegen.BaseSubProjectionNode;
import com.netflix.graphql.dgs.client.codegen.GraphQLQuery;
import dev.fieldgate.sdk.GraphQLOperation;
import dev.fieldgate.sdk.OperationType;
import graphql.parser.Parser;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** DGS-generated query and projection classes become operations; shaped like what the generator writes. */
class DgsOperationsTest {

    /** Like a generated {@code CreatePinGraphQLQuery}. */
    static final class CreatePinQuery extends GraphQLQuery {
        CreatePinQuery(Object input) {
            super("mutation", null);
            getInput().put("input", input);
        }

        @Override
        public String getOperationName() {
            return "createPin";
        }
    }

    /** Like a generated input type. */
    public static final class PinInput {
        private final String title;
        private final URI imageUrl;
        private final OffsetDateTime shownFrom;

        PinInput(String title, URI imageUrl, OffsetDateTime shownFrom) {
            this.title = title;
            this.imageUrl = imageUrl;
            this.shownFrom = shownFrom;
        }

        public String getTitle() {
            return title;
        }

        public URI getImageUrl() {
            return imageUrl;
        }

        public OffsetDateTime getShownFrom() {
            return shownFrom;
        }
    }

    /** Like a generated projection root. */
    static final class PinProjection extends BaseSubProjectionNode<PinProjection, PinProjection> {
        PinProjection() {
            super(null, null, Optional.of("Pin"));
        }

        PinProjection field(String name) {
            getFields().put(name, null);
            return this;
        }
    }

    @Test
    void aGeneratedMutationBecomesATypedOperationWithAppSyncScalarsAsStrings() {
        GraphQLOperation<Object> operation = DgsOperations.of(
                new CreatePinQuery(new PinInput(
                        "Kestrel",
                        URI.create("https://img.example.com/k.jpg"),
                        OffsetDateTime.parse("2024-03-05T09:03:07+01:00"))),
                new PinProjection().field("id").field("title"),
                Object.class);

        assertThat(operation.type()).isEqualTo(OperationType.MUTATION);
        assertThat(operation.resultField()).hasValue("createPin");
        String document = operation.document();
        assertThat(document)
                .contains("createPin(input: {")
                .containsPattern("title\\s*:\\s*\"Kestrel\"")
                .containsPattern("imageUrl\\s*:\\s*\"https://img.example.com/k.jpg\"")
                .containsPattern("shownFrom\\s*:\\s*\"2024-03-05T09:03:07\\+01:00\"");
        // What AppSync (graphql-java) will parse.
        assertThat(Parser.parse(document).getDefinitions()).hasSize(1);
    }
}
