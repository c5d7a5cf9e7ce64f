package org.gan4j.gangealing;

/** The class of warps a spatial transformer regresses. */
public enum Transform {
    /** Rotation, uniform scale and translation: 4 parameters per head. */
    SIMILARITY,
    /** A dense residual flow, regressed coarse and convex-upsampled. */
    FLOW
}
