package org.gan4j.gangealing;

import org.gan4j.Gan4jException;

/**
 * What a GANgealing training run needs besides its settings, stored with them as {@code config.json} so that
 * {@code --resume} reopens the same generator and loss.
 *
 * @param config      the STN, the target latent and the training
 * @param model       the StyleGAN2 checkpoint (its {@code g_ema} makes the pairs; its {@code d}, when no VGG16
 *                    file is given, the perceptual loss)
 * @param vgg16       torchvision VGG16 weights for the LPIPS-style loss, or null
 * @param sampleCount generated samples in each sample grid
 */
public record GangealingRun(GangealingConfig config, String model, String vgg16, int sampleCount) {

    public GangealingRun {
        if (model == null) {
            throw new Gan4jException("GANgealing needs a StyleGAN2 generator checkpoint (--model)");
        }
        if (sampleCount < 1) {
            throw new Gan4jException("--samples must be at least 1, got " + sampleCount);
        }
    }
}
