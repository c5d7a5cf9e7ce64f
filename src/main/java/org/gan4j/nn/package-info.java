/**
 * Layers shared by more than one method, each registering its parameters under the official repositories'
 * names so that state dicts line up key for key: plain {@link org.gan4j.nn.Conv2d} and
 * {@link org.gan4j.nn.BatchNorm2d} (SinGAN), and the StyleGAN family's equalized-learning-rate layers
 * ({@link org.gan4j.nn.EqualLinear}, {@link org.gan4j.nn.EqualConv2d}), {@link org.gan4j.nn.FusedLeakyReLU},
 * the FIR resampling of {@link org.gan4j.nn.Upfirdn2d} ({@link org.gan4j.nn.Blur}, {@link org.gan4j.nn.Upsample},
 * {@link org.gan4j.nn.Downsample}), {@link org.gan4j.nn.ModulatedConv2d}, {@link org.gan4j.nn.NoiseInjection},
 * {@link org.gan4j.nn.ConstantInput} and {@link org.gan4j.nn.PixelNorm}; plus {@link org.gan4j.nn.Module} (the
 * bookkeeping), {@link org.gan4j.nn.ModuleList} and the {@link org.gan4j.nn.Adam} optimizer; and the frozen
 * feature extractors {@link org.gan4j.nn.Vgg16Features} (torchvision's vgg16 weights, for perceptual distances)
 * and {@link org.gan4j.nn.Vgg19Features} (torchvision's vgg19 weights or seeded random ones, for SPADE's loss).
 *
 * <p>Equalized learning rate (Karras et al., ProGAN, Sec. 4.1): weights are stored as N(0, 1) (divided by the
 * learning-rate multiplier) and scaled at run time by c = lr_mul / sqrt(fan_in), so every layer learns at the
 * same speed under Adam.
 */
package org.gan4j.nn;
