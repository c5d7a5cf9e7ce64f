import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.gangealing.Annealing;
import org.gan4j.gangealing.ComposedStn;
import org.gan4j.gangealing.CongealingLosses;
import org.gan4j.gangealing.GangealingConfig;
import org.gan4j.gangealing.GangealingTrainer;
import org.gan4j.gangealing.StnShape;
import org.gan4j.gangealing.TargetLatent;
import org.gan4j.gangealing.Warped;
import org.gan4j.gangealing.Warping;
import org.gan4j.loss.PerceptualDistance;
import org.gan4j.nn.Adam;
import org.gan4j.nn.GridSampling;
import org.gan4j.nn.MipmapWarp;
import org.gan4j.nn.Padding2d;
import org.gan4j.nn.Vgg16Features;
import org.gan4j.stylegan2.Generator;
import org.gan4j.stylegan2.NoiseMode;
import org.gan4j.stylegan2.Stylegan2Config;
import org.gan4j.torch.Autograd;
import org.gan4j.torch.Engine;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.Tensors;
import org.gan4j.train.Ema;

/**
 * Times gan4j's GANgealing: congealing (T_ema's forward, {@link ComposedStn#forward} without gradient) and one
 * training step ({@link GangealingTrainer#step} then the EMA update, as TrainLoop runs them), the figures compared
 * with bench/gangealing_official_bench.py on the same machine, shapes, batch and threads
 * (bench/gangealing_compare.sh).
 *
 * <pre>
 * mvn -q -o -DskipTests package
 * mkdir -p target/bench && javac -cp target/gan4j.jar -d target/bench bench/GangealingBench.java
 * MALLOC_ARENA_MAX=2 java -XX:+UseSerialGC -Xmn32m -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -Djava.awt.headless=true \
 *     -cp target/gan4j.jar:target/bench -Dgan4j.threads=T GangealingBench congeal released|official64|fast BATCH [ITERS [WARMUP]]
 * ... GangealingBench train BATCH [ITERS [WARMUP]]
 * ... GangealingBench profile BATCH [ITERS [WARMUP]]
 * </pre>
 * (a trailing {@code describe} also prints parameter counts and the warps' size, to set beside the official script's
 * {@code --describe}.)
 *
 * <p>congeal: {@code ComposedStn} (similarity then flow) in eval mode, no gradient, on BATCH (4) random images,
 * sampled at the input's size with border padding. {@code released}: the released shape (flow 128, input 256,
 * channel multiplier 0.5, 1 head: {@link StnShape#official}); the STN brings the 256-px images to 128 itself and
 * samples the 256-px image at output 256. {@code official64}: flow 64, input 64, the official table (128 channels
 * at 64 px, 512 at ≤ 32 px). {@code fast}: {@code StnShape.fast(64, 1)} (64 channels at ≤ 32 px, flow downsample
 * 4), which the official code cannot build (its channel table is hard-coded), so gan4j only. Weights: gan4j's
 * random init, except the two zero-initialised warp heads ({@code warp_head.linear.weight} and
 * {@code warp_head.flow_out.2.weight}), which get N(0, 0.01) weights so that the warps zoom and the mipmap warp
 * builds more than one level, as the official script does with its own draw.
 *
 * <p>train: {@link GangealingTrainer} on {@code Stylegan2Config.paper(64).withChannels(1, 512, 16384)} (rosinality's
 * table at channel multiplier 1: 512 channels up to 32 px, 256 at 64 px; style dim 512, 8 mapping layers; random
 * weights), the STN {@code new StnShape(64, 64, 512, 0.5, 8, 1)} (the official table), batch BATCH (5), the official
 * weights (TV 1000, identity 1), rates and border padding, ψ linear over 2,000,000 iterations and the steps timed at
 * iterations 999,999 on (ψ = 0.5, learning rates at their base: the schedulers only start once ψ is 0); the
 * target's PCA from 1,000 samples (not timed). Perceptual distance: {@link PerceptualDistance} (LPIPS's baseline:
 * unit-normalised relu1_2..relu5_3 differences, channels weighted 1) on a VGG16 with random He weights (fan-out, as
 * torchvision initialises it), as the official side's {@code LPIPS(net='vgg', lpips=False, pnet_rand=True)}.
 *
 * <p>profile: the same step written out by hand with a timer between its stages (pairs x, target y, STN forward,
 * losses, backward, Adam + EMA), then components alone: the mipmap warp forward (no gradient) and forward +
 * backward (to the grid) on {@code [B,3,64,64]} with a zoom-out similarity grid (×1.6, 20°: 2 levels), the STN
 * forward without gradient, forward + backward to its parameters, the perceptual distance forward + backward (to
 * both images), the VGG16 trunk alone (forward of both images without gradient; forward + backward of one), the
 * target generator forward + backward (to the coefficients) and the unaligned generator alone —
 * the same list as the official script's {@code --task profile}.
 *
 * <p>T threads: libtorch's intra-op threads ({@link Engine#intraOpThreads}, as TrainLoop sets them around a stage).
 * Prints the median, min and max over ITERS (5) timed iterations after WARMUP (2), and the process's peak RSS (VmHWM).
 */
