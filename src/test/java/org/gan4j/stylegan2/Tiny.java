package org.gan4j.stylegan2;

/** Tiny StyleGAN2 configurations for fast tests. */
final class Tiny {

    private Tiny() {}

    /** 16 px, style dim 32, 2 mapping layers, 16 channels up to 8 px and 8 at 16 px. */
    static Stylegan2Config config() {
        return Stylegan2Config.paper(16).withStyleDim(32).withNMlp(2).withChannels(1, 16, 128);
    }
}
