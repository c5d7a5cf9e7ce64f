package org.gan4j.torch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.bytedeco.javacpp.Pointer;

/**
 * Reads the records of a PyTorch zip checkpoint: all files sit in one top-level folder (its name is free;
 * {@code torch.save} uses the file's base name), tensor storages are STORED. Reads go straight from the file
 * into native memory, with the CRC checked on the way.
 */
final class ZipReader {

    /** One file of the archive, from the central directory. */
    record Entry(String name, int flags, int method, long crc, long compressedSize, long size, long headerOffset) {
    }

    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int LOCAL = 0x04034b50;
    private static final long MAX32 = 0xffffffffL;
    private static final int CHUNK = 1 << 22;

    private final FileChannel ch;
    private final long fileSize;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final String prefix;

    ZipReader(FileChannel ch) throws IOException {
        this.ch = ch;
        this.fileSize = ch.size();
        readCentralDirectory();
        if (entries.isEmpty()) {
            throw new PtFormatError("is an empty zip archive, not a PyTorch checkpoint");
        }
        String first = entries.keySet().iterator().next();
        int slash = first.indexOf('/');
        if (slash <= 0) {
            throw notCheckpoint();
        }
        prefix = first.substring(0, slash + 1);
        for (String name : entries.keySet()) {
            if (!name.startsWith(prefix)) {
                throw notCheckpoint();
            }
        }
    }

    /** The record {@code name} inside the archive's folder, or null. */
    Entry find(String name) {
        return entries.get(prefix + name);
    }

    /** All records, in central-directory order. */
    java.util.Collection<Entry> entries() {
        return entries.values();
    }

    /** Reads a small record (the pickle, the version) onto the heap. */
    byte[] readBytes(Entry e, long max) throws IOException {
        if (e.size() > max) {
            throw new PtFormatError("record '" + e.name() + "' is implausibly large (" + e.size() + " bytes)");
        }
        byte[] out = new byte[(int) e.size()];
        read(e, ByteBuffer.wrap(out), null, 0);
        return out;
    }

    /** Reads a record into {@code size} bytes of native memory at {@code dst}. */
    void readInto(Entry e, Pointer dst) throws IOException {
        read(e, null, dst, e.size());
    }

    private void read(Entry e, ByteBuffer heap, Pointer dst, long n) throws IOException {
        if ((e.flags() & 1) != 0) {
            throw new PtFormatError("record '" + e.name() + "' is encrypted");
        }
        long data = dataOffset(e);
        CRC32 crc = new CRC32();
        if (e.method() == 0) {
            if (e.compressedSize() != e.size()) {
                throw corrupt("record '" + e.name() + "' has inconsistent sizes");
            }
            if (heap != null) {
                NativeIO.readFully(ch, heap, data);
                crc.update(heap.flip());
            } else {
                for (long done = 0; done < n; done += CHUNK) {
                    ByteBuffer w = NativeIO.window(dst, done, (int) Math.min(CHUNK, n - done));
                    NativeIO.readFully(ch, w, data + done);
                    crc.update(w.flip());
                }
            }
        } else if (e.method() == 8) {
            inflate(e, data, heap, dst, crc);
        } else {
            throw new PtFormatError("record '" + e.name() + "' uses zip compression method " + e.method()
                    + ", which gan4j does not read");
        }
        if (crc.getValue() != e.crc()) {
            throw corrupt("record '" + e.name() + "' fails its CRC check");
        }
    }

    private void inflate(Entry e, long data, ByteBuffer heap, Pointer dst, CRC32 crc) throws IOException {
        Inflater inf = new Inflater(true);
        try {
            ByteBuffer in = ByteBuffer.allocate(1 << 16);
            long readPos = data;
            long end = data + e.compressedSize();
            long produced = 0;
            while (produced < e.size()) {
                if (inf.needsInput()) {
                    if (readPos >= end) {
                        throw corrupt("record '" + e.name() + "' has truncated compressed data");
                    }
                    in.clear().limit((int) Math.min(in.capacity(), end - readPos));
                    NativeIO.readFully(ch, in, readPos);
                    readPos += in.flip().remaining();
                    inf.setInput(in);
                }
                ByteBuffer out = heap != null ? heap
                        : NativeIO.window(dst, produced, (int) Math.min(CHUNK, e.size() - produced));
                int start = out.position();
                int k = inf.inflate(out);
                crc.update(out.duplicate().position(start).limit(start + k));
                produced += k;
                if (k == 0 && (inf.finished() || inf.needsDictionary())) {
                    throw corrupt("record '" + e.name() + "' inflates to fewer bytes than it claims");
                }
            }
        } catch (DataFormatException ex) {
            throw corrupt("record '" + e.name() + "' has corrupt compressed data");
        } finally {
            inf.end();
        }
    }

