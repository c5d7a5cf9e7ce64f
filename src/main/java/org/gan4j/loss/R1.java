package org.gan4j.loss;

import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.Autograd;

/**
 * The R1 gradient penalty (Mescheder et al. 2018, "Which training methods for GANs do actually converge?"), as
 * rosinality's {@code d_r1_loss}: the squared norm of the discriminator's gradient on real images, per sample,
 * averaged over the batch,
 * <pre>  R1 = E_x[ ‖∇_x D(x)‖² ]</pre>
 * StyleGAN2 weights it by γ/2 and applies it lazily (see {@code org.gan4j.stylegan2} package docs).
 */
public final class R1 {

    private R1() {}

    /**
     * @param realPred D's logits on {@code realImg}, {@code [N,1]}, with a graph to it
     * @param realImg  the real images, {@code [N,C,H,W]}, requiring grad
     * @return {@code mean_n Σ_{c,h,w} (∂ Σ realPred / ∂ realImg)²}, with a graph into D's parameters
     */
    public static Tensor penalty(Tensor realPred, Tensor realImg) {
        Tensor grad = Autograd.grad(realPred.sum(), realImg, true); // [N,C,H,W]
        return grad.pow(new org.bytedeco.pytorch.Scalar(2)).reshape(grad.size(0), -1).sum(new long[] {1}, false,
                new org.bytedeco.pytorch.ScalarTypeOptional()).mean();
    }
}
