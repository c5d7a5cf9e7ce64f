package org.gan4j.singan;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;

/**
 * Harmonization and editing (paper §4, official harmonization.py and editing.py): a naive collage or a
 * copy-paste edit of the training image is injected at scale n (see {@link Injection}), regenerated from there
 * with fresh noise, and composited back through the dilated, blurred mask:
 * <pre>
 *   out = (1 - mask) · input + mask · G(input injected at n)
 * </pre>
 * Outside the dilated mask (mask = 0 exactly) the output is the input.
 */
public final class Harmonization {

    /**
     * @param output    the composite, [1,3,H,W]
     * @param generated SinGAN's output before compositing, [1,3,H,W]
     * @param mask      the dilated, blurred mask, [1,1,H,W] in [0,1]
     */
    public record Result(Tensor output, Tensor generated, Tensor mask) {}

    private Harmonization() {}

    /** Harmonization: mask dilated with a disk of radius 7. */
    public static Result harmonize(SinGANModel m, Tensor image, Tensor mask, int n) {
        return composite(m, image, mask, n, Masks.HARMONIZATION_RADIUS);
    }

    /** Editing: mask dilated with a disk of radius 20. */
    public static Result edit(SinGANModel m, Tensor image, Tensor mask, int n) {
        return composite(m, image, mask, n, Masks.EDITING_RADIUS);
    }

    /**
     * @param image  the collage or edit, [1,3,H_N,W_N] in [-1,1] (the finest scale's size, see
     *               {@link Injection#fit})
     * @param mask   the mask image, [1,C,H_N,W_N] in [-1,1] (channel 0 is used)
     * @param n      the injection scale, 1..N
     * @param radius the dilation radius
     */
    public static Result composite(SinGANModel m, Tensor image, Tensor mask, int n, int radius) {
        if (mask.size(2) != image.size(2) || mask.size(3) != image.size(3)) {
            throw new IllegalArgumentException("the mask is " + mask.size(3) + "x" + mask.size(2)
                    + " but the image is " + image.size(3) + "x" + image.size(2));
        }
        Tensor out;
        Tensor gen;
        Tensor soft;
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Tensor dilated = Masks.dilate(mask, radius);
            Tensor g = Injection.generate(m, Injection.at(m, image, n), n);
            // DEVIATION: the official code composites with the training image ("real"); the input is used here,
            // which is the same where the collage was made on the training image, and keeps the user's image
            // outside the mask when it was not.
            Tensor composite = torch.rsub(dilated, Tensors.s(1.0)).mul(image).add(dilated.mul(g));
            out = Scope.keepAlive(composite);
            gen = Scope.keepAlive(g);
            soft = Scope.keepAlive(dilated);
        }
        return new Result(Scope.adopt(out), Scope.adopt(gen), Scope.adopt(soft));
    }
}
