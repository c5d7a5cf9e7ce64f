package org.gan4j.torch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Tensor;

/**
 * The only Python globals a checkpoint may name, and what each one builds. A checkpoint is untrusted input:
 * anything not listed here is refused by name, before any of its arguments are looked at.
 */
final class PickleGlobals {

    enum Kind {
        ORDERED_DICT, REBUILD_TENSOR, REBUILD_TENSOR_V2, REBUILD_PARAMETER, REBUILD_PARAMETER_WITH_STATE,
        REBUILD_FROM_TYPE_V2, TENSOR_TYPE, PARAMETER_TYPE, SIZE, STORAGE_TYPE, NAMESPACE, CODECS_ENCODE, SET,
        NUMPY_DTYPE, NUMPY_SCALAR,
        // Only in network pickles (NVlabs' torch_utils.persistence), see forNetworkPickles():
        PERSISTENT_OBJECT, STORAGE_FROM_BYTES, EASY_DICT, NUMPY_ARRAY, NUMPY_NDARRAY_TYPE
    }

    /** An allowed global as it sits on the unpickler's stack; {@code dtype} is set for storage types. */
    record PyGlobal(String fullName, Kind kind, PtDType dtype) {
    }

    /** What a storage persistent id resolves to: the raw bytes in native memory and the dtype pickled with them. */
    record StorageRef(Tensor bytes, PtDType dtype) {
    }

    private static final Map<String, Kind> ALLOWED = Map.ofEntries(
            Map.entry("collections.OrderedDict", Kind.ORDERED_DICT),
            Map.entry("torch._utils._rebuild_tensor", Kind.REBUILD_TENSOR),
            Map.entry("torch._utils._rebuild_tensor_v2", Kind.REBUILD_TENSOR_V2),
            Map.entry("torch._utils._rebuild_parameter", Kind.REBUILD_PARAMETER),
            Map.entry("torch._utils._rebuild_parameter_with_state", Kind.REBUILD_PARAMETER_WITH_STATE),
            Map.entry("torch._tensor._rebuild_from_type_v2", Kind.REBUILD_FROM_TYPE_V2),
            Map.entry("torch.Tensor", Kind.TENSOR_TYPE),
            Map.entry("torch._tensor.Tensor", Kind.TENSOR_TYPE),
            Map.entry("torch.nn.parameter.Parameter", Kind.PARAMETER_TYPE),
            Map.entry("torch.Size", Kind.SIZE),
            Map.entry("argparse.Namespace", Kind.NAMESPACE),
            Map.entry("_codecs.encode", Kind.CODECS_ENCODE),
            Map.entry("builtins.set", Kind.SET),
            Map.entry("builtins.frozenset", Kind.SET),
            Map.entry("__builtin__.set", Kind.SET),
            Map.entry("__builtin__.frozenset", Kind.SET),
            Map.entry("numpy.dtype", Kind.NUMPY_DTYPE),
            Map.entry("numpy.core.multiarray.scalar", Kind.NUMPY_SCALAR),
            Map.entry("numpy._core.multiarray.scalar", Kind.NUMPY_SCALAR));

    /**
     * What NVlabs' network pickles ({@code pickle.dump} of {@code torch_utils.persistence} modules) add: the
     * persistent-object hook, whose module source is dropped and never run; storages pickled by value; and
     * {@code dnnlib.EasyDict}, a plain dict; and numpy arrays (StyleGAN3 keeps sizes in them), which load as
     * placeholders without their data.
     */
    private static final Map<String, Kind> NETWORK_PICKLE = Map.of(
            "torch_utils.persistence._reconstruct_persistent_obj", Kind.PERSISTENT_OBJECT,
            "torch.storage._load_from_bytes", Kind.STORAGE_FROM_BYTES,
            "dnnlib.util.EasyDict", Kind.EASY_DICT,
            "numpy.core.multiarray._reconstruct", Kind.NUMPY_ARRAY,
            "numpy._core.multiarray._reconstruct", Kind.NUMPY_ARRAY,
            "numpy.ndarray", Kind.NUMPY_NDARRAY_TYPE);

    /** A numpy array from a network pickle, read as a placeholder: gan4j needs none of their values. */
    static final class NumpyArray {
        @Override
        public String toString() {
            return "numpy array";
        }
    }

    private final boolean networkPickle;

    /** The globals of a checkpoint written by {@code torch.save}. */
    PickleGlobals() {
        this(false);
    }

