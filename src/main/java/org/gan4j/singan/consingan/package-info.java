/**
 * ConSinGAN: Improved Techniques for Training Single-Image GANs (Hinz, Fisher, Wang, Wermter, WACV 2021), as the
 * official implementation (tohinz/ConSinGAN) defines it, beside gan4j's SinGAN and with its run layout.
 *
 * <p>Instead of one generator per scale, one {@link org.gan4j.singan.consingan.GrowingGenerator} grows a stage
 * per pyramid level (the new stage a copy of the newest) and is trained end to end; noise enters every stage, and
 * stages are joined by bicubic upsampling:
 * <pre>
 *   h_0 = body_0(head(z_0)↑),   h_n = body_n(h_{n-1}↑ + σ_n·z_n) + h_{n-1}↑,   x̃ = tanh(tail(h_{N-1}))
 * </pre>
 * Only the newest {@code trainDepth} = 3 stages train at once, stage k below the newest with learning rate
 * lr·0.1^k (lrScale), the head with lr·0.1^n while it still trains ({@link org.gan4j.singan.consingan.ConSinGANTrainer}).
 * The losses are SinGAN's: WGAN-GP (λ = 0.1) plus α·‖G(z_opt) − x_n‖² (α = 10), where z_opt is the image itself at
 * stage 0 and fixed Gaussian noise above, and σ_n = 0.1·RMSE of the reconstruction when stage n begins.
 *
 * <p>The pyramid has a fixed number of stages (6) and puts more of them at low resolution
 * ({@link org.gan4j.singan.consingan.Scales}): with r = (minSize/min(H,W))^(1/(N-1)), stage i is the image scaled by
 * r^((N-2)/ln(N-1)·ln(N-1-i) + 1).
 *
 * <p>The official train modes ({@link org.gan4j.singan.consingan.TrainMode}): generation, retarget (no noise border,
 * for arbitrary output sizes), animation, and harmonization and editing, whose coarsest stage takes an image —
 * augmented copies of x_0 ({@link org.gan4j.singan.consingan.Augment}) or x_0 with shuffled tiles ({@link
 * org.gan4j.singan.consingan.ShuffleGrid}) while training, the user's naive collage or edit afterwards ({@link
 * org.gan4j.singan.consingan.NaiveImages}, optionally after fine-tuning the finest stage on it):
 * <pre>
 *   x̃ = G(resize(naive, H_0×W_0) [+ 0.1·z], z_1 … z_N),   out = (1 − m)·naive + m·x̃
 * </pre>
 * Runs of the official code import with {@link org.gan4j.singan.consingan.OfficialImport}.
 */
package org.gan4j.singan.consingan;
