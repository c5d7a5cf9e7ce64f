package org.gan4j.loss;

import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.Vgg19Features;
import org.gan4j.torch.NoGrad;

/**
 * pix2pixHD's VGG perceptual loss (Wang et al. 2018) as SPADE's {@code VGGLoss} (Park et al. 2019): with φ_i
 * the outputs relu1_1 .. relu5_1 of {@link Vgg19Features},
 * <pre>
 *   L_VGG(x, y) = Σ_i w_i · mean| φ_i(x) − sg(φ_i(y)) |,    w = (1/32, 1/16, 1/8, 1/4, 1)
 * </pre>
 * a scalar (each mean over every element, batch included), with a graph to x only. SPADE weights it by
 * λ_vgg = {@link #LAMBDA}, which the caller applies, as the official {@code compute_generator_loss} does
 * ({@code criterionVGG(fake, real) * lambda_vgg}).
 *
 * <p>Input scaling: none. The official feeds the generator's output and the real image, both in [−1, 1], to the
 * ImageNet-trained VGG19 as they are, without the [0, 1] conversion and ImageNet mean/std normalisation the
 * network was trained with; so does gan4j. With a VGG computing fewer slices ({@link Vgg19Features#firstSlices},
 * {@link Vgg19Features#random(long, int)}) the sum runs over the first weights only.
 */
public final class VggLoss {

    /** SPADE's weights of relu1_1 .. relu5_1. */
    public static final List<Double> WEIGHTS = List.of(1.0 / 32, 1.0 / 16, 1.0 / 8, 1.0 / 4, 1.0);
    /** SPADE's default {@code --lambda_vgg}. */
    public static final double LAMBDA = 10.0;

    private final Vgg19Features vgg;

    /** @param vgg the feature network (not closed by this loss) */
    public VggLoss(Vgg19Features vgg) {
        this.vgg = vgg;
    }

    /**
     * L_VGG(x, y).
     *
     * @param x the generated images {@code [N,3,H,W]} in [−1, 1]
     * @param y the real images, same shape; no gradient reaches them
     */
    public Tensor loss(Tensor x, Tensor y) {
        List<Tensor> fx = vgg.forward(x);
        List<Tensor> fy;
        // The official detaches φ(y) after computing it with a graph; the frozen network makes that the same
        // numbers as computing φ(y) without one.
        try (NoGrad ng = new NoGrad()) {
            fy = vgg.forward(y);
        }
        return fromFeatures(fx, fy);
    }

    /** Σ_i w_i · mean|fx_i − fy_i| from the features of both images, fy detached (exposed for tests). */
    public static Tensor fromFeatures(List<Tensor> fx, List<Tensor> fy) {
        if (fx.size() != fy.size() || fx.size() > WEIGHTS.size()) {
            throw new IllegalArgumentException(fx.size() + " and " + fy.size() + " feature maps, need equal counts"
                    + " of at most " + WEIGHTS.size());
        }
        Tensor sum = null;
        for (int i = 0; i < fx.size(); i++) {
            Tensor term = torch.l1_loss(fx.get(i), fy.get(i).detach()).mul(new Scalar(WEIGHTS.get(i)));
            sum = sum == null ? term : sum.add(term);
        }
        return sum;
    }

    /** One line for logs. */
    public String describe() {
        return "SPADE's VGG19 loss (weighted L1 of relu1_1..relu" + vgg.slices() + "_1)";
    }
}
