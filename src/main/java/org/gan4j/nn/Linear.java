package org.gan4j.nn;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Tensors;

/** {@code torch.nn.Linear}: y = x·Wᵀ + b, keys {@code weight} [out,in] and {@code bias} [out], PyTorch's init. */
public final class Linear extends Module {

    public final Tensor weight; // [out,in]
    public final Tensor bias;   // [out]

    public Linear(int in, int out) {
        // kaiming_uniform(a=sqrt(5)) == U(-1/sqrt(in), 1/sqrt(in)); the bias has the same bound
        double bound = 1.0 / Math.sqrt(in);
        weight = registerParameter("weight", Init.uniform(Tensors.empty(out, in), -bound, bound));
        bias = registerParameter("bias", Init.uniform(Tensors.empty(out), -bound, bound));
    }

    public Tensor forward(Tensor x) { // [N,in] -> [N,out]
        return torch.linear(x, weight, new TensorOptional(bias));
    }
}
