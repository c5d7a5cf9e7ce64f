package org.gan4j.singan;

import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;

/**
 * Injecting an image into the pyramid at scale n, as the official paint-to-image, harmonization and editing
 * do: the image (at the training image's size) is downsampled to scale n-1 and upsampled by 1/r to scale n, so
 * that scale n gets the same kind of blurry input it was trained on, and the scales from n up add detail with
 * fresh noise.
 */
public final class Injection {

    private Injection() {}

    /** Whether {@code image} has the size of the model's finest scale (the training image after max-size). */
    public static boolean fits(SinGANModel m, Tensor image) {
        Scale f = m.scale(m.finest());
        return image.size(2) == f.height() && image.size(3) == f.width();
    }

    /**
     * {@code image} resized to the finest scale's size with SinGAN's imresize (the official imresize_to_shape);
     * returned unchanged when it already fits.
     */
    public static Tensor fit(SinGANModel m, Tensor image) {
        if (fits(m, image)) {
            return image;
        }
        Scale f = m.scale(m.finest());
        return Imresize.imresizeTo(image, f.height(), f.width());
    }

    /**
     * The input of scale {@code n}: imresize by r^(N-n+1), cropped to scale n-1, imresize by 1/r, cropped to
     * scale n.
     *
     * @param image [1,3,H_N,W_N] in [-1,1], the finest scale's size (see {@link #fit})
     * @param n     the injection scale, 1..N
     * @return [1,3,H_n,W_n]
     */
    public static Tensor at(SinGANModel m, Tensor image, int n) {
        if (n < 1 || n > m.finest()) {
            throw new IllegalArgumentException("injection scale " + n + " is not in 1.." + m.finest());
        }
        if (!fits(m, image)) {
            throw new IllegalArgumentException("the image is " + image.size(3) + "x" + image.size(2)
                    + "; resize it to the model's " + m.scale(m.finest()).width() + "x" + m.scale(m.finest()).height()
                    + " first (Injection.fit)");
        }
        double r = m.scaleFactor();
        Scale below = m.scale(n - 1);
        Scale at = m.scale(n);
        Tensor out;
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Tensor x = Imresize.imresize(image, Math.pow(r, m.finest() - n + 1));
            x = Noise.crop(x, below.height(), below.width());
            x = Noise.crop(Imresize.imresize(x, 1 / r), at.height(), at.width());
            if (x.size(2) != at.height() || x.size(3) != at.width()) {
                throw new IllegalStateException("the injected image came out " + x.size(3) + "x" + x.size(2)
                        + " at scale " + n + ", which is " + at.width() + "x" + at.height());
            }
            out = Scope.keepAlive(x.contiguous());
        }
        return Scope.adopt(out);
    }

    /**
     * SinGAN_generate from scale n on the injected input: fresh noise at every scale from n up.
     *
     * @param inS [1,3,H_n,W_n], e.g. from {@link #at}
     * @return [1,3,H_N,W_N]
     */
    public static Tensor generate(SinGANModel m, Tensor inS, int n) {
        return Sampler.generate(m, Sampler.Request.injected(inS, n));
    }
}
