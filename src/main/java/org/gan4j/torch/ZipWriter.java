package org.gan4j.torch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.bytedeco.javacpp.Pointer;

/**
 * Writes a zip archive laid out byte for byte as PyTorch's own writer (miniz in caffe2's
 * {@code PyTorchStreamWriter}) lays it out: every record STORED under one folder, its data 64-byte aligned by
 * an {@code FB} padding field in the local header, CRC and sizes in a data descriptor after the data (so each
 * record is written in one pass), and a zip64 end record. Recent PyTorch can compute storage offsets from this
 * layout without reading headers (memory-mapped loading), so it matters beyond validity.
 */
final class ZipWriter {

    static final int ALIGNMENT = 64;
    private static final long MAX32 = 0xffffffffL;
    private static final int CHUNK = 1 << 22;

    private final FileChannel ch;
    private final String folder;
    private final ByteArrayOutputStream central = new ByteArrayOutputStream();
    private long position;
    private int count;
    private long nameHash = 17;
    private long crcHash = 17;

    ZipWriter(FileChannel ch, String folder) {
        this.ch = ch;
        this.folder = folder;
    }

    /**
     * Starts the archive {@code start} bytes into the file. Tests use it to reach zip64 header offsets (past
     * 4 GB) through a sparse hole instead of gigabytes of data.
     */
    ZipWriter(FileChannel ch, String folder, long start) throws IOException {
        this(ch, folder);
        ch.position(start);
        position = start;
    }

    void write(String name, byte[] data) throws IOException {
        CRC32 crc = new CRC32();
        long header = beginRecord(name, data.length);
        ByteBuffer b = ByteBuffer.wrap(data);
        crc.update(b.duplicate());
        NativeIO.writeFully(ch, b);
        endRecord(name, header, data.length, crc.getValue());
    }

    void write(String name, String text) throws IOException {
        write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code size} bytes of native memory at {@code data}, a window at a time. */
    void write(String name, Pointer data, long size) throws IOException {
        CRC32 crc = new CRC32();
        long header = beginRecord(name, size);
        for (long done = 0; done < size; done += CHUNK) {
            ByteBuffer w = NativeIO.window(data, done, (int) Math.min(CHUNK, size - done));
            crc.update(w.duplicate());
            NativeIO.writeFully(ch, w);
        }
        endRecord(name, header, size, crc.getValue());
    }

    /**
     * Like PyTorch's {@code .data/serialization_id}: 40 digits from the record names and CRCs, so that the same
     * content gives the same id. PyTorch only logs it.
     */
    String serializationId() {
        return String.format("%20s%20s", Long.toUnsignedString(nameHash), Long.toUnsignedString(crcHash))
                .replace(' ', '0');
    }

    /** Writes the central directory and the end records. */
    void finish() throws IOException {
        long cdOffset = position;
        byte[] cd = central.toByteArray();
        NativeIO.writeFully(ch, ByteBuffer.wrap(cd));
        position += cd.length;
        long zip64At = position;
        ByteBuffer end = le(56 + 20 + 22);
        end.putInt(0x06064b50).putLong(44).putShort((short) 0x031e).putShort((short) 45).putInt(0).putInt(0)
                .putLong(count).putLong(count).putLong(cd.length).putLong(cdOffset);
        end.putInt(0x07064b50).putInt(0).putLong(zip64At).putInt(1);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0)
                .putShort((short) Math.min(count, 0xffff)).putShort((short) Math.min(count, 0xffff))
                .putInt((int) Math.min(cd.length, MAX32)).putInt((int) Math.min(cdOffset, MAX32)).putShort((short) 0);
        NativeIO.writeFully(ch, end.flip());
        position += 56 + 20 + 22;
    }

    private long beginRecord(String name, long size) throws IOException {
        byte[] full = (folder + "/" + name).getBytes(StandardCharsets.UTF_8);
        long header = position;
        byte[] zip64 = zip64Extra(size, header);
        // Same arithmetic as caffe2's getPadding(): the data must start on a multiple of ALIGNMENT.
        long start = header + 30 + full.length + zip64.length + 4;
        int padding = (int) ((ALIGNMENT - start % ALIGNMENT) % ALIGNMENT);
        ByteBuffer h = le(30 + full.length + zip64.length + 4 + padding);
        h.putInt(0x04034b50).putShort((short) 0).putShort((short) flags(size)).putShort((short) 0)
                .putInt(0).putInt(0).putInt(0).putInt(0) // time, date, crc, sizes: all in the descriptor
                .putShort((short) full.length).putShort((short) (zip64.length + 4 + padding));
        h.put(full).put(zip64);
        h.put((byte) 'F').put((byte) 'B').putShort((short) padding);
        for (int i = 0; i < padding; i++) {
            h.put((byte) 'Z');
        }
        NativeIO.writeFully(ch, h.flip());
        position += h.limit();
        return header;
    }

    private void endRecord(String name, long header, long size, long crc) throws IOException {
        position += size;
        boolean big = size >= MAX32 || header >= MAX32;
        if (size > 0) {
            ByteBuffer d = le(big ? 24 : 16);
            d.putInt(0x08074b50).putInt((int) crc);
            if (big) {
                d.putLong(size).putLong(size);
            } else {
                d.putInt((int) size).putInt((int) size);
            }
            NativeIO.writeFully(ch, d.flip());
            position += d.limit();
        }
        byte[] full = (folder + "/" + name).getBytes(StandardCharsets.UTF_8);
        byte[] zip64 = zip64Extra(size, header);
        ByteBuffer c = le(46 + full.length + zip64.length);
        c.putInt(0x02014b50).putShort((short) 0).putShort((short) 0).putShort((short) flags(size))
                .putShort((short) 0).putInt(0).putInt((int) crc)
                .putInt((int) Math.min(size, MAX32)).putInt((int) Math.min(size, MAX32))
                .putShort((short) full.length).putShort((short) zip64.length).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) Math.min(header, MAX32));
        c.put(full).put(zip64);
        central.write(c.array(), 0, c.position());
        count++;
        nameHash = nameHash * 31 + name.hashCode();
        crcHash = crcHash * 1_000_003 + crc;
    }

    /** Bit 11: UTF-8 names; bit 3: sizes in a data descriptor (miniz writes one only for non-empty records). */
    private static int flags(long size) {
        return size > 0 ? 0x0808 : 0x0800;
    }

    /** The zip64 extra field miniz adds when the size or the header offset does not fit 32 bits. */
    private static byte[] zip64Extra(long size, long header) {
        if (size < MAX32 && header < MAX32) {
            return new byte[0];
        }
        ByteBuffer x = le(4 + (size >= MAX32 ? 16 : 0) + (header >= MAX32 ? 8 : 0));
        x.putShort((short) 1).putShort((short) (x.capacity() - 4));
        if (size >= MAX32) {
            x.putLong(size).putLong(size);
        }
        if (header >= MAX32) {
            x.putLong(header);
        }
        return x.array();
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
