package org.gan4j.nn;

/**
 * How a method's {@link NLayerDiscriminator} differs from SPADE's.
 *
 * @param padding   the 4×4 convolutions' padding: SPADE's ceil((4−1)/2) = 2, CoCosNet's int((4−1)/2) = 1
 * @param attention self-attention on the input of the last strided group ({@code model_{n_layers−1}}), as CoCosNet's
 *                  {@code --use_attention} adds ({@code attn.*})
 * @param decoderNc CoCosNet's {@code dec}: a decoder to {@code semantic_nc} channels built by the official code but
 *                  never run in its forward (its keys are in every {@code latest_net_D.pth}); 0 for none
 */
public record PatchGan(int padding, boolean attention, int decoderNc) {

    /** SPADE's (and pix2pixHD's) discriminator. */
    public static final PatchGan SPADE = new PatchGan(2, false, 0);

    /** CoCosNet's: padding 1, the unused decoder, and attention with {@code --use_attention}. */
    public static PatchGan cocosnet(boolean attention, int semanticNc) {
        return new PatchGan(1, attention, semanticNc);
    }
}
