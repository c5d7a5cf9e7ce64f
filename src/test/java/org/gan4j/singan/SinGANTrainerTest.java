package org.gan4j.singan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.StateDicts;
import org.gan4j.train.MetricsLog;
import org.gan4j.train.TinyTrainer;
import org.gan4j.train.TrainerContract;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SinGAN training on a tiny image: the reconstruction converges, the trainer keeps the contract, model files round-trip. */
@Tag("slow")
class SinGANTrainerTest {

    @TempDir
    Path tmp;

    @Test
    void reconstructionFromZoptConvergesOnATinyImage() throws IOException {
        SinGANConfig c = TinySinGAN.config(40, 5);
        SinGANTrainer t = TinySinGAN.train(c, tmp.resolve("run"), TinySinGAN.quietOptions());
        SinGANModel m = t.model();
        assertThat(m.size()).isEqualTo(4);
        try (Scope s = new Scope()) {
            Tensor real = m.scale(m.finest()).real();
            Tensor rec = Sampler.reconstruct(m);
            double mse = torch.mse_loss(rec, real).item_double();
            // A random sample is a plausible but different image; the reconstruction must be far closer (a broken
            // z_opt path gives about the samples' distance). Four samples, so one close sample cannot decide it.
            Seeds.seed(1);
            double sampleMse = 0;
            for (int k = 0; k < 4; k++) {
                sampleMse += torch.mse_loss(Sampler.generate(m, Sampler.Request.random(1)), real).item_double() / 4;
            }
            // and it explains most of the image: far below the distance to the image's own mean colour
            double flatMse = torch.mse_loss(real.mean(new long[] {2, 3}, true, new org.bytedeco.pytorch.ScalarTypeOptional()).expand_as(real), real).item_double();
            System.out.printf("reconstruction MSE %.5f, samples %.5f (ratio %.2f), flat image %.5f (ratio %.2f)%n",
                    mse, sampleMse, sampleMse / mse, flatMse, flatMse / mse);
            assertThat(mse).isLessThan(sampleMse / 2);
            assertThat(mse).isLessThan(flatMse / 4);
        }
        // The reconstruction loss falls at every scale above the coarsest (where the official code redraws z_opt
        // every iteration, so it only falls slowly): compare each scale's first and last logged values.
        var table = MetricsLog.read(tmp.resolve("run/metrics.csv"));
        int recColumn = table.columns().indexOf("rec");
        for (int stage = 1; stage < 4; stage++) {
            final int st = stage;
            List<Double> rec = table.rows().stream().filter(r -> r.stage() == st).map(r -> r.values()[recColumn]).toList();
            double first = rec.subList(0, 5).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double last = rec.subList(rec.size() - 5, rec.size()).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            assertThat(last).as("rec loss at scale " + stage).isLessThan(first * 0.75);
        }
    }

    @Test
    void trainerContract() throws IOException {
        // Killed during scale 1, iteration 5: the last checkpoint is after iterations 0..3 of scale 1.
        TrainerContract.check(TinySinGAN.kit(TinySinGAN.config(8, 11)),
                TinySinGAN.quietOptions().withCheckpointEvery(2, null), new TinyTrainer.Position(1, 5), tmp);
    }

    @Test
    void modelFileRoundTripIsBitExact() throws IOException {
        SinGANConfig c = TinySinGAN.config(3, 2);
        SinGANTrainer t = TinySinGAN.train(c, tmp.resolve("run"), TinySinGAN.quietOptions());
        SinGANModel a = t.model();
        Path f = tmp.resolve("copy.pt");
        ModelFile.saveAtomic(a, f);
        SinGANModel b = ModelFile.load(f);
        assertThat(b.config()).isEqualTo(a.config());
        assertThat(b.scaleFactor()).isEqualTo(a.scaleFactor());
        for (int n = 0; n < a.size(); n++) {
            StateDicts.assertBitEqual(a.scale(n).g().stateDict(), b.scale(n).g().stateDict(), "G " + n);
            assertThat(torch.equal(a.scale(n).real(), b.scale(n).real())).isTrue();
        }
        try (Scope s = new Scope()) {
            Seeds.seed(9);
            Tensor sa = Sampler.generate(a, Sampler.Request.random(2));
            Seeds.seed(9);
            Tensor sb = Sampler.generate(b, Sampler.Request.random(2));
            assertThat(torch.equal(sa, sb)).isTrue();
        }
    }
}
