/**
 * GAN losses and regularisers shared by the methods, as pure functions of tensors where possible: WGAN-GP
 * (SinGAN); non-saturating logistic, R1 and path length (StyleGAN2 training); image distances for projection
 * (an LPIPS-style VGG16 distance, a multi-scale pixel loss); SPADE's generator and discriminator terms (hinge,
 * discriminator feature matching, the VGG19 perceptual loss, the encoder's KL divergence), shared with CoCosNet.
 * SPADE's weights: L_G = hinge + λ_feat·FM + λ_vgg·VGG (+ λ_kld·KLD with the encoder), λ_feat = λ_vgg = 10,
 * λ_kld = 0.05.
 */
package org.gan4j.loss;
