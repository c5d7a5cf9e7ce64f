package org.gan4j.stylegan2;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.data.Batches;
import org.gan4j.data.ProceduralImages;
import org.gan4j.torch.Lanes;
import org.gan4j.train.LoopOptions;
import org.gan4j.train.Progress;
import org.gan4j.train.Trainer;

/** Tiny StyleGAN2 training setups for fast tests: 16 px landscapes, 16/8 channels, batch 8. */
final class TinyTraining {

    private TinyTraining() {}

    static final ProceduralImages DATA = ProceduralImages.named("landscapes", 16, 32);

    /** {@link Tiny#config()} trained with batch 8 for {@code iters} iterations. */
    static StyleGAN2Config config(long iters, long seed) {
        return Tiny.config().withBatch(8).withIters(iters).withSeed(seed);
    }

    static TrainingRun run(StyleGAN2Config c) {
        return new TrainingRun(c, "builtin:landscapes", true, 4);
    }

    static Stylegan2Trainer trainer(StyleGAN2Config c, Lanes lanes) {
        return new Stylegan2Trainer(c, new Batches(DATA, c.batch(), c.seed(), true), null, lanes, 4);
    }

    static Progress quiet() {
        return new Progress(Progress.Mode.OFF, System.err, Duration.ZERO);
    }

    static LoopOptions loop(long checkpointEvery) {
        return LoopOptions.defaults().withCheckpointEvery(checkpointEvery, null).withSampleEvery(0);
    }

    static void assertSame(Map<String, Tensor> a, Map<String, Tensor> b, String what) {
        org.assertj.core.api.Assertions.assertThat(b.keySet()).as(what).containsExactlyElementsOf(a.keySet());
        for (String k : a.keySet()) {
            org.assertj.core.api.Assertions.assertThat(torch.equal(a.get(k), b.get(k))).as(what + " " + k).isTrue();
        }
    }

    /** Delegates to a trainer and throws at {@code iter}, as a kill would stop it. */
    record KillAt(Trainer t, long iter) implements Trainer {
        public int stages() { return t.stages(); }
        public long iterations(int s) { return t.iterations(s); }
        public String stageLabel(int s) { return t.stageLabel(s); }
        public void beginStage(int s, long i) { t.beginStage(s, i); }
        public Map<String, Double> step(int s, long i) {
            if (i == iter) {
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
