package org.gan4j.orojar;

import java.awt.image.BufferedImage;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import org.gan4j.train.SampleGrid;

/** Latent traversals: one latent dimension (or direction) swept over a range with the others fixed. */
public final class Traversal {

    private Traversal() {}

    /** z with dimension j set to each of {@code steps} values in [lo, hi]: one row of images. */
    public static BufferedImage strip(DspritesGenerator g, Tensor z, int j, double lo, double hi, int steps) {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Tensor zs = z.reshape(1, -1).repeat(steps, 1); // [steps,nz]
            float[] values = new float[steps];
            for (int t = 0; t < steps; t++) {
                values[t] = (float) (steps == 1 ? lo : lo + (hi - lo) * t / (steps - 1));
            }
            zs = zs.index_copy(1, Tensors.longs(j), Tensors.of(values, steps, 1));
            List<BufferedImage> row = ImageTensors.toImages(g.forward(zs));
            return SampleGrid.tile(row, steps, 0);
        }
    }
}
