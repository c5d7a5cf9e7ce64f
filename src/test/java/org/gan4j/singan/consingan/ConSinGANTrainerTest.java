package org.gan4j.singan.consingan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Engine;
import org.gan4j.torch.Scope;
import org.gan4j.torch.StateDicts;
import org.junit.jupiter.api.Test;

/** The concurrent trainer: per-stage learning rates, frozen stages, growth by copying, model files. */
class ConSinGANTrainerTest {

    @Test
    void learningRatesPerStageAndFrozenStages() {
        ConSinGANConfig c = TinyConSinGAN.config(2, 1).withStages(5).withMaxSize(200);
        Engine.intraOpThreads(1);
        try (Scope s = new Scope()) {
            var big = org.gan4j.data.Landscape.render(120, 100, 3);
            Scales sc = Scales.plan(100, 120, c);
            ConSinGANModel m = new ConSinGANModel(c, sc.scaleFactor(),
                    sc.reals(org.gan4j.torch.ImageTensors.fromImage(big)));
            ConSinGANTrainer t = new ConSinGANTrainer(c, sc, m, null, null, new org.gan4j.torch.Lanes(1, 1));
            double lr = 5e-4;
            // groups: the newest trainDepth stages (oldest first), the head while depth < trainDepth, the tail
            List<List<Double>> expected = List.of(
                    List.of(lr, lr, lr),                                 // stage 0, head ·0.1^0, tail
                    List.of(lr * 0.1, lr, lr * 0.1, lr),                 // stages 0,1; head ·0.1^1
                    List.of(lr * 0.01, lr * 0.1, lr, lr * 0.01, lr),     // stages 0..2; head ·0.1^2
                    List.of(lr * 0.01, lr * 0.1, lr, lr),                // stages 1..3; head frozen
                    List.of(lr * 0.01, lr * 0.1, lr, lr));               // stages 2..4
            for (int stage = 0; stage < 5; stage++) {
                t.beginStage(stage, 0);
                List<Double> got = t.generatorLearningRates();
                assertThat(got).as("stage " + stage).hasSameSizeAs(expected.get(stage));
                for (int i = 0; i < got.size(); i++) {
                    assertThat(got.get(i)).as("stage " + stage + " group " + i).isCloseTo(expected.get(stage).get(i),
                            within(1e-15));
                }
                GrowingGenerator g = m.generator();
                assertThat(g.stages()).isEqualTo(stage + 1);
                for (int n = 0; n <= stage; n++) {
                    boolean trains = n > stage - c.trainDepth();
                    assertThat(g.stageParameters(n).get(0).requires_grad()).as("stage " + n + " trains").isEqualTo(trains);
                }
                assertThat(g.headParameters().get(0).requires_grad()).as("head trains").isEqualTo(stage < 3);
                assertThat(m.noiseAmp()[stage]).as("σ").isEqualTo(stage == 0 ? 1.0 : m.noiseAmp()[stage]);
                if (stage > 0) {
                    assertThat(m.noiseAmp()[stage]).isPositive();
                    assertThat(m.fixedNoise().get(stage).shape()).containsExactly(1, 16,
                            sc.heights()[stage] + 6, sc.widths()[stage] + 6);
                } else {
                    assertThat(torch.equal(m.fixedNoise().get(0), m.reals().get(0))).as("z_opt at stage 0 is x_0").isTrue();
                }
                t.endStage(stage);
            }
            m.close();
        }
    }

    @Test
    void aNewStageStartsAsACopyOfTheTrainedOne() {
        ConSinGANConfig c = TinyConSinGAN.config(3, 2);
        Engine.intraOpThreads(1);
        try (Scope s = new Scope()) {
            ConSinGANTrainer t = TinyConSinGAN.trainer(c, null, 1);
            t.beginStage(0, 0);
            var init = t.model().generator().body.get(0).stateDict();
            var initCopy = new java.util.LinkedHashMap<String, Tensor>();
            init.forEach((k, v) -> initCopy.put(k, v.clone()));
            for (int i = 0; i < 3; i++) {
                try (Scope step = new Scope()) {
                    Map<String, Double> losses = t.step(0, i);
                    assertThat(losses.values()).allMatch(Double::isFinite);
                }
            }
            t.endStage(0);
            GrowingGenerator g = t.model().generator();
            assertThat(torch.equal(initCopy.get("block0.conv.weight"), g.body.get(0).stateDict().get("block0.conv.weight")))
                    .as("stage 0 trained").isFalse();
            t.beginStage(1, 0);
            StateDicts.assertBitEqual(g.body.get(0).stateDict(), g.body.get(1).stateDict(), "new stage 1 against stage 0");
            t.model().close();
        }
    }
}
