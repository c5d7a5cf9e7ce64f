/**
 * CoCosNet: Cross-domain Correspondence Learning for Exemplar-based Image Translation (Zhang, Zhang, Chen, Yuan,
 * Wen, Chen; CVPR 2020), as microsoft/CoCosNet implements it, key for key with its checkpoints.
 *
 * <p>An input map x_A (labels, edges or pose, domain A) and an exemplar photo y_B (domain B) are embedded into a
 * shared domain S ({@link org.gan4j.cocosnet.DomainAdaptor}, one per domain), where a dense correspondence is the
 * softmax of their features' cosine similarity ({@link org.gan4j.cocosnet.Correspondence}, Eq. 1–2):
 * <pre>
 *   x_S = F_{A→S}(x_A; θ_F),   y_S = F_{B→S}(y_B; θ_F)
 *   M(u, v) = (x̂_S(u) − μ)ᵀ (ŷ_S(v) − μ) / (‖x̂_S(u) − μ‖ ‖ŷ_S(v) − μ‖)              feature patches, centred
 *   r_{y→x}(u) = Σ_v softmax_v(α·M(u, v)) · y_B(v)                                  α = 1/τ = 100
 * </pre>
 * The translation network ({@link org.gan4j.cocosnet.CocosGenerator}) is SPADE's generator whose layers are
 * modulated by the warped exemplar r_{y→x} beside x_A, with positional normalisation:
 * <pre>
 *   α_h, β_h = T_h(r_{y→x}),   out = α_h · (h − μ_h)/σ_h + β_h       (PONO: μ, σ over channels at each position)
 * </pre>
 * The correspondence is formed in blocks of rows ({@link org.gan4j.cocosnet.Correlation}), equal to the whole matrix
 * without holding it, which is what keeps a 128×128 correspondence in memory at batch 1.
 *
 * <p>Training ({@link org.gan4j.cocosnet.CocosTrainer}, Sec. 3.3 and the released ade20k recipe): each ground truth
 * x_B of x_A gets an exemplar y_B, retrieved by label statistics ({@link org.gan4j.cocosnet.Exemplars}) or, as a
 * pseudo pair, x_B itself geometrically augmented ({@link org.gan4j.cocosnet.CocosBatches}); with x̂ = G(x_A, r_{y→x}),
 * <pre>
 *   L_domain = ‖F_{A→S}(x_A) − F_{B→S}(x_B)‖₁                                      domain alignment, λ 10
 *   L_mask   = NLL of x_A's classes under M·m_B (classes absent from y_B not scored)   warped mask, λ 100
 *   L_fm     = Σ_l w_l ‖φ_l(x̂) − φ_l(x_B)‖₁ on pseudo pairs only                     VGG feature matching, λ 10·0.1
 *   L_perc   = ‖φ_{relu5_2}(x̂) − φ_{relu5_2}(x_B)‖²                                 perceptual, λ 0.01
 *   L_CX     = 8·CX(φ_5) + 4·CX(φ_4) + 2·CX(pool φ_3) against y_B                    contextual, λ 10
 *   L_adv    = hinge on a multiscale PatchGAN with attention, + its feature matching  λ 10, 10
 * </pre>
 * With {@link org.gan4j.cocosnet.InputKind#EDGES} (the released celebahqedge recipe) x_A is the edge map of the
 * photo itself ({@link org.gan4j.data.EdgeMap}: Canny edges e and the city-block distance to them, 2 channels), for the
 * exemplar too; there are no classes, so L_mask is off and the cycle warp ‖Mᵀ·r_{y→x} − y_B↓‖₁ (λ 1) is on, with
 * L_fm at fm_ratio 1 and L_perc on relu4_2 (λ 0.001); exemplars are retrieved by edge densities.
 *
 * <p>{@link org.gan4j.cocosnet.CocosEvaluation} scores semantic consistency, style relevance and correspondence accuracy
 * on held-out builtin:scenes, whose renderer gives the true answer (a layout in an exemplar's look).
 */
package org.gan4j.cocosnet;
