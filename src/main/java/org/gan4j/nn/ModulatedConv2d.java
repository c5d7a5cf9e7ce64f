package org.gan4j.nn;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Shapes;
import org.gan4j.torch.Tensors;

/**
 * StyleGAN2's modulated convolution, rosinality's {@code ModulatedConv2d} (keys {@code weight}
 * {@code [1,O,I,k,k]}, {@code modulation.weight}/{@code .bias}, and {@code blur.kernel} when resampling).
 * <pre>
 *   s = A(w)                                  affine style, EqualLinear with bias init 1      (Eq. 1 input)
 *   w'_ijk  = s_i · c · w_ijk                 modulation, c = 1/sqrt(I·k²)                      (Eq. 1)
 *   w''_ijk = w'_ijk / sqrt(Σ_{i,k} w'_ijk² + 1e-8)   demodulation                              (Eq. 3)
 * </pre>
 * The fused path folds the batch into the groups of one grouped convolution; the non-fused path (the default
 * here) scales the activations by s, convolves with the shared weight and scales the output by the
 * demodulation coefficients, which is the same sum in another order. Upsampling is a stride-2
 * transposed convolution followed by a [1,3,3,1] blur; downsampling a blur followed by a stride-2 convolution.
 */
public final class ModulatedConv2d extends Module {

    /** Demodulation epsilon (Eq. 3). */
    public static final double EPS = 1e-8;

    public final Tensor weight; // [1,O,I,k,k]
    public final EqualLinear modulation;
    private final Blur blur;
    private final int in;
    private final int out;
    private final int kernel;
    private final boolean demodulate;
    private final boolean upsample;
    private final boolean downsample;
    private final double scale;
    // DEVIATION: the non-fused path by default (rosinality defaults to fused). Same maths -- it is the official
    // non-fused path, and both are checked against the official outputs -- but libtorch's CPU grouped convolution
    // is slow: a 32 px generator forward measured 2.5x faster non-fused (docs/benchmarks.md).
    private boolean fused = false;

    /**
     * @param in         input channels
     * @param out        output channels
     * @param kernel     square kernel size (3, or 1 for ToRGB)
     * @param styleDim   dimension of the style vector w
     * @param demodulate whether to demodulate (Eq. 3; false for ToRGB)
     * @param resample   {@link Resample#NONE}, {@link Resample#UP} (transposed conv, then blur) or
     *                   {@link Resample#DOWN} (blur, then stride-2 conv)
     * @param blurKernel 1-D FIR kernel of the blur ([1, 3, 3, 1])
     */
    public ModulatedConv2d(int in, int out, int kernel, int styleDim, boolean demodulate, Resample resample,
            List<? extends Number> blurKernel) {
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.demodulate = demodulate;
        this.upsample = resample == Resample.UP;
        this.downsample = resample == Resample.DOWN;
        this.weight = registerParameter("weight", Init.normal(Tensors.empty(1, out, in, kernel, kernel), 0, 1));
        int factor = 2;
        if (this.upsample) {
            int p = (blurKernel.size() - factor) - (kernel - 1);
            this.blur = registerModule("blur", new Blur(blurKernel, (p + 1) / 2 + factor - 1, p / 2 + 1, factor));
        } else if (this.downsample) {
            int p = (blurKernel.size() - factor) + (kernel - 1);
            this.blur = registerModule("blur", new Blur(blurKernel, (p + 1) / 2, p / 2, 1));
        } else {
            this.blur = null;
        }
        this.modulation = registerModule("modulation", new EqualLinear(styleDim, in, true, 1, 1, false));
        this.scale = 1 / Math.sqrt((double) in * kernel * kernel);
    }

    /** Uses the fused (grouped) path, the official default, or the non-fused one (modulate activations instead; gan4j's default). */
    public ModulatedConv2d fused(boolean on) {
        this.fused = on;
        return this;
    }

    public Tensor forward(Tensor x, Tensor style) { // [N,I,H,W], [N,S] -> [N,O,H',W']
        Shapes.check(x, "ModulatedConv2d input", -1, in, -1, -1);
        return fused ? forwardFused(x, style) : forwardUnfused(x, style);
    }

    private Tensor forwardFused(Tensor x, Tensor style) {
        long n = x.size(0);
        long h = x.size(2);
        long wd = x.size(3);
        Tensor s = modulation.forward(style).view(n, 1, in, 1, 1); // [N,1,I,1,1]
        Tensor w = weight.mul(Tensors.s(scale)).mul(s); // [N,O,I,k,k]
        if (demodulate) {
            Tensor d = torch.rsqrt(w.square().sum(new long[] {2, 3, 4}).add(Tensors.s(EPS))); // [N,O]
            w = w.mul(d.view(n, out, 1, 1, 1));
        }
        TensorOptional none = new TensorOptional();
        long[] one = {1, 1};
        if (upsample) {
            Tensor wt = w.transpose(1, 2).reshape(n * in, out, kernel, kernel); // [N·I,O,k,k]
            Tensor y = torch.conv_transpose2d(x.reshape(1, n * in, h, wd), wt, none, new long[] {2, 2},
                    new long[] {0, 0}, new long[] {0, 0}, n, one); // [1,N·O,2H+k-2+1... ]
            return blur.forward(y.view(n, out, y.size(2), y.size(3)));
        }
        Tensor xi = downsample ? blur.forward(x) : x;
        long stride = downsample ? 2 : 1;
        long pad = downsample ? 0 : kernel / 2;
        Tensor y = torch.conv2d(xi.reshape(1, n * in, xi.size(2), xi.size(3)), w.view(n * out, in, kernel, kernel),
                none, new long[] {stride, stride}, new long[] {pad, pad}, one, n); // [1,N·O,H',W']
        return y.view(n, out, y.size(2), y.size(3));
    }

    /** The official non-fused path: scale the activations by s, convolve with the shared weight, demodulate the output. */
    private Tensor forwardUnfused(Tensor x, Tensor style) {
        long n = x.size(0);
        Tensor w = weight.squeeze(0).mul(Tensors.s(scale)); // [O,I,k,k]
        Tensor s = modulation.forward(style); // [N,I]
        Tensor d = null;
        if (demodulate) {
            // Σ_{i,k} (s_i·w_oik)² = Σ_i s_i²·Σ_k w_oik²: one small matmul instead of an [N,O,I,k,k] tensor
            Tensor w2 = w.square().sum(new long[] {2, 3}); // [O,I]
            d = torch.rsqrt(torch.matmul(s.square(), w2.t()).add(Tensors.s(EPS))); // [N,O]
        }
        Tensor xs = x.mul(s.view(n, in, 1, 1));
        TensorOptional none = new TensorOptional();
        long[] one = {1, 1};
        Tensor y;
        if (upsample) {
            y = blur.forward(torch.conv_transpose2d(xs, w.transpose(0, 1), none, new long[] {2, 2}, new long[] {0, 0},
                    new long[] {0, 0}, 1, one));
        } else if (downsample) {
            y = torch.conv2d(blur.forward(xs), w, none, new long[] {2, 2}, new long[] {0, 0}, one, 1);
        } else {
            y = torch.conv2d(xs, w, none, one, new long[] {kernel / 2, kernel / 2}, one, 1);
        }
        return d == null ? y : y.mul(d.view(n, out, 1, 1));
    }

    public int inChannels() {
        return in;
    }

    public int outChannels() {
        return out;
    }
}