public class GangealingBench {
    static int iters;
    static int warmup;

    public static void main(String[] a) throws Exception {
        String mode = a[0];
        boolean describe = a[a.length - 1].equals("describe");
        int n = describe ? a.length - 1 : a.length;
        int at = mode.equals("congeal") ? 2 : 1;
        String shapeName = mode.equals("congeal") ? a[1] : null;
        int batch = Integer.parseInt(a[at]);
        iters = n > at + 1 ? Integer.parseInt(a[at + 1]) : 5;
        warmup = n > at + 2 ? Integer.parseInt(a[at + 2]) : 2;
        Engine.init();
        int threads = Engine.threads();
        Engine.intraOpThreads(threads);
        switch (mode) {
            case "congeal" -> congeal(shapeName, batch, threads, describe);
            case "train" -> train(batch, threads, describe);
            case "profile" -> profile(batch, threads);
            default -> throw new IllegalArgumentException("mode congeal, train or profile, got " + mode);
        }
    }

    static void congeal(String name, int batch, int threads, boolean describe) throws Exception {
        StnShape shape = switch (name) {
            case "released" -> StnShape.official(1);
            case "official64" -> new StnShape(64, 64, 512, 0.5, 8, 1);
            case "fast" -> StnShape.fast(64, 1);
            default -> throw new IllegalArgumentException("shape released, official64 or fast, got " + name);
        };
        int size = shape.supersize();
        double[] ms = new double[iters];
        long before;
        try (Scope outer = new Scope()) {
            Seeds.seed(0);
            ComposedStn t = new ComposedStn(shape);
            perturbHeads(t);
            t.eval();
            t.requiresGrad(false);
            Seeds.seed(1);
            Tensor[] xs = {torch.rand(batch, 3, size, size).mul(Tensors.s(2)).sub(Tensors.s(1)),
                    torch.rand(batch, 3, size, size).mul(Tensors.s(2)).sub(Tensors.s(1))};
            Warping w = Warping.defaults().at(size);
            before = rssMb("VmRSS:");
            for (int i = 0; i < warmup + iters; i++) {
                long t0 = System.nanoTime();
                try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
                    t.forward(xs[i % 2], xs[i % 2], w, null);
                }
                if (i >= warmup) {
                    ms[i - warmup] = (System.nanoTime() - t0) / 1e6;
                }
            }
            if (describe) {
                try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
                    Warped r = t.forward(xs[0], xs[0], w, null);
                    MipmapWarp mip = new MipmapWarp(3.5);
                    System.out.printf("T_ema %d parameters; max |residual flow| %.3f; grid range [%.2f, %.2f]; mipmap"
                            + " levels up to %.2f%n", t.parameterCount(), r.warp().abs().max().item_double(),
                            r.grid().min().item_double(), r.grid().max().item_double(),
                            mip.levels(r.grid(), size, size).max().item_double());
                }
            }
        }
        report("congeal " + name + " (flow " + shape.flowSize() + ", input " + size + ", output " + size + ") batch "
                + batch, threads, ms, before);
    }

    static GangealingTrainer trainer(int batch, int threads) {
        Stylegan2Config gc = Stylegan2Config.paper(64).withChannels(1, 512, 16384).withSeed(1);
        Seeds.seed(gc.seed());
        Generator g = new Generator(gc);
        GangealingConfig c = GangealingConfig.paper(64, 1).withStn(new StnShape(64, 64, 512, 0.5, 8, 1))
                .withBatch(batch).withAnnealFn(Annealing.Psi.LINEAR).withSchedule(10_000_000, 2_000_000, 37_500)
                .withSampling(1_000, 10).withSeed(1);
        return new GangealingTrainer(c, g, new PerceptualDistance(randomVgg16(3)), null, 1, threads);
    }

    /** Iteration 999,999 (0-based) is train.py's 1,000,000: ψ = 1 − 10⁶ / (2·10⁶) = 0.5. */
    static final long FIRST = 999_999;

    static void train(int batch, int threads, boolean describe) throws Exception {
        double[] ms = new double[iters];
        long before;
        try (Scope outer = new Scope(); GangealingTrainer t = trainer(batch, threads)) {
            before = rssMb("VmRSS:");
            Map<String, Double> last = null;
            for (int i = 0; i < warmup + iters; i++) {
                long t0 = System.nanoTime();
                try (Scope s = new Scope()) {
                    last = t.step(0, FIRST + i);
                    t.emas().forEach(Ema::update); // as TrainLoop does after a step
                }
                if (i >= warmup) {
                    ms[i - warmup] = (System.nanoTime() - t0) / 1e6;
                }
            }
            if (describe) {
                System.out.printf("STN %d parameters; last step %s%n", t.t().parameterCount(), last);
            }
        }
        report("train step G 64px (512, 8, cm 1) STN flow 64 batch " + batch + " psi 0.5", threads, ms, before);
    }

    static final String[] STAGES = {"pairs x (G, no graph)", "target y (ll + G, graph)", "STN forward",
            "losses forward", "backward", "Adam x2 + EMA"};

    static void profile(int batch, int threads) throws Exception {
        double psi = 0.5;
        double[] whole = new double[iters];
        try (Scope outer = new Scope(); GangealingTrainer tr = trainer(batch, threads)) {
            for (int i = 0; i < warmup + iters; i++) {
                long t0 = System.nanoTime();
                try (Scope s = new Scope()) {
                    tr.step(0, FIRST + i);
                    tr.emas().forEach(Ema::update);
                }
                if (i >= warmup) {
                    whole[i - warmup] = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        Stylegan2Config gc = Stylegan2Config.paper(64).withChannels(1, 512, 16384).withSeed(1);
        Seeds.seed(gc.seed());
        Generator g = new Generator(gc);
        g.eval();
        g.requiresGrad(false);
        StnShape shape = new StnShape(64, 64, 512, 0.5, 8, 1);
        ComposedStn t = new ComposedStn(shape);
        ComposedStn tEma = new ComposedStn(shape);
        Ema ema = new Ema(t, tEma, GangealingTrainer.EMA_DECAY);
        TargetLatent ll = new TargetLatent(g.styleDim(), 1, 5, g.nLatent(), 1);
        Adam tOpt = new Adam(t.parameters(), 0.001, 0.9, 0.999, 1e-8);
        Adam llOpt = new Adam(ll.parameters(), 0.01, 0.9, 0.999, 1e-8);
        Vgg16Features vgg = randomVgg16(3);
        PerceptualDistance d = new PerceptualDistance(vgg);
        List<Tensor> params = new ArrayList<>(t.parameters());
        params.addAll(ll.parameters());
        int nt = t.parameters().size();
        Map<String, double[]> stages = new LinkedHashMap<>();
        for (String s : STAGES) {
            stages.put(s, new double[iters]);
        }
        for (int i = 0; i < warmup + iters; i++) {
            long[] m = new long[STAGES.length + 1];
            try (Scope s = new Scope()) {
                m[0] = System.nanoTime();
                Tensor w;
                Tensor x;
                try (NoGrad ng = new NoGrad()) {
                    w = g.getLatent(torch.randn(batch, g.styleDim()));
                    x = g.synthesize(w.unsqueeze(1).repeat(1, g.nLatent(), 1), NoiseMode.RANDOM);
                }
                m[1] = System.nanoTime();
                Tensor y = g.synthesize(ll.interpolate(w, psi), NoiseMode.RANDOM);
                m[2] = System.nanoTime();
                Warped wp = t.forward(x, x, Warping.defaults(), null);
                m[3] = System.nanoTime();
                Tensor p = d.distance(wp.out(), y).mean();
                Tensor tv = CongealingLosses.totalVariation(wp.warp());
                Tensor id = CongealingLosses.flowIdentity(wp.warp());
                Tensor total = p.add(tv.mul(Tensors.s(1000.0))).add(id.mul(Tensors.s(1.0)));
                m[4] = System.nanoTime();
                List<Tensor> grads = Autograd.zerosForUndefined(Autograd.grad(total, params, null, false), params);
                m[5] = System.nanoTime();
                tOpt.step(grads.subList(0, nt));
                llOpt.step(grads.subList(nt, grads.size()));
                ema.update();
                p.item_double();
                m[6] = System.nanoTime();
            }
            if (i >= warmup) {
                for (int k = 0; k < STAGES.length; k++) {
                    stages.get(STAGES[k])[i - warmup] = (m[k + 1] - m[k]) / 1e6;
                }
            }
        }
        Seeds.seed(2);
        Tensor x5 = Scope.keepAlive(torch.rand(batch, 3, 64, 64).mul(Tensors.s(2)).sub(Tensors.s(1)));
        Tensor y5 = Scope.keepAlive(torch.rand(batch, 3, 64, 64).mul(Tensors.s(2)).sub(Tensors.s(1)));
        double ang = Math.toRadians(20);
        float c = (float) (1.6 * Math.cos(ang));
        float sn = (float) (1.6 * Math.sin(ang));
        Tensor theta = Tensors.of(new float[] {c, -sn, 0.05f, sn, c, -0.05f}, 1, 2, 3).repeat(batch, 1, 1);
        Tensor zoom = Scope.keepAlive(GridSampling.affineGrid(theta, batch, 3, 64, 64));
        MipmapWarp mip = new MipmapWarp(3.5);
        Tensor w5;
        try (NoGrad ng = new NoGrad()) {
            w5 = Scope.keepAlive(g.getLatent(torch.randn(batch, g.styleDim())));
        }
        Map<String, Runnable> parts = new LinkedHashMap<>();
        parts.put("MipmapWarp forward, zoom x1.6 (2 levels), no grad", () -> {
            try (NoGrad ng = new NoGrad()) {
                mip.forward(x5, zoom, Padding2d.BORDER);
            }
        });
        parts.put("MipmapWarp forward + backward to the grid", () -> {
            Tensor gr = zoom.detach().clone().requires_grad_(true);
            Autograd.grad(mip.forward(x5, gr, Padding2d.BORDER).mean(), List.of(gr), null, false);
        });
        parts.put("STN forward, no grad", () -> {
            try (NoGrad ng = new NoGrad()) {
                t.forward(x5, x5, Warping.defaults(), null);
            }
        });
        parts.put("STN forward + backward (parameters)", () -> {
            Warped r = t.forward(x5, x5, Warping.defaults(), null);
            Autograd.grad(r.out().square().mean().add(r.warp().square().mean()), t.parameters(), null, false);
        });
        parts.put("perceptual forward + backward (both images)", () -> {
            Tensor p = x5.detach().clone().requires_grad_(true);
            Tensor q = y5.detach().clone().requires_grad_(true);
            Autograd.grad(d.distance(p, q).mean(), List.of(p, q), null, false);
        });
        parts.put("VGG16 features forward x2, no grad", () -> {
            try (NoGrad ng = new NoGrad()) {
                vgg.forward(x5);
                vgg.forward(y5);
            }
        });
        parts.put("VGG16 features forward + backward (one image)", () -> {
            Tensor p = x5.detach().clone().requires_grad_(true);
            Tensor sum = null;
            for (Tensor f : vgg.forward(p)) {
                sum = sum == null ? f.square().mean() : sum.add(f.square().mean());
            }
            Autograd.grad(sum, List.of(p), null, false);
        });
        parts.put("target G forward + backward (coefficients)", () -> {
            Tensor y = g.synthesize(ll.interpolate(w5, psi), NoiseMode.RANDOM);
            Autograd.grad(y.square().mean(), ll.parameters(), null, false);
        });
        parts.put("unaligned G forward alone", () -> {
            try (NoGrad ng = new NoGrad()) {
                Tensor w = g.getLatent(torch.randn(batch, g.styleDim()));
                g.synthesize(w.unsqueeze(1).repeat(1, g.nLatent(), 1), NoiseMode.RANDOM);
            }
        });
        System.out.printf("gan4j profile, batch %d, threads %d, medians over %d%n", batch, threads, iters);
        System.out.printf("  whole train step: %.1f ms%n", median(whole));
        double sum = 0;
        for (double[] v : stages.values()) {
            sum += median(v);
        }
        System.out.printf("  staged step: %.1f ms%n", sum);
        stages.forEach((k, v) -> System.out.printf("    %s: %.1f ms%n", k, median(v)));
        for (Map.Entry<String, Runnable> e : parts.entrySet()) {
            double[] ms = new double[iters];
            for (int i = 0; i < warmup + iters; i++) {
                long t0 = System.nanoTime();
                try (Scope s = new Scope()) {
                    e.getValue().run();
                }
                if (i >= warmup) {
                    ms[i - warmup] = (System.nanoTime() - t0) / 1e6;
                }
            }
            System.out.printf("  %s: %.1f ms%n", e.getKey(), median(ms));
        }
        System.out.printf("gan4j profile peak RSS %d MB%n", rssMb("VmHWM:"));
    }

    /** The zero-initialised warp heads get N(0, 0.01) weights: warps that zoom, as a trained T_ema's. */
    static void perturbHeads(ComposedStn t) {
        try (NoGrad ng = new NoGrad()) {
            t.namedParameters().forEach((k, p) -> {
                if (k.endsWith("warp_head.linear.weight") || k.endsWith("warp_head.flow_out.2.weight")) {
                    p.copy_(torch.randn_like(p).mul(Tensors.s(0.01)));
                }
            });
        }
    }

    /** torchvision's vgg16 layout with random weights drawn as torchvision initialises them (He, fan-out; zero bias). */
    static Vgg16Features randomVgg16(long seed) {
        Seeds.seed(seed);
        Map<String, Tensor> vgg = new LinkedHashMap<>();
        int[] idx = {0, 2, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28};
        int[] ch = {64, 64, 128, 128, 256, 256, 256, 512, 512, 512, 512, 512, 512};
        int in = 3;
        for (int i = 0; i < idx.length; i++) {
            vgg.put("features." + idx[i] + ".weight", torch.randn(ch[i], in, 3, 3).mul(new Scalar(Math.sqrt(2.0 / (9 * ch[i])))));
            vgg.put("features." + idx[i] + ".bias", torch.zeros(ch[i]));
            in = ch[i];
        }
        return Vgg16Features.of(vgg, "random VGG16");
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int k = s.length;
        return k % 2 == 1 ? s[k / 2] : (s[k / 2 - 1] + s[k / 2]) / 2;
    }

    static void report(String what, int threads, double[] ms, long before) throws Exception {
        double[] s = ms.clone();
        Arrays.sort(s);
        System.out.printf("gan4j %s threads %d: median %.1f ms (min %.1f, max %.1f, %d after %d); RSS before the first"
                + " %d MB; peak RSS %d MB%n", what, threads, median(ms), s[0], s[s.length - 1], iters, warmup, before,
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
