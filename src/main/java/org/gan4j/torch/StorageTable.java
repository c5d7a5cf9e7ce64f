package org.gan4j.torch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Storage;
import org.bytedeco.pytorch.Tensor;

/**
 * The storages of the tensors being saved, each written once under keys "0", "1", ... in the order first met,
 * as {@code torch.save} does: tensors that view one storage (slices, transposes) stay views of one storage in
 * the file, with their own offset and strides.
 */
final class StorageTable {

    /** One storage to write: the whole of it, as a 1-D tensor on its own device. */
    record Entry(String key, PtDType dtype, long numel, Tensor whole) {
        long nbytes() {
            return numel * dtype.size;
        }
    }

    /** How a saved tensor refers to its storage. */
    record Ref(Entry storage, long offset, long[] sizes, long[] strides, boolean requiresGrad) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Entry> byIdentity = new HashMap<>();

    /** Registers {@code t}'s storage (once) and returns how {@code t} sits in it. Call inside a Scope. */
    Ref add(Tensor t, String path) {
        if (!t.defined()) {
            throw new PtFormatError("cannot save the undefined tensor at " + path);
        }
        if (t.is_sparse() || t.is_quantized() || t.is_meta() || !t.has_storage()) {
            throw new PtFormatError("cannot save the tensor at " + path + ": only dense tensors can be saved");
        }
        PtDType dtype = PtDType.of(t.scalar_type());
        if (dtype == null) {
            throw new PtFormatError("cannot save the tensor at " + path + ": dtype " + t.scalar_type() + " is not supported");
        }
        boolean requiresGrad = t.requires_grad();
        Tensor d = t.detach();
        if (d.is_conj() || d.is_neg()) {
            // Lazy conjugation/negation is a flag on the tensor, not in the storage's bytes: materialise it.
            d = d.resolve_conj().resolve_neg();
        }
        Storage s = d.storage();
        long address = s.data() == null ? 0 : s.data().address();
        long numel = s.nbytes() / dtype.size;
        String identity = address + ":" + dtype + ":" + d.device().str().getString();
        Entry e = address == 0 ? null : byIdentity.get(identity);
        if (e == null) {
            Tensor whole = d.as_strided(new long[] {numel}, new long[] {1}, new LongOptional(0));
            e = new Entry(Integer.toString(entries.size()), dtype, numel, whole);
            entries.add(e);
            if (address != 0) {
                byIdentity.put(identity, e);
            }
        }
        return new Ref(e, d.storage_offset(), d.sizes().vec().get(), d.strides().vec().get(), requiresGrad);
    }

    List<Entry> entries() {
        return entries;
    }
}
