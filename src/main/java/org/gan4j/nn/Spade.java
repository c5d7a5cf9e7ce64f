package org.gan4j.nn;

import java.util.function.Supplier;
import org.bytedeco.pytorch.GradMode;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Tensors;

/**
 * The SPADE layer (Park et al., CVPR 2019, Eq. 1): a parameter-free normalisation whose scale and shift are
 * predicted, per pixel, from the label map m resized (nearest) to the activations' size:
 * <pre>
 *   a      = ReLU(conv_k(m↓))                 mlp_shared, 128 channels ("nhidden", fixed in the official code)
 *   γ, β   = conv_k(a), conv_k(a)             mlp_gamma, mlp_beta: C channels each
 *   out    = norm(x)·(1 + γ) + β              norm: batch (default, running statistics) or instance
 * </pre>
 * Keys as the official: {@code param_free_norm.running_mean/running_var/num_batches_tracked} (batch norms only),
 * {@code mlp_shared.0.weight/bias}, {@code mlp_gamma.weight/bias}, {@code mlp_beta.weight/bias}. CoCosNet's variant
 * pads by reflection before each convolution ({@code mlp_shared.1.*}: its sequential starts with the pad) and may
 * normalise positionally ({@link ParamFreeNorm#POSITIONAL}).
 */
public final class Spade extends Module {

    /** The hidden width of the label-map embedding, hard-coded in the official code. */
    public static final int NHIDDEN = 128;

    private final ParamFreeNorm norm;
    private final BatchNorm2d paramFreeNorm; // null unless a batch norm
    private final Padding padding;
    private final int pw;
    private final FrozenWeight stackedTaps = new FrozenWeight(); // [128, 9·2C] for the windows, while frozen
    private final Conv2d mlpShared;
    private final Conv2d mlpGamma;
    private final Conv2d mlpBeta;

    /**
     * @param norm     the parameter-free norm
     * @param kernel   kernel size of the three convolutions (3)
     * @param normNc   channels C of the activations
     * @param labelNc  channels of the label map (semantic_nc: classes, don't-care, instance edges)
     */
    public Spade(ParamFreeNorm norm, int kernel, int normNc, int labelNc) {
        this(norm, Padding.ZERO, kernel, normNc, labelNc);
    }

    /**
     * @param norm     the parameter-free norm
     * @param padding  zero (SPADE) or reflection (CoCosNet) padding of the three convolutions
     * @param kernel   kernel size of the three convolutions (3)
     * @param normNc   channels C of the activations
     * @param labelNc  channels of the conditioning map
     */
    public Spade(ParamFreeNorm norm, Padding padding, int kernel, int normNc, int labelNc) {
        this.norm = norm;
        this.padding = padding;
        paramFreeNorm = switch (norm) {
            case SYNCBATCH -> registerModule("param_free_norm", BatchNorm2d.synchronizedParameterFree(normNc));
            case BATCH -> registerModule("param_free_norm", BatchNorm2d.parameterFree(normNc));
            case INSTANCE, POSITIONAL -> null;
        };
        pw = kernel / 2;
        ModuleList<Conv2d> shared = registerModule("mlp_shared", new ModuleList<>());
        if (padding == Padding.REFLECT) {
            shared.skipIndex(); // nn.ReflectionPad2d(pw) comes first in CoCosNet's sequential
        }
        int convPad = padding.convPadding(pw);
        mlpShared = shared.add(new Conv2d(labelNc, NHIDDEN, kernel, 1, convPad, true));
        mlpGamma = registerModule("mlp_gamma", new Conv2d(NHIDDEN, normNc, kernel, 1, convPad, true));
        mlpBeta = registerModule("mlp_beta", new Conv2d(NHIDDEN, normNc, kernel, 1, convPad, true));
    }

    @Override
    public void close() {
        stackedTaps.release();
        super.close();
    }

    /**
     * @param x      activations [N,C,H,W]
     * @param segmap the label map as channels [N,labelNc,H0,W0], at any size
     */
    public Tensor forward(Tensor x, Tensor segmap) { // -> [N,C,H,W]
        return forward(x, SpadeSegmap.of(segmap));
    }

