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
 * <p>Checkpoints ({@link org.gan4j.stylegan2.Stylegan2Checkpoint}) use rosinality's dict layout; what part 2
 * (training, projection) builds on: {@link org.gan4j.stylegan2.Generator#latents}, {@code synthesize(W+, noise)},
 * {@code makeNoise}, {@code meanLatent}, the noise buffers, and the discriminator.
 */
package org.gan4j.stylegan2;
