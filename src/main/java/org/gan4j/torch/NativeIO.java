package org.gan4j.torch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * File I/O between channels and native (tensor) memory, a window at a time, so that a checkpoint of any size
 * moves through a few megabytes of address space and no Java heap.
 */
final class NativeIO {

    private NativeIO() {
    }

    /** A direct buffer over {@code len} bytes of native memory starting {@code offset} bytes after {@code base}. */
    static ByteBuffer window(Pointer base, long offset, int len) {
        BytePointer p = new BytePointer(base).getPointer(offset);
        p.capacity(len);
        return p.asByteBuffer();
    }

    /** Fills {@code buf} from the file at {@code position}. */
    static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw ZipReader.corrupt("ends early");
            }
            pos += n;
        }
    }

    /** {@code len} bytes at {@code position} as a little-endian heap buffer, or null if they are not all there. */
    static ByteBuffer readAt(FileChannel ch, long position, int len, long fileSize) throws IOException {
        if (position < 0 || len < 0 || position + len > fileSize) {
            return null;
        }
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, b, position);
        return b.flip();
    }

    static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }
}
