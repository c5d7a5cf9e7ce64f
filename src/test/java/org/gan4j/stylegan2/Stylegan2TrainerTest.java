package org.gan4j.stylegan2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Lanes;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.train.TinyTrainer;
import org.gan4j.train.TrainerContract;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real StyleGAN2 training run on tiny procedural data: D and G behave, samples differ, the trainer keeps the contract. */
@Tag("slow")
class Stylegan2TrainerTest {

    @TempDir
    Path tmp;

    @Test
    void tinyRunSeparatesRealFromFakeAndKeepsDiverseSamples() {
        Stylegan2Config c = TinyTraining.config(40, 3);
        List<Map<String, Double>> log = new ArrayList<>();
        try (Stylegan2Trainer t = TinyTraining.trainer(c, new Lanes(2, 1))) {
            Map<String, Tensor> ema0 = new java.util.LinkedHashMap<>();
            t.gEma().namedParameters().forEach((k, v) -> ema0.put(k, Scope.keepAlive(v.detach().clone())));
            org.gan4j.torch.Engine.intraOpThreads(t.intraThreads()); // as the loop does around a stage
            t.beginStage(0, 0);
            for (long i = 0; i < c.iters(); i++) {
                try (Scope s = new Scope()) {
                    log.add(t.step(0, i));
                    t.emas().forEach(org.gan4j.train.Ema::update); // what the loop does after a step
                }
            }
            // g_ema follows g slowly (half-life 10k images; 320 seen): it moved from where it started, towards g,
            // but is still far nearer its start than g is.
            try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
                double moved = 0;
                double startToG = 0;
                double emaToG = 0;
                Map<String, Tensor> gNow = t.g().namedParameters();
                for (var e : t.gEma().namedParameters().entrySet()) {
                    Tensor e0 = ema0.get(e.getKey());
                    Tensor gk = gNow.get(e.getKey());
                    moved += e.getValue().sub(e0).square().sum().item_double();
                    startToG += e0.sub(gk).square().sum().item_double();
                    emaToG += e.getValue().sub(gk).square().sum().item_double();
                }
                assertThat(moved).as("g_ema moved").isPositive();
                assertThat(emaToG).as("g_ema to g, against its start to g").isLessThan(startToG);
                assertThat(moved).as("g_ema's step, against g's distance from it").isLessThan(0.01 * emaToG);
            }
            // The discriminator starts undecided (L_D near 2·log 2) and soon tells real from fake.
            assertThat(log.get(0).get("d")).isBetween(0.9, 1.9);
            double gap = mean(log.subList(10, 40), "real_score") - mean(log.subList(10, 40), "fake_score");
            assertThat(gap).as("D(real) - D(fake), iterations 10-39").isGreaterThan(1.0);
            assertThat(mean(log.subList(30, 40), "d")).isLessThan(log.get(0).get("d") * 0.7);
            // The generator's loss responds: it rises as D becomes confident.
            assertThat(mean(log.subList(30, 40), "g")).isGreaterThan(log.get(0).get("g") + 0.5);
            // The lazy regularizers ran: R1 at 0, 16, 32 and the path-length mean moved away from 0.
            assertThat(log.get(39).get("r1")).isPositive();
            assertThat(log.get(39).get("mean_path")).isPositive();
            assertThat(t.meanPathLength()).isEqualTo(log.get(39).get("mean_path"));
            // g_ema's samples from different z differ from each other (no collapse to one image).
            try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
                Tensor z = torch.randn(new long[] {8, c.styleDim()}, new GeneratorOptional(torch.make_generator_cpu(5)));
                Tensor x = t.gEma().forward(Styles.z(z), NoiseMode.CONST).reshape(8, -1); // [8, 3·16·16]
                Tensor d2 = torch.cdist(x, x).pow(new org.bytedeco.pytorch.Scalar(2)).div(new org.bytedeco.pytorch.Scalar(x.size(1)));
                double min = Double.MAX_VALUE;
                double sum = 0;
                for (int i = 0; i < 8; i++) {
                    for (int j = i + 1; j < 8; j++) {
                        double v = d2.get(i).get(j).item_double();
                        min = Math.min(min, v);
                        sum += v;
                    }
                }
                assertThat(min).as("smallest pairwise MSE").isGreaterThan(1e-3);
                assertThat(sum / 28).as("mean pairwise MSE").isGreaterThan(0.01);
            }
        }
    }

    /** {@code c} with the path-length weight {@code w}. */
    private static Stylegan2Config withPathRegularize(Stylegan2Config c, double w) {
        return new Stylegan2Config(c.preset(), c.size(), c.styleDim(), c.nMlp(), c.channelMultiplier(), c.channelMax(),
                c.channelBase(), c.lrMlp(), c.batch(), c.iters(), c.lr(), c.r1(), w, c.pathBatchShrink(), c.dRegEvery(),
                c.gRegEvery(), c.mixing(), c.emaHalfLifeKimg(), c.seed());
    }

    /** Trains {@code c} on one lane; returns the per-iteration logs. */
    private static List<Map<String, Double>> log(Stylegan2Config c) {
        List<Map<String, Double>> log = new ArrayList<>();
        try (Stylegan2Trainer t = TinyTraining.trainer(c, new Lanes(1, 1))) {
            org.gan4j.torch.Engine.intraOpThreads(t.intraThreads()); // as the loop does around a stage
            t.beginStage(0, 0);
            for (long i = 0; i < c.iters(); i++) {
                try (Scope s = new Scope()) {
                    log.add(t.step(0, i));
                }
            }
        }
        return log;
    }

    @Test
    void lazyRegularizersPullTheirPenaltiesDown() {
        // The same run with both regularizers off and with heavy weights, every iteration: the weighted run ends
        // with a smaller R1 (D's gradient at the reals) and a smaller path-length penalty. A regularizer applied
        // with the wrong sign, or not at all, would leave them as large or larger.
        Stylegan2Config base = TinyTraining.config(10, 13).withLazyIntervals(1, 1).withLr(0.006);
        List<Map<String, Double>> off = log(withPathRegularize(base.withR1(0), 0));
        List<Map<String, Double>> on = log(withPathRegularize(base.withR1(50), 50));
        List<Map<String, Double>> offLate = off.subList(3, 10);
        List<Map<String, Double>> onLate = on.subList(3, 10);
        assertThat(mean(onLate, "r1")).as("mean R1, iterations 3-9").isLessThan(0.8 * mean(offLate, "r1"));
        assertThat(mean(onLate, "path")).as("mean path-length penalty, iterations 3-9").isLessThan(0.8 * mean(offLate, "path"));
    }

    private static double mean(List<Map<String, Double>> rows, String key) {
        return rows.stream().mapToDouble(r -> r.get(key)).average().orElseThrow();
    }

    @Test
    void trainerContract() throws java.io.IOException {
        // Lazy intervals 4 and 2 so that the resumed part has an R1 step (8) and path-length steps (6, 8); killed at
        // iteration 7, the last checkpoint is after iterations 0..5.
        TrainerContract.check(TinyTraining.kit(TinyTraining.config(10, 7).withLazyIntervals(4, 2)), TinyTraining.loop(3),
                new TinyTrainer.Position(0, 7), tmp);
    }
}
