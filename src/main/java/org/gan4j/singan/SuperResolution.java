package org.gan4j.singan;

import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Resize;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;

/**
 * Super-resolution (paper §4, official SR.py): the finest generator G_N, trained with α = 100 on the
 * low-resolution image, is applied again and again: the image is upsampled by s = F^(1/k) and G_N adds the
 * detail it learned to add between consecutive scales, k times, so that s^k = F. The first step's input is the
 * image upsampled once; each step draws fresh noise of amplitude σ_N (the official SinGAN_generate with
 * gen_start_scale 0 — its zero z_opt only sets the noise size); the result is cropped to F × the input size.
 */
public final class SuperResolution {

    /**
     * How an upsampling runs.
     *
     * @param factor    F
     * @param steps     k
     * @param stepScale s = F^(1/k)
     * @param heights   output height of each step
     * @param widths    output width of each step
     * @param outH      the final height, int(F·H)
     * @param outW      the final width, int(F·W)
     */
    public record Plan(double factor, int steps, double stepScale, int[] heights, int[] widths, int outH, int outW) {}

    private SuperResolution() {}

    /**
     * The steps for factor F on an h x w input, s = F^(1/k). For a model trained for super-resolution
     * ({@link SinGANConfig#forSuperResolution}), k is the official calc_init_scale's (the number of nominal
     * 2^(1/3) steps closest to F), whatever the scale factor the pyramid recomputed for the image, as SR.py
     * resets it; for any other model, k = round(ln F / ln(1/r)) with its r, so the generator upsamples by about
     * the factor it was trained between.
     */
    public static Plan plan(SinGANModel m, double factor, int h, int w) {
        checkFactor(factor);
        int k = trainedFor(m) ? SuperResolutionSteps.steps(factor)
                : (int) Math.max(1, Math.rint(Math.log(factor) / Math.log(1 / m.scaleFactor())));
        return plan(k, factor, h, w);
    }

    /** The plan for k steps of F^(1/k). */
    public static Plan plan(int k, double factor, int h, int w) {
        checkFactor(factor);
        double s = Math.pow(factor, 1.0 / k);
        int[] hs = new int[k];
        int[] ws = new int[k];
        int ph = h;
        int pw = w;
        for (int j = 0; j < k; j++) {
            ph = Resize.outLength(ph, s);
            pw = Resize.outLength(pw, s);
            hs[j] = ph;
            ws[j] = pw;
        }
        return new Plan(factor, k, s, hs, ws, (int) (factor * h), (int) (factor * w));
    }

    private static void checkFactor(double factor) {
        if (!(factor > 1) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("the super-resolution factor must be greater than 1, got " + factor);
        }
    }

    /** Whether the model was trained for super-resolution (α 100, min size 18, its factor's scale factor). */
    public static boolean trainedFor(SinGANModel m) {
        return m.config().superResolution();
    }

    /** Bytes the last (largest) step needs, for {@link OutputMemory#check}. */
    public static long bytes(SinGANConfig c, int channels, Plan p, double t) {
        int last = p.steps() - 1;
        return OutputMemory.bytes(c, channels, 1, (long) Math.ceil(t * p.heights()[last]),
                (long) Math.ceil(t * p.widths()[last]));
    }

    /**
     * Fails with one line, naming the largest factor that fits, when the plan's output clearly cannot be made
     * in the memory available (or passes the resize limit).
     *
     * @param channels channels of the finest generator
     */
    public static void checkMemory(SinGANConfig c, int channels, Plan p, int h, int w) {
        OutputMemory.check("a " + trim(p.factor()) + "x super-resolution", p.outH(), p.outW(), p.stepScale(),
                t -> bytes(c, channels, p, t),
                t -> " (--factor " + trim(Math.floor(p.factor() * t * 100) / 100) + " for this " + w + "x" + h
                        + " input)");
    }

    static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * Upsamples {@code lr} by the plan's factor; random draws come from the global generator (seed it first).
     *
     * @param lr [1,3,H,W] in [-1,1]
     * @return [1,3,int(F·H),int(F·W)]
     */
    public static Tensor upsample(SinGANModel m, Tensor lr, Plan p) {
        Scale fin = m.scale(m.finest());
        int pad = m.config().pad();
        SinGANModel chain = new SinGANModel(m.config(), 1 / p.stepScale());
        Tensor out;
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Tensor zero = Tensors.zeros(1, 3, 1, 1);
            for (int j = 0; j < p.steps(); j++) {
                // The official reals_sr and zero z_opts only give each step its size: views, no memory.
                long h = p.heights()[j];
                long w = p.widths()[j];
                chain.add(new Scale(fin.g(), fin.d(), zero.expand(1, 3, h + 2L * pad, w + 2L * pad), fin.noiseAmp(),
                        zero.expand(1, 3, h, w)));
            }
            Tensor inS = Imresize.imresize(lr, p.stepScale());
            Tensor hr = Sampler.generate(chain, Sampler.Request.superResolution(inS));
            out = Scope.keepAlive(Noise.crop(hr, p.outH(), p.outW()).contiguous());
        }
        return Scope.adopt(out);
    }
}
