package org.gan4j.torch;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.pytorch.Tensor;

/**
 * Loads the format {@code torch.save} wrote before PyTorch 1.6 (and still writes with
 * {@code _use_new_zipfile_serialization=False}), in which many published checkpoints exist: five pickles in a
 * row (magic number, protocol version, system info, the object, the storage keys), then each storage as an
 * 8-byte element count and its raw little-endian bytes.
 */
final class LegacyCheckpoint {

    static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final long PROTOCOL_VERSION = 1001;

    private LegacyCheckpoint() {
    }

    /** Whether the file starts with the legacy magic number (checked without running any global). */
    static boolean looksLegacy(FileChannel ch) throws IOException {
        try {
            Object magic = new Unpickler(PickleInput.of(ch, 0), new PickleGlobals(), LegacyCheckpoint::noPid).load();
            return MAGIC.equals(magic);
        } catch (PtFormatError e) {
            return false;
        }
    }

    static Object load(FileChannel ch) throws IOException {
        PickleInput in = PickleInput.of(ch, 0);
        PickleGlobals globals = new PickleGlobals();
        new Unpickler(in, globals, LegacyCheckpoint::noPid).load(); // the magic number, checked by looksLegacy
        Object protocol = new Unpickler(in, globals, LegacyCheckpoint::noPid).load();
        if (!Long.valueOf(PROTOCOL_VERSION).equals(protocol)) {
            throw new PtFormatError("has legacy protocol version " + protocol + " (expected " + PROTOCOL_VERSION + ")");
        }
        Object sysInfo = new Unpickler(in, globals, LegacyCheckpoint::noPid).load();
        if (sysInfo instanceof Map<?, ?> m && Boolean.FALSE.equals(m.get("little_endian"))) {
            throw new PtFormatError("was written on a big-endian machine, which gan4j does not read");
        }

        Map<String, PickleGlobals.StorageRef> roots = new HashMap<>();
        Map<String, PickleGlobals.StorageRef> views = new HashMap<>();
        Object result = new Unpickler(in, globals, pid -> {
            StoragePid sp = StoragePid.parse(pid);
            PickleGlobals.StorageRef root = roots.get(sp.key());
            if (root == null) {
                // The bytes follow the pickles; a size the rest of the file cannot hold is a corrupt file.
                if (sp.nbytes() > in.remaining()) {
                    throw new PtFormatError("is truncated or corrupt: storage " + sp.key() + " needs " + sp.nbytes()
                            + " bytes but only " + in.remaining() + " remain");
                }
                root = new PickleGlobals.StorageRef(StoragePid.allocate(sp.nbytes()), sp.dtype());
                roots.put(sp.key(), root);
            }
            PickleGlobals.StorageRef s = sp.dtype() == root.dtype() ? root
                    : new PickleGlobals.StorageRef(root.bytes(), sp.dtype());
            return sp.view() == null ? s : view(views, s, sp.view());
        }).load();

        Object keys = new Unpickler(in, globals, LegacyCheckpoint::noPid).load();
        if (!(keys instanceof List<?> keyList)) {
            throw new PtFormatError("is corrupt: the storage key list is a " + PickleGlobals.typeName(keys));
        }
        long pos = in.position();
        Set<String> read = new HashSet<>();
        for (Object k : keyList) {
            String key = String.valueOf(k);
            PickleGlobals.StorageRef s = roots.get(key);
            if (s == null || !read.add(key)) {
                throw new PtFormatError("is corrupt: storage '" + key + "' is listed twice or belongs to no tensor");
            }
            long nbytes = s.bytes().numel();
            if (pos + 8 + nbytes > ch.size()) {
                throw ZipReader.corrupt("ends inside the data of storage '" + key + "'");
            }
            long count = NativeIO.readAt(ch, pos, 8, ch.size()).getLong(0);
            if (count != nbytes / s.dtype().size) {
                throw new PtFormatError("is corrupt: storage '" + key + "' has " + count + " elements where the"
                        + " pickle expects " + nbytes / s.dtype().size);
            }
            for (long done = 0; done < nbytes; done += 1 << 22) {
                NativeIO.readFully(ch, NativeIO.window(s.bytes().data_ptr(), done,
                        (int) Math.min(1 << 22, nbytes - done)), pos + 8 + done);
            }
            pos += 8 + nbytes;
        }
        if (read.size() != roots.size()) {
            Set<String> missing = new HashSet<>(roots.keySet());
            missing.removeAll(read);
            throw new PtFormatError("is incomplete: the data of storage " + missing + " is missing");
        }
        return result;
    }

