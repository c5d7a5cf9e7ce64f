package org.gan4j.torch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;

/** Loads the zip checkpoint format that {@code torch.save} writes by default since PyTorch 1.6. */
final class ZipCheckpoint {

    private ZipCheckpoint() {
    }

    static Object load(FileChannel ch) throws IOException {
        ZipReader zip = new ZipReader(ch);
        // TorchScript archives hold a data.pkl too; PyTorch tells them apart by constants.pkl.
        if (zip.find("constants.pkl") != null) {
            throw new PtFormatError("is a TorchScript archive (torch.jit.save), not a torch.save checkpoint");
        }
        ZipReader.Entry pkl = zip.find("data.pkl");
        if (pkl == null) {
            throw new PtFormatError("is a zip archive without data.pkl, not a PyTorch checkpoint");
        }
        ZipReader.Entry order = zip.find("byteorder");
        if (order != null) {
            String bo = new String(zip.readBytes(order, 16), StandardCharsets.US_ASCII).trim();
            if (!bo.equals("little")) {
                throw new PtFormatError("was written on a " + bo + "-endian machine, which gan4j does not read");
            }
        }
        byte[] pickle = zip.readBytes(pkl, Integer.MAX_VALUE - 8);
        Map<String, PickleGlobals.StorageRef> loaded = new HashMap<>();
        Unpickler u = new Unpickler(PickleInput.of(pickle), new PickleGlobals(), pid -> {
            StoragePid sp = StoragePid.parse(pid);
            PickleGlobals.StorageRef s = loaded.get(sp.key());
            if (s == null) {
                s = new PickleGlobals.StorageRef(read(zip, sp), sp.dtype());
                loaded.put(sp.key(), s);
            }
            // A storage met again under another dtype is viewed, not copied: the bytes are shared.
            return s.dtype() == sp.dtype() ? s : new PickleGlobals.StorageRef(s.bytes(), sp.dtype());
        });
        return u.load();
    }

    private static Tensor read(ZipReader zip, StoragePid sp) {
        ZipReader.Entry rec = zip.find("data/" + sp.key());
        if (rec == null) {
            throw new PtFormatError("is incomplete: storage record 'data/" + sp.key() + "' is missing from the archive");
        }
        if (rec.size() != sp.nbytes()) {
            throw new PtFormatError("is corrupt: storage record 'data/" + sp.key() + "' holds " + rec.size()
                    + " bytes but the pickle expects " + sp.nbytes());
        }
        Tensor bytes = StoragePid.allocate(sp.nbytes());
        if (sp.nbytes() > 0) {
            try {
                zip.readInto(rec, bytes.data_ptr());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bytes;
    }
}
