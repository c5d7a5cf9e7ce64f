package org.gan4j.orojar;

import org.gan4j.Gan4jException;

/**
 * The widths of the paper's 64×64 GAN ({@code base_networks.Generator} / {@code Discriminator}): with width w the
 * generator runs nz → 8w (4×4) → 4w → 2w → w → w → channels, the discriminator channels → w → 2w → 4w → 8w (4×4) →
 * fc 8w → 1. The official code is w = 64 (512 … 64).
 *
 * @param nz       latent dimensions (official 6 for dSprites)
 * @param channels image channels (1 for dSprites)
 * @param width    w
 */
public record DspritesNets(int nz, int channels, int width) {

    public DspritesNets {
        if (nz < 1 || channels < 1 || width < 1) {
            throw new Gan4jException("network sizes must be positive: nz " + nz + ", channels " + channels
                    + ", width " + width);
        }
    }

    /** The official networks for dSprites: nz 6, one channel, w 64. */
    public static DspritesNets official() {
        return new DspritesNets(6, 1, 64);
    }
}