    /**
     * A storage that Python pickled on its own: {@code torch.storage._load_from_bytes(b)}, where {@code b} is a
     * legacy {@code torch.save} of the storage alone (how a tensor inside a plain {@code pickle.dump} carries its
     * data). Returns the storage's bytes in native memory and its dtype.
     */
    static PickleGlobals.StorageRef storage(byte[] file) {
        PickleInput in = PickleInput.of(file);
        PickleGlobals globals = new PickleGlobals();
        if (!MAGIC.equals(new Unpickler(in, globals, LegacyCheckpoint::noPid).load())) {
            throw new PtFormatError("holds a pickled storage that is not in torch.save's legacy format");
        }
        Object protocol = new Unpickler(in, globals, LegacyCheckpoint::noPid).load();
        if (!Long.valueOf(PROTOCOL_VERSION).equals(protocol)) {
            throw new PtFormatError("holds a pickled storage with legacy protocol version " + protocol);
        }
        Object sysInfo = new Unpickler(in, globals, LegacyCheckpoint::noPid).load();
        if (sysInfo instanceof Map<?, ?> m && Boolean.FALSE.equals(m.get("little_endian"))) {
            throw new PtFormatError("was written on a big-endian machine, which gan4j does not read");
        }
        StoragePid[] seen = new StoragePid[1];
        Object result = new Unpickler(in, globals, pid -> {
            StoragePid sp = StoragePid.parse(pid);
            if (seen[0] != null || sp.view() != null) {
                throw new PtFormatError("holds a pickled storage of more than one storage");
            }
            seen[0] = sp;
            return sp;
        }).loadAny();
        if (!(result instanceof StoragePid sp)) {
            throw new PtFormatError("holds a pickled 'storage' that is a " + PickleGlobals.typeName(result));
        }
        Object keys = new Unpickler(in, globals, LegacyCheckpoint::noPid).load();
        if (!(keys instanceof List<?> l) || l.size() != 1 || !sp.key().equals(String.valueOf(l.get(0)))) {
            throw new PtFormatError("holds a pickled storage with a corrupt key list");
        }
        byte[] count = in.read(8);
        long n = java.nio.ByteBuffer.wrap(count).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        if (n != sp.numel() || in.remaining() != sp.nbytes()) {
            throw new PtFormatError("holds a pickled storage of " + n + " elements and " + in.remaining()
                    + " bytes where " + sp.numel() + " elements were announced");
        }
        Tensor bytes = StoragePid.allocate(sp.nbytes());
        if (sp.nbytes() > 0) {
            NativeIO.window(bytes.data_ptr(), 0, (int) sp.nbytes()).put(in.read(sp.nbytes()));
        }
        return new PickleGlobals.StorageRef(bytes, sp.dtype());
    }

    /** A pre-1.0 storage view {@code (view_key, offset, numel)}: a window onto its root storage's bytes. */
    private static PickleGlobals.StorageRef view(Map<String, PickleGlobals.StorageRef> views,
            PickleGlobals.StorageRef root, PtTuple meta) {
        if (meta.size() != 3) {
            throw new PtFormatError("corrupt pickle (a storage view of " + meta.size() + " items)");
        }
        String key = String.valueOf(meta.get(0));
        PickleGlobals.StorageRef v = views.get(key);
        if (v == null) {
            int size = root.dtype().size;
            long offset = PickleGlobals.asLong(meta.get(1)) * size;
            long length = PickleGlobals.asLong(meta.get(2)) * size;
            if (offset < 0 || length < 0 || offset + length > root.bytes().numel()) {
                throw new PtFormatError("corrupt pickle (a storage view outside its storage)");
            }
            v = new PickleGlobals.StorageRef(root.bytes().narrow(0, offset, length), root.dtype());
            views.put(key, v);
        }
        return v;
    }

    private static Object noPid(PtTuple pid) {
        throw new PtFormatError("corrupt legacy header (a storage reference outside the object pickle)");
    }
}
