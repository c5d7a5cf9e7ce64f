package org.gan4j.stylegan2;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.loss.ImageDistance;
import org.gan4j.loss.PerceptualDistance;
import org.gan4j.torch.Resize;

/**
 * The perceptual distance GANgealing and MyStyle use when no VGG16 weights file is given: the LPIPS "baseline" form
 * (as GANgealing's official {@code vgg_ssl} loss: unit-normalised channels, squared differences, summed over
 * channels, averaged over pixels, here averaged over layers) on the features of the StyleGAN2 discriminator trained
 * with the generator — a network that already knows the category and needs no download. Images smaller than the discriminator's input
 * are upsampled bilinearly to it.
 *
 * <p>// DEVIATION: the official codes use LPIPS (GANgealing: VGG16 or a SimCLR-trained VGG16; MyStyle: AlexNet), all
 * downloaded; gan4j uses LPIPS-VGG16 through {@link PerceptualDistance} when the user gives the VGG16 file, and
 * otherwise this distance (measured in docs/gangealing.md and docs/mystyle.md).
 */
public final class DiscriminatorDistance implements ImageDistance {

    private final Discriminator d;

    public DiscriminatorDistance(Discriminator d) {
        this.d = d;
        d.requiresGrad(false);
    }

    /** The network whose features are compared (frozen). */
    public Discriminator discriminator() {
        return d;
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
