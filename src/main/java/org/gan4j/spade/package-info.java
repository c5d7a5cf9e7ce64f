/**
 * SPADE / GauGAN: Semantic Image Synthesis with Spatially-Adaptive Normalization (Park, Liu, Wang, Zhu; CVPR
 * 2019), as NVlabs/SPADE implements it, key for key with its checkpoints.
 *
 * <p>The SPADE layer ({@link org.gan4j.nn.Spade}, Eq. 1): activations h of a batch, normalised without
 * parameters, then scaled and shifted per pixel by functions of the label map m (one-hot classes, don't-care,
 * instance edges), resized to h's size:
 * <pre>
 *   out_{n,c,y,x} = γ_{c,y,x}(m)·(h_{n,c,y,x} − μ_c)/σ_c + β_{c,y,x}(m)      (the code: norm(h)·(1 + γ) + β)
 *   γ, β = conv3×3(ReLU(conv3×3(m↓)))                                        128 hidden channels
 * </pre>
 * The generator ({@link org.gan4j.spade.SpadeGenerator}) is a stack of SPADE residual blocks with ×2 nearest
 * upsampling, from the label map downsampled to (H, W)/2^n, or from z through a linear layer when trained with the
 * style encoder ({@link org.gan4j.spade.ConvEncoder}), which makes the model a VAE-GAN: q(z|x) = N(μ(x), σ²(x)),
 * z = μ + ε·σ. Training ({@link org.gan4j.spade.SpadeTrainer}) uses pix2pixHD's multiscale PatchGAN
 * discriminator D_k on [m ; x] and the losses of {@code loss/}:
 * <pre>
 *   L_D = Σ_k E[max(0, 1 − D_k(m, x))] + E[max(0, 1 + D_k(m, G(m, z)))]   / K                  (hinge)
 *   L_G = −Σ_k E[D_k(m, G(m, z))]/K + λ_FM·Σ_k Σ_i |D_k^(i)(m, G) − D_k^(i)(m, x)|₁ /K
 *         + λ_VGG·Σ_j w_j·|φ_j(G) − φ_j(x)|₁ + λ_KL·KL(q(z|x) ‖ N(0, I))
 *   λ_FM = 10, λ_VGG = 10, w = (1/32, 1/16, 1/8, 1/4, 1), λ_KL = 0.05;  Adam β = (0, 0.9), lr_G = 1e-4, lr_D = 4e-4
 * </pre>
 * φ is torchvision's VGG19 from a user's weights file; without one, gan4j uses VGG19's architecture with fixed-seed
 * random weights ({@link org.gan4j.spade.Perceptual#RANDOM_VGG19}), or no perceptual term.
 *
 * <p>At test time a style image's encoding (μ, or samples around it) gives the photo its look
 * ({@link org.gan4j.spade.Synthesis}); z ~ N(0, I) gives multimodal outputs. Official checkpoints are read by
 * {@link org.gan4j.spade.OfficialImport}; runs write the official {@code latest_net_G.pth} layout.
 */
package org.gan4j.spade;
