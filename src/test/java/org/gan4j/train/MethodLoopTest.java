package org.gan4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gan4j.Gan4jException;
import org.gan4j.torch.Lanes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop driving a {@link Method}: config.json, artifacts, the resume position, closing the trainer. */
class MethodLoopTest {

    @TempDir
    Path tmp;

    /** The toy as a method; {@code events} records what the loop asked of it. */
    record ToyMethod(List<String> events, String artifact) implements Method<TrainLoopTest.ToyConfig, Declaring> {
        public String name() { return "toy"; }
        public Class<TrainLoopTest.ToyConfig> configType() { return TrainLoopTest.ToyConfig.class; }
        public Declaring newTrainer(TrainLoopTest.ToyConfig c, RunDir run, Lanes lanes) {
            events.add("new");
            return new Declaring(new ToyTrainer(c.seed(), c.size(), c.iterations()), this);
        }
        public Start<Declaring> resume(TrainLoopTest.ToyConfig c, RunDir run, Path checkpoint, Lanes lanes) {
            ToyTrainer t = new ToyTrainer(c.seed(), c.size(), c.iterations());
            try {
                ToyTrainer.Saved at = t.load(checkpoint);
                events.add("resume " + at.stage() + " " + at.nextIter());
                return new Start<>(new Declaring(t, this), at.stage(), at.nextIter());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        public List<String> outputs() { return List.of(artifact); }
    }

    /** The toy trainer declaring one artifact per stage and recording its closing. */
    record Declaring(ToyTrainer t, ToyMethod m) implements Trainer {
        public int stages() { return t.stages(); }
        public long iterations(int s) { return t.iterations(s); }
        public String stageLabel(int s) { return t.stageLabel(s); }
        public void beginStage(int s, long i) { t.beginStage(s, i); }
        public Map<String, Double> step(int s, long i) { return t.step(s, i); }
        public void endStage(int s) { t.endStage(s); }
        public void save(Path f, int s, long i) throws IOException { t.save(f, s, i); }
        public List<BufferedImage> samples(int s, long i) { return t.samples(s, i); }
        public List<Artifact> artifacts(int s) {
            return List.of(new Artifact(Path.of(m.artifact()), tmp -> Files.writeString(tmp, "after stage " + s)));
        }
        public void close() { m.events().add("closed"); }
    }

    private static TrainLoop loop(RunDir run) {
        Progress quiet = new Progress(Progress.Mode.OFF, new PrintStream(new ByteArrayOutputStream()), Duration.ZERO);
        return new TrainLoop(run, LoopOptions.defaults().withCheckpointEvery(0, null).withSampleEvery(0), quiet);
    }

    @Test
    void trainsWritesConfigAndArtifactsAndClosesTheTrainer() throws IOException {
        List<String> events = new ArrayList<>();
        ToyMethod m = new ToyMethod(events, "result.txt");
        RunDir run = RunDir.create("toy", tmp.resolve("run"));
        float[] w = loop(run).train(m, new TrainLoopTest.ToyConfig(3, 4, new long[] {5, 5}), d -> d.t().weights());
        assertThat(w).hasSize(4);
        assertThat(run.readConfig(TrainLoopTest.ToyConfig.class).size()).isEqualTo(4);
        assertThat(Files.readString(run.path("result.txt"))).isEqualTo("after stage 1");
        assertThat(events).containsExactly("new", "closed");

        // A finished run resumes from its checkpoint at "complete" and trains nothing again.
        events.clear();
        float[] again = loop(RunDir.open(run.dir())).resume(m, d -> {
            assertThat(d.t().calls).isEmpty();
            return d.t().weights();
        });
        assertThat(again).containsExactly(w);
        assertThat(events).containsExactly("resume 1 5", "closed");
    }

    @Test
    void anArtifactThatCannotBeWrittenEndsTheRunWithOneLine() throws IOException {
        List<String> events = new ArrayList<>();
        RunDir run = RunDir.create("toy", tmp.resolve("run"));
        Files.createDirectories(run.path("result.txt", "in-the-way"));
        assertThatThrownBy(() -> loop(run).train(new ToyMethod(events, "result.txt"), new TrainLoopTest.ToyConfig(3, 4, new long[] {5}),
                d -> null))
                .isInstanceOf(Gan4jException.class)
                .hasMessageStartingWith("cannot write " + run.path("result.txt") + ": ")
                .hasMessageNotContaining("\n");
        assertThat(events).containsExactly("new", "closed");
        assertThat(RunDir.open(run.dir()).info().state()).isEqualTo(RunInfo.FAILED);
    }

    @Test
    void refusesARunOfAnotherMethod() {
        RunDir run = RunDir.create("other", tmp.resolve("run"));
        assertThatThrownBy(() -> loop(run).train(new ToyMethod(new ArrayList<>(), "x"), new TrainLoopTest.ToyConfig(3, 4, new long[] {1}),
                d -> null)).hasMessageContaining("not a toy run");
    }
}
