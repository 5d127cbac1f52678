package dev.fieldgate.local.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The terminal's stdout minus the lines libraries print to {@code System.out} on their own (Spring Cloud Function's
 * {@code ======> SOURCE:} lines when the resolver function starts). Everything else passes line by line, unchanged.
 */
final class NoiseFilter extends OutputStream {

    /** Line prefixes that never reach the terminal. */
    static final List<String> DROPPED = List.of("======> SOURCE:");

    private static final int MAX_LINE = 64 * 1024;

    private final OutputStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    NoiseFilter(OutputStream target) {
        this.target = target;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n' || line.size() >= MAX_LINE) {
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        // A partial line stays until its end arrives; only whole lines can be judged.
        target.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        emit();
        target.close();
    }

    private void emit() throws IOException {
        if (line.size() == 0) {
            return;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        for (String prefix : DROPPED) {
            if (text.startsWith(prefix)) {
                return;
            }
        }
        target.write(text.getBytes(StandardCharsets.UTF_8));
        target.flush();
    }
}
