package org.gan4j.mystyle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.data.Npy;
import org.gan4j.torch.AtomicFile;
import org.gan4j.torch.Tensors;

/**
 * The anchors as files: {@code anchors.npy}, float32 {@code [N,S]}, one W code per album picture in album order.
 * Read back from such a file, or from a folder of .npy files (sorted by name) holding one code each; a W+ code whose
 * rows are all equal counts as its W code (the official {@code wplus_to_w}).
 */
public final class Anchors {

    /** The anchors' file name in a run. */
    public static final String FILE = "anchors.npy";

    private Anchors() {}

    /** Writes {@code anchors} ({@code [N,S]}) atomically. */
    public static void write(Path file, Tensor anchors) throws IOException {
        float[] data = Tensors.floats(anchors.contiguous());
        long[] shape = anchors.shape();
        AtomicFile.write(file, tmp -> Npy.write(tmp, data, shape));
    }

    /** Reads anchors from a .npy file or a folder of them: {@code [N,S]}; {@code styleDim} is checked. */
    public static Tensor read(Path path, int styleDim) {
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> s = Files.list(path)) {
                files = s.filter(p -> p.getFileName().toString().endsWith(".npy")).sorted().toList();
            } catch (IOException e) {
                throw new Gan4jException("cannot list " + path + ": " + e.getMessage());
            }
            if (files.isEmpty()) {
                throw new Gan4jException("--anchors " + path + " holds no .npy files");
            }
            float[] all = new float[files.size() * styleDim];
            for (int i = 0; i < files.size(); i++) {
                float[] one = rows(files.get(i), styleDim);
                if (one.length != styleDim) {
                    throw new Gan4jException(files.get(i) + " holds " + one.length / styleDim + " codes; a folder of"
                            + " anchors holds one code per file");
                }
                System.arraycopy(one, 0, all, i * styleDim, styleDim);
            }
            return Tensors.of(all, files.size(), styleDim);
        }
        if (!Files.isRegularFile(path)) {
            throw new Gan4jException("anchors not found: " + path + " (give an [N," + styleDim + "] .npy file or a folder of .npy files)");
        }
        float[] all = rows(path, styleDim);
        return Tensors.of(all, all.length / styleDim, styleDim);
    }

    /** The W codes of one file: [S], [N,S], [N,1,S] or [N,L,S] with equal rows → N codes of S values. */
    private static float[] rows(Path file, int s) {
        Npy.Array a = Npy.read(file);
        long[] sh = a.shape();
        if (sh.length == 0 || sh[sh.length - 1] != s) {
            throw new Gan4jException(file + " has shape " + java.util.Arrays.toString(sh) + "; anchors are W codes of "
                    + s + " values ([N," + s + "])");
        }
        if (sh.length <= 2) {
            return a.data();
        }
        if (sh.length != 3) {
            throw new Gan4jException(file + " has shape " + java.util.Arrays.toString(sh) + "; expected [N," + s + "] or [N,L," + s + "]");
        }
        int n = (int) sh[0];
        int l = (int) sh[1];
        float[] out = new float[n * s];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < l; j++) {
                for (int k = 0; k < s; k++) {
                    float v = a.data()[(i * l + j) * s + k];
                    if (j == 0) {
                        out[i * s + k] = v;
                    } else if (v != out[i * s + k]) {
                        throw new Gan4jException(file + ": code " + i + " is a W+ code with different rows; MyStyle's"
                                + " anchors are W codes (one row repeated)");
                    }
                }
            }
        }
        return out;
    }
}
