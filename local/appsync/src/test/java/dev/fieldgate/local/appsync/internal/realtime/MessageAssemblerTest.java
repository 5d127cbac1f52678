package dev.fieldgate.local.appsync.internal.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.junit.jupiter.api.Test;

/** Text messages from fragments, within the size limit. */
class MessageAssemblerTest {

    private static Frame frame(byte opCode, boolean fin, byte[] bytes) {
        return new Frame(opCode, fin, ByteBuffer.wrap(bytes));
    }

    @Test
    void aCharacterSplitBetweenTwoFragmentsArrivesWhole() {
        byte[] text = "{\"t\":\"é\"}".getBytes(StandardCharsets.UTF_8);
        int split = 7; // between the two bytes of é
        MessageAssembler assembler = new MessageAssembler(1024);
        assertThat(assembler.accept(frame(OpCode.TEXT, false, Arrays.copyOfRange(text, 0, split))))
                .isNull();
        assertThat(assembler.accept(frame(OpCode.CONTINUATION, true, Arrays.copyOfRange(text, split, text.length))))
                .isEqualTo("{\"t\":\"é\"}");
        assertThat(assembler.tooLarge()).isFalse();
    }

    @Test
    void fragmentsPastTheLimitAreRefusedAsSoonAsTheyAddUp() {
        MessageAssembler assembler = new MessageAssembler(10);
        assertThat(assembler.accept(frame(OpCode.TEXT, false, new byte[6]))).isNull();
        assertThat(assembler.tooLarge()).isFalse();
        assertThat(assembler.accept(frame(OpCode.CONTINUATION, false, new byte[5])))
                .isNull();
        assertThat(assembler.tooLarge()).isTrue();
    }

    @Test
    void binaryMessagesAreDropped() {
        MessageAssembler assembler = new MessageAssembler(10);
        assertThat(assembler.accept(frame(OpCode.BINARY, false, new byte[8]))).isNull();
        assertThat(assembler.accept(frame(OpCode.CONTINUATION, true, new byte[8])))
                .isNull();
        assertThat(assembler.tooLarge()).isFalse();
        assertThat(assembler.accept(frame(OpCode.TEXT, true, "{}".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("{}");
    }
}
