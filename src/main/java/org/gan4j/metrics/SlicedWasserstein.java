package org.gan4j.metrics;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Rng;
import org.gan4j.torch.Scope;

/**
 * Sliced Wasserstein distance between the 7x7 patch distributions of two image sets at every level of a
 * Laplacian pyramid (Karras et al., ICLR 2018, "Progressive Growing of GANs", appendix D), the patch-statistics
 * comparison gan4j uses for single-image GANs: level 0 compares fine texture, the last level coarse layout.
 * Reported ×1000 like the original. Needs no pretrained network.
 *
 * <p>Per level: random 7x7 patches (147-dim descriptors), each set normalised per colour channel, then for
 * {@code repeats} sets of 512 random unit directions the mean absolute difference of the sorted projections.
 */
public final class SlicedWasserstein {

    /**
     * @param perLevel SWD×1000 at each pyramid level, finest first
     * @param mean     their average
     */
    public record Result(double[] perLevel, double mean) {}

    private static final int PATCH = 7;
    private static final int DIRECTIONS = 512;

    private SlicedWasserstein() {}

    /**
     * @param a               images [N,3,H,W] in [-1,1]
     * @param b               images [M,3,H',W'] in [-1,1] (sizes may differ from a's)
     * @param levels          Laplacian levels (the last is the low-pass residual)
     * @param patchesPerSet   patches drawn from each set per level, spread evenly over its images (so one
     *                        training image and many samples are compared on equal numbers of patches)
     * @param repeats         independent sets of random directions averaged
     * @param seed            makes the result repeatable
     */
    public static Result patchSwd(Tensor a, Tensor b, int levels, int patchesPerSet, int repeats, long seed) {
        double[] per = new double[levels];
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Rng gen = Rng.seeded(seed);
            Tensor pa = a;
            Tensor pb = b;
            for (int l = 0; l < levels; l++) {
                boolean last = l == levels - 1;
                Tensor la = last ? pa : laplacian(pa);
                Tensor lb = last ? pb : laplacian(pb);
                Tensor da = normalise(patches(la, perImage(patchesPerSet, la), gen));
                Tensor db = normalise(patches(lb, perImage(patchesPerSet, lb), gen));
                per[l] = swd(da, db, repeats, gen) * 1e3;
                if (!last) {
                    pa = pyrDown(pa);
                    pb = pyrDown(pb);
                }
            }
        }
        double mean = 0;
        for (double v : per) {
            mean += v / levels;
        }
        return new Result(per, mean);
    }

    private static int perImage(int patchesPerSet, Tensor x) {
        return (int) Math.max(1, (patchesPerSet + x.size(0) - 1) / x.size(0));
    }

    /** The largest number of levels for which the coarsest level of an h x w image still holds 7x7 patches. */
    public static int levelsFor(long h, long w) {
        int levels = 1;
        long m = Math.min(h, w);
        while (m / 2 >= 2 * PATCH) {
            m /= 2;
            levels++;
        }
        return levels;
    }

    /** Binomial 5-tap blur then 2x subsampling (reflect padding). */
    static Tensor pyrDown(Tensor x) {
        return blur(x).slice(2, new org.bytedeco.pytorch.LongOptional(0), new org.bytedeco.pytorch.LongOptional(),
                2).slice(3, new org.bytedeco.pytorch.LongOptional(0), new org.bytedeco.pytorch.LongOptional(), 2);
    }

    /** x minus its blurred version: the band-pass detail at this level. */
    static Tensor laplacian(Tensor x) {
        return x.sub(blur(x));
    }

    private static Tensor blur(Tensor x) { // [N,C,H,W], separable [1,4,6,4,1]/16 per channel
        long c = x.size(1);
        Tensor k1 = org.gan4j.torch.Tensors.of(new float[] {1 / 16f, 4 / 16f, 6 / 16f, 4 / 16f, 1 / 16f}, 5);
        Tensor kh = k1.view(1, 1, 1, 5).expand(c, 1, 1, 5).contiguous();
        Tensor kv = k1.view(1, 1, 5, 1).expand(c, 1, 5, 1).contiguous();
        Tensor p = torch.pad(x, new long[] {2, 2, 2, 2}, "reflect", new org.bytedeco.pytorch.DoubleOptional());
        Tensor y = torch.conv2d(p, kh, new org.bytedeco.pytorch.TensorOptional(), new long[] {1, 1}, new long[] {0, 0},
                new long[] {1, 1}, c);
        return torch.conv2d(y, kv, new org.bytedeco.pytorch.TensorOptional(), new long[] {1, 1}, new long[] {0, 0},
                new long[] {1, 1}, c);
    }

    /** {@code count} random 7x7 patches per image: [N·count, C·49]. */
    private static Tensor patches(Tensor x, int count, Rng gen) {
        Tensor cols = torch.im2col(x, new long[] {PATCH, PATCH}, new long[] {1, 1}, new long[] {0, 0}, 1, 1); // [N,C·49,P]
        long p = cols.size(2);
        Tensor idx = gen.randint(p, x.size(0), 1, count);
        Tensor picked = torch.gather(cols, 2, idx.expand(x.size(0), cols.size(1), count)); // [N,C·49,count]
        return picked.permute(0, 2, 1).reshape(-1, cols.size(1));
    }

    /** Per colour channel zero mean and unit variance over all descriptors of the set. */
    private static Tensor normalise(Tensor d) { // [M, C·49]
        long m = d.size(0);
        Tensor v = d.view(m, 3, PATCH * PATCH);
        Tensor mean = v.mean(new long[] {0, 2}, true, new org.bytedeco.pytorch.ScalarTypeOptional());
        Tensor std = v.std(new long[] {0, 2}, true, true).add(new Scalar(1e-8));
        return v.sub(mean).div(std).view(m, -1);
    }

    private static double swd(Tensor a, Tensor b, int repeats, Rng gen) {
        long n = Math.min(a.size(0), b.size(0));
        Tensor sa = subsample(a, n, gen);
        Tensor sb = subsample(b, n, gen);
        double total = 0;
        for (int r = 0; r < repeats; r++) {
            Tensor dirs = gen.randn(a.size(1), DIRECTIONS);
            dirs = dirs.div(dirs.norm(new org.bytedeco.pytorch.ScalarOptional(new Scalar(2)), new long[] {0}, true));
            Tensor pa = sortCols(sa.matmul(dirs));
            Tensor pb = sortCols(sb.matmul(dirs));
            total += pa.sub(pb).abs().mean().item_double();
        }
        return total / repeats;
    }

    /** Each column sorted: returns {@code [D, M]}, the rows contiguous (sorting the strided dim 0 is many times slower). */
    private static Tensor sortCols(Tensor x) { // [M,D]
        return new Tensor(torch.sort(x.t().contiguous(), 1, false).get0());
    }

    private static Tensor subsample(Tensor d, long n, Rng gen) {
        if (d.size(0) == n) {
            return d;
        }
        Tensor perm = gen.randperm(d.size(0));
        return d.index_select(0, perm.narrow(0, 0, n));
    }
}
