package org.gan4j.nn;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * {@code torch.nn.InstanceNorm2d(C, affine=False)}: every channel of every sample normalised by its own mean and
 * (biased) variance over H×W, (x − μ)/sqrt(σ² + 1e-5). It has no parameters or buffers, so no state-dict keys.
 */
public final class InstanceNorm {

    /** PyTorch's default eps. */
    public static final double EPS = 1e-5;

    private InstanceNorm() {}

    public static Tensor apply(Tensor x) { // [N,C,H,W] -> same
        return torch.instance_norm(x, new TensorOptional(), new TensorOptional(), new TensorOptional(),
                new TensorOptional(), true, 0.1, EPS, false);
    }
}
