package org.gan4j.torch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;

/**
 * Reads and writes PyTorch's own checkpoint files: what Python's {@code torch.save} writes, {@code PtFile.load}
 * reads, and what {@code PtFile.save} writes, {@code torch.load} reads (also with {@code weights_only=True}).
 *
 * <p>The object model, both ways: {@code Map} (a Python dict; loaded as {@code LinkedHashMap<Object,Object>} in
 * file order, keys strings or ints), {@link OrderedDict}, {@code List}, {@link PtTuple} ({@code torch.Size} loads
 * as one), {@link PtNamespace} (argparse.Namespace; saved as a plain dict), {@code Set}, {@code Long} (Python int;
 * Integer is accepted when saving; ints beyond 64 bits are {@code BigInteger}), {@code Double} (Python float;
 * Float accepted), {@code Boolean}, {@code String}, {@code byte[]}, {@code null} (None) and
 * {@link org.bytedeco.pytorch.Tensor} of any common dtype. Loaded tensors are CPU tensors with the stored dtype,
 * shape, strides and offset (views of one storage share memory, as in PyTorch) and live beyond the caller's
 * {@link Scope}s; {@code requires_grad} is kept both ways; numpy scalars load as Long, Double or Boolean.
 *
 * <p>Files are written as PyTorch 2.x writes them (pickle protocol 2, the same zip records and alignment), so
 * {@code torch.load(f, weights_only=True)} reads dicts, lists, tuples, ints, strings, bools, None and tensors
 * in every version that has the flag, and floats from torch 2.0 on. Bytes and sets are written as torch.save
 * writes them too, but weights-only loading accepts them only in recent PyTorch releases.
 *
 * <p>A checkpoint is untrusted input: loading runs no code and allows only the Python globals a checkpoint needs
 * (tensors, storages, OrderedDict, argparse.Namespace, sets, bytes, numpy scalars); anything else is refused by
 * name. Every problem with a file is a one-line {@link Gan4jException} that names the file.
 */
public final class PtFile {

    /** The zip folder name. torch.save uses the file's base name; ours would be the temp file's, so it is fixed. */
    private static final String FOLDER = "archive";

    private PtFile() {
    }

    /**
     * Writes {@code root} in {@code torch.save}'s default (zip) format. Tensors may live on any device; their
     * bytes stream from native memory to the file a few megabytes at a time. Tensors that share a storage are
     * written as views of one storage (the whole storage is written, as torch.save does). Not atomic: write to a
     * temporary file and rename it.
     */
    public static void save(Path file, Object root) {
        Engine.init();
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new Gan4jException("cannot write " + file + ": gan4j writes checkpoints only on little-endian machines");
        }
        boolean opened = false;
        try (Scope scope = new Scope()) {
            StorageTable storages = new StorageTable();
            byte[] pickle = new Pickler(storages).dump(root);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                opened = true;
                // The records and their order are those of PyTorch 2.x's torch.save.
                ZipWriter zip = new ZipWriter(ch, FOLDER);
                zip.write("data.pkl", pickle);
                zip.write(".format_version", "1");
                zip.write(".storage_alignment", Integer.toString(ZipWriter.ALIGNMENT));
                zip.write("byteorder", "little");
                for (StorageTable.Entry e : storages.entries()) {
                    try (Scope perStorage = new Scope()) {
                        Tensor whole = e.whole().is_cpu() ? e.whole() : e.whole().cpu();
                        zip.write("data/" + e.key(), whole.data_ptr(), e.nbytes());
                    }
                }
                zip.write("version", "3\n");
                zip.write(".data/serialization_id", zip.serializationId());
                zip.finish();
            }
        } catch (PtFormatError e) {
            throw new Gan4jException(file + ": " + e.getMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            deletePartial(file, opened);
            throw new Gan4jException("cannot write " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deletePartial(file, opened);
            throw new Gan4jException("cannot write " + file + ": " + Engine.firstLine(e), e);
        }
    }

    /** Reads a checkpoint written by {@code torch.save} (zip or pre-1.6 legacy format) or by {@link #save}. */
    public static Object load(Path file) {
        Engine.init();
        if (Files.isDirectory(file)) {
            throw new Gan4jException(file + ": is a directory, not a checkpoint file");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ); Scope scope = new Scope()) {
            return switch (sniff(ch)) {
                case ZIP -> ZipCheckpoint.load(ch);
                case LEGACY -> LegacyCheckpoint.load(ch);
            };
        } catch (NoSuchFileException e) {
            throw new Gan4jException(file + ": no such file");
        } catch (PtFormatError e) {
            throw new Gan4jException(file + ": " + e.getMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            throw new Gan4jException(file + ": cannot read (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            // A libtorch error on a malformed file (or an allocation failure): one line, never a C++ backtrace.
            throw new Gan4jException(file + ": cannot load (" + Engine.firstLine(e) + ")", e);
        }
    }

    private enum Format { ZIP, LEGACY }

    private static Format sniff(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size == 0) {
            throw new PtFormatError("is empty, not a PyTorch checkpoint");
        }
        ByteBuffer head = NativeIO.readAt(ch, 0, (int) Math.min(size, 512), size);
        byte[] b = new byte[head.remaining()];
        head.get(b);
        if (b.length >= 4 && b[0] == 'P' && b[1] == 'K' && (b[2] == 3 || b[2] == 5) && (b[3] == 4 || b[3] == 6)) {
            return Format.ZIP;
        }
        if (b.length >= 262 && new String(b, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
            throw new PtFormatError("is a tar-format checkpoint from PyTorch before 1.0, which gan4j does not read;"
                    + " re-save it with torch.save in a newer PyTorch");
        }
        if ((b[0] & 0xff) == 0x80 && LegacyCheckpoint.looksLegacy(ch)) {
            return Format.LEGACY;
        }
        throw new PtFormatError("is not a PyTorch checkpoint (neither a torch.save zip archive nor a legacy"
                + " torch.save file)");
    }

    private static void deletePartial(Path file, boolean opened) {
        if (opened) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the original error is the one to report
            }
        }
    }
}
