package org.gan4j.orojar;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.stylegan2.Generator;
import org.gan4j.stylegan2.NoiseMode;
import org.gan4j.torch.Tensors;

/**
 * A trained generator seen from the latent space its directions live in: random base codes, and the image of a
 * base code moved by a delta (deterministic: StyleGAN2 renders with its stored noise).
 */
public interface LatentModel {

    /** Dimensions of the space (nz for the dSprites GAN, the style dimension for StyleGAN2). */
    int dim();

    /** {@code n} random base codes [n, dim]. */
    Tensor sample(int n);

    /** The images of base + delta, [N,C,H,W]. */
    Tensor render(Tensor base, Tensor delta);

    /** The dSprites GAN in z. */
    static LatentModel of(DspritesGenerator g) {
        return new LatentModel() {
            @Override
            public int dim() {
                return g.nets().nz();
            }

            @Override
            public Tensor sample(int n) {
                return Tensors.randn(n, g.nets().nz());
            }

            @Override
            public Tensor render(Tensor base, Tensor delta) {
                return g.forward(base.add(delta));
            }
        };
    }

    /**
     * StyleGAN2 in W: base w = f(z); the delta is added to the W+ rows {@code rows} (the layers the directions act
     * on), the others keep w.
     */
    static LatentModel of(Generator g, List<Integer> rows) {
        float[] mask = new float[g.nLatent()];
        for (int r : rows) {
            mask[r] = 1;
        }
        return new LatentModel() {
            @Override
            public int dim() {
                return g.styleDim();
            }

            @Override
            public Tensor sample(int n) {
                return g.getLatent(Tensors.randn(n, g.styleDim()));
            }

            @Override
            public Tensor render(Tensor base, Tensor delta) {
                Tensor m = Tensors.of(mask, 1, g.nLatent(), 1);
                Tensor wPlus = base.unsqueeze(1).add(delta.unsqueeze(1).mul(m)); // [N,L,S]
                return g.synthesize(wPlus, NoiseMode.CONST);
            }
        };
    }
}
