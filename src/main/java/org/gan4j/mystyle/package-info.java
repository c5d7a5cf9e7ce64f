/**
 * MyStyle (Nitzan, Aberman, He, Liba, Yarom, Gandelsman, Mosseri, Pritch, Cohen-Or: "MyStyle: A Personalized
 * Generative Prior", SIGGRAPH Asia 2022; official code google/mystyle): personalise a pretrained StyleGAN2 to one
 * person from a few photos.
 *
 * <p>Each album image x_i is inverted to one anchor w_i ∈ W (gan4j's {@link org.gan4j.stylegan2.Projector} in W
 * mode); the rows of A = [w_1 … w_N] span the person's region of W. The synthesis network θ is tuned so that it
 * reproduces the album from the anchors, with the generator's constant noise:
 * <pre>
 *   θ* = argmin_θ Σ_i LPIPS(G(w_i; θ), x_i) + λ_L2·‖G(w_i; θ) − x_i‖²       (λ_L2 = 1; Adam 3e-4, one update per image)
 * </pre>
 * The personal space is the anchors' dilated convex hull:
 * <pre>
 *   P_β = { w = Σ_i α_i·w_i  :  Σ_i α_i = 1,  α_i ≥ −β }                     (β = 0.03; β = 0 is the convex hull P₀)
 * </pre>
 * Sampling draws from P₀: three random anchors with uniform weights normalised to sum 1 ({@link
 * org.gan4j.mystyle.PersonalSpace#p0Alphas}).
 *
 * <p>Projection into P_β ({@link org.gan4j.mystyle.AlphaProjector}, the official {@code alpha_projector.py}) optimises
 * α ∈ R^N (initialised to 1/N) and, in W+ mode, per-layer offsets δ ∈ R^{L×N}; α⁺ = α + δ_l per layer l, held in
 * P_β by the soft clamp and a row normalisation:
 * <pre>
 *   α̃ = softplus(α⁺ + β; sharpness 100) − β,   α̂_l = α̃_l / Σ_i α̃_{l,i},   w⁺_l = α̂_l·A
 *   L = LPIPS(deg(G(w⁺)), y) + λ_L2·MSE(deg(G(w⁺)), y) + 10·Σ_{l&lt;12} ‖δ_l‖ + 10·mean_l (Σ_i α⁺_{l,i} − 1)²
 * </pre>
 * with Adam 5e-3 for 1000 steps; deg is the identity, a hole mask (inpainting: y = x·m, the known pixels blended
 * back afterwards) or area downsampling by the factor (super-resolution).
 *
 * <p>Editing ({@link org.gan4j.mystyle.Editing}): a direction d ∈ W is projected onto the anchors' span in
 * barycentric coordinates γ = (AAᵀ)⁻¹A·d ({@link org.gan4j.mystyle.DirectionProjection}; the cosine between d and
 * Aᵀγ says how much of d the album can express), and the image's α moves along it, α' = α + θ·γ, over a sweep of θ.
 * When α' leaves P_β the edge policy decides: STOP (drop that θ), CONTINUE (keep it, the default) or PROJECT (the
 * nearest point of P_β: min_α ‖αA − w‖² subject to Σα = 1, α ≥ −β, {@link org.gan4j.mystyle.HullProjection}).
 *
 * <p>Evaluation on {@code builtin:faces}: {@link org.gan4j.mystyle.IdentityEmbedding}, a small identity network
 * trained on other procedural identities, scores pictures by the cosine of their codes to the album's mean code (a
 * stand-in for the paper's face-recognition network).
 *
 * <p>MyStyle++ (Wang, Nitzan, Aberman et al., "MyStyle++: A Controllable Personalized Generative Prior", CVPR 2023;
 * no official code) makes chosen attributes of the album (yaw, expression, …; {@link
 * org.gan4j.mystyle.AttributeTable}) vary along axes of their own. Each attribute m is quantised into P levels a_{m,p}
 * ({@link org.gan4j.mystyle.Levels}); its axis d_m is a principal component of the anchors, the one along which the
 * anchors of each level lie closest together ({@link org.gan4j.mystyle.AttributeAxes}, re-assigned every outer
 * step), and the anchors are optimised with the generator on
 * <pre>
 *   L = L_rec + λ_anc·L_anc,   L_anc = Σ_m Σ_n | w_n·d_m − c_{n,m} |,   c_{n,m} = mean_{k≠n, same level} w_k·d_m
 * </pre>
 * ({@link org.gan4j.mystyle.AnchorLoss}). The anchors' extent along the axes is the hypercube; a sample from P₀ gets
 * the coordinates of requested attribute values on their axes ({@link org.gan4j.mystyle.AttributeControl}: a value
 * maps through the levels' centres). {@link org.gan4j.mystyle.ControlEvaluation} measures the control with
 * {@link org.gan4j.mystyle.AttributeEstimator}, a small regressor trained on other procedural faces.
 *
 * <p>Perceptual distance: LPIPS needs weights that gan4j cannot download; with a VGG16 file the project's
 * LPIPS-style {@link org.gan4j.loss.PerceptualDistance} is used, otherwise the same LPIPS form on the features of
 * the generator's own discriminator ({@link org.gan4j.stylegan2.DiscriminatorDistance}, GANgealing's default; the
 * tuned model keeps that discriminator), and the multi-scale pixel distance {@link org.gan4j.loss.PyramidLoss} for a
 * generator without one (a DEVIATION, see docs/mystyle.md).
 */
package org.gan4j.mystyle;
