package org.gan4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The pix2pix-family learning-rate line by hand. */
class LinearDecayTest {

    @Test
    void constantThenLinearToZeroOverTheLastIterations() {
        assertThat(LinearDecay.factor(0, 10, 4)).isEqualTo(1.0);
        assertThat(LinearDecay.factor(6, 10, 4)).isEqualTo(1.0);
        assertThat(LinearDecay.factor(8, 10, 4)).isEqualTo(0.5);
        assertThat(LinearDecay.factor(9, 10, 4)).isEqualTo(0.25);
        assertThat(LinearDecay.factor(9, 10, 0)).isEqualTo(1.0);
    }
}
