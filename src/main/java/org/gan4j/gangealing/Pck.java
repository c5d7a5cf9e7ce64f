package org.gan4j.gangealing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;

/**
 * PCK-Transfer (the official {@code applications/pck.py}): key points of image A carried to image B through the
 * congealed frame, correct when within α·max(H, W) of B's own, over pairs, both ways; the flips of A and B chosen by
 * flow smoothness first ({@code match_flows}); bootstrap deviations from resampled pairs. Two baselines on the same
 * pairs: the identity (A's points read as B's) and the similarity stage alone.
 */
public final class Pck {

    /** The official thresholds. */
    public static final double[] ALPHAS = {0.1, 0.05, 0.01};

    /** How points are carried from A to B. */
    public enum Transfer {
        /** The full congealing: similarity, then flow. */
        FULL,
        /** The similarity STN alone. */
        SIMILARITY,
        /** No transform: A's points are B's estimate. */
        IDENTITY
    }

    /**
     * Images and their key points: images {@code [N,3,S,S]} in [−1, 1]; points {@code [N,P,2]} in pixels; visible
     * {@code [N,P]} 1/0.
     */
    public record Set(Tensor images, Tensor points, Tensor visible, int[] mirror) {}

    /** PCK per α, and its bootstrap standard deviation per α (zeros without bootstrap). */
    public record Result(double[] pck, double[] std, long pairs) {}

    private Pck() {}

    /**
     * @param pairs     pairs (i, j) of image indices into {@code set}
     * @param bootstrap resamplings of the pairs (with replacement) for the deviations; 0 for none
     */
    public static Result evaluate(ComposedStn t, Set set, int[][] pairs, Transfer how, int iters, boolean matchFlows,
            int batch, int bootstrap, long seed) {
        int n = pairs.length;
        double[][] correct = new double[n][ALPHAS.length]; // per pair, both ways summed
        double[] counted = new double[n];
        for (int s = 0; s < n; s += batch) {
            int e = Math.min(n, s + batch);
            try (Scope sc = new Scope(); NoGrad ng = new NoGrad()) {
                long[] ia = new long[e - s];
                long[] ib = new long[e - s];
                for (int k = s; k < e; k++) {
                    ia[k - s] = pairs[k][0];
                    ib[k - s] = pairs[k][1];
                }
                Tensor a = pick(set.images(), ia);
                Tensor b = pick(set.images(), ib);
                Tensor pa = pick(set.points(), ia);
                Tensor pb = pick(set.points(), ib);
                Tensor vis = pick(set.visible(), ia).mul(pick(set.visible(), ib)); // [B,P]
                if (matchFlows && how != Transfer.IDENTITY) {
                    Matched m = match(t, a, b, pa, pb, set.mirror(), iters);
                    a = m.a;
                    b = m.b;
                    pa = m.pa;
                    pb = m.pb;
                }
                Tensor estB = transfer(t, a, b, pa, how, iters);
                Tensor estA = transfer(t, b, a, pb, how, iters);
                double side = Math.max(a.size(2), a.size(3));
                float[] eB = Tensors.floats(estB.sub(pb).pow(Tensors.s(2)).sum(new long[] {2}, false,
                        new org.bytedeco.pytorch.ScalarTypeOptional()).sqrt().contiguous());
                float[] eA = Tensors.floats(estA.sub(pa).pow(Tensors.s(2)).sum(new long[] {2}, false,
                        new org.bytedeco.pytorch.ScalarTypeOptional()).sqrt().contiguous());
                float[] v = Tensors.floats(vis.contiguous());
                int p = (int) pa.size(1);
                for (int k = 0; k < e - s; k++) {
                    for (int q = 0; q < p; q++) {
                        float w = v[k * p + q];
                        counted[s + k] += 2 * w;
                        for (int al = 0; al < ALPHAS.length; al++) {
                            double thr = ALPHAS[al] * side;
                            correct[s + k][al] += w * ((eB[k * p + q] <= thr ? 1 : 0) + (eA[k * p + q] <= thr ? 1 : 0));
                        }
                    }
                }
            }
        }
        double[] pck = ratio(correct, counted, null);
        double[] std = new double[ALPHAS.length];
        if (bootstrap > 1) {
            Random r = new Random(seed);
            double[][] runs = new double[bootstrap][];
            for (int bsi = 0; bsi < bootstrap; bsi++) {
                int[] idx = new int[n];
                for (int k = 0; k < n; k++) {
                    idx[k] = r.nextInt(n);
                }
                runs[bsi] = ratio(correct, counted, idx);
            }
            for (int al = 0; al < ALPHAS.length; al++) {
                double mean = 0;
                for (double[] run : runs) {
                    mean += run[al] / bootstrap;
                }
                double var = 0;
                for (double[] run : runs) {
                    var += (run[al] - mean) * (run[al] - mean) / (bootstrap - 1);
                }
                std[al] = Math.sqrt(var);
            }
        }
        return new Result(pck, std, n);
    }

