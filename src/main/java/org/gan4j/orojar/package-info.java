/**
 * Disentanglement: OroJaR (Wei, Shi, Xu, Liu, Zuo, "Orthogonal Jacobian Regularization for Unsupervised
 * Disentanglement in Image Generation", ICCV 2021), the Hessian Penalty (Peebles, Peebles, Zhu, Efros, Torralba,
 * ECCV 2020) and SeFa (Shen &amp; Zhou, "Closed-Form Factorization of Latent Semantics in GANs", CVPR 2021), with the
 * VP (Zhu, Xu &amp; Tao, ECCV 2020) and PPL metrics.
 *
 * <p>A generator G is disentangled when each latent dimension moves the output in its own way. With J = ∂G_d/∂z
 * (G_d an activation), OroJaR asks the Jacobian's columns to be orthogonal,
 * <pre>  L_OroJaR = Σ_d Σ_{i≠j} (J_iᵀ J_j)²,</pre>
 * estimated without forming J: for Rademacher v, ‖Jv‖² = Σ_i ‖J_i‖² + Σ_{i≠j} v_i v_j J_iᵀJ_j, so
 * Var_v ‖Jv‖² = 2·Σ_{i≠j} (J_iᵀJ_j)², with Jv ≈ (G_d(z + εv) − G_d(z))/ε over k vectors (ε 0.1, k 2), reduced over the
 * batch by max ({@code loss.OroJaR}). The Hessian Penalty asks the Hessian of every output element to be diagonal,
 * Var_v(vᵀHv) = 2·Σ_{i≠j} H_ij² with vᵀHv ≈ (G(z + εv) − 2G(z) + G(z − εv))/ε², max over elements
 * ({@code loss.HessianPenalty}).
 *
 * <p>The paper's dSprites experiment: a DCGAN-like generator ({@link org.gan4j.orojar.DspritesGenerator}, nz 6)
 * and critic ({@link org.gan4j.orojar.DspritesDiscriminator}) trained with WGAN-GP,
 * <pre>  L_D = ½(E D(G(z)) − E D(x)) + 10·E(‖∇D(x̂)‖ − 1)²,   L_G = −E D(G(z)) + λ·R(G)</pre>
 * R on the conv outputs of G's blocks 0–3 ({@link org.gan4j.orojar.OrojarTrainer}); the official λ are 1e-11
 * (OroJaR) and 1e-3 (HP). {@code builtin:dsprites} draws the data ({@link org.gan4j.data.DspritesDrawing}).
 *
 * <p>Directions in a trained generator: SeFa's closed form — the unit n maximising ‖A n‖² for the first layer(s)'
 * weight A are the eigenvectors of AᵀA ({@link org.gan4j.orojar.Sefa}) — and OroJaR discovery, directions Q whose
 * coefficients c make G(z + cQ) OroJaR-regular ({@link org.gan4j.orojar.Discovery}).
 *
 * <p>Metrics: VP, the best top-1 accuracy of a classifier taught on 1% of image pairs to tell which dimension
 * changed ({@link org.gan4j.orojar.Vp}); PPL in Z, E[ℓ(G(z), G(z + δ))]/ε² along slerp paths at their ends
 * ({@link org.gan4j.orojar.Ppl}).
 */
package org.gan4j.orojar;
