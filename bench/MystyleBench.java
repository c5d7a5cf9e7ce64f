import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.loss.ImageDistance;
import org.gan4j.loss.Lpips;
import org.gan4j.loss.PerceptualDistance;
import org.gan4j.loss.PyramidLoss;
import org.gan4j.mystyle.AlphaProjector;
import org.gan4j.mystyle.Degradation;
import org.gan4j.mystyle.MystyleConfig;
import org.gan4j.mystyle.MystyleTrainer;
import org.gan4j.nn.AlexNetFeatures;
import org.gan4j.nn.Vgg16Features;
import org.gan4j.stylegan2.Generator;
import org.gan4j.stylegan2.Stylegan2Config;
import org.gan4j.torch.Engine;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.Tensors;
import org.gan4j.train.Progress;

/**
 * Times one MyStyle generator-tuning step and one alpha-projection step of gan4j, the figures compared with
 * bench/mystyle_official_bench.py (google/mystyle's Tuner and AlphaProjector) on the same machine, generator shape
 * and threads (bench/mystyle_compare.sh).
 *
 * <pre>
 * mvn -q -o -DskipTests package
 * java -XX:+UseSerialGC -cp target/gan4j.jar -Dgan4j.threads=T bench/MystyleBench.java tune|project SIZE [fast|paper]
 *     [pyramid|vgg|alex] [ITERS [WARMUP [ANCHORS]]] [describe]
 * </pre>
 * (or compiled once, {@code javac -cp target/gan4j.jar -d target/bench bench/MystyleBench.java}, then
 * {@code -cp target/gan4j.jar:target/bench MystyleBench ...}: the source launcher compiles inside the measured JVM,
 * which raises its peak RSS.)
 *
 * <p>Generator: {@link Generator} of {@code Stylegan2Config.fast(SIZE)} (style dim 128; 64 channels up to 32 px,
 * 2048/res above: the shipped builtin:faces generator at 64 px) or {@code paper(SIZE)} (config F), random weights
 * (seed 1), gan4j's default (non-fused) modulated convolutions, the constant noise buffers.
 *
 * <p>tune: {@link MystyleTrainer#step} of a trainer built as {@code MystyleMethod} builds it ({@code
 * MystyleConfig.fast()}: Adam (0.9, 0.999) at 3e-4 on every synthesis parameter, the mapping network frozen,
 * λ_L2 = 1), on a one-picture album (a random W anchor, a picture uniform in [−1, 1]): one step is
 * G(w repeated over the L rows, constant noise), d(G, x).sum() + 1·MSE, the gradients of the synthesis
 * parameters, the Adam update and the two losses read back; so one timed step is one Adam update on one album
 * picture (an outer step over an album of N pictures is N of these). Libtorch's intra-op threads are set to the
 * trainer's {@code intraThreads()} as TrainLoop does.
 *
 * <p>project: {@link AlphaProjector#project} with {@code Options.defaults()} (W+ offsets, β 0.03, Adam 5e-3,
 * λ_L2 = 1, λ_δ = λ_Σ = 10) and {@link Degradation#none()}, ANCHORS (8) random W anchors, a random target; the
 * steps are timed from the projector's own progress reports (a plain-mode {@link Progress} writing every step to
 * a stream that only records the time), so a step is the projector's loop body: α⁺, the clamp, G(w⁺), loss,
 * regularisation, gradients of α and δ only, Adam and the two losses read back (plus the formatting of one
 * progress line, a few µs). The start loss before the loop and the final render after it are not timed.
 *
 * <p>Distance: {@code pyramid} ({@link PyramidLoss}, gan4j's default for a generator without a discriminator),
 * {@code vgg} ({@link PerceptualDistance}, gan4j's distance with {@code --vgg16}: LPIPS's unweighted baseline on
 * VGG16 relu1_2..relu5_3, averaged) on a VGG16 with random weights (torchvision's init: He fan-out, zero bias), or
 * {@code alex} ({@link Lpips} on AlexNet with linear layers, gan4j's distance with {@code --alexnet} and
 * {@code --lpips-weights}: the official code's loss), random weights; see the official script's docstring for what
 * its side computes.
 *
 * <p>Prints the mean, median, min and max per step over ITERS (20) steps after WARMUP (3, at least 1) and the
 * process's peak RSS (VmHWM of /proc/self/status); {@code describe} also prints the synthesis parameter count and
 * the losses.
 */
