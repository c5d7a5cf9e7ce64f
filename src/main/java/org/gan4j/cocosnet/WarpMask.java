package org.gan4j.cocosnet;

/** {@code --warp_mask_losstype}: how the exemplar's label map is warped for the mask loss (and shown). */
public enum WarpMask {
    /** {@code none}: no warped mask. */
    NONE,
    /** {@code direct}: the exemplar's labels warped to the input, M·m_B (ade20k, celebahq). */
    DIRECT,
    /** {@code cycle}: the input's labels warped to the exemplar and back, M·(Mᵀ_v·m_A). */
    CYCLE;

    public static WarpMask parse(String word) {
        return switch (word) {
            case "none" -> NONE;
            case "direct" -> DIRECT;
            case "cycle" -> CYCLE;
            default -> throw new org.gan4j.Gan4jException("--warp-mask-losstype " + word + ": expected none, direct or cycle");
        };
    }
}
