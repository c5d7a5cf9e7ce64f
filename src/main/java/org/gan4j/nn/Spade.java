package org.gan4j.nn;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Resize;

/**
 * The SPADE layer (Park et al., CVPR 2019, Eq. 1): a parameter-free normalisation whose scale and shift are
 * predicted, per pixel, from the label map m resized (nearest) to the activations' size:
 * <pre>
 *   a      = ReLU(conv_k(m↓))                 mlp_shared, 128 channels ("nhidden", fixed in the official code)
 *   γ, β   = conv_k(a), conv_k(a)             mlp_gamma, mlp_beta: C channels each
 *   out    = norm(x)·(1 + γ) + β              norm: batch (default, running statistics) or instance
 * </pre>
 * Keys as the official: {@code param_free_norm.running_mean/running_var/num_batches_tracked} (batch norms only),
 * {@code mlp_shared.0.weight/bias}, {@code mlp_gamma.weight/bias}, {@code mlp_beta.weight/bias}.
 */
public final class Spade extends Module {

    /** The hidden width of the label-map embedding, hard-coded in the official code. */
    public static final int NHIDDEN = 128;

    private final BatchNorm2d paramFreeNorm; // null for instance norm
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
        paramFreeNorm = switch (norm) {
            case SYNCBATCH -> registerModule("param_free_norm", BatchNorm2d.synchronizedParameterFree(normNc));
            case BATCH -> registerModule("param_free_norm", BatchNorm2d.parameterFree(normNc));
            case INSTANCE -> null;
        };
        int pw = kernel / 2;
        mlpShared = registerModule("mlp_shared", new ModuleList<Conv2d>()).add(new Conv2d(labelNc, NHIDDEN, kernel, 1, pw, true));
        mlpGamma = registerModule("mlp_gamma", new Conv2d(NHIDDEN, normNc, kernel, 1, pw, true));
        mlpBeta = registerModule("mlp_beta", new Conv2d(NHIDDEN, normNc, kernel, 1, pw, true));
    }

    /**
     * @param x      activations [N,C,H,W]
     * @param segmap the label map as channels [N,labelNc,H0,W0], at any size
     */
    public Tensor forward(Tensor x, Tensor segmap) { // -> [N,C,H,W]
        Tensor normalized = paramFreeNorm != null ? paramFreeNorm.forward(x) : InstanceNorm.apply(x);
        Tensor m = segmap.size(2) == x.size(2) && segmap.size(3) == x.size(3) ? segmap
                : Resize.nearest(segmap, (int) x.size(2), (int) x.size(3));
        Tensor actv = torch.relu(mlpShared.forward(m));
        Tensor gamma = mlpGamma.forward(actv);
        Tensor beta = mlpBeta.forward(actv);
        return normalized.mul(gamma.add(new Scalar(1.0))).add(beta);
    }
}
