package org.gan4j.spade;

/**
 * Which network SPADE's perceptual term L_VGG = λ_vgg·Σ_i w_i·|φ_i(G(m)) − φ_i(x)|₁ compares images with.
 */
public enum Perceptual {
    /** torchvision's ImageNet VGG19, from a weights file the user gives (the official loss). */
    VGG19,
    /**
     * VGG19's architecture with fixed-seed random weights (Kaiming-normal, seed {@link SpadeConfig#RANDOM_VGG_SEED}):
     * the default when no weights file is given, as it needs no download; random convolutional features still
     * measure local colour and texture (He, Wang and Hopcroft 2016).
     */
    RANDOM_VGG19,
    /** No perceptual term (the official {@code --no_vgg_loss}). */
    NONE
}
