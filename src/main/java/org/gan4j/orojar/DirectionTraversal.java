package org.gan4j.orojar;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.stylegan2.Generator;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import org.gan4j.train.SampleGrid;

/** Rows of images moving along latent directions: z + α·n for the dSprites GAN, W+ rows + α·n for StyleGAN2 (as SeFa). */
public final class DirectionTraversal {

    private DirectionTraversal() {}

    /** Evenly spaced α in [lo, hi]. */
    static float[] distances(double lo, double hi, int steps) {
        float[] a = new float[steps];
        for (int t = 0; t < steps; t++) {
            a[t] = (float) (steps == 1 ? lo : lo + (hi - lo) * t / (steps - 1));
        }
        return a;
    }

    /** One row per direction: the images of base + α·n_k for α evenly in [lo, hi]. */
    public static List<BufferedImage> rows(LatentModel m, Tensor base, Tensor directions, double lo, double hi, int steps) {
        List<BufferedImage> rows = new ArrayList<>();
        Tensor alpha = Tensors.of(distances(lo, hi, steps), steps, 1);
        for (int k = 0; k < directions.size(0); k++) {
            try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
                Tensor b = base.reshape(1, -1).expand(new long[] {steps, m.dim()}); // [steps,dim]
                Tensor delta = alpha.mul(directions.get(k).reshape(1, -1));
                rows.add(SampleGrid.tile(ImageTensors.toImages(m.render(b, delta)), steps, 0));
            }
        }
        return rows;
    }

    /** One row per direction: G(z + α·n_k) for the dSprites GAN. */
    public static List<BufferedImage> dcgan(DspritesGenerator g, Tensor z, Tensor directions, double lo, double hi, int steps) {
        return rows(LatentModel.of(g), z, directions, lo, hi, steps);
    }

    /**
     * One row per direction for StyleGAN2: w = f(z) truncated by ψ toward w̄, then α·n_k added to the W+ rows in
     * {@code wRows} (the layers the directions came from), rendered with the generator's fixed noise.
     */
    public static List<BufferedImage> stylegan2(Generator g, Tensor wAvg, Tensor z, double psi, List<Integer> wRows,
            Tensor directions, double lo, double hi, int steps) {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Tensor w = g.getLatent(z.reshape(1, -1)); // [1,S]
            Tensor avg = wAvg.reshape(1, -1);
            w = avg.add(w.sub(avg).mul(Tensors.s(psi))); // w̄ + ψ(w − w̄)
            return rows(LatentModel.of(g, wRows), w, directions, lo, hi, steps);
        }
    }

    /** The W+ rows read by style-conv layers {@code layers} (row l) and, with {@code toRgb}, the to_rgb rows 2j+1. */
    public static List<Integer> wRows(Generator g, List<Integer> layers, boolean toRgb) {
        java.util.TreeSet<Integer> rows = new java.util.TreeSet<>(layers);
        if (toRgb) {
            for (int j = 0; 2 * j + 1 < g.nLatent(); j++) {
                rows.add(2 * j + 1);
            }
        }
        return new ArrayList<>(rows);
    }
}
