package dev.fieldgate.local;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * A WebSocket client over a plain socket, for what Java's client does not let a test do: send a frame header without
 * its payload, choose how a message is fragmented, and read the server's close frame even while the test has more to
 * send. Frames are written masked, as a client must.
 */
final class RawWebSocket implements AutoCloseable {

    static final int TEXT = 0x1;
    static final int CONTINUATION = 0x0;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /**
     * A frame from the server.
     *
     * @param text      its payload as UTF-8; of a close frame, the reason
     * @param closeCode of a close frame, its status code, else -1
     */
    record Frame(int opCode, String text, int closeCode) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Opens a {@code graphql-ws} connection with the auth headers in the query string. */
    static RawWebSocket connect(URI realtime, Map<String, String> authHeaders) {
        URI url = RealtimeClient.url(realtime, authHeaders);
        try {
            Socket socket = new Socket(url.getHost(), url.getPort());
            // Every read has a deadline: a server that never answers fails the test instead of hanging it.
            socket.setSoTimeout(15_000);
            RawWebSocket client = new RawWebSocket(socket);
            byte[] key = new byte[16];
            RANDOM.nextBytes(key);
            String request = "GET " + url.getRawPath() + "?" + url.getRawQuery() + " HTTP/1.1\r\n"
                    + "Host: " + url.getAuthority() + "\r\n"
                    + "Upgrade: websocket\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Protocol: graphql-ws\r\n\r\n";
            client.out.write(request.getBytes(StandardCharsets.US_ASCII));
            client.out.flush();
            String head = client.readHead();
            if (!head.startsWith("HTTP/1.1 101")) {
                throw new IllegalStateException("Not upgraded: " + head);
            }
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("The server closed during the handshake");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** Writes a whole frame. */
    void send(int opCode, boolean fin, byte[] payload) {
        byte[] mask = header(opCode, fin, payload.length);
        byte[] masked = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        write(masked);
    }

    void sendText(String text) {
        send(TEXT, true, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes the header of a frame that announces {@code length} payload bytes, and only the first of them. */
    void sendHeaderOnly(int opCode, boolean fin, long length, byte first) {
        byte[] mask = header(opCode, fin, length);
        write(new byte[] {(byte) (first ^ mask[0])});
    }

    /** Writes a frame header with a fresh masking key and returns the key. */
    private byte[] header(int opCode, boolean fin, long length) {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.write((fin ? 0x80 : 0) | opCode);
        if (length < 126) {
            header.write(0x80 | (int) length);
        } else if (length <= 0xFFFF) {
            header.write(0x80 | 126);
            header.write((int) (length >>> 8) & 0xFF);
            header.write((int) length & 0xFF);
        } else {
            header.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                header.write((int) (length >>> shift) & 0xFF);
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        header.write(mask, 0, mask.length);
        write(header.toByteArray());
        return mask;
    }

    private void write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next frame from the server (within the socket's read deadline). */
    Frame next() {
        try {
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            long length = second & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[Math.toIntExact(length)];
            in.readFully(payload);
            int opCode = first & 0x0F;
            if (opCode == CLOSE && payload.length >= 2) {
                int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
                return new Frame(opCode, new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8), code);
            }
            return new Frame(opCode, new String(payload, StandardCharsets.UTF_8), -1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next frame that is not a text message (these are AppSync's messages, {@code ka} among them). */
    Frame nextControl() {
        while (true) {
            Frame frame = next();
            if (frame.opCode() != TEXT) {
                return frame;
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