    /**
     * @param x  activations [N,C,H,W]
     * @param m  the label map, with its resizes and windows shared by the generator's SPADE layers
     */
    public Tensor forward(Tensor x, SpadeSegmap m) { // -> [N,C,H,W]
        Tensor normalized = switch (norm) {
            case SYNCBATCH, BATCH -> paramFreeNorm.forward(x);
            case INSTANCE -> InstanceNorm.apply(x);
            case POSITIONAL -> PositionalNorm.apply(x);
        };
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        SpadeSegmap.Patterns p = padding == Padding.ZERO && pw == 1 ? m.patterns(h, w) : null;
        if (p == null) {
            Tensor actv = torch.relu(mlpShared.forward(padding.pad(m.at(h, w), pw)));
            Tensor padded = padding.pad(actv, pw);
            return modulate(normalized, mlpGamma.forward(padded), mlpBeta.forward(padded));
        }
        Tensor gammaBeta = modulation(p); // [N,2C,h,w]
        long c = x.size(1);
        return modulate(normalized, gammaBeta.narrow(1, 0, c), gammaBeta.narrow(1, c, c));
    }

    /** norm(x)·(1 + γ) + β; without gradient in place, in tensors this layer made (no extra full-size copies). */
    private static Tensor modulate(Tensor normalized, Tensor gamma, Tensor beta) {
        if (GradMode.is_enabled()) {
            return normalized.mul(gamma.add(new Scalar(1.0))).add(beta);
        }
        return normalized.mul_(gamma.add_(new Scalar(1.0))).add_(beta);
    }

    /**
     * γ and β from the label map's distinct windows ({@link SpadeSegmap}): the same convolutions, evaluated once
     * per distinct window and gathered back to the pixels.
     * <pre>
     *   T_k[v]  = W_shared[:, :, k] · v                  for each codebook vector v and tap k
     *   a_u     = ReLU(b_shared + Σ_k T_k[window3_u[k]])  per distinct 3×3 window (0 outside the map)
     *   Y_u,k   = [W_γ; W_β][:, :, k] · a_u
     *   (γ,β)_v = [b_γ; b_β] + Σ_k Y[window5_v[k], k]     per distinct 5×5 window, then per pixel
     * </pre>
     */
    private Tensor modulation(SpadeSegmap.Patterns p) { // -> [N,2C,h,w]
        Tensor ws = mlpShared.weight; // [128,Cin,3,3]
        long cin = ws.size(1);
        Tensor taps = p.codebook().matmul(ws.permute(2, 3, 1, 0).reshape(9, cin, NHIDDEN)); // [9,K+2,128]
        Tensor a = torch.relu(sumOfRows(taps.reshape(9L * p.rows(), NHIDDEN), p.windows3(), 1, p.rows())
                .add(mlpShared.bias)).mul(p.inside()); // [U3,128]
        long c2 = 2 * mlpGamma.weight.size(0);
        Supplier<Tensor> taps2 = () -> torch.cat(new TensorVector(mlpGamma.weight, mlpBeta.weight), 0) // [2C,128,3,3]
                .permute(1, 2, 3, 0).reshape(NHIDDEN, 9 * c2);
        Tensor y = a.matmul(isTraining() ? taps2.get() : stackedTaps.get(taps2, mlpGamma.weight, mlpBeta.weight)); // [U3,9·2C]
        Tensor gb = sumOfRows(y.reshape(-1, c2), p.windows5(), 9, 1).add(torch.cat(
                new TensorVector(mlpGamma.bias, mlpBeta.bias), 0)); // [U5,2C]
        return gb.index_select(0, p.inverse()).view(p.n(), p.h(), p.w(), c2).permute(0, 3, 1, 2);
    }

    /** out[u] = Σ_k table[window[u, k]·scale + k·stride]: one embedding bag of 9 rows per window. */
    private static Tensor sumOfRows(Tensor table, Tensor window, long scale, long stride) { // [R,D], [U,9] -> [U,D]
        long u = window.size(0);
        Tensor idx = window.mul(new Scalar(scale)).add(Tensors.arange(9)
                .mul(new Scalar(stride))).reshape(-1);
        Tensor offsets = Tensors.arange(0, 9 * u, 9);
        return torch.embedding_bag(table, idx, offsets, false, 0, false, new TensorOptional(), false).get0();
    }
}
