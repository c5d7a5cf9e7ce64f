package org.gan4j.singan.consingan;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Rng;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;

/**
 * Random samples of a ConSinGAN (official evaluate_model.generate_samples): fresh noise at every stage at the
 * stage sizes scaled by (scaleV, scaleH), through the generator in one pass. The generator is fully convolutional
 * and upsamples to the given sizes, so any size and aspect ratio works.
 */
public final class Sampling {

    private Sampling() {}

    /**
     * The official sample_random_noise for stages 0..last: z_0 [N,3,H_0,W_0], z_n [N,nfc,H_n+2L,W_n+2L]
     * (generation) or [N,nfc,H_n,W_n] (harmonization), drawn in stage order.
     *
     * @param rng the generator to draw from, or null for libtorch's global one
     */
    static List<Tensor> noise(ConSinGANConfig c, Rng rng, int last, int[] heights, int[] widths, int count) {
        List<Tensor> out = new ArrayList<>();
        int border = c.mode().paddedNoise() ? 2 * c.noisePad() : 0;
        for (int n = 0; n <= last; n++) {
            long[] shape = n == 0 ? new long[] {count, 3, heights[0], widths[0]}
                    : new long[] {count, c.nfc(), heights[n] + border, widths[n] + border};
            out.add(rng == null ? Tensors.randn(shape) : rng.randn(shape));
        }
        return out;
    }

    /** Stage sizes scaled as the official evaluation does: int(H_n·scaleV) x int(W_n·scaleH). */
    static int[] scaled(int[] sizes, double f) {
        int[] out = new int[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            out[i] = f == 1.0 ? sizes[i] : (int) (sizes[i] * f);
        }
        return out;
    }

    /**
     * {@code count} random samples, [count,3,H,W] in [-1,1], at scaleV x scaleH times the training size.
     *
     * @param rng the noise generator, or null for libtorch's global one
     */
    public static Tensor generate(ConSinGANModel m, int count, double scaleV, double scaleH, Rng rng) {
        return generate(m, count, scaleV, scaleH, rng, 0);
    }

    /**
     * As above, with the reconstruction's fixed noise z_opt at the stages below {@code startScale} and fresh noise
     * from it on (SinGAN's gen_start_scale; 0 = fully random): samples that keep the training image's layout and
     * vary its finer structure. z_opt has the training sizes, so a start scale above 0 needs scale factors of 1.
     */
    public static Tensor generate(ConSinGANModel m, int count, double scaleV, double scaleH, Rng rng, int startScale) {
        if (startScale < 0 || startScale > m.finest()) {
            throw new org.gan4j.Gan4jException("--start-scale must be between 0 and " + m.finest()
                    + " (the model's finest stage), got " + startScale);
        }
        if (startScale > 0 && (scaleV != 1.0 || scaleH != 1.0)) {
            throw new org.gan4j.Gan4jException("--start-scale keeps the training image's noise below stage " + startScale
                    + ", which has the training size; drop --scale-w/--scale-h or --start-scale");
        }
        int[] hs = scaled(m.heights(), scaleV);
        int[] ws = scaled(m.widths(), scaleH);
        if (hs[0] < 1 || ws[0] < 1) {
            throw new org.gan4j.Gan4jException("--scale-w/--scale-h " + scaleH + "/" + scaleV
                    + " leave the coarsest stage without pixels; use larger factors");
        }
        try (NoGrad ng = new NoGrad()) {
            List<Tensor> z = noise(m.config(), rng, m.finest(), hs, ws, count);
            for (int n = 0; n < startScale; n++) {
                Tensor fixed = m.fixedNoise().get(n); // [1,C,H_n(+2L),W_n(+2L)]
                z.set(n, fixed.expand(z.get(n).shape()).contiguous());
            }
            return m.generator().forward(z, hs, ws, m.noiseAmp());
        }
    }

    /** The reconstruction G(z_opt) of the training image at the finest trained stage: [1,3,H,W]. */
    public static Tensor reconstruct(ConSinGANModel m) {
        try (NoGrad ng = new NoGrad()) {
            return m.generator().forward(m.fixedNoise(), m.heights(), m.widths(), m.noiseAmp());
        }
    }

    /** Random samples as images, one per call of the generator, each from a generator seeded by (seed, k). */
    public static List<BufferedImage> images(ConSinGANModel m, int count, double scaleV, double scaleH, long seed) {
        return images(m, count, scaleV, scaleH, seed, 0);
    }

    /** As above, with fresh noise from stage {@code startScale} on ({@link #generate}). */
    public static List<BufferedImage> images(ConSinGANModel m, int count, double scaleV, double scaleH, long seed,
            int startScale) {
        List<BufferedImage> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            try (Scope s = new Scope()) {
                out.add(ImageTensors.toImage(generate(m, 1, scaleV, scaleH, Rng.seeded(seed * 1_000_003L + k),
                        startScale)));
            }
        }
        return out;
    }
}
