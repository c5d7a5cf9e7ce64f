package org.gan4j.loss;

import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.nn.Vgg16Features;
import org.gan4j.torch.Scope;

/**
 * An LPIPS-style perceptual distance (Zhang et al. 2018) on VGG16 features, without LPIPS's learned linear
 * layers (their weights are not available to gan4j): for images x, y in [−1, 1],
 * <pre>
 *   x' = (x − shift) / scale                  LPIPS's input scaling, shift (−.030, −.088, −.188), scale (.458, .448, .450)
 *   f̂_l = f_l / (‖f_l‖_channels + 1e−10)      unit-normalised in the channel dimension at every pixel
 *   d(x, y) = (1/5) Σ_l mean_{h,w} Σ_c (f̂_l(x) − f̂_l(y))²,   l ∈ {relu1_2, relu2_2, relu3_3, relu4_3, relu5_3}
 * </pre>
 * This is the LPIPS code's own "baseline" variant ({@code lpips=False}: every channel weighted 1), averaged
 * rather than summed over the five layers, so it lies in [0, 4]. The five layers are LPIPS's for VGG: the end of
 * each block, from edges and colours (relu1_2) to object parts (relu5_3). Per image: {@code [N]}.
 */
public final class PerceptualDistance implements ImageDistance {

    private final Vgg16Features vgg;

    public PerceptualDistance(Vgg16Features vgg) {
        this.vgg = vgg;
    }

    // DEVIATION: rosinality's projector uses LPIPS (learned channel weights, summed over layers); without those
    // weights gan4j weights channels equally and averages the layers, as documented above.
    @Override
    public Tensor distance(Tensor x, Tensor y) { // [N,3,H,W] x2 -> [N]
        List<Tensor> fx = vgg.forward(scale(x));
        List<Tensor> fy = vgg.forward(scale(y));
        return fromFeatures(fx, fy);
    }

    /** d from the tapped features of both images (exposed for tests). */
    public static Tensor fromFeatures(List<Tensor> fx, List<Tensor> fy) {
        Tensor sum = null;
        for (int l = 0; l < fx.size(); l++) {
            Tensor a = fx.get(l);
            Tensor b = fy.get(l);
            Tensor perImage = Scope.run(() -> unit(a).sub(unit(b)).pow(new Scalar(2)) // [N,C,H,W]
                    .sum(new long[] {1}, false, new ScalarTypeOptional())
                    .mean(new long[] {1, 2}, false, new ScalarTypeOptional())); // [N], temporaries freed at once
            sum = sum == null ? perImage : sum.add(perImage);
        }
        return sum.div(new Scalar(fx.size()));
    }

    private static Tensor unit(Tensor f) {
        return Lpips.unit(f);
    }

    private static Tensor scale(Tensor x) {
        return Lpips.scale(x);
    }

    @Override
    public String describe() {
        return "LPIPS-style VGG16 distance (unit-normalised relu1_2..relu5_3, unweighted, averaged)";
    }
}
