package org.gan4j.singan.consingan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The non-uniform pyramid against the official formula (functions.adjust_scales2image and create_reals_pyramid),
 * sizes worked out with Python's math module from the official expressions.
 */
class ScalesTest {

    @Test
    void nonUniformPyramidOf250x188() {
        Scales s = Scales.plan(188, 250, ConSinGANConfig.paper());
        // r = (25/188)^(1/5); stage i scaled by r^(4/ln 5 · ln(5-i) + 1)
        assertThat(s.scaleFactor()).isCloseTo(0.66796919111639, within(1e-12));
        assertThat(s.scale1()).isEqualTo(1.0);
        assertThat(s.heights()).containsExactly(25, 32, 42, 63, 126, 188);
        assertThat(s.widths()).containsExactly(34, 42, 56, 84, 167, 250);
        assertThat(s.factors()).containsExactly(new double[] {0.132979, 0.16633, 0.221956, 0.333321, 0.667969, 1.0},
                within(1e-6));
    }

    @Test
    void largeImageIsDownscaledFirst() {
        Scales s = Scales.plan(333, 500, ConSinGANConfig.paper());
        assertThat(s.scale1()).isEqualTo(0.5);
        assertThat(s.scaleFactor()).isCloseTo(0.6839820547087236, within(1e-12));
        assertThat(s.heights()).containsExactly(25, 31, 41, 60, 115, 167);
        assertThat(s.widths()).containsExactly(38, 47, 61, 89, 171, 250);
    }

    @Test
    void harmonizationUsesTheUniformPyramid() {
        Scales s = Scales.plan(333, 500, ConSinGANConfig.paper().forHarmonization());
        assertThat(s.heights()).containsExactly(25, 37, 54, 79, 115, 167);
        assertThat(s.widths()).containsExactly(38, 55, 80, 117, 171, 250);
    }

    @Test
    void fastPresetOnTheBundledLandscapeSize() {
        Scales s = Scales.plan(128, 192, ConSinGANConfig.fast());
        assertThat(s.heights()).containsExactly(25, 29, 35, 44, 68, 86);
        assertThat(s.widths()).containsExactly(38, 43, 51, 66, 100, 128);
    }

    @Test
    void twoStagesTakeTheLimitOfTheFormula() {
        Scales s = Scales.plan(100, 100, ConSinGANConfig.paper().withStages(2));
        assertThat(s.heights()).containsExactly(25, 100);
    }
}
