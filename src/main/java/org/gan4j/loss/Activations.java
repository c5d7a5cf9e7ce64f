package org.gan4j.loss;

import java.util.List;
import org.bytedeco.pytorch.Tensor;

/**
 * A network seen as z ↦ the activations a Jacobian or Hessian regulariser looks at (the official {@code G(z,
 * **G_kwargs)} returning a list): the output image, or the conv outputs of chosen layers. It must be deterministic
 * in z (the same noise in every pass), since the regularisers difference several passes.
 */
@FunctionalInterface
public interface Activations {

    /** [N,…] → one tensor per regularised activation, each [N,…]. */
    List<Tensor> of(Tensor z);
}
