package org.gan4j.loss;

import org.bytedeco.pytorch.Tensor;

/** How a regulariser reduces its per-sample (OroJaR) or per-element (Hessian Penalty) variances to one number. */
public enum Reduction {
    /** {@code torch.max}: the official default. */
    MAX,
    /** {@code torch.mean}. */
    MEAN;

    Tensor apply(Tensor t) {
        return this == MAX ? t.max() : t.mean();
    }
}
