package org.gan4j.nn;

import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.NoGrad;

/** In-place weight initialisers drawing from libtorch's global (seeded) generator. */
public final class Init {

    private Init() {}

    public static Tensor normal(Tensor t, double mean, double std) {
        try (NoGrad ng = new NoGrad()) {
            t.normal_(mean, std, new GeneratorOptional());
        }
        return t;
    }

    public static Tensor uniform(Tensor t, double lo, double hi) {
        try (NoGrad ng = new NoGrad()) {
            t.uniform_(lo, hi, new GeneratorOptional());
        }
        return t;
    }

    public static Tensor fill(Tensor t, double v) {
        try (NoGrad ng = new NoGrad(); Scalar s = new Scalar(v)) {
            t.fill_(s);
        }
        return t;
    }
}
