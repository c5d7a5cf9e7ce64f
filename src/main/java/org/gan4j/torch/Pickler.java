package org.gan4j.torch;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.pytorch.Tensor;

/**
 * Writes gan4j's object model as a protocol-2 pickle shaped like the one {@code torch.save} writes, using only
 * opcodes and globals that PyTorch's weights-only loader accepts: tensors become
 * {@code torch._utils._rebuild_tensor_v2} calls on persistent storage ids, dicts keep their order.
 */
final class Pickler {

    private static final int BATCH = 1000; // items per APPENDS/SETITEMS, as CPython batches them
    private static final int MAX_DEPTH = 1000;

    private final StorageTable storages;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Pickler(StorageTable storages) {
        this.storages = storages;
    }

    byte[] dump(Object root) {
        out.write(0x80); // PROTO 2
        out.write(2);
        save(root, "root", 0);
        out.write('.'); // STOP
        return out.toByteArray();
    }

    private void save(Object o, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new PtFormatError("cannot save " + path + ": nested more than " + MAX_DEPTH + " deep (a cycle?)");
        }
        if (o == null) {
            out.write('N');
        } else if (o instanceof Boolean b) {
            out.write(b ? 0x88 : 0x89);
        } else if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
            saveInt(((Number) o).longValue());
        } else if (o instanceof BigInteger b) {
            saveBigInt(b);
        } else if (o instanceof Double || o instanceof Float) {
            out.write('G'); // BINFLOAT, big-endian
            writeBigEndian(Double.doubleToRawLongBits(((Number) o).doubleValue()), 8);
        } else if (o instanceof String s) {
            saveString(s);
        } else if (o instanceof byte[] b) {
            // Protocol 2 has no bytes opcode: CPython writes _codecs.encode(latin-1 text, 'latin1').
            global("_codecs", "encode");
            saveString(new String(b, StandardCharsets.ISO_8859_1));
            saveString("latin1");
            out.write(0x86); // TUPLE2
            out.write('R');
        } else if (o instanceof Tensor t) {
            saveTensor(t, path);
        } else if (o instanceof PtTuple t) {
            saveTuple(t.items(), path, depth);
        } else if (o instanceof OrderedDict d) {
            global("collections", "OrderedDict");
            out.write(')');
            out.write('R');
            saveItems(d, path, depth);
        } else if (o instanceof Map<?, ?> m) {
            // Includes PtNamespace, deliberately written as a plain dict (see its Javadoc).
            out.write('}');
            saveItems(m, path, depth);
        } else if (o instanceof Set<?> s) {
            global("__builtin__", "set");
            out.write(']');
            saveAppends(s, path, depth);
            out.write(0x85); // TUPLE1
            out.write('R');
        } else if (o instanceof List<?> l) {
            out.write(']');
            saveAppends(l, path, depth);
        } else {
            throw new PtFormatError("cannot save the " + o.getClass().getName() + " at " + path + " — a checkpoint"
                    + " may only hold tensors, numbers, strings, bytes, booleans, None and lists, tuples, sets and"
                    + " maps of those");
        }
    }

    private void saveTensor(Tensor t, String path) {
        StorageTable.Ref r = storages.add(t, path);
        global("torch._utils", "_rebuild_tensor_v2");
        out.write('(');
        // The persistent id ('storage', torch.<Type>Storage, key, location, numel), as torch.save writes it.
        // DEVIATION: the location is always 'cpu' (torch.save writes the source device, e.g. 'cuda:0'): gan4j
        // copies every storage to the CPU to write it, and a 'cpu' file loads on machines without a GPU.
        out.write('(');
        saveString("storage");
        global("torch", r.storage().dtype().storageName);
        saveString(r.storage().key());
        saveString("cpu");
        saveInt(r.storage().numel());
        out.write('t');
        out.write('Q'); // BINPERSID
        saveInt(r.offset());
        saveLongs(r.sizes());
        saveLongs(r.strides());
        out.write(r.requiresGrad() ? 0x88 : 0x89);
        global("collections", "OrderedDict"); // backward hooks: never serialized, always empty
        out.write(')');
        out.write('R');
        out.write('t');
        out.write('R');
    }

    private void saveLongs(long[] v) {
        List<Object> items = new ArrayList<>(v.length);
        for (long x : v) {
            items.add(x);
        }
        saveTuple(items, "", 0);
    }

    private void saveTuple(List<Object> items, String path, int depth) {
        int n = items.size();
        if (n == 0) {
            out.write(')');
            return;
        }
        if (n > 3) {
            out.write('(');
        }
        for (int i = 0; i < n; i++) {
            save(items.get(i), path + "[" + i + "]", depth + 1);
        }
        out.write(n == 1 ? 0x85 : n == 2 ? 0x86 : n == 3 ? 0x87 : 't');
    }

    private void saveAppends(Collection<?> items, String path, int depth) {
        Iterator<?> it = items.iterator();
        int i = 0;
        while (it.hasNext()) {
            out.write('(');
            for (int k = 0; k < BATCH && it.hasNext(); k++, i++) {
                save(it.next(), path + "[" + i + "]", depth + 1);
            }
            out.write('e'); // APPENDS
        }
    }

    private void saveItems(Map<?, ?> m, String path, int depth) {
        Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
        while (it.hasNext()) {
            out.write('(');
            for (int k = 0; k < BATCH && it.hasNext(); k++) {
                Map.Entry<?, ?> e = it.next();
                Object key = e.getKey();
                if (!(key == null || key instanceof String || key instanceof Number || key instanceof Boolean
                        || key instanceof PtTuple)) {
                    throw new PtFormatError("cannot save the map at " + path + ": its key " + key + " is a "
                            + key.getClass().getName() + " (keys must be strings, numbers, booleans or tuples)");
                }
                save(key, path, depth + 1);
                save(e.getValue(), path + "[" + (key instanceof String ? "'" + key + "'" : key) + "]", depth + 1);
            }
            out.write('u'); // SETITEMS
        }
    }

    private void saveInt(long v) {
        if (v >= 0 && v < 0x100) {
            out.write('K');
            out.write((int) v);
        } else if (v >= 0 && v < 0x10000) {
            out.write('M');
            writeLittleEndian(v, 2);
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            out.write('J');
            writeLittleEndian(v, 4);
        } else {
            saveBigInt(BigInteger.valueOf(v));
        }
    }

    private void saveBigInt(BigInteger v) {
        byte[] be = v.toByteArray(); // minimal two's complement, as Python's encode_long
        if (be.length > 255) {
            throw new PtFormatError("cannot save an integer of " + be.length + " bytes");
        }
        out.write(0x8a); // LONG1
        out.write(be.length);
        for (int i = be.length - 1; i >= 0; i--) {
            out.write(be[i]);
        }
    }

    private void saveString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write('X'); // BINUNICODE
        writeLittleEndian(b.length, 4);
        out.write(b, 0, b.length);
    }

    private void global(String module, String name) {
        out.write('c');
        byte[] b = (module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
    }

    private void writeLittleEndian(long v, int n) {
        for (int i = 0; i < n; i++) {
            out.write((int) (v >>> (8 * i)));
        }
    }

    private void writeBigEndian(long v, int n) {
        for (int i = n - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)));
        }
    }
}
