package org.gan4j.singan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.train.LoopOptions;
import org.gan4j.train.MetricsLog;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import org.gan4j.train.TrainLoop;
import org.gan4j.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SinGAN training on a tiny image: the pyramid is built, the reconstruction converges, resume is exact. */
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
    void resumeAfterAKillContinuesAtTheRightScaleAndIteration() throws IOException {
        SinGANConfig c = TinySinGAN.config(8, 11);
        LoopOptions every2 = TinySinGAN.quietOptions().withCheckpointEvery(2, null);
        SinGANTrainer whole = TinySinGAN.train(c, tmp.resolve("whole"), every2);

        // The same run killed during scale 1, iteration 5.
        Path dir = tmp.resolve("killed");
        Tensor x = TinySinGAN.image();
        Pyramid p = Pyramid.plan(TinySinGAN.H, TinySinGAN.W, c);
        List<Tensor> reals = Reals.build(x, p);
        RunDir run = RunDir.create("singan", dir);
        run.writeConfig(c);
        SinGANTrainer first = new SinGANTrainer(c, p, reals, new SinGANModel(c, p.scaleFactor()), null, run.path("model.pt"));
        Progress off = new Progress(Progress.Mode.OFF, System.err, Duration.ZERO);
        assertThatThrownBy(() -> new TrainLoop(run, every2, off).run(new KillAt(first, 1, 5)))
                .hasMessageContaining("killed");

        ModelFile.Checkpoint ck = ModelFile.loadCheckpoint(run.checkpoints().resolve("latest.pt"));
        assertThat(ck.model().size()).isEqualTo(1);
        assertThat(ck.current().scale()).isEqualTo(1);
        assertThat(ck.current().iter()).isEqualTo(4); // last checkpoint: after iterations 0..3 of scale 1

        assertThat(SinGAN.resumePosition(ck, p, c)).containsExactly(1, 4);

        // Resume as `singan train --resume` does: from the run directory alone (its config, image, checkpoint).
        org.gan4j.data.Images.writePng(run.path(SinGAN.INPUT_PNG), org.gan4j.data.Landscape.render(TinySinGAN.W, TinySinGAN.H, 3));
        SinGANModel resumed = SinGAN.resume(dir, off);

        SinGANModel a = whole.model();
        SinGANModel b = ModelFile.load(dir.resolve("model.pt"));
        assertSame(resumed.scale(a.size() - 1).g().stateDict(), b.scale(a.size() - 1).g().stateDict(), "returned model");
        assertThat(b.size()).isEqualTo(a.size());
        for (int n = 0; n < a.size(); n++) {
            assertThat(b.scale(n).noiseAmp()).isEqualTo(a.scale(n).noiseAmp());
            assertSame(a.scale(n).g().stateDict(), b.scale(n).g().stateDict(), "G scale " + n);
            assertSame(a.scale(n).d().stateDict(), b.scale(n).d().stateDict(), "D scale " + n);
            assertThat(torch.equal(a.scale(n).zOpt(), b.scale(n).zOpt())).isTrue();
        }
        // metrics.csv has each (scale, iteration) once.
        var rows = MetricsLog.read(dir.resolve("metrics.csv")).rows();
        assertThat(rows).hasSize(4 * 8);
    }

    @Test
    void oneLaneAndTwoLanesTrainTheSameModel() {
        SinGANConfig c = TinySinGAN.config(3, 8);
        Pyramid p = Pyramid.plan(TinySinGAN.H, TinySinGAN.W, c);
        List<Tensor> reals = Reals.build(TinySinGAN.image(), p);
        SinGANModel[] models = new SinGANModel[2];
        for (int lanes = 1; lanes <= 2; lanes++) {
            try (org.gan4j.torch.Lanes l = new org.gan4j.torch.Lanes(lanes, 1);
                    SinGANTrainer t = new SinGANTrainer(c, p, reals, new SinGANModel(c, p.scaleFactor()), null, null, l)) {
                org.gan4j.torch.Engine.intraOpThreads(t.intraThreads()); // as the loop does around a stage
                for (int s = 0; s < p.scales(); s++) {
                    t.beginStage(s, 0);
                    for (int i = 0; i < c.niter(); i++) {
                        try (Scope sc = new Scope()) {
                            t.step(s, i);
                        }
                    }
                    t.endStage(s);
                }
                models[lanes - 1] = t.model();
            }
        }
        for (int n = 0; n < p.scales(); n++) {
            assertSame(models[0].scale(n).g().stateDict(), models[1].scale(n).g().stateDict(), "G " + n);
            assertSame(models[0].scale(n).d().stateDict(), models[1].scale(n).d().stateDict(), "D " + n);
            assertThat(models[1].scale(n).noiseAmp()).isEqualTo(models[0].scale(n).noiseAmp());
        }
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
            assertSame(a.scale(n).g().stateDict(), b.scale(n).g().stateDict(), "G " + n);
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

    static void assertSame(Map<String, Tensor> a, Map<String, Tensor> b, String what) {
        assertThat(b.keySet()).as(what).containsExactlyElementsOf(a.keySet());
        for (String k : a.keySet()) {
            assertThat(torch.equal(a.get(k), b.get(k))).as(what + " " + k).isTrue();
        }
    }

    /** Delegates to a trainer and throws at (stage, iter), as a kill would stop it. */
    record KillAt(Trainer t, int stage, long iter) implements Trainer {
        public int stages() { return t.stages(); }
        public long iterations(int s) { return t.iterations(s); }
        public String stageLabel(int s) { return t.stageLabel(s); }
        public void beginStage(int s, long i) { t.beginStage(s, i); }
        public Map<String, Double> step(int s, long i) {
            if (s == stage && i == iter) {
                throw new IllegalStateException("killed");
            }
            return t.step(s, i);
        }
        public void endStage(int s) { t.endStage(s); }
        public void save(Path f, int s, long i) throws IOException { t.save(f, s, i); }
        public List<BufferedImage> samples(int s, long i) { return t.samples(s, i); }
        public List<org.gan4j.train.Ema> emas() { return t.emas(); }
        public List<org.gan4j.train.Artifact> artifacts(int s) { return t.artifacts(s); }
        public int intraThreads() { return t.intraThreads(); }
    }
}