public class MystyleBench {

    public static void main(String[] args) throws Exception {
        List<String> a = new ArrayList<>(Arrays.asList(args));
        boolean describe = a.remove("describe");
        String task = a.get(0);
        int size = Integer.parseInt(a.get(1));
        String preset = a.size() > 2 ? a.get(2) : "fast";
        String dist = a.size() > 3 ? a.get(3) : "vgg";
        int iters = a.size() > 4 ? Integer.parseInt(a.get(4)) : 20;
        int warmup = a.size() > 5 ? Integer.parseInt(a.get(5)) : 3;
        int nAnchors = a.size() > 6 ? Integer.parseInt(a.get(6)) : 8;
        if (warmup < 1 || iters < 1) {
            throw new IllegalArgumentException("ITERS and WARMUP must be at least 1");
        }
        Engine.init();
        int threads = Engine.threads();
        double[] ms;
        String what;
        try (Scope outer = new Scope()) {
            Stylegan2Config gc = Stylegan2Config.preset(preset, size).withSeed(1);
            Seeds.seed(gc.seed());
            Generator g = new Generator(gc);
            ImageDistance distance = switch (dist) {
                case "pyramid" -> new PyramidLoss();
                case "vgg" -> new PerceptualDistance(randomVgg16(3));
                case "alex" -> randomAlexLpips(3);
                default -> throw new IllegalArgumentException("distance pyramid, vgg or alex, got " + dist);
            };
            Seeds.seed(2);
            switch (task) {
                case "tune" -> {
                    ms = tune(g, distance, threads, iters, warmup, describe);
                    what = "tune step (1 album picture)";
                }
                case "project" -> {
                    ms = project(g, distance, threads, nAnchors, iters, warmup, describe);
                    what = "projection step (" + nAnchors + " anchors)";
                }
                default -> throw new IllegalArgumentException("task tune or project, got " + task);
            }
        }
        double[] s = ms.clone();
        Arrays.sort(s);
        System.out.printf("gan4j mystyle %s %dpx %s distance %s threads %d: mean %.1f ms (median %.1f, min %.1f,"
                + " max %.1f; %d after %d); peak RSS %d MB%n", what, size, preset, dist, threads,
                Arrays.stream(ms).average().orElse(0), median(s), s[0], s[s.length - 1], iters, warmup,
                rssMb("VmHWM:"));
    }

    static double[] tune(Generator g, ImageDistance distance, int threads, int iters, int warmup, boolean describe) {
        int size = g.config().size();
        Tensor anchors = torch.randn(1, g.styleDim()); // [N,S], N = 1
        Tensor album = torch.rand(1, 3, size, size).mul(Tensors.s(2)).sub(Tensors.s(1));
        double[] ms = new double[iters];
        try (MystyleTrainer t = new MystyleTrainer(MystyleConfig.fast(), g, null, anchors, album, distance, null,
                threads)) {
            Engine.intraOpThreads(t.intraThreads()); // as TrainLoop does around a stage
            Map<String, Double> last = null;
            for (int i = 0; i < warmup + iters; i++) {
                long t0 = System.nanoTime();
                try (Scope s = new Scope()) {
                    last = t.step(0, i);
                }
                if (i >= warmup) {
                    ms[i - warmup] = (System.nanoTime() - t0) / 1e6;
                }
            }
            if (describe) {
                describeGenerator(g, distance);
                System.out.println("gan4j last step: " + last);
            }
        }
        return ms;
    }

