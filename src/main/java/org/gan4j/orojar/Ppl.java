package org.gan4j.orojar;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.loss.ImageDistance;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;

/**
 * Perceptual path length in Z, end points (Karras et al. 2019; the OroJaR ProGAN code's
 * {@code perceptual_path_length_v2}): for z₀, z₁ ~ N(0, I), d = ℓ(G(slerp(z₀, z₁, t)), G(slerp(z₀, z₁, t + ε))) / ε²
 * at t = 0, ε = 1e-4; the mean of d between its 1st and 99th percentiles. ℓ is LPIPS-style VGG16 when weights are
 * given, else the mean squared pixel difference (a pixel-space PPL, reported as such: its numbers are not
 * comparable with LPIPS ones).
 */
public final class Ppl {

    /** The official ε. */
    public static final double EPSILON = 1e-4;

    /** The mean path length and how many samples it kept. */
    public record Result(double mean, int kept, String distance) {}

    private Ppl() {}

    /** {@code count} samples of {@code g} (z [N,nz] → images [N,C,H,W] in [−1, 1]) from the global generator. */
    public static Result measure(UnaryOperator<Tensor> g, int nz, int count, int batch, ImageDistance lpips) {
        double[] d = new double[count];
        try (NoGrad ng = new NoGrad()) {
            for (int start = 0; start < count; start += batch) {
                int n = Math.min(batch, count - start);
                try (Scope s = new Scope()) {
                    Tensor z0 = Tensors.randn(n, nz);
                    Tensor z1 = Tensors.randn(n, nz);
                    Tensor a = g.apply(slerp(z0, z1, 0));
                    Tensor b = g.apply(slerp(z0, z1, EPSILON));
                    Tensor dist = lpips != null ? lpips.distance(rgb(a), rgb(b))
                            : a.sub(b).square().flatten(1, -1).mean(new long[] {1}); // [n]
                    float[] v = Tensors.floats(dist.div(Tensors.s(EPSILON * EPSILON)).contiguous());
                    for (int i = 0; i < n; i++) {
                        d[start + i] = v[i];
                    }
                }
            }
        }
        double[] sorted = d.clone();
        Arrays.sort(sorted);
        double lo = percentile(sorted, 1);
        double hi = percentile(sorted, 99);
        double sum = 0;
        int kept = 0;
        for (double x : d) {
            if (x >= lo && x <= hi) {
                sum += x;
                kept++;
            }
        }
        return new Result(sum / kept, kept, lpips != null ? lpips.describe() : "pixel MSE (no VGG16 weights given)");
    }

    /** numpy's default (linear) percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        double pos = p / 100 * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (sorted[j] - sorted[i]) * (pos - i);
    }

    /**
     * Spherical interpolation of each row as StyleGAN's {@code slerp}, with the result's length the linear
     * interpolation of the two lengths.
     */
    // DEVIATION: StyleGAN's slerp returns unit vectors (its mapping network normalises z anyway); the dSprites GAN
    // takes z as it is, so the interpolated direction keeps the lengths of the end points.
    static Tensor slerp(Tensor a, Tensor b, double t) {
        Tensor la = a.norm(new org.bytedeco.pytorch.ScalarOptional(Tensors.s(2.0)), new long[] {1}, true); // [N,1]
        Tensor lb = b.norm(new org.bytedeco.pytorch.ScalarOptional(Tensors.s(2.0)), new long[] {1}, true);
        Tensor an = a.div(la);
        Tensor bn = b.div(lb);
        Tensor d = an.mul(bn).sum(new long[] {1}).unsqueeze(1); // cos Ω [N,1]
        Tensor p = torch.acos(d.clamp_min(Tensors.s(-1.0)).clamp_max(Tensors.s(1.0))).mul(Tensors.s(t)); // tΩ
        Tensor c = bn.sub(d.mul(an));
        c = c.div(c.norm(new org.bytedeco.pytorch.ScalarOptional(Tensors.s(2.0)), new long[] {1}, true));
        Tensor dir = an.mul(torch.cos(p)).add(c.mul(torch.sin(p)));
        return dir.mul(la.mul(Tensors.s(1 - t)).add(lb.mul(Tensors.s(t))));
    }

    /** A gray image as three equal channels (LPIPS takes RGB). */
    static Tensor rgb(Tensor x) {
        return x.size(1) == 1 ? x.repeat(1, 3, 1, 1) : x;
    }
}
