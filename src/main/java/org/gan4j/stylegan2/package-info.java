/**
 * StyleGAN2: Analyzing and Improving the Image Quality of StyleGAN (Karras, Laine, Aittala, Hellsten, Lehtinen,
 * Aila; CVPR 2020), config E/F as rosinality/stylegan2-pytorch implements it, key for key with its checkpoints.
 *
 * <p>Mapping network ({@link org.gan4j.stylegan2.MappingNetwork}): z ∈ Z = R^S, S = style dim (512)
 * <pre>
 *   w = f(z) = FC_n ∘ ... ∘ FC_1 (z / sqrt(mean(z²) + 1e-8)),   FC_i(x) = lrelu_0.2(x·(c·W_i)ᵀ + λ·b_i)·√2
 *   c = λ / sqrt(S), λ = lr_mul = 0.01 (equalized learning rate, slowed for the mapping network)
 * </pre>
 * Synthesis ({@link org.gan4j.stylegan2.Generator}) from a learned 4×4 constant, two 3×3 modulated convs per
 * resolution (the first upsampling: transposed conv + [1,3,3,1] FIR blur), each style input an affine
 * s = A(w) (bias initialised to 1):
 * <pre>
 *   w'_ijk  = s_i · w_ijk                                    modulation   (Eq. 1)
 *   σ_j     = sqrt(Σ_{i,k} w'_ijk² + 1e-8)                                (Eq. 2)
 *   w''_ijk = w'_ijk / σ_j                                    demodulation (Eq. 3)
 *   x ← lrelu_0.2(conv(x, w'') + s_noise·B + b)·√2,   B ~ N(0,1) of shape [N,1,H,W], s_noise learned (init 0)
 * </pre>
 * Skip output: at every resolution a modulated 1×1 conv without demodulation gives RGB, added to the upsampled
 * RGB of the resolution below: rgb_r = tRGB_r(x_r) + up(rgb_{r/2}).
 *
 * <p>W+ and style mixing: the synthesis network takes L = 2·log2(size) − 2 style vectors (one per modulated
 * conv and ToRGB); mixing at crossover k uses w_1 for rows [0, k) and w_2 for rows [k, L). Truncation:
 * <pre>  w' = w̄ + ψ·(w − w̄),   w̄ = E_z[f(z)] (latent_avg, or a mean of 4096 mapped z)</pre>
 *
 * <p>Discriminator ({@link org.gan4j.stylegan2.Discriminator}): 1×1 FromRGB, residual blocks
 * y = (conv↓(conv(x)) + conv1×1↓(x))/√2 down to 4×4, minibatch standard deviation (groups of 4, one
 * feature), 3×3 conv and two equalized linear layers.
 *
 * <p>Checkpoints ({@link org.gan4j.stylegan2.Stylegan2Checkpoint}) use rosinality's dict layout; NVlabs'
 * StyleGAN2-ADA pickles load into the same generator ({@link org.gan4j.stylegan2.AdaPickle}), with ADA's
 * {@code conv_clamp}: y = clamp(lrelu(x + b)·√2, −c, c) per layer, rgb = clamp(x_rgb + b, −c, c) + up(rgb_{r/2}).
 *
 * <p>Training ({@link org.gan4j.stylegan2.Stylegan2Trainer}, rosinality's {@code train.py}), per iteration i,
 * with softplus(x) = log(1 + eˣ) ({@link org.gan4j.loss.Logistic}, {@link org.gan4j.loss.R1},
 * {@link org.gan4j.loss.PathLength}):
 * <pre>
 *   L_D    = E_x[softplus(−D(x))] + E_z[softplus(D(G(z)))]                       non-saturating logistic
 *   L_R1   = (γ/2)·E_x[‖∇_x D(x)‖²]·k_D + 0·D(x)_0        only when i mod k_D = 0 (lazy R1, k_D = 16, γ = r1)
 *   L_G    = E_z[softplus(−D(G(z)))],  z = (z1, z2) mixed at a random layer with probability 0.9
 *   l_n    = sqrt( mean_L Σ_S (J_wᵀ y_n)² ),  y_n ~ N(0, I)/sqrt(H·W),  w = the W+ code of sample n
 *   a      ← a + 0.01·(mean_n l_n − a)
 *   L_path = λ_pl·k_G·mean_n (l_n − a)²     only when i mod k_G = 0 (lazy, k_G = 4, λ_pl = 2, batch / 2)
 *   G_ema  ← β·G_ema + (1 − β)·G,   β = 0.5^(32 / (1000·ema_kimg))  (rosinality's accum, ema_kimg = 10)
 * </pre>
 * Lazy regularization (Sec. 4.1): a regularizer applied every k steps is multiplied by k, and each network's Adam
 * is adjusted for the extra steps, c = k/(k+1): lr' = lr·c, β₁' = 0^c = 0, β₂' = 0.99^c.
 *
 * <p>Projection ({@link org.gan4j.stylegan2.Projector}, rosinality's {@code projector.py}, Appendix D):
 * minimise d(G(w + σ(t)·ε, n), x) + mse·‖G(w, n) − x‖² + 10⁵·Σ_i L_autocorr(n_i) over w (W or W+) and the noise
 * maps n, from w = w̄, with a ramped learning rate and noise maps renormalised after every step.
 */
package org.gan4j.stylegan2;