    /** Where the record's data starts in the file. */
    long dataOffset(Entry e) throws IOException {
        ByteBuffer h = NativeIO.readAt(ch, e.headerOffset(), 30, fileSize);
        if (h == null || h.getInt(0) != LOCAL) {
            throw corrupt("record '" + e.name() + "' has no local header");
        }
        long data = e.headerOffset() + 30 + (h.getShort(26) & 0xffff) + (h.getShort(28) & 0xffff);
        if (data + e.compressedSize() > fileSize) {
            throw corrupt("record '" + e.name() + "' runs past the end of the file");
        }
        return data;
    }

    private void readCentralDirectory() throws IOException {
        int tail = (int) Math.min(fileSize, 22 + 0xffff);
        ByteBuffer t = NativeIO.readAt(ch, fileSize - tail, tail, fileSize);
        int at = -1;
        for (int i = tail - 22; i >= 0; i--) {
            if (t.getInt(i) == EOCD) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            throw corrupt("has no zip central directory");
        }
        long eocd = fileSize - tail + at;
        long count = t.getShort(at + 10) & 0xffff;
        long cdSize = t.getInt(at + 12) & MAX32;
        long cdOffset = t.getInt(at + 16) & MAX32;
        ByteBuffer loc = eocd >= 20 ? NativeIO.readAt(ch, eocd - 20, 20, fileSize) : null;
        if (loc != null && loc.getInt(0) == ZIP64_LOCATOR) {
            ByteBuffer z = NativeIO.readAt(ch, loc.getLong(8), 56, fileSize);
            if (z == null || z.getInt(0) != ZIP64_EOCD) {
                throw corrupt("has a broken zip64 end record");
            }
            count = z.getLong(32);
            cdSize = z.getLong(40);
            cdOffset = z.getLong(48);
        }
        if (cdOffset < 0 || cdSize < 0 || cdOffset + cdSize > eocd || cdSize > (1 << 26)) {
            throw corrupt("has a central directory outside the file");
        }
        ByteBuffer cd = NativeIO.readAt(ch, cdOffset, (int) cdSize, fileSize);
        for (long i = 0; i < count; i++) {
            if (cd.remaining() < 46 || cd.getInt(cd.position()) != CENTRAL) {
                throw corrupt("has a damaged central directory");
            }
            Entry e = readEntry(cd);
            if (entries.put(e.name(), e) != null) {
                throw corrupt("holds '" + e.name() + "' twice");
            }
        }
    }

    private Entry readEntry(ByteBuffer cd) {
        int p = cd.position();
        int flags = cd.getShort(p + 8) & 0xffff;
        int method = cd.getShort(p + 10) & 0xffff;
        long crc = cd.getInt(p + 16) & MAX32;
        long csize = cd.getInt(p + 20) & MAX32;
        long size = cd.getInt(p + 24) & MAX32;
        int nameLen = cd.getShort(p + 28) & 0xffff;
        int extraLen = cd.getShort(p + 30) & 0xffff;
        int commentLen = cd.getShort(p + 32) & 0xffff;
        long offset = cd.getInt(p + 42) & MAX32;
        if (cd.remaining() < 46 + nameLen + extraLen + commentLen) {
            throw corrupt("has a damaged central directory");
        }
        byte[] nameBytes = new byte[nameLen];
        cd.position(p + 46).get(nameBytes);
        // Zip64: each field that overflowed 32 bits is 0xffffffff here and follows, in order, in extra field 1.
        int x = p + 46 + nameLen;
        int xEnd = x + extraLen;
        while (x + 4 <= xEnd) {
            int id = cd.getShort(x) & 0xffff;
            int len = cd.getShort(x + 2) & 0xffff;
            if (id == 1) {
                int q = x + 4;
                if (size == MAX32 && q + 8 <= x + 4 + len) {
                    size = cd.getLong(q);
                    q += 8;
                }
                if (csize == MAX32 && q + 8 <= x + 4 + len) {
                    csize = cd.getLong(q);
                    q += 8;
                }
                if (offset == MAX32 && q + 8 <= x + 4 + len) {
                    offset = cd.getLong(q);
                }
            }
            x += 4 + len;
        }
        cd.position(xEnd + commentLen);
        if (size < 0 || csize < 0 || offset < 0 || offset > fileSize) {
            throw corrupt("has a damaged central directory");
        }
        return new Entry(new String(nameBytes, StandardCharsets.UTF_8), flags, method, crc, csize, size, offset);
    }

    private static PtFormatError notCheckpoint() {
        return new PtFormatError("is a zip archive but not a PyTorch checkpoint (its files are not all in one folder)");
    }

    static PtFormatError corrupt(String what) {
        return new PtFormatError("is truncated or corrupt: it " + what);
    }
}
