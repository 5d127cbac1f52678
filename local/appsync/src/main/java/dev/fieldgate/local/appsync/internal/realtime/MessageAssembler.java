package dev.fieldgate.local.appsync.internal.realtime;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * A client's text messages from their frames, within a size limit: fragments are kept as bytes (a UTF-8 character may
 * span two of them), and a message is given up as soon as its fragments add up to more than the limit, so an endless
 * message never takes more memory than that. Binary messages are not AppSync's protocol and are dropped unread.
 */
final class MessageAssembler {

    /** A buffer that grew past this is let go once its message is done, so idle connections stay small. */
    private static final int KEPT_BYTES = 16 * 1024;

    private final int maxBytes;

    private ByteArrayOutputStream text = new ByteArrayOutputStream();
    private boolean inText;
    private boolean tooLarge;

    /** @param maxBytes the largest message, all fragments together */
    MessageAssembler(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Takes one data frame.
     *
     * @return the whole message once its last fragment came, else null (also for binary frames)
     */
    String accept(Frame frame) {
        byte opCode = frame.getOpCode();
        if (opCode == OpCode.TEXT) {
            inText = true;
            text.reset();
        } else if (opCode != OpCode.CONTINUATION || !inText) {
            inText = inText && !OpCode.isDataFrame(opCode);
            return null;
        }
        ByteBuffer payload = frame.getPayload();
        int length = payload == null ? 0 : payload.remaining();
        if ((long) text.size() + length > maxBytes) {
            tooLarge = true;
            inText = false;
            text = new ByteArrayOutputStream();
            return null;
        }
        if (length > 0) {
            byte[] bytes = new byte[length];
            payload.slice().get(bytes);
            text.write(bytes, 0, length);
        }
        if (!frame.isFin()) {
            return null;
        }
        inText = false;
        String message = text.toString(StandardCharsets.UTF_8);
        text = text.size() > KEPT_BYTES ? new ByteArrayOutputStream() : text;
        text.reset();
        return message;
    }

    /** True once a message grew past the limit: the connection is to be closed. */
    boolean tooLarge() {
        return tooLarge;
    }
}
