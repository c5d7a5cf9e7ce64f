import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.data.Dsprites;
import org.gan4j.data.DspritesDrawing;
import org.gan4j.loss.Regulariser;
import org.gan4j.orojar.OrojarConfig;
import org.gan4j.orojar.OrojarTrainer;
import org.gan4j.torch.Engine;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;

/**
 * Times one iteration of gan4j's dSprites GAN ({@link OrojarTrainer#step}: the WGAN-GP critic step, γ 10, then the
 * generator step with the regulariser on the conv outputs of blocks 0–3, k 2, ε 0.1, max over the batch), the
 * figures compared with bench/orojar_official_bench.py (the official {@code GANModel.optimize_parameters}) on the same
 * machine, widths, batch and threads (bench/orojar_compare.sh).
 *
 * <pre>
 * mvn -q -o -DskipTests package
 * mkdir -p target/bench && javac -cp target/gan4j.jar -d target/bench bench/OrojarBench.java
 * MALLOC_ARENA_MAX=2 java -XX:+UseSerialGC -Xmn32m -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -Djava.awt.headless=true \
 *     -cp target/gan4j.jar:target/bench OrojarBench train fast|paper none|orojar|hessian [ITERS [WARMUP [pool|drawn]]]
 * ... OrojarBench draw fast|paper [BATCHES]
 * </pre>
 *
 * <p>train: {@code OrojarConfig.fast(reg)} (w 16, batch 32) or {@code OrojarConfig.paper(reg)} (the official w 64,
 * batch 128), nz 6, the λ of each preset, a constant learning rate ({@code withSchedule(WARMUP + ITERS, 0)}), one
 * intra-op thread. Real images: {@code pool} (default) gives the trainer a {@link Dsprites} whose images are 1,024
 * sprites of {@code builtin:dsprites} drawn before the clock starts and kept as bytes, so that a step only copies
 * its batch out (as the official code indexes a preloaded array); {@code drawn} gives it {@link DspritesDrawing}
 * itself, so that every step also draws its batch, as {@code gan4j orojar train} does. Prints the median, min and
 * max over ITERS (10) timed steps after WARMUP (3), and the process's peak RSS (VmHWM).
 *
 * <p>draw: the cost of drawing one real batch procedurally (the {@code drawn} steps' extra): BATCHES (10) batches of
 * the preset's size, each image of a random index drawn by {@link DspritesDrawing} into a float array, mapped to
 * [−1, 1] and made a tensor, as the trainer's batch source does.
 */
public class OrojarBench {

    public static void main(String[] a) throws Exception {
        String mode = a[0];
        String preset = a[1];
        Engine.init();
        Engine.intraOpThreads(1);
        switch (mode) {
            case "train" -> train(preset, Regulariser.parse(a[2]), a.length > 3 ? Integer.parseInt(a[3]) : 10,
                    a.length > 4 ? Integer.parseInt(a[4]) : 3, a.length > 5 ? a[5] : "pool");
            case "draw" -> draw(preset, a.length > 2 ? Integer.parseInt(a[2]) : 10);
            default -> throw new IllegalArgumentException("mode train or draw, got " + mode);
        }
    }

    static OrojarConfig config(String preset, Regulariser reg) {
        return switch (preset) {
            case "fast" -> OrojarConfig.fast(reg);
            case "paper" -> OrojarConfig.paper(reg);
            default -> throw new IllegalArgumentException("preset fast or paper, got " + preset);
        };
    }

    static void train(String preset, Regulariser reg, int iters, int warmup, String data) throws Exception {
        OrojarConfig c = config(preset, reg).withSchedule(warmup + iters, 0);
        Dsprites source = switch (data) {
            case "pool" -> new Pool(new DspritesDrawing(), 1024, 7);
            case "drawn" -> new DspritesDrawing();
            default -> throw new IllegalArgumentException("data pool or drawn, got " + data);
        };
        double[] ms = new double[iters];
        long before;
        Map<String, Double> last = null;
        try (Scope outer = new Scope(); OrojarTrainer t = new OrojarTrainer(c, source, null, 1)) {
            before = rssMb("VmRSS:");
            for (int i = 0; i < warmup + iters; i++) {
                long t0 = System.nanoTime();
                try (Scope s = new Scope()) {
                    last = t.step(0, i);
                }
                if (i >= warmup) {
                    ms[i - warmup] = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        System.out.printf("gan4j train %s (w %d, batch %d) reg %s data %s: last losses %s%n", preset, c.nets().width(),
                c.batch(), reg.cliName(), data, last);
        report("train " + preset + " (w " + c.nets().width() + ", batch " + c.batch() + ") reg " + reg.cliName()
                + " data " + data, ms, iters, warmup, before);
    }

    static void draw(String preset, int batches) throws Exception {
        int batch = config(preset, Regulariser.NONE).batch();
        Dsprites d = new DspritesDrawing();
        SplittableRandom r = new SplittableRandom(3);
        int px = Dsprites.SIZE * Dsprites.SIZE;
        double[] ms = new double[batches];
        for (int i = 0; i < batches + 1; i++) { // the first warms the JIT up
            long t0 = System.nanoTime();
            try (Scope s = new Scope()) {
                float[] v = new float[batch * px];
                for (int b = 0; b < batch; b++) {
                    d.pixels(r.nextInt(d.count()), v, b * px);
                }
                for (int j = 0; j < v.length; j++) {
                    v[j] = v[j] * 2 - 1;
                }
                Tensor x = Tensors.of(v, batch, 1, Dsprites.SIZE, Dsprites.SIZE);
                x.sum().item_double();
            }
            if (i >= 1) {
                ms[i - 1] = (System.nanoTime() - t0) / 1e6;
            }
        }
        report("draw " + preset + " (batch " + batch + ", builtin:dsprites)", ms, batches, 1, rssMb("VmRSS:"));
    }

    /** {@code size} images of {@code src} drawn once, as 0/1 bytes; image i is pool image i mod size. */
    static final class Pool implements Dsprites {
        private final byte[] px;
        private final int size;

        Pool(Dsprites src, int size, long seed) {
            this.size = size;
            int n = SIZE * SIZE;
            px = new byte[size * n];
            float[] one = new float[n];
            SplittableRandom r = new SplittableRandom(seed);
            for (int i = 0; i < size; i++) {
                src.pixels(r.nextInt(src.count()), one, 0);
                for (int j = 0; j < n; j++) {
                    px[i * n + j] = (byte) one[j];
                }
            }
        }

        @Override
        public int count() {
            return COUNT;
        }

        @Override
        public void pixels(int i, float[] dst, int offset) {
            int n = SIZE * SIZE;
            int from = (i % size) * n;
            for (int j = 0; j < n; j++) {
                dst[offset + j] = px[from + j];
            }
        }

        @Override
        public String describe() {
            return size + " pre-drawn builtin:dsprites images";
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int k = s.length;
        return k % 2 == 1 ? s[k / 2] : (s[k / 2 - 1] + s[k / 2]) / 2;
    }

    static void report(String what, double[] ms, int iters, int warmup, long before) throws Exception {
        double[] s = ms.clone();
        Arrays.sort(s);
        System.out.printf("gan4j %s threads 1: median %.1f ms (min %.1f, max %.1f, %d after %d); RSS before the first"
                + " %d MB; peak RSS %d MB%n", what, median(ms), s[0], s[s.length - 1], iters, warmup, before,
                rssMb("VmHWM:"));
    }

    static long rssMb(String key) throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }
}
