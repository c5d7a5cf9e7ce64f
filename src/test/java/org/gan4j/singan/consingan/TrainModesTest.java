package org.gan4j.singan.consingan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.singan.Harmonization;
import org.gan4j.torch.Engine;
import org.gan4j.torch.Rng;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Test;

/** The official train modes: z_opt and the input at stage 0, padding, pyramid, fine-tuning and the composite. */
class TrainModesTest {

    private static ConSinGANTrainer trained(TrainMode mode, int iters) {
        ConSinGANConfig c = TinyConSinGAN.config(iters, 3).withMode(mode);
        ConSinGANTrainer t = TinyConSinGAN.trainer(c, null, 1);
        for (int stage = 0; stage < 3; stage++) {
            t.beginStage(stage, 0);
            for (int i = 0; i < iters; i++) {
                try (Scope s = new Scope()) {
                    Map<String, Double> losses = t.step(stage, i);
                    assertThat(losses.values()).as(mode + " stage " + stage).allMatch(Double::isFinite);
                }
            }
            t.endStage(stage);
        }
        return t;
    }

    /** A tiny model trained one iteration per stage in {@code mode}. */
    static ConSinGANModel trainedModel(TrainMode mode) {
        return trained(mode, 1).model();
    }

    @Test
    void eachModeHasTheOfficialStageZeroAndPadding() {
        Engine.intraOpThreads(1);
        try (Scope s = new Scope()) {
            for (TrainMode mode : TrainMode.values()) {
                ConSinGANModel m = trained(mode, 1).model();
                Tensor x0 = m.reals().get(0);
                Tensor z0 = m.fixedNoise().get(0);
                double diff = torch.sub(z0, x0).std().item_double();
                switch (mode) {
                    case EDITING -> assertThat(diff).as("editing: x_0 + 0.1·N(0,1)").isCloseTo(0.1, within(0.02));
                    case ANIMATION -> assertThat(z0.std().item_double()).as("animation: N(0,1)").isCloseTo(1.0, within(0.15));
                    default -> assertThat(torch.equal(z0, x0)).as(mode + ": z_opt_0 = x_0").isTrue();
                }
                int border = mode.paddedNoise() ? 6 : 0;
                assertThat(m.fixedNoise().get(2).shape()).as(mode + " noise border")
                        .containsExactly(1, 16, m.heights()[2] + border, m.widths()[2] + border);
                assertThat(Sampling.generate(m, 1, 1, 1, Rng.seeded(1)).shape()).as(mode + " sample")
                        .containsExactly(1, 3, TinyConSinGAN.H, TinyConSinGAN.W);
                m.close();
            }
        }
        assertThat(TinyConSinGAN.config(1, 1).withMode(TrainMode.ANIMATION).minSize()).isEqualTo(20);
        assertThatThrownBy(() -> TrainMode.of("painting")).isInstanceOf(Gan4jException.class)
                .hasMessageContaining("generation, retarget, animation, harmonization, editing");
    }

