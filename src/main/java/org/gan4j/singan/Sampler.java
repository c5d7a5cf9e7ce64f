package org.gan4j.singan;

import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.Engine;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Resize;
import org.gan4j.torch.Rng;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;

/**
 * Generation through the pyramid (the official SinGAN_generate): from a start input at scale n0, every scale
 * upsamples the previous output by 1/r and adds detail from fresh noise (or from z_opt below the generation
 * start scale). Output size follows the noise, so any size and aspect ratio works (scaleV, scaleH). Samples are
 * generated in batches; BatchNorm runs on its running statistics, so a batch gives the same images as one at a
 * time would.
 */
public final class Sampler {

    /**
     * What to generate.
     *
     * @param count      number of samples N
     * @param genStart   scales below this use z_opt instead of fresh noise (0 = fully random)
     * @param scaleV     vertical size factor relative to the training image (1 = same size)
     * @param scaleH     horizontal size factor
     * @param fromScale  the first scale to run (0 for random samples; the injection scale for editing etc.)
     * @param inS        the input at {@code fromScale} ([1,3,H,W], broadcast to N), or null for zeros at the
     *                   coarsest scale
     * @param superRes   the official SR mode: no crop to the training sizes between steps
     * @param noise      where the noise comes from: a generator of its own (so requests can run side by side and
     *                   stay repeatable), or null for libtorch's global generator
     */
    public record Request(int count, int genStart, double scaleV, double scaleH, int fromScale, Tensor inS,
            boolean superRes, Rng noise) {

        /** {@code count} random samples at the training size, fresh noise at every scale, global generator. */
        public static Request random(int count) {
            return new Request(count, 0, 1, 1, 0, null, false, null);
        }

        /** The reconstruction of the training image: z_opt at every one of the model's {@code scales}. */
        public static Request reconstruction(int scales) {
            return random(1).withStart(scales);
        }

        /** One sample that starts from {@code inS} injected at scale {@code fromScale} (paint, editing, harmonization). */
        public static Request injected(Tensor inS, int fromScale) {
            return new Request(1, 0, 1, 1, fromScale, inS, false, null);
        }

        /** One step of the official SR mode: {@code inS} upsampled through every scale, no crop to the training sizes. */
        public static Request superResolution(Tensor inS) {
            return new Request(1, 0, 1, 1, 0, inS, true, null);
        }

        public Request withStart(int genStart) {
            return new Request(count, genStart, scaleV, scaleH, fromScale, inS, superRes, noise);
        }

        public Request withSize(double v, double h) {
            return new Request(count, genStart, v, h, fromScale, inS, superRes, noise);
        }

        public Request withNoise(Rng rng) {
            return new Request(count, genStart, scaleV, scaleH, fromScale, inS, superRes, rng);
        }
    }

    /** Output pixels from which one request gets all intra-op threads (below it, lanes of requests pay off). */
    public static final long LARGE_OUTPUT_PIXELS = 512L * 512;

    private Sampler() {}

    /** Runs the request through all scales from {@code fromScale} to the finest: [N,3,H,W] in about [-1,1]. */
    public static Tensor generate(SinGANModel m, Request q) {
        return generate(m, q, m.finest());
    }

    /** As {@link #generate(SinGANModel, Request)} but stopping after scale {@code last}. */
    public static Tensor generate(SinGANModel m, Request q, int last) {
        int p = m.config().pad();
        int count = q.count();
        Tensor prev = null;
        // One large output gains from libtorch's intra-op threads; small ones lose (see Engine).
        long pixels = count * Math.round(m.scale(last).height() * q.scaleV())
                * Math.round(m.scale(last).width() * q.scaleH());
        int before = Engine.intraOpThreads(pixels >= LARGE_OUTPUT_PIXELS ? Engine.threads() : 1);
        try (NoGrad ng = new NoGrad()) {
            for (int k = q.fromScale(); k <= last; k++) {
                // One scope per scale: only the scale's output outlives it (this keeps a 1024-px run in memory).
                try (Scope s = new Scope()) {
                    Tensor out = scaleStep(m, q, k, prev, count, p);
                    if (prev != null) {
                        prev.releaseReference();
                    }
                    prev = Scope.keepAlive(out);
                }
            }
        } finally {
            Engine.intraOpThreads(before);
        }
        return Scope.adopt(prev);
    }

    private static Tensor scaleStep(SinGANModel m, Request q, int k, Tensor prev, int count, int p) {
        Scale sc = m.scale(k);
        long zh = Math.round(Math.rint((sc.zOpt().size(2) - 2.0 * p) * q.scaleV()));
        long zw = Math.round(Math.rint((sc.zOpt().size(3) - 2.0 * p) * q.scaleH()));
        Tensor z = q.noise() != null ? Noise.draw(q.noise(), count, zh, zw, k == 0, p) : Noise.draw(count, zh, zw, k == 0, p);
        Tensor iPrev;
        if (prev == null) {
            Tensor in = q.inS() != null ? q.inS() : coarsestZeros(m, q);
            iPrev = Noise.pad(in.expand(count, 3, in.size(2), in.size(3)), p);
        } else {
            iPrev = Imresize.imresize(prev, 1 / m.scaleFactor());
            if (q.superRes()) {
                iPrev = Noise.pad(iPrev, p);
            } else {
                iPrev = Noise.crop(iPrev, Math.round(Math.rint(q.scaleV() * sc.height())),
                        Math.round(Math.rint(q.scaleH() * sc.width())));
                iPrev = Noise.crop(Noise.pad(iPrev, p), z.size(2), z.size(3));
                if (iPrev.size(2) != z.size(2) || iPrev.size(3) != z.size(3)) {
                    iPrev = Resize.bilinear(iPrev, (int) z.size(2), (int) z.size(3), true);
                }
            }
        }
        if (k < q.genStart()) {
            z = sc.zOpt().expand(count, 3, sc.zOpt().size(2), sc.zOpt().size(3));
        }
        Tensor zIn = z.mul(Tensors.s(sc.noiseAmp())).add(iPrev);
        return Bands.forward(sc, m.config(), zIn, iPrev); // in bands when large
    }

    /** generate_in2coarsest: zeros of round(scaleV·H_0) x round(scaleH·W_0). */
    private static Tensor coarsestZeros(SinGANModel m, Request q) {
        Scale s0 = m.scale(0);
        long h = Math.round(Math.rint(q.scaleV() * s0.height()));
        long w = Math.round(Math.rint(q.scaleH() * s0.width()));
        return Tensors.zeros(1, 3, h, w);
    }

    /** The reconstruction G(z_opt) through every scale: [1,3,H,W], close to the training image. */
    public static Tensor reconstruct(SinGANModel m) {
        return generate(m, Request.reconstruction(m.size()));
    }
}