    private PickleGlobals(boolean networkPickle) {
        this.networkPickle = networkPickle;
    }

    /** The globals of a checkpoint, plus those of NVlabs' network pickles (see {@link #NETWORK_PICKLE}). */
    static PickleGlobals forNetworkPickles() {
        return new PickleGlobals(true);
    }

    PyGlobal global(String module, String name) {
        String full = module + "." + name;
        Kind kind = ALLOWED.get(full);
        if (kind == null && networkPickle) {
            kind = NETWORK_PICKLE.get(full);
            if (module.startsWith("dnnlib.tflib")) {
                throw new PtFormatError("is a TensorFlow StyleGAN pickle ('" + full + "'); convert it with"
                        + " stylegan2-ada-pytorch's legacy.py first");
            }
        }
        if (kind != null) {
            return new PyGlobal(full, kind, null);
        }
        if (module.equals("torch") || module.equals("torch.cuda")) {
            PtDType d = PtDType.ofStorage(name);
            if (d != null) {
                return new PyGlobal(full, Kind.STORAGE_TYPE, d);
            }
        }
        if (full.startsWith("torch._utils._rebuild")) {
            throw new PtFormatError("holds a kind of tensor gan4j cannot read ('" + full
                    + "'); only dense tensors are supported");
        }
        String hint = module.startsWith("torch.nn.modules") ? " (this one holds a whole torch.nn module: save"
                + " its state_dict() instead)" : "";
        throw new PtFormatError("refuses to load the Python global '" + full + "' — a checkpoint may only hold"
                + " tensors, numbers, strings and containers" + hint);
    }

    /** REDUCE (and INST/OBJ): calls an allowed global with positional arguments. */
    Object call(Object callable, PtTuple args) {
        PyGlobal g = asGlobal(callable);
        List<Object> a = args.items();
        switch (g.kind()) {
            case ORDERED_DICT -> {
                OrderedDict d = new OrderedDict();
                if (a.size() == 1 && a.get(0) instanceof Collection<?> pairs) {
                    for (Object p : pairs) {
                        List<Object> kv = asTuple(p, "an OrderedDict item", 2).items();
                        d.put(kv.get(0), kv.get(1));
                    }
                } else {
                    arity(g, a, 0, 0);
                }
                return d;
            }
            case REBUILD_TENSOR -> {
                arity(g, a, 4, 4);
                return rebuild(a.get(0), a.get(1), a.get(2), a.get(3), false);
            }
            case REBUILD_TENSOR_V2 -> {
                // (storage, offset, size, stride, requires_grad, backward_hooks[, metadata]); hooks are never
                // serialized with content and metadata holds Python-side flags, so both are dropped.
                arity(g, a, 6, 7);
                return rebuild(a.get(0), a.get(1), a.get(2), a.get(3), bool(a.get(4)));
            }
            case REBUILD_PARAMETER, REBUILD_PARAMETER_WITH_STATE -> {
                arity(g, a, 3, 4);
                return withGrad(asTensor(a.get(0)), bool(a.get(1)));
            }
            case REBUILD_FROM_TYPE_V2 -> {
                // (func, type, args, state): a tensor with Python attributes; the attributes are dropped.
                arity(g, a, 4, 4);
                Kind type = asGlobal(a.get(1)).kind();
                if (type != Kind.TENSOR_TYPE && type != Kind.PARAMETER_TYPE) {
                    throw new PtFormatError("holds a tensor subclass ('" + asGlobal(a.get(1)).fullName() + "')");
                }
                return call(a.get(0), asTuple(a.get(2), "rebuild arguments", 0));
            }
            case SIZE -> {
                arity(g, a, 1, 1);
                return new PtTuple(new ArrayList<>(asCollection(a.get(0))));
            }
            case NAMESPACE -> {
                arity(g, a, 0, 0);
                return new PtNamespace();
            }
            case CODECS_ENCODE -> {
                // Protocol 2 pickles bytes as _codecs.encode(text, 'latin1').
                arity(g, a, 1, 2);
                String text = asString(a.get(0));
                String enc = a.size() > 1 ? asString(a.get(1)).toLowerCase().replace('_', '-') : "utf-8";
                return switch (enc) {
                    case "latin1", "latin-1", "iso-8859-1" -> text.getBytes(StandardCharsets.ISO_8859_1);
                    case "utf-8", "utf8" -> text.getBytes(StandardCharsets.UTF_8);
                    default -> throw new PtFormatError("refuses _codecs.encode with encoding '" + enc + "'");
                };
            }
            case SET -> {
                arity(g, a, 0, 1);
                return a.isEmpty() ? new LinkedHashSet<>() : new LinkedHashSet<>(asCollection(a.get(0)));
            }
            case NUMPY_DTYPE -> {
                arity(g, a, 1, 3);
                return new NumpyScalars.DType(asString(a.get(0)));
            }
            case NUMPY_SCALAR -> {
                arity(g, a, 2, 2);
                return NumpyScalars.scalar(a.get(0), a.get(1));
            }
            case PERSISTENT_OBJECT -> {
                arity(g, a, 1, 1);
                return PtObject.fromMeta(asMap(a.get(0), "a persistent object's description"));
            }
            case STORAGE_FROM_BYTES -> {
                arity(g, a, 1, 1);
                if (!(a.get(0) instanceof byte[] b)) {
                    throw new PtFormatError("corrupt pickle (a storage from a " + typeName(a.get(0)) + ")");
                }
                return LegacyCheckpoint.storage(b);
            }
            case NUMPY_ARRAY -> {
                arity(g, a, 3, 3);
                if (!(a.get(0) instanceof PyGlobal t) || t.kind() != Kind.NUMPY_NDARRAY_TYPE) {
                    throw new PtFormatError("refuses a numpy array of type " + typeName(a.get(0)));
                }
                return new NumpyArray();
            }
            case EASY_DICT -> {
                arity(g, a, 0, 1);
                return a.isEmpty() ? new java.util.LinkedHashMap<>() : new java.util.LinkedHashMap<>(asMap(a.get(0), "an EasyDict"));
            }
            default -> throw new PtFormatError("refuses to call '" + g.fullName() + "'");
        }
    }

