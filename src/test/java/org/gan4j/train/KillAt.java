package org.gan4j.train;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Delegates to a trainer and throws at (stage, iter), as a kill would stop it. */
public record KillAt(Trainer t, int stage, long iter) implements Trainer {

    public static final String MESSAGE = "killed";

    public int stages() { return t.stages(); }
    public long iterations(int s) { return t.iterations(s); }
    public double relativeCost(int s) { return t.relativeCost(s); }
    public String stageLabel(int s) { return t.stageLabel(s); }
    public void beginStage(int s, long i) { t.beginStage(s, i); }
    public Map<String, Double> step(int s, long i) {
        if (s == stage && i == iter) {
            throw new IllegalStateException(MESSAGE);
        }
        return t.step(s, i);
    }
    public void endStage(int s) { t.endStage(s); }
    public void save(Path f, int s, long i) throws IOException { t.save(f, s, i); }
    public List<BufferedImage> samples(int s, long i) { return t.samples(s, i); }
    public List<Ema> emas() { return t.emas(); }
    public List<Artifact> artifacts(int s) { return t.artifacts(s); }
    public int intraThreads() { return t.intraThreads(); }
    public void close() { t.close(); }
}
