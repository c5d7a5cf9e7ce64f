package org.gan4j.train;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.Tensors;

/**
 * A real, tiny optimisation for the loop's tests: a vector w fitted to a target by gradient descent with
 * momentum on a noisy squared error, over stages with decreasing learning rates. Its checkpoint holds the
 * position, w and the momentum, so a resumed run must match an uninterrupted one exactly.
 */
final class ToyTrainer implements Trainer {

    /** Where a test makes the toy misbehave. */
    record At(int stage, long iter) {
        boolean is(int s, long i) {
            return stage == s && iter == i;
        }
    }

    final long[] iterations;
    final int size;
    final long seed;
    final Tensor w;
    final Tensor v;
    final Tensor target;

    At killAt;
    At nanAt;
    int saves;
    int failSavesFrom = Integer.MAX_VALUE;
    final List<String> calls = new ArrayList<>();
    final List<Long> physicalBytes = new ArrayList<>();
    long measureEvery;

    ToyTrainer(long seed, int size, long... iterations) {
        this.iterations = iterations;
        this.size = size;
        this.seed = seed;
        Seeds.seed(seed);
        w = Scope.keepAlive(torch.randn(size));
        w.set_requires_grad(true);
        v = Scope.keepAlive(torch.zeros(size));
        target = Scope.keepAlive(torch.full(new long[] {size}, new Scalar(2.0)));
    }

    @Override
    public int stages() {
        return iterations.length;
    }

    @Override
    public long iterations(int stage) {
        return iterations[stage];
    }

    @Override
    public String stageLabel(int stage) {
        return "stage " + (stage + 1) + "/" + iterations.length;
    }

    @Override
    public void beginStage(int stage, long startIter) {
        calls.add("begin " + stage + " " + startIter);
    }

    @Override
    public Map<String, Double> step(int stage, long iter) {
        if (killAt != null && killAt.is(stage, iter)) {
            throw new IllegalStateException("simulated kill at " + stage + "/" + iter);
        }
        if (measureEvery > 0 && iter % measureEvery == 0) {
            physicalBytes.add(org.bytedeco.javacpp.Pointer.physicalBytes());
        }
        // Noise seeded by position: the toy needs no generator state in its checkpoint.
        torch.manual_seed(seed * 1_000_003L + stage * 10_007L + iter);
        Tensor noise = torch.randn(size).mul(new Scalar(0.1));
        Tensor loss = w.sub(target).sub(noise).square().mean();
        if (nanAt != null && nanAt.is(stage, iter)) {
            loss = loss.mul(new Scalar(Double.NaN));
        }
        loss.backward();
        double lr = 0.2 / (stage + 1);
        try (NoGrad ng = new NoGrad()) {
            v.mul_(new Scalar(0.5)).add_(w.grad());
            w.add_(v, new Scalar(-lr));
        }
        w.mutable_grad().reset();
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("loss", loss.item_double());
        out.put("w_mean", w.mean().item_double());
        return out;
    }

    @Override
    public void endStage(int stage) {
        calls.add("end " + stage);
    }

    @Override
    public void save(Path file, int stage, long nextIter) throws IOException {
        saves++;
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeInt(stage);
            out.writeLong(nextIter);
            if (saves >= failSavesFrom) {
                throw new IOException("simulated write failure");
            }
            for (float x : Tensors.floats(w)) {
                out.writeFloat(x);
            }
            for (float x : Tensors.floats(v)) {
                out.writeFloat(x);
            }
        }
    }

    /** The saved position and state. */
    record Saved(int stage, long nextIter, float[] w, float[] v) {}

    static Saved read(Path file, int size) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            int stage = in.readInt();
            long next = in.readLong();
            float[] w = new float[size];
            float[] v = new float[size];
            for (int k = 0; k < size; k++) {
                w[k] = in.readFloat();
            }
            for (int k = 0; k < size; k++) {
                v[k] = in.readFloat();
            }
            return new Saved(stage, next, w, v);
        }
    }

    /** Restores w and the momentum from a checkpoint and returns it (for its position). */
    Saved load(Path file) throws IOException {
        Saved s = read(file, size);
        try (Scope scope = new Scope(); NoGrad ng = new NoGrad()) {
            w.copy_(Tensors.of(s.w(), size));
            v.copy_(Tensors.of(s.v(), size));
        }
        return s;
    }

    float[] weights() {
        return Tensors.floats(w);
    }

    @Override
    public List<BufferedImage> samples(int stage, long iter) {
        // Three images of different sizes, grey by how close w is to its target.
        int grey = (int) Math.max(0, Math.min(255, 255 - 60 * Math.abs(2 - Tensors.floats(w)[0])));
        List<BufferedImage> out = new ArrayList<>();
        for (int[] wh : new int[][] {{8, 8}, {10, 6}, {12, 12}}) {
            BufferedImage im = new BufferedImage(wh[0], wh[1], BufferedImage.TYPE_INT_RGB);
            Graphics2D g = im.createGraphics();
            g.setColor(new Color(grey, grey, grey));
            g.fillRect(0, 0, wh[0], wh[1]);
            g.dispose();
            out.add(im);
        }
        return out;
    }
}