    @Test
    void aNaiveImageIsHarmonizedInsideTheMaskOnlyAndFineTuningKeepsTheStages() {
        Engine.intraOpThreads(1);
        try (Scope s = new Scope()) {
            ConSinGANModel m = trained(TrainMode.HARMONIZATION, 2).model();
            Tensor naive = TinyConSinGAN.image().flip(3).contiguous(); // a "collage": the landscape mirrored
            Tensor mask = torch.full(new long[] {1, 3, TinyConSinGAN.H, TinyConSinGAN.W}, Tensors.s(-1.0));
            mask.narrow(2, 10, 12).narrow(3, 12, 16).fill_(Tensors.s(1.0));

            Harmonization.Result r = NaiveImages.apply(m, naive, mask, Rng.seeded(5));
            // outside the dilated mask the naive image is kept exactly; inside, the generated one
            Tensor outside = r.mask().eq(Tensors.s(0.0)).expand_as(naive);
            Tensor inside = r.mask().eq(Tensors.s(1.0)).expand_as(naive);
            assertThat(outside.any().item_bool()).isTrue();
            assertThat(inside.any().item_bool()).isTrue();
            assertThat(torch.equal(r.output().masked_select(outside), naive.masked_select(outside))).isTrue();
            assertThat(torch.sub(r.output().masked_select(inside), r.generated().masked_select(inside)).abs().max()
                    .item_double()).isLessThan(1e-6);
            // x̃ = G(resize(naive, stage 0), z_1, z_2) with the noise of the same seed
            java.util.List<Tensor> z = Sampling.noise(m.config(), Rng.seeded(5), 2, m.heights(), m.widths(), 1);
            z.set(0, org.gan4j.singan.Imresize.imresizeTo(naive, m.heights()[0], m.widths()[0]));
            Tensor byHand = m.generator().forward(z, m.heights(), m.widths(), m.noiseAmp());
            assertThat(torch.sub(byHand, r.generated()).abs().max().item_double()).isLessThan(1e-6);
            Tensor other = NaiveImages.apply(m, TinyConSinGAN.image(), mask, Rng.seeded(5)).generated();
            assertThat(torch.sub(other, r.generated()).abs().max().item_double()).as("another naive image")
                    .isGreaterThan(1e-5);

            // fine-tuning trains the networks again and keeps the stages, their fixed noise and σ_n
            Tensor tail = m.generator().tailParameters().get(0).clone();
            Tensor z2 = m.fixedNoise().get(2).clone();
            double[] amp = m.noiseAmp().clone();
            java.util.List<String> log = new java.util.ArrayList<>();
            NaiveImages.fineTune(m, naive, 3, 7, 1, log::add);
            assertThat(torch.equal(tail, m.generator().tailParameters().get(0))).as("tail trained").isFalse();
            assertThat(m.stages()).isEqualTo(3);
            assertThat(torch.equal(z2, m.fixedNoise().get(2))).isTrue();
            assertThat(m.noiseAmp()).containsExactly(amp);
            assertThat(log).last().asString().contains("iter 3/3");
            m.close();
        }
    }

    @Test
    void theStageZeroInputIsTheModesAugmentationOrTheNaiveImage() {
        Engine.intraOpThreads(1);
        try (Scope s = new Scope()) {
            for (TrainMode mode : List.of(TrainMode.HARMONIZATION, TrainMode.EDITING, TrainMode.GENERATION)) {
                ConSinGANTrainer t = trained(mode, 1);
                Tensor x0 = t.model().reals().get(0);
                long epoch = 5;
                Tensor z0 = t.drawNoise(epoch).get(0);
                java.util.Random r = Rng.javaRandom(3, 2 * 1_000_003L + epoch, ConSinGANTrainer.AUGMENT_STREAM);
                switch (mode) {
                    case HARMONIZATION -> assertThat(torch.equal(z0, Augment.apply(x0, r))).as("augment(x_0)").isTrue();
                    case EDITING -> assertThat(torch.sub(z0, ShuffleGrid.apply(x0, r)).std().item_double())
                            .as("shuffle_grid(x_0) + 0.1·N(0,1)").isBetween(0.07, 0.13);
                    default -> assertThat(z0.std().item_double()).as("N(0,1)").isBetween(0.8, 1.2);
                }
                assertThat(torch.equal(z0, t.drawNoise(epoch).get(0))).as("the same iteration, the same input").isTrue();
                t.model().close();
            }
            ConSinGANTrainer ft = trained(TrainMode.HARMONIZATION, 1);
            Tensor naive0 = torch.full(new long[] {1, 3, ft.model().heights()[0], ft.model().widths()[0]}, Tensors.s(0.25));
            ft.beginFineTune(naive0);
            assertThat(torch.equal(ft.drawNoise(0).get(0), naive0)).as("fine-tuning: the naive image").isTrue();
            ft.model().close();
        }
    }

    @Test
    void aGenerationModelRefusesNaiveImages() {
        Engine.intraOpThreads(1);
        try (Scope s = new Scope()) {
            ConSinGANModel m = trained(TrainMode.GENERATION, 1).model();
            Tensor x = TinyConSinGAN.image();
            assertThatThrownBy(() -> NaiveImages.apply(m, x, x, Rng.seeded(1))).isInstanceOf(Gan4jException.class)
                    .hasMessageContaining("trained in generation mode").hasMessageContaining("--mode harmonization");
            m.close();
        }
    }
}
