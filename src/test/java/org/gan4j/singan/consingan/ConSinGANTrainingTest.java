package org.gan4j.singan.consingan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Rng;
import org.gan4j.torch.StateDicts;
import org.gan4j.torch.Scope;
import org.gan4j.train.MetricsLog;
import org.gan4j.train.TinyTrainer;
import org.gan4j.train.TrainerContract;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ConSinGAN training on a tiny image: the trainer contract (resume mid-stage exact, lanes), losses that behave, model files. */
@Tag("slow")
class ConSinGANTrainingTest {

    @TempDir
    Path tmp;

    @Test
    void trainerContract() throws IOException {
        // Killed during stage 1, iteration 5: the last checkpoint is after iterations 0..3 of stage 1.
        TrainerContract.check(TinyConSinGAN.kit(TinyConSinGAN.config(8, 11)),
                TinyConSinGAN.quietOptions().withCheckpointEvery(2, null), new TinyTrainer.Position(1, 5), tmp);
    }

    @Test
    void reconstructionConvergesOnATinyImage() throws IOException {
        ConSinGANTrainer t = TinyConSinGAN.train(TinyConSinGAN.config(40, 5), tmp.resolve("run"),
                TinyConSinGAN.quietOptions());
        ConSinGANModel m = t.model();
        assertThat(m.stages()).isEqualTo(3);
        try (Scope s = new Scope()) {
            Tensor real = m.reals().get(m.finest());
            double mse = torch.mse_loss(Sampling.reconstruct(m), real).item_double();
            double sampleMse = 0;
            for (int k = 0; k < 4; k++) {
                sampleMse += torch.mse_loss(Sampling.generate(m, 1, 1, 1, Rng.seeded(k)), real).item_double() / 4;
            }
            System.out.printf("reconstruction MSE %.5f, samples %.5f%n", mse, sampleMse);
            assertThat(mse).isLessThan(sampleMse / 2);
            // --start-scale: z_opt below the finest stage keeps the image's layout, so such samples stay as close to
            // the image as the reconstruction (measured 0.0771 against 0.0773; random samples 0.33); start scale 0 is
            // the plain sample, draw for draw
            double finestOnly = 0;
            for (int k = 0; k < 4; k++) {
                finestOnly += torch.mse_loss(Sampling.generate(m, 1, 1, 1, Rng.seeded(k), m.finest()), real)
                        .item_double() / 4;
            }
            System.out.printf("samples with fresh noise at the finest stage only: MSE %.5f%n", finestOnly);
            assertThat(finestOnly).isLessThan(sampleMse / 2);
            assertThat(torch.equal(Sampling.generate(m, 1, 1, 1, Rng.seeded(7), 0), Sampling.generate(m, 1, 1, 1,
                    Rng.seeded(7)))).isTrue();
            assertThatThrownBy(() -> Sampling.generate(m, 1, 1, 2, Rng.seeded(7), 1))
                    .hasMessageContaining("drop --scale-w/--scale-h or --start-scale");
        }
        // every logged value finite, and the reconstruction term falls within every stage
        var table = MetricsLog.read(tmp.resolve("run/metrics.csv"));
        int rec = table.columns().indexOf("rec");
        assertThat(table.rows()).allSatisfy(r -> assertThat(java.util.Arrays.stream(r.values()).allMatch(Double::isFinite)).isTrue());
        for (int stage = 0; stage < 3; stage++) {
            final int st = stage;
            List<Double> v = table.rows().stream().filter(r -> r.stage() == st).map(r -> r.values()[rec]).toList();
            double first = v.subList(0, 5).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double last = v.subList(v.size() - 5, v.size()).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            System.out.printf("stage %d: rec loss %.4f -> %.4f (x%.3f)%n", stage, first, last, last / first);
            // measured: x0.26, x0.75, x0.42 (stage 1 starts as a copy of stage 0, so its term starts low); the
            // earlier bound of x0.75 sat on stage 1's value and failed on another CPU's float paths
            assertThat(last).as("rec loss at stage " + stage).isLessThan(first * 0.85);
        }
        m.close();
    }

    @Test
    void modelFileRoundTripIsBitExact() throws IOException {
        ConSinGANTrainer t = TinyConSinGAN.train(TinyConSinGAN.config(1, 3), tmp.resolve("run"),
                TinyConSinGAN.quietOptions());
        ConSinGANModel a = t.model();
        ConSinGANModel b = ConSinGAN.load(tmp.resolve("run"));
        assertThat(b.config()).isEqualTo(a.config());
        assertThat(b.stages()).isEqualTo(3);
        StateDicts.assertBitEqual(a.generator().stateDict(), b.generator().stateDict(), "G");
        assertThat(b.noiseAmp()).containsExactly(a.noiseAmp());
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Tensor sa = Sampling.generate(a, 2, 1, 1.5, org.gan4j.torch.Rng.seeded(4));
            Tensor sb = Sampling.generate(b, 2, 1, 1.5, org.gan4j.torch.Rng.seeded(4));
            assertThat(sa.shape()).containsExactly(2, 3, TinyConSinGAN.H, (long) (TinyConSinGAN.W * 1.5));
            assertThat(torch.equal(sa, sb)).isTrue();
        }
        a.close();
        b.close();
    }
}
