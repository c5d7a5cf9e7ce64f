/**
 * GAN losses and regularisers shared by the methods, as pure functions of tensors where possible: WGAN-GP
 * (SinGAN), and later non-saturating logistic, R1, path length (StyleGAN2), hinge and feature matching (SPADE).
 */
package org.gan4j.loss;
