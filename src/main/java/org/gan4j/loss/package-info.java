/**
 * GAN losses and regularisers shared by the methods, as pure functions of tensors where possible: WGAN-GP
 * (SinGAN); non-saturating logistic, R1 and path length (StyleGAN2 training); image distances for projection
 * (an LPIPS-style VGG16 distance, a multi-scale pixel loss); later hinge and feature matching (SPADE).
 */
package org.gan4j.loss;
