package dev.fieldgate.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldgate.sdk.OperationType;
import org.junit.jupiter.api.Test;

class DocumentScannerTest {

    @Test
    void findsTheOperationTypeOutsideCommentsStringsAndSelections() {
        assertThat(DocumentScanner.operationType("{ listPins { items { id } } }", null))
                .isEqualTo(OperationType.QUERY);
        assertThat(DocumentScanner.operationType("# mutation in a comment\nquery Q { a }", null))
                .isEqualTo(OperationType.QUERY);
        assertThat(DocumentScanner.operationType(
                        "\"\"\"subscription\"\"\" mutation M($i: In!) { m(i: $i) { id } }", null))
                .isEqualTo(OperationType.MUTATION);
        assertThat(DocumentScanner.operationType(
                        "fragment F on Pin { id } subscription S { onCreatePin { ...F } }", null))
                .isEqualTo(OperationType.SUBSCRIPTION);
        String two = "query A { a } mutation B { b }";
        assertThat(DocumentScanner.operationType(two, "B")).isEqualTo(OperationType.MUTATION);
        assertThat(DocumentScanner.operationType(two, "A")).isEqualTo(OperationType.QUERY);
        assertThatThrownBy(() -> DocumentScanner.operationType(two, "C")).hasMessageContaining("'C'");
        assertThatThrownBy(() -> DocumentScanner.operationType("fragment F on Pin { id }", null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
