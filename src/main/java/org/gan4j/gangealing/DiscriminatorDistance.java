package org.gan4j.gangealing;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.loss.ImageDistance;
import org.gan4j.loss.PerceptualDistance;
import org.gan4j.stylegan2.Discriminator;
import org.gan4j.torch.Resize;

/**
 * GANgealing's perceptual loss when no VGG16 weights file is given: the LPIPS "baseline" form (as the official
 * {@code vgg_ssl} loss: unit-normalised channels, squared differences, summed over channels, averaged over pixels,
 * here averaged over layers) on the features of the StyleGAN2 discriminator trained with the generator — a
 * network that already knows the category and needs no download. Images smaller than the discriminator's input
 * are upsampled bilinearly to it.
 *
 * <p>// DEVIATION: the official code offers LPIPS (VGG16 + learned linear layers) or a SimCLR-trained VGG16, both
 * downloaded; gan4j uses them through {@link PerceptualDistance} when the user gives the VGG16 file, and otherwise
 * this distance (its congealing of builtin:faces is measured in docs/gangealing.md).
 */
public final class DiscriminatorDistance implements ImageDistance {

    private final Discriminator d;

    public DiscriminatorDistance(Discriminator d) {
        this.d = d;
        d.requiresGrad(false);
    }

    @Override
    public Tensor distance(Tensor x, Tensor y) { // [N,3,H,W] x2 -> [N]
        int size = d.config().size();
        List<Tensor> fx = d.features(fit(x, size));
        List<Tensor> fy = d.features(fit(y, size));
        return PerceptualDistance.fromFeatures(fx, fy);
    }

    private static Tensor fit(Tensor x, int size) {
        return x.size(-1) == size ? x : Resize.bilinear(x, size, size, false);
    }

    @Override
    public String describe() {
        return "LPIPS-style distance on the StyleGAN2 discriminator's features (unit-normalised, unweighted, averaged)";
    }
}