    private static double[] ratio(double[][] correct, double[] counted, int[] idx) {
        double[] c = new double[ALPHAS.length];
        double total = 0;
        int n = idx == null ? counted.length : idx.length;
        for (int k = 0; k < n; k++) {
            int i = idx == null ? k : idx[k];
            total += counted[i];
            for (int al = 0; al < ALPHAS.length; al++) {
                c[al] += correct[i][al];
            }
        }
        for (int al = 0; al < ALPHAS.length; al++) {
            c[al] /= Math.max(1, total);
        }
        return c;
    }

    private static Tensor transfer(ComposedStn t, Tensor a, Tensor b, Tensor pa, Transfer how, int iters) {
        return switch (how) {
            case FULL -> PointTransfer.transfer(t, a, a, b, b, pa, iters);
            case SIMILARITY -> PointTransfer.uncongealSimilarity(t.similarity(), b, b,
                    PointTransfer.congealSimilarity(t.similarity(), a, a, pa, iters), iters);
            case IDENTITY -> pa;
        };
    }

    private record Matched(Tensor a, Tensor b, Tensor pa, Tensor pb) {}

    /**
     * {@code match_flows}: of (A, B), (A', B), (A, B'), (A', B') — ' mirrored — the pair whose residual flows are
     * smoothest in sum; a mirrored image's points are mirrored (x → S − 1 − x) and relabelled by the permutation.
     * DEVIATION: the official code relabels A's points again where B is mirrored (B's are left unpermuted); gan4j
     * relabels B's, as its docstring says.
     */
    private static Matched match(ComposedStn t, Tensor a, Tensor b, Tensor pa, Tensor pb, int[] mirror, int iters) {
        long n = a.size(0);
        Tensor af = a.flip(new long[] {3});
        Tensor bf = b.flip(new long[] {3});
        Tensor all = torch.cat(new TensorVector(a, b, af, bf), 0);
        Tensor tv = CongealingLosses.totalVariationPerImage(t.forward(all, all, Warping.defaults().iters(iters), null).warp());
        Tensor tvA = tv.narrow(0, 0, n);
        Tensor tvB = tv.narrow(0, n, n);
        Tensor tvAf = tv.narrow(0, 2 * n, n);
        Tensor tvBf = tv.narrow(0, 3 * n, n);
        Tensor pick = torch.stack(new TensorVector(tvA.add(tvB), tvAf.add(tvB), tvA.add(tvBf), tvAf.add(tvBf)), 0)
                .argmin(new org.bytedeco.pytorch.LongOptional(0), false); // [N] in 0..3
        float[] pk = Tensors.floats(pick.to(torch.ScalarType.Float).contiguous());
        boolean[] flipA = new boolean[(int) n];
        boolean[] flipB = new boolean[(int) n];
        for (int i = 0; i < n; i++) {
            flipA[i] = ((int) pk[i]) % 2 == 1;
            flipB[i] = pk[i] > 1.5f;
        }
        long side = a.size(3);
        return new Matched(choose(a, af, flipA), choose(b, bf, flipB), mirrorPoints(pa, flipA, mirror, side),
                mirrorPoints(pb, flipB, mirror, side));
    }

    private static Tensor choose(Tensor x, Tensor xf, boolean[] flip) {
        List<Tensor> rows = new ArrayList<>();
        for (int i = 0; i < flip.length; i++) {
            rows.add((flip[i] ? xf : x).narrow(0, i, 1));
        }
        return torch.cat(new TensorVector(rows.toArray(new Tensor[0])), 0);
    }

    private static Tensor mirrorPoints(Tensor p, boolean[] flip, int[] mirror, long side) {
        float[] v = Tensors.floats(p.contiguous());
        int np = (int) p.size(1);
        float[] out = v.clone();
        for (int i = 0; i < flip.length; i++) {
            if (!flip[i]) {
                continue;
            }
            for (int q = 0; q < np; q++) {
                int src = mirror == null ? q : mirror[q];
                out[(i * np + q) * 2] = side - 1 - v[(i * np + src) * 2];
                out[(i * np + q) * 2 + 1] = v[(i * np + src) * 2 + 1];
            }
        }
        return Tensors.of(out, p.size(0), np, 2);
    }

    private static Tensor pick(Tensor x, long[] idx) {
        float[] f = new float[idx.length];
        for (int i = 0; i < idx.length; i++) {
            f[i] = idx[i];
        }
        return x.index_select(0, Tensors.of(f, f.length).to(torch.ScalarType.Long));
    }
}