    static double[] project(Generator g, ImageDistance distance, int threads, int nAnchors, int iters, int warmup,
            boolean describe) {
        int size = g.config().size();
        Tensor anchors = torch.randn(nAnchors, g.styleDim());
        Tensor target = torch.rand(1, 3, size, size).mul(Tensors.s(2)).sub(Tensors.s(1));
        Engine.intraOpThreads(threads); // as the CLI's budget for one op stream
        Stamps stamps = new Stamps();
        AlphaProjector.Result r;
        try (Progress progress = new Progress(Progress.Mode.PLAIN, stamps, Duration.ZERO)) {
            r = AlphaProjector.project(g, anchors, target, Degradation.none(), distance,
                    AlphaProjector.Options.defaults().withSteps(warmup + iters), progress);
        }
        if (stamps.times.size() != warmup + iters) {
            throw new IllegalStateException("expected " + (warmup + iters) + " progress reports, got " + stamps.times.size());
        }
        double[] ms = new double[iters];
        for (int k = warmup; k < warmup + iters; k++) {
            ms[k - warmup] = (stamps.times.get(k) - stamps.times.get(k - 1)) / 1e6;
        }
        if (describe) {
            describeGenerator(g, distance);
            System.out.printf("gan4j projection loss: start %.4f, after %d steps %.4f%n", r.startLoss(), warmup + iters,
                    r.loss());
        }
        return ms;
    }

    static void describeGenerator(Generator g, ImageDistance distance) {
        long n = 0;
        int tensors = 0;
        for (Map.Entry<String, Tensor> e : g.namedParameters().entrySet()) {
            if (!e.getKey().startsWith("style.")) {
                n += e.getValue().numel();
                tensors++;
            }
        }
        System.out.printf("gan4j synthesis: %d parameters in %d tensors, L %d; distance %s%n", n, tensors, g.nLatent(),
                distance.describe());
    }

    /** A stream that keeps only the time of each line the progress reporter writes. */
    static final class Stamps extends PrintStream {
        final List<Long> times = new ArrayList<>();

        Stamps() {
            super(OutputStream.nullOutputStream());
        }

        @Override
        public void println(String line) {
            times.add(System.nanoTime());
        }

        @Override
        public void flush() {}
    }

    /** torchvision's vgg16 layout with random weights drawn as torchvision initialises them (He, fan-out; zero bias). */
    static Vgg16Features randomVgg16(long seed) {
        Seeds.seed(seed);
        Map<String, Tensor> vgg = new LinkedHashMap<>();
        int[] idx = {0, 2, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28};
        int[] ch = {64, 64, 128, 128, 256, 256, 256, 512, 512, 512, 512, 512, 512};
        int in = 3;
        for (int i = 0; i < idx.length; i++) {
            vgg.put("features." + idx[i] + ".weight",
                    torch.randn(ch[i], in, 3, 3).mul(new Scalar(Math.sqrt(2.0 / (9 * ch[i])))));
            vgg.put("features." + idx[i] + ".bias", torch.zeros(ch[i]));
            in = ch[i];
        }
        return Vgg16Features.of(vgg, "random VGG16");
    }

    /**
     * LPIPS on AlexNet as the official code runs it (the lpips package's net='alex' with its linear layers), here
     * with random weights: torchvision's alexnet layout (He, fan-out; zero bias) and uniform linear layers.
     */
    static Lpips randomAlexLpips(long seed) {
        Seeds.seed(seed);
        Map<String, Tensor> alex = new LinkedHashMap<>();
        int[] idx = {0, 3, 6, 8, 10};
        int[] ch = {64, 192, 384, 256, 256};
        int[] k = {11, 5, 3, 3, 3};
        int in = 3;
        for (int i = 0; i < idx.length; i++) {
            alex.put("features." + idx[i] + ".weight",
                    torch.randn(ch[i], in, k[i], k[i]).mul(new Scalar(Math.sqrt(2.0 / (k[i] * k[i] * ch[i])))));
            alex.put("features." + idx[i] + ".bias", torch.zeros(ch[i]));
            in = ch[i];
        }
        AlexNetFeatures trunk = AlexNetFeatures.of(alex, "random AlexNet");
        List<Tensor> lin = new ArrayList<>();
        for (int c : trunk.channels()) {
            lin.add(torch.rand(1, c, 1, 1));
        }
        return new Lpips(trunk, lin, "LPIPS (random AlexNet)");
    }

    static double median(double[] sorted) {
        int k = sorted.length;
        return k % 2 == 1 ? sorted[k / 2] : (sorted[k / 2 - 1] + sorted[k / 2]) / 2;
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
