/**
 * GANgealing (Peebles, Zhu, Zhang, Torralba, Efros, Shechtman: "GAN-Supervised Dense Visual Alignment", CVPR 2022):
 * congeal a category — warp every image to one learned pose — with a spatial transformer trained only on pairs
 * a pretrained StyleGAN2 makes.
 *
 * <p>For a sample w = f(z), the unaligned image is x = G(w) and its target y = G(ŵ), where ŵ takes on the coarse
 * layers (below {@code inject}) the learned target mode c = w̄ + a·D (the {@link org.gan4j.gangealing.TargetLatent},
 * D the top PCA directions of W) lerped toward w by ψ, and keeps w on the fine layers:
 * <pre>
 *   ŵ_l = lerp(c, w, ψ)  (l &lt; inject),   ŵ_l = w  (l ≥ inject)
 *   L(T, c) = ℓ(T(x), y) + λ_TV·L_TV(Δ) + λ_I·‖Δ‖²        (TV: Huber on neighbouring differences of Δ)
 * </pre>
 * ψ anneals from 1 (y = x) to 0 (y at the learned mode) early in training. T ({@link
 * org.gan4j.gangealing.ComposedStn}) is a similarity STN (θ = π·tanh, s = exp, translation) followed by a flow STN
 * whose residual flow Δ is regressed at 16×16 and convex-upsampled (RAFT); the composed grid samples the source once
 * with mipmap antialiasing ({@link org.gan4j.nn.MipmapWarp}). With K heads (clustering), each cluster has its own
 * mode c_k and warp heads; the loss takes the minimum over heads (and mirror images).
 *
 * <p>ℓ is an LPIPS-style distance on VGG16 features when the user gives VGG16 weights; without a file gan4j uses
 * the generator's own discriminator features ({@link org.gan4j.stylegan2.DiscriminatorDistance}, a DEVIATION: the
 * official code downloads LPIPS or a SimCLR VGG16). Parity with the official modules is tested on formula weights
 * (src/test/resources/parity/gangealing).
 */
package org.gan4j.gangealing;
