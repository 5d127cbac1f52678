package dev.fieldgate.sdk.internal;

import dev.fieldgate.sdk.storage.TransferListener;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reports a transfer's progress to a {@link TransferListener}, never backwards and never twice for the same count:
 * the AWS SDK may read a part's body more than once (a retry, or hashing it before sending), so each part counts as
 * far as its furthest read.
 */
public final class Progress {

    private final TransferListener listener;
    private final long total;
    private long done;
    private long reported = -1;

    public Progress(TransferListener listener, long total) {
        this.listener = listener;
        this.total = total;
    }

    /** The stream of one part, counted from {@code offset} bytes into the transfer. */
    public InputStream count(InputStream in, long offset) {
        return listener == null ? in : new Counting(in, offset);
    }

    /** A part is done: everything up to {@code offset} is transferred. */
    public void reached(long offset) {
        done = Math.max(done, offset);
        report(done);
    }

    /** Reports the start (zero bytes), so a listener sees the total before the first byte. */
    public void start() {
        report(0);
    }

    private void report(long bytes) {
        if (listener != null && bytes > reported) {
            reported = bytes;
            listener.progress(bytes, total);
        }
    }

    private final class Counting extends FilterInputStream {
        private final long offset;
        private long read;

        Counting(InputStream in, long offset) {
            super(in);
            this.offset = offset;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                advance(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n = super.read(buffer, off, len);
            if (n > 0) {
                advance(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            read += skipped;
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void advance(int n) {
            read += n;
            report(offset + read);
        }
    }
}
