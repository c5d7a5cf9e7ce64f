package org.gan4j.singan.consingan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.singan.Animation.Walk;
import org.gan4j.torch.Engine;
import org.gan4j.torch.Scope;
import org.junit.jupiter.api.Test;

/** ConSinGAN's generate_gif walk: α = 1 holds z_opt, the start stage holds the stages below it, seeds repeat. */
class AnimationTest {

    @Test
    void theWalkFollowsTheOfficialRecursion() {
        Engine.intraOpThreads(1);
        try (Scope s = new Scope()) {
            ConSinGANModel m = TrainModesTest.trainedModel(TrainMode.ANIMATION);
            Tensor rec = Sampling.reconstruct(m);
            // α = 1: every frame is G(z_opt), the reconstruction
            Tensor still = Animation.frames(m, new Walk(3, 1.0, 0.9, 0), 1);
            assertThat(still.shape()).containsExactly(3, 3, TinyConSinGAN.H, TinyConSinGAN.W);
            for (int t = 0; t < 3; t++) {
                assertThat(torch.sub(still.narrow(0, t, 1), rec).abs().max().item_double()).isLessThan(1e-5);
            }
            // α = 0.1: the frames move, differently from frame to frame, and a seed repeats them
            Tensor walk = Animation.frames(m, new Walk(4, 0.1, 0.9, 1), 7);
            assertThat(torch.sub(walk.narrow(0, 0, 1), walk.narrow(0, 3, 1)).abs().max().item_double()).isGreaterThan(1e-4);
            assertThat(torch.equal(walk, Animation.frames(m, new Walk(4, 0.1, 0.9, 1), 7))).isTrue();
            assertThatThrownBy(() -> Animation.frames(m, new Walk(2, 0.1, 0.9, 3), 1)).isInstanceOf(Gan4jException.class)
                    .hasMessageContaining("between 0 and 2");
            m.close();
        }
    }
}