    /** NEWOBJ: {@code cls.__new__(cls, *args)}. */
    Object newObject(Object cls, PtTuple args) {
        PyGlobal g = asGlobal(cls);
        return switch (g.kind()) {
            case ORDERED_DICT -> new OrderedDict();
            case NAMESPACE -> new PtNamespace();
            case SET -> new LinkedHashSet<>();
            case EASY_DICT -> new java.util.LinkedHashMap<>();
            // Parameter(data, requires_grad) is what the weights-only unpickler accepts as well.
            case PARAMETER_TYPE -> withGrad(asTensor(args.items().isEmpty() ? null : args.get(0)),
                    args.size() < 2 || bool(args.get(1)));
            default -> throw new PtFormatError("refuses to instantiate '" + g.fullName() + "'");
        };
    }

    /** BUILD: sets an object's state (its {@code __dict__}) after it was created. */
    void build(Object target, Object state) {
        if (target instanceof OrderedDict) {
            return; // the state is {'_metadata': ...}: module versions, which gan4j does not use
        }
        if (target instanceof PtNamespace ns) {
            for (Map.Entry<?, ?> e : asMap(state, "a Namespace's attributes").entrySet()) {
                ns.put(asString(e.getKey()), e.getValue());
            }
            return;
        }
        if (target instanceof NumpyArray) {
            return; // (version, shape, dtype, fortran order, data): not needed
        }
        if (target instanceof NumpyScalars.DType d) {
            d.setState(state);
            return;
        }
        if ((target instanceof Tensor || (networkPickle && target instanceof Map<?, ?>)) && (state == null || isEmpty(state))) {
            return;
        }
        throw new PtFormatError("refuses to set the state of a " + typeName(target));
    }

    /** Checks that a loaded object graph holds only gan4j's object model, not stray types or storages. */
    static void checkResult(Object root) {
        IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
        List<Object> todo = new ArrayList<>();
        todo.add(root);
        while (!todo.isEmpty()) {
            Object o = todo.remove(todo.size() - 1);
            if (o == null || seen.put(o, Boolean.TRUE) != null) {
                continue;
            }
            if (o instanceof PyGlobal g) {
                throw new PtFormatError("holds the Python object '" + g.fullName() + "' where data was expected");
            }
            if (o instanceof StorageRef || o instanceof NumpyScalars.DType) {
                throw new PtFormatError("holds a bare " + typeName(o) + " where data was expected");
            }
            if (o instanceof Map<?, ?> m) {
                todo.addAll(m.keySet());
                todo.addAll(m.values());
            } else if (o instanceof PtTuple t) {
                todo.addAll(t.items());
            } else if (o instanceof PtObject p) {
                todo.add(p.state());
            } else if (o instanceof Collection<?> c) {
                todo.addAll(c);
            }
        }
    }

