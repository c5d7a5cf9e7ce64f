package org.gan4j.orojar;

import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.data.Npy;
import org.gan4j.torch.Tensors;

/**
 * Latent directions found in a generator: unit rows, strongest first, each signed so that its largest-magnitude
 * entry is positive; with their eigenvalues (SeFa) or scores (OroJaR discovery).
 *
 * @param directions [K, dim]
 * @param values     [K]
 */
public record Directions(Tensor directions, float[] values) {

    public int count() {
        return (int) directions.size(0);
    }

    /** {@code directions.npy} (K × dim, float32) and {@code eigenvalues.npy} (K) in {@code dir}. */
    public void write(Path dir, String valuesName) throws IOException {
        java.nio.file.Files.createDirectories(dir);
        Npy.write(dir.resolve("directions.npy"), Tensors.floats(directions.contiguous()), directions.size(0),
                directions.size(1));
        Npy.write(dir.resolve(valuesName), values, values.length);
    }

    /** Reads {@code directions.npy}: [K, dim]. */
    public static Tensor read(Path file, int dim) {
        Npy.Array a = Npy.read(file);
        if (a.shape().length != 2 || a.shape()[1] != dim) {
            throw new org.gan4j.Gan4jException(file + ": expected directions of shape [K, " + dim + "], got "
                    + java.util.Arrays.toString(a.shape()));
        }
        return Tensors.of(a.data(), a.shape());
    }
}
