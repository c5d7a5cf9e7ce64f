package org.gan4j.nn;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Tensors;

/**
 * A 2-D convolution under spectral normalisation (Miyato et al. 2018), as {@code torch.nn.utils.spectral_norm}
 * wraps one in SPADE and CoCosNet: W_SN = W / σ(W), σ(W) = uᵀ·W·v, with u and v the estimates of W's first
 * singular vectors (W reshaped to [O, I·k·k]). State-dict keys as PyTorch writes them: {@code weight_orig},
 * {@code bias}, {@code weight_u}, {@code weight_v}.
 *
 * <p>In training every forward first runs one power iteration, v ← normalize(Wᵀu), u ← normalize(W·v), writing u
 * and v back into the buffers; in eval σ comes from the stored u and v unchanged, so a loaded official model
 * synthesizes exactly what it did when saved. The buffers change in place during a training forward, so a network
 * using this layer must not run its training forwards on two lanes at once.
 */
public final class SpectralNormConv2d extends Module implements Layer {

    /** PyTorch's {@code eps} for the normalisations. */
    static final double EPS = 1e-12;

    public final Tensor weightOrig; // [O,I,k,k]
    public final Tensor bias;       // [O] or null
    public final Tensor weightU;    // [O]
    public final Tensor weightV;    // [I·k·k]
    private final FrozenWeight frozen = new FrozenWeight();
    private final long[] stride;
    private final long[] padding;
    private final long[] dilation = {1, 1};
    private final int out;

    /**
     * @param in      input channels
     * @param out     output channels
     * @param kernel  square kernel size
     * @param stride  stride
     * @param padding zero padding on each side
     * @param bias    whether to add a learned bias
     */
    public SpectralNormConv2d(int in, int out, int kernel, int stride, int padding, boolean bias) {
        this.out = out;
        this.stride = new long[] {stride, stride};
        this.padding = new long[] {padding, padding};
        // torch.nn.Conv2d's initialisation, then spectral_norm's: u, v ~ N(0, 1), normalised
        double bound = 1.0 / Math.sqrt((double) in * kernel * kernel);
        this.bias = bias ? registerParameter("bias", Init.uniform(Tensors.empty(out), -bound, bound)) : null;
        this.weightOrig = registerParameter("weight_orig", Init.uniform(Tensors.empty(out, in, kernel, kernel), -bound, bound));
        this.weightU = registerBuffer("weight_u", normalize(Init.normal(Tensors.empty(out), 0, 1)));
        this.weightV = registerBuffer("weight_v", normalize(Init.normal(Tensors.empty((long) in * kernel * kernel), 0, 1)));
    }

    public Tensor forward(Tensor x) { // [N,I,H,W] -> [N,O,H',W']
        return torch.conv2d(x, weight(), bias == null ? new TensorOptional() : new TensorOptional(bias), stride, padding,
                dilation, 1);
    }

    /**
     * W / σ(W); in training after one power iteration that updates {@code weight_u} and {@code weight_v}; in eval
     * mode without gradient, kept until a weight or vector changes.
     */
    public Tensor weight() {
        if (!isTraining()) {
            return frozen.get(this::normalizedWeight, weightOrig, weightU, weightV);
        }
        return normalizedWeight();
    }

    private Tensor normalizedWeight() {
        Tensor wMat = weightOrig.reshape(out, -1); // [O, I·k·k]
        Tensor u = weightU;
        Tensor v = weightV;
        if (isTraining()) {
            try (NoGrad ng = new NoGrad()) {
                weightV.copy_(normalize(torch.mv(wMat.t(), weightU)));
                weightU.copy_(normalize(torch.mv(wMat, weightV)));
            }
            u = weightU.clone(); // as PyTorch: σ's graph must not see later in-place updates
            v = weightV.clone();
        }
        Tensor sigma = torch.dot(u, torch.mv(wMat, v)); // uᵀ·W·v
        return weightOrig.div(sigma);
    }

    @Override
    public void close() {
        frozen.release();
        super.close();
    }

    /** σ(W) = uᵀ·W·v from the stored vectors (no iteration). */
    public double sigma() {
        try (NoGrad ng = new NoGrad()) {
            return torch.dot(weightU, torch.mv(weightOrig.reshape(out, -1), weightV)).item_double();
        }
    }

    /** {@code F.normalize(t, dim=0, eps=1e-12)} of a vector: t / max(‖t‖, ε). */
    private static Tensor normalize(Tensor t) {
        return t.div(t.square().sum().sqrt().clamp_min(Tensors.s(EPS)));
    }
}
