package org.gan4j.gangealing;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.T_TensorTensorTensor_T;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.stylegan2.Generator;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;

/**
 * The principal directions of W ({@code PCA} in the official latent learner, sklearn's IncrementalPCA there): the
 * mean of w = f(z) over many z and the top right-singular vectors of the centred samples. The target latent moves
 * along the first {@code ndirs} of them.
 *
 * @param mean       {@code [1,S]}
 * @param directions {@code [ndirs,S]}, unit rows, strongest first
 */
public record WPca(Tensor mean, Tensor directions) {

    /** From {@code samples} mapping-network samples, drawn in batches from the global generator. */
    public static WPca fit(Generator g, int samples, int ndirs) {
        try (NoGrad ng = new NoGrad()) {
            Tensor w = sampleW(g, samples);
            Tensor mean = w.mean(new long[] {0}, true, new org.bytedeco.pytorch.ScalarTypeOptional());
            T_TensorTensorTensor_T usv = torch.linalg_svd(w.sub(mean), false, new org.bytedeco.pytorch.StringViewOptional());
            Tensor dirs = usv.get2().narrow(0, 0, ndirs).contiguous();
            return new WPca(Scope.keepAlive(mean), Scope.keepAlive(dirs));
        }
    }

    /** Codes of latents w {@code [M,S]} in the directions: (w − mean)·Dᵀ, {@code [M,ndirs]}. */
    public Tensor encode(Tensor w) {
        return torch.matmul(w.sub(mean), directions.t());
    }

    static Tensor sampleW(Generator g, int n) {
        int batch = 4096;
        org.bytedeco.pytorch.TensorVector parts = new org.bytedeco.pytorch.TensorVector();
        for (int i = 0; i < n; i += batch) {
            parts.push_back(g.getLatent(Tensors.randn(Math.min(batch, n - i), g.styleDim())));
        }
        return torch.cat(parts, 0);
    }
}
