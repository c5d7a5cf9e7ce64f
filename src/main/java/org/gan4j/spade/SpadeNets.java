package org.gan4j.spade;

import org.gan4j.Gan4jException;
import org.gan4j.nn.NonSpadeNorm;
import org.gan4j.nn.NormG;

/**
 * The options that shape SPADE's networks, with the official names and defaults ({@code options/base_options.py},
 * {@code models/networks/*}). What the generator's weights determine ({@code ngf}, {@code use_vae}, the number of
 * upsampling layers, the label channels) is read from a checkpoint on import; the rest is given.
 *
 * @param labelNc       number of classes (label_nc; 182 COCO-Stuff, 150 ADE20K, 35 Cityscapes)
 * @param dontcare      contain_dontcare_label: one more channel for "don't care" (id label_nc)
 * @param instance      instance maps given: one more channel, the instance boundaries (not no_instance)
 * @param ngf           generator width (64); also the encoder's
 * @param ndf           discriminator width (64)
 * @param zDim          style code size (256)
 * @param cropSize      training size (256); with the aspect ratio it sets the generator's start grid
 * @param aspectRatio   width / height (1; Cityscapes 2)
 * @param upsampling    num_upsampling_layers
 * @param normG         the SPADE blocks' norm (spectralspadesyncbatch3x3)
 * @param normD         the discriminator's norm (spectralinstance)
 * @param normE         the encoder's norm (spectralinstance)
 * @param useVae        a style encoder: the generator starts from z (fc) instead of the downsampled label map
 * @param numD          discriminators in the multiscale discriminator (2)
 * @param nLayersD      layers per discriminator (4)
 */
public record SpadeNets(int labelNc, boolean dontcare, boolean instance, int ngf, int ndf, int zDim, int cropSize,
                        double aspectRatio, Upsampling upsampling, String normG, String normD, String normE,
                        boolean useVae, int numD, int nLayersD) {

    public SpadeNets {
        if (labelNc < 1) {
            throw new Gan4jException("--label-nc must be at least 1 (got " + labelNc + ")");
        }
        if (ngf < 1 || ndf < 1 || zDim < 1 || numD < 1 || nLayersD < 1) {
            throw new Gan4jException("ngf, ndf, z_dim, num_D and n_layers_D must be positive");
        }
        NormG.parse(normG);
        NonSpadeNorm.parse(normD);
        NonSpadeNorm.parse(normE);
        if (aspectRatio <= 0) {
            throw new Gan4jException("--aspect-ratio must be positive (got " + aspectRatio + ")");
        }
        if (cropSize >> upsampling.layers < 1) {
            throw new Gan4jException("--crop-size " + cropSize + " is too small for num_upsampling_layers "
                    + upsampling.word() + " (at least " + (1 << upsampling.layers) + ")");
        }
    }

    /** The official defaults for {@code labelNc} classes. */
    public static SpadeNets defaults(int labelNc) {
        return new SpadeNets(labelNc, false, false, 64, 64, 256, 256, 1.0, Upsampling.NORMAL,
                NormG.DEFAULT.toString(), "spectralinstance", "spectralinstance", false, 2, 4);
    }

    /** semantic_nc: the label map's channels, classes + don't-care + instance edges. */
    public int semanticNc() {
        return labelNc + (dontcare ? 1 : 0) + (instance ? 1 : 0);
    }

    /** One-hot channels: classes + don't-care. */
    public int oneHotNc() {
        return labelNc + (dontcare ? 1 : 0);
    }

    /** sw = crop_size / 2^n, the start grid's width. */
    public int sw() {
        return cropSize >> upsampling.layers;
    }

    /** sh = round(sw / aspect_ratio) (Python's round: half to even), the start grid's height. */
    public int sh() {
        return (int) Math.rint(sw() / aspectRatio);
    }

    /** The trained output size: height. */
    public int height() {
        return sh() << upsampling.layers;
    }

    /** The trained output size: width. */
    public int width() {
        return sw() << upsampling.layers;
    }

    public NormG parsedNormG() {
        return NormG.parse(normG);
    }

    public SpadeNets withLabelNc(int n) {
        return new SpadeNets(n, dontcare, instance, ngf, ndf, zDim, cropSize, aspectRatio, upsampling, normG, normD,
                normE, useVae, numD, nLayersD);
    }

    public SpadeNets withDontcare(boolean on) {
        return new SpadeNets(labelNc, on, instance, ngf, ndf, zDim, cropSize, aspectRatio, upsampling, normG, normD,
                normE, useVae, numD, nLayersD);
    }

    public SpadeNets withInstance(boolean on) {
        return new SpadeNets(labelNc, dontcare, on, ngf, ndf, zDim, cropSize, aspectRatio, upsampling, normG, normD,
                normE, useVae, numD, nLayersD);
    }

    public SpadeNets withWidths(int ngf, int ndf) {
        return new SpadeNets(labelNc, dontcare, instance, ngf, ndf, zDim, cropSize, aspectRatio, upsampling, normG,
                normD, normE, useVae, numD, nLayersD);
    }

    public SpadeNets withCrop(int cropSize, double aspectRatio, Upsampling upsampling) {
        return new SpadeNets(labelNc, dontcare, instance, ngf, ndf, zDim, cropSize, aspectRatio, upsampling, normG,
                normD, normE, useVae, numD, nLayersD);
    }

    public SpadeNets withVae(boolean on) {
        return new SpadeNets(labelNc, dontcare, instance, ngf, ndf, zDim, cropSize, aspectRatio, upsampling, normG,
                normD, normE, on, numD, nLayersD);
    }

    public SpadeNets withDiscriminator(int numD, int nLayersD) {
        return new SpadeNets(labelNc, dontcare, instance, ngf, ndf, zDim, cropSize, aspectRatio, upsampling, normG,
                normD, normE, useVae, numD, nLayersD);
    }

    public SpadeNets withNormG(String normG) {
        return new SpadeNets(labelNc, dontcare, instance, ngf, ndf, zDim, cropSize, aspectRatio, upsampling, normG,
                normD, normE, useVae, numD, nLayersD);
    }
}
