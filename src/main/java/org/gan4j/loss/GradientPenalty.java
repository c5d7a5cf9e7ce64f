package org.gan4j.loss;

import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * WGAN-GP's gradient penalty (Gulrajani et al. 2017) in SinGAN's form: with x̂ = a·real + (1-a)·fake for one
 * uniform a per call, {@code λ · mean((‖∇x̂ D(x̂)‖₂ − 1)²)}, where the norm is taken over the channel axis at
 * every pixel (as the official SinGAN code does), not over the whole image.
 */
public final class GradientPenalty {

    private GradientPenalty() {}

    /**
     * @param d      the critic, applied to the interpolate
     * @param real   [N,C,H,W]
     * @param fake   [N,C,H,W]; only its values are used (the penalty does not reach the generator)
     * @param alpha  the interpolation weight a in [0,1]
     * @param lambda the penalty weight λ (0.1 in SinGAN)
     * @return a scalar with a graph into d's parameters (create_graph), ready for backward()
     */
    public static Tensor wgangp(UnaryOperator<Tensor> d, Tensor real, Tensor fake, double alpha, double lambda) {
        Tensor interp = real.detach().mul(new Scalar(alpha)).add(fake.detach().mul(new Scalar(1 - alpha)))
                .detach().requires_grad_(true);
        Tensor out = d.apply(interp);
        TensorVector grads = torch.grad(new TensorVector(out), new TensorVector(interp),
                new TensorVector(torch.ones_like(out)), new BoolOptional(true), true, false);
        Tensor g = new Tensor(grads.get(0)); // [N,C,H,W]
        Tensor norm = g.norm(new ScalarOptional(new Scalar(2.0)), new long[] {1}, false); // [N,H,W]
        return norm.sub(new Scalar(1.0)).pow(new Scalar(2.0)).mean().mul(new Scalar(lambda));
    }

    /**
     * WGAN-GP as Gulrajani et al. and the OroJaR code ({@code gan_model.gradient_penalty}): x̂ = real + a·(fake −
     * real) with one a per sample, the gradient's norm over the whole sample, {@code mean((‖∇x̂ D(x̂)‖₂ − 1)²)} (the
     * caller multiplies by γ).
     *
     * @param alpha [N,1,1,1] uniform draws
     */
    public static Tensor perSample(UnaryOperator<Tensor> d, Tensor real, Tensor fake, Tensor alpha) {
        Tensor r = real.detach();
        Tensor interp = r.add(alpha.mul(fake.detach().sub(r))).detach().requires_grad_(true);
        Tensor out = d.apply(interp);
        TensorVector grads = torch.grad(new TensorVector(out), new TensorVector(interp),
                new TensorVector(torch.ones_like(out)), new BoolOptional(true), true, false);
        Tensor g = new Tensor(grads.get(0)).flatten(1, -1); // [N,C·H·W]
        Tensor norm = g.norm(new ScalarOptional(new Scalar(2.0)), new long[] {1}, false); // [N]
        return norm.sub(new Scalar(1.0)).pow(new Scalar(2.0)).mean();
    }
}
