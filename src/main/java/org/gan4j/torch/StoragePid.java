package org.gan4j.torch;

import java.util.List;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * A storage's persistent id as {@code torch.save} pickles it: {@code ('storage', torch.FloatStorage, key,
 * location, numel)}, and in the legacy format one more item, an optional {@code (view_key, offset, numel)}.
 * The location is ignored: everything loads on the CPU.
 */
record StoragePid(PtDType dtype, String key, long numel, PtTuple view) {

    static StoragePid parse(PtTuple pid) {
        List<Object> p = pid.items();
        if (!p.isEmpty() && "module".equals(p.get(0))) {
            throw new PtFormatError("holds a whole pickled torch.nn module (torch.save(model)); load it in Python"
                    + " and save model.state_dict() instead");
        }
        if (p.size() < 5 || p.size() > 6 || !"storage".equals(p.get(0))) {
            throw new PtFormatError("corrupt pickle (a persistent id that is not a storage)");
        }
        if (!(p.get(1) instanceof PickleGlobals.PyGlobal g) || g.kind() != PickleGlobals.Kind.STORAGE_TYPE) {
            throw new PtFormatError("corrupt pickle (a storage of type " + PickleGlobals.typeName(p.get(1)) + ")");
        }
        Object key = p.get(2);
        if (!(key instanceof String) && !(key instanceof Long)) {
            throw new PtFormatError("corrupt pickle (a storage key of type " + PickleGlobals.typeName(key) + ")");
        }
        long numel = PickleGlobals.asLong(p.get(4));
        if (numel < 0 || numel > Long.MAX_VALUE / 16) {
            throw new PtFormatError("corrupt pickle (a storage of " + numel + " elements)");
        }
        PtTuple view = p.size() == 6 && p.get(5) instanceof PtTuple t ? t : null;
        return new StoragePid(g.dtype(), key.toString(), numel, view);
    }

    long nbytes() {
        return numel * dtype.size;
    }

    /** Uninitialised native memory for {@code nbytes} bytes of storage, to be filled from the file. */
    static Tensor allocate(long nbytes) {
        return torch.empty(new long[] {nbytes}, new TensorOptions(ScalarType.Byte), new MemoryFormatOptional());
    }
}