    static String typeName(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof PyGlobal g) {
            return "'" + g.fullName() + "'";
        }
        if (o instanceof StorageRef) {
            return "storage";
        }
        return o.getClass().getSimpleName();
    }

    private static Tensor rebuild(Object storage, Object offset, Object size, Object stride, boolean requiresGrad) {
        if (!(storage instanceof StorageRef s)) {
            throw new PtFormatError("corrupt pickle (a tensor without a storage: " + typeName(storage) + ")");
        }
        long off = asLong(offset);
        long[] sizes = longs(size);
        long[] strides = longs(stride);
        if (sizes.length != strides.length || off < 0) {
            throw new PtFormatError("corrupt pickle (a tensor with " + sizes.length + " sizes, " + strides.length
                    + " strides and offset " + off + ")");
        }
        try {
            // The storage is raw bytes; view it as the pickled dtype, then as this tensor's shape. Views of one
            // storage thus share memory, as in PyTorch, and as_strided checks the bounds against the storage.
            Tensor typed = s.bytes().view(s.dtype().scalarType);
            Tensor t = typed.as_strided(sizes, strides, new LongOptional(typed.storage_offset() + off));
            return withGrad(Scope.keepAlive(t), requiresGrad);
        } catch (RuntimeException e) {
            throw new PtFormatError("holds a tensor that does not fit its storage (" + Engine.firstLine(e) + ")");
        }
    }

    private static Tensor withGrad(Tensor t, boolean requiresGrad) {
        // Only floating-point tensors can require grad; PyTorch never writes the flag for others.
        if (requiresGrad && (t.is_floating_point() || t.is_complex())) {
            t.set_requires_grad(true);
        }
        return t;
    }

    private static void arity(PyGlobal g, List<Object> a, int min, int max) {
        if (a.size() < min || a.size() > max) {
            throw new PtFormatError("corrupt pickle ('" + g.fullName() + "' called with " + a.size() + " arguments)");
        }
    }

    private static PyGlobal asGlobal(Object o) {
        if (o instanceof PyGlobal g) {
            return g;
        }
        throw new PtFormatError("corrupt pickle (calls a " + typeName(o) + ")");
    }

    private static Tensor asTensor(Object o) {
        if (o instanceof Tensor t) {
            return t;
        }
        throw new PtFormatError("corrupt pickle (expected a tensor, got a " + typeName(o) + ")");
    }

    private static PtTuple asTuple(Object o, String what, int minSize) {
        if (o instanceof PtTuple t && t.size() >= minSize) {
            return t;
        }
        throw new PtFormatError("corrupt pickle (" + what + " is a " + typeName(o) + ")");
    }

    private static Map<?, ?> asMap(Object o, String what) {
        if (o instanceof Map<?, ?> m) {
            return m;
        }
        throw new PtFormatError("corrupt pickle (" + what + " is a " + typeName(o) + ")");
    }

    private static Collection<?> asCollection(Object o) {
        if (o instanceof PtTuple t) {
            return t.items();
        }
        if (o instanceof Collection<?> c) {
            return c;
        }
        throw new PtFormatError("corrupt pickle (expected a sequence, got a " + typeName(o) + ")");
    }

    static String asString(Object o) {
        if (o instanceof String s) {
            return s;
        }
        throw new PtFormatError("corrupt pickle (expected a string, got a " + typeName(o) + ")");
    }

    static long asLong(Object o) {
        if (o instanceof Long l) {
            return l;
        }
        throw new PtFormatError("corrupt pickle (expected an int, got a " + typeName(o) + ")");
    }

    private static long[] longs(Object o) {
        Collection<?> c = asCollection(o);
        long[] out = new long[c.size()];
        int i = 0;
        for (Object v : c) {
            out[i++] = asLong(v);
        }
        return out;
    }

    private static boolean bool(Object o) {
        if (o instanceof Boolean b) {
            return b;
        }
        if (o instanceof Long l) {
            return l != 0;
        }
        throw new PtFormatError("corrupt pickle (expected a bool, got a " + typeName(o) + ")");
    }

    private static boolean isEmpty(Object state) {
        return (state instanceof Map<?, ?> m && m.isEmpty()) || (state instanceof PtTuple t && t.size() == 0);
    }
}
