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
 */
package org.gan4j.cocosnet;
