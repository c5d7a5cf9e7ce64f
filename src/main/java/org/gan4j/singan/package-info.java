/**
 * SinGAN: Learning a Generative Model from a Single Natural Image (Shaham, Dekel, Michaeli, ICCV 2019), as the
 * official implementation defines it.
 *
 * <p>A pyramid of patch GANs {G_0..G_N} is trained coarse to fine on x_0..x_N, the training image downsampled by
 * r^(N-n) (r ≈ 0.75, recomputed so that the coarsest side is 25 px). Each generator adds detail to the upsampled
 * output of the scale below:
 * <pre>
 *   x̃_N = G_N(z_N)                               (coarsest; here n counts from the coarsest, 0)
 *   x̃_n = (x̃_{n+1})↑ʳ + ψ_n(z_n + (x̃_{n+1})↑ʳ)    ψ_n: 5 conv blocks, output through tanh
 * </pre>
 * Scale n is trained with 3 critic and 3 generator steps per iteration on
 * <pre>
 *   min_G max_D  L_adv(G_n, D_n) + α · L_rec(G_n),   α = 10
 *   L_adv: WGAN-GP, λ = 0.1 (gradient norm over channels, per pixel)
 *   L_rec = ‖G_n(σ_n·z_opt + (x̃_{n+1}^rec)↑ʳ) − x_n‖²,   z_opt random at the coarsest scale, 0 above
 *   σ_n (noiseAmp) = 1 at the coarsest scale, 0.1 · RMSE(x_n, (x̃_{n+1}^rec)↑ʳ) above
 * </pre>
 * with the scales below frozen. Sampling feeds fresh noise at every scale from a start scale on (z_opt below
 * it), at any output size: the generators are fully convolutional.
 *
 * <p>Applications (paper §4): {@link org.gan4j.singan.SuperResolution} re-applies G_N k times with upsampling by
 * F^(1/k); {@link org.gan4j.singan.PaintToImage} and {@link org.gan4j.singan.Harmonization} (harmonization and
 * editing) inject an image at scale n ({@link org.gan4j.singan.Injection}) and regenerate from there, the latter
 * composited as out = (1 - m)·input + m·G(...) with m the dilated, blurred mask ({@link org.gan4j.singan.Masks});
 * {@link org.gan4j.singan.Animation} walks the noise as z_{t+1} = α·z_opt + (1-α)·(z_t + β·(z_t - z_{t-1}) +
 * (1-β)·ε).
 */
package org.gan4j.singan;
