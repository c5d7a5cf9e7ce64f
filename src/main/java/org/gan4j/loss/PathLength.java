package org.gan4j.loss;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Autograd;
import org.gan4j.torch.Tensors;

/**
 * StyleGAN2's path-length regularizer (Karras et al. 2020, Sec. 3.2, Eq. 4), as rosinality's
 * {@code g_path_regularize}: with y ~ N(0, I)/sqrt(H·W) and J_w the Jacobian of g(w) at the W+ code w,
 * <pre>
 *   l_n    = sqrt( mean_L Σ_S (J_wᵀ y)² )                  path length of sample n (rows L, style dim S)
 *   a      = a_prev + decay·(mean_n l_n − a_prev)           running mean, decay 0.01 (a_prev = 0 at the start)
 *   L_path = mean_n (l_n − a)²                              a keeps its graph through mean_n l_n, as rosinality
 * </pre>
 * Split in two so that a batch can be computed in parts: {@link #lengths} per part (each with its graph),
 * {@link #penalty} on all of them.
 */
public final class PathLength {

    /** rosinality's running-mean decay. */
    public static final double DECAY = 0.01;

    private PathLength() {}

    /**
     * The penalty and the updated running mean.
     *
     * @param penalty        L_path, a scalar with a graph through the path lengths
     * @param meanPathLength the new running mean a (a plain number: rosinality detaches it)
     */
    public record Result(Tensor penalty, double meanPathLength) {}

    /**
     * Path lengths l_n of the samples of one batch.
     *
     * @param fakeImg the generated images {@code [N,3,H,W]}, with a graph to {@code latents}
     * @param latents the W+ codes they were made from, {@code [N,L,S]} (rosinality's {@code return_latents})
     * @param noise   y, {@code [N,3,H,W]} ~ N(0,1) (divided by sqrt(H·W) here)
     * @return {@code [N]}, with a graph (create_graph) into the generator's parameters
     */
    public static Tensor lengths(Tensor fakeImg, Tensor latents, Tensor noise) {
        Tensor y = noise.div(new Scalar(Math.sqrt((double) fakeImg.size(2) * fakeImg.size(3))));
        Tensor grad = Autograd.grad(fakeImg.mul(y).sum(), latents, true); // [N,L,S]
        return torch.sqrt(grad.pow(new Scalar(2)).sum(new long[] {2}, false, new ScalarTypeOptional())
                .mean(new long[] {1}, false, new ScalarTypeOptional())); // [N]
    }

    /**
     * L_path from the path lengths of the whole batch.
     *
     * @param pathLengths    {@code [N]} from {@link #lengths}
     * @param meanPathLength the running mean before this step (0 at the start)
     * @param decay          the running mean's decay ({@link #DECAY})
     */
    public static Result penalty(Tensor pathLengths, double meanPathLength, double decay) {
        Tensor prev = Tensors.scalar(meanPathLength); // float32, as rosinality's detached tensor
        Tensor a = prev.add(pathLengths.mean().sub(prev).mul(new Scalar(decay)));
        Tensor penalty = pathLengths.sub(a).pow(new Scalar(2)).mean();
        return new Result(penalty, a.item_double());
    }

    /** rosinality's {@code g_path_regularize} in one call: {@code penalty(lengths(fake, latents, noise), mean, DECAY)}. */
    public static Result regularize(Tensor fakeImg, Tensor latents, Tensor noise, double meanPathLength) {
        return penalty(lengths(fakeImg, latents, noise), meanPathLength, DECAY);
    }
}
