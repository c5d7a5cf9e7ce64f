package org.gan4j.nn;

import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Tensors;

/**
 * CoCosNet's {@code util.feature_normalize}: every position's feature vector divided by its L2 norm over dim 1
 * plus {@code sys.float_info.epsilon} (2.2e-16, so a zero vector stays zero), x / (‖x‖₂ + ε).
 */
public final class FeatureNormalize {

    private FeatureNormalize() {}

    public static Tensor apply(Tensor x) { // [N,C,...] -> same
        return x.div(torch.norm(x, new ScalarOptional(Tensors.s(2.0)), new long[] {1}, true).add(Tensors.s(Math.ulp(1.0))));
    }
}
