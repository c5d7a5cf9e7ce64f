package org.gan4j.nn;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Tensors;

/** {@code nn.PReLU()}: max(0, x) + a·min(0, x) with one learned slope a (0.25 at initialisation), key {@code weight}. */
public final class Prelu extends Module {

    public final Tensor weight; // [1]

    public Prelu() {
        weight = registerParameter("weight", Tensors.full(torch.ScalarType.Float, 0.25, 1));
    }

    public Tensor forward(Tensor x) {
        return torch.prelu(x, weight);
    }
}
