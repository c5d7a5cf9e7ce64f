package org.gan4j.torch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The bytes an {@link Unpickler} reads: a zip checkpoint's {@code data.pkl} in memory, or a legacy checkpoint
 * read through a small buffer straight from its file, where the raw storages follow the pickles and so the
 * reader must know exactly where the pickles end.
 */
final class PickleInput {

    private static final int BUFFER = 1 << 16;
    private static final int MAX_LINE = 1 << 16;

    private final FileChannel channel;
    private final long end;
    private ByteBuffer buf;
    /** Where {@code buf}'s first byte sits in the file. */
    private long bufStart;

    private PickleInput(FileChannel channel, long start, long end, ByteBuffer buf) {
        this.channel = channel;
        this.end = end;
        this.buf = buf;
        this.bufStart = start;
    }

    static PickleInput of(byte[] data) {
        return new PickleInput(null, 0, data.length, ByteBuffer.wrap(data));
    }

    static PickleInput of(FileChannel channel, long position) throws IOException {
        ByteBuffer empty = ByteBuffer.allocate(BUFFER);
        empty.limit(0);
        return new PickleInput(channel, position, channel.size(), empty);
    }

    /** The position of the next unread byte (a file offset for legacy files). */
    long position() {
        return bufStart + buf.position();
    }

    long remaining() {
        return end - position();
    }

    int read() {
        if (!buf.hasRemaining() && !refill()) {
            throw truncated();
        }
        return buf.get() & 0xff;
    }

    byte[] read(long n) {
        // A length field comes from the file: check it against what is there before allocating.
        if (n < 0 || n > remaining() || n > Integer.MAX_VALUE - 8) {
            throw truncated();
        }
        byte[] out = new byte[(int) n];
        int done = 0;
        while (done < n) {
            if (!buf.hasRemaining() && !refill()) {
                throw truncated();
            }
            int k = Math.min(buf.remaining(), out.length - done);
            buf.get(out, done, k);
            done += k;
        }
        return out;
    }

    long readLittleEndian(int bytes) {
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v |= (long) read() << (8 * i);
        }
        return v;
    }

    /** A line of a text opcode, without its newline. */
    String readLine() {
        StringBuilder b = new StringBuilder();
        for (int c = read(); c != '\n'; c = read()) {
            if (b.length() >= MAX_LINE) {
                throw new PtFormatError("corrupt pickle (a line longer than " + MAX_LINE + " bytes)");
            }
            b.append((char) c);
        }
        return b.toString();
    }

    private boolean refill() {
        if (channel == null) {
            return false;
        }
        long pos = position();
        if (pos >= end) {
            return false;
        }
        buf.clear();
        try {
            int n = channel.read(buf, pos);
            if (n <= 0) {
                return false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        buf.flip();
        bufStart = pos;
        return true;
    }

    private static PtFormatError truncated() {
        return new PtFormatError("is truncated or corrupt: its pickle data ends early");
    }
}
