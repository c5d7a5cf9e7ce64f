import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.cocosnet.CocosConfig;
import org.gan4j.cocosnet.CocosGenerator;
import org.gan4j.cocosnet.CocosModel;
import org.gan4j.cocosnet.CocosNets;
import org.gan4j.cocosnet.CocosTrainer;
import org.gan4j.cocosnet.Correspondence;
import org.gan4j.cocosnet.Exemplars;
import org.gan4j.data.LabelMap;
import org.gan4j.data.Palette;
import org.gan4j.data.SceneDataset;
import org.gan4j.data.ScenePair;
import org.gan4j.data.Scenes;
import org.gan4j.data.SemanticInputs;
import org.gan4j.torch.Engine;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;

/**
 * Times gan4j's CoCosNet training step ({@link CocosTrainer#step}: the generator and correspondence step, then the
 * discriminator step on the same fake, as the official {@code Pix2PixTrainer.run_generator_one_step} /
 * {@code run_discriminator_one_step}) and translation ({@link CocosModel#translate}: correspondence and generator in
 * eval mode, without gradient, as the official {@code mode='inference'}), the figures compared with
 * bench/cocosnet_official_bench.py on the same machine, sizes, widths and threads (bench/cocosnet_compare.sh).
 *
 * <pre>
 * mvn -q -DskipTests package
 * mkdir -p target/bench && javac -cp target/gan4j.jar -d target/bench bench/CocosBench.java
 * MALLOC_ARENA_MAX=2 java -XX:+UseSerialGC -Xmn32m -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -Djava.awt.headless=true \
 *     -cp target/gan4j.jar:target/bench -Dgan4j.threads=T CocosBench train|translate SIZE BATCH [NGF NDF [ITERS [WARMUP]]]
 * </pre>
 * ({@code describe} instead of train or translate prints the three networks' parameter counts, to set beside
 * {@code cocosnet_official_bench.py --describe}.)
 * The networks of the official ade20k recipe ({@link CocosConfig#paper}: {@code --use_attention --maskmix
 * --warp_mask_losstype direct --weight_mask 100 --PONO --PONO_C}, VGG terms on the fixed-seed random VGG19, TTUR
 * Adam) on the 10 classes of builtin:scenes (no don't-care channel) at SIZE (64 or 128; the generator's start grid
 * is SIZE/32), with the correspondence at ngf 64 (the only width the official code runs: its trunk is 256 wide
 * whatever --ngf is), the translation network at NGF (default 64; the fast preset uses 16) and the discriminator at
 * NDF (default 64). Training: batches of BATCH (4) made by the trainer each step from the first 16 pairs of
 * builtin:scenes, rendered before timing at SIZE and at the pseudo pairs' 286/256 load size (the step still crops,
 * mirrors and one-hot encodes them and picks exemplars), exemplars retrieved before timing. Translation: BATCH (1)
 * input maps with their nearest exemplars; the one-hot encoding of both label maps is timed with the networks, as
 * the official {@code preprocess_input} is. T threads: libtorch's intra-op threads. Prints the median, min and max
 * over ITERS (20) timed iterations after WARMUP (3), and the process's peak RSS (VmHWM; run the compiled class, not
 * the source-file launcher, which compiles inside the measured JVM). The JVM flags and MALLOC_ARENA_MAX are the
 * launcher's ({@code ./gan4j}).
 */
public class CocosBench {
    public static void main(String[] a) throws Exception {
        String mode = a[0];
        if (!List.of("train", "translate", "describe").contains(mode)) {
            throw new IllegalArgumentException("mode train, translate or describe, got " + mode);
        }
        int size = Integer.parseInt(a[1]);
        int batch = Integer.parseInt(a[2]);
        int ngf = a.length > 3 ? Integer.parseInt(a[3]) : 64;
        int ndf = a.length > 4 ? Integer.parseInt(a[4]) : 64;
        int iters = a.length > 5 ? Integer.parseInt(a[5]) : 20;
        int warmup = a.length > 6 ? Integer.parseInt(a[6]) : 3;
        Engine.init();
        int threads = Engine.threads();
        CocosConfig c = CocosConfig.paper(Scenes.LABEL_NC, size).withTraining(batch, warmup + iters + 1, 0);
        CocosNets nets = c.nets().withCorrespondenceWidth(Correspondence.OFFICIAL_NGF).withGeneratorWidth(ngf);
        c = c.withNets(nets, ndf).withSeed(1);
        int load = (int) Math.round(size * 286.0 / 256.0); // the pseudo pairs' load size (CocosBatches)
        SceneDataset data = new Prerendered(Scenes.dataset(16), size, load);
        Exemplars ex = Exemplars.retrieve(data);
        double[] ms = new double[iters];
        long before;
        Engine.intraOpThreads(threads); // as TrainLoop does around a stage
        if (mode.equals("describe")) { // the networks' sizes, to check against cocosnet_official_bench.py --describe
            try (CocosTrainer t = new CocosTrainer(c, data, ex, null, 4, threads)) {
                System.out.printf("semantic_nc %d; netG %d parameters, netD %d parameters, netCorr %d parameters%n",
                        nets.semanticNc(), t.g().parameterCount(), t.d().parameterCount(), t.corr().parameterCount());
            }
            return;
        }
        if (mode.equals("train")) {
            try (CocosTrainer t = new CocosTrainer(c, data, ex, null, 4, threads)) {
                before = rssMb("VmRSS:");
                for (int i = 0; i < warmup + iters; i++) {
                    long t0 = System.nanoTime();
                    try (Scope s = new Scope()) {
                        t.step(0, i);
                    }
                    if (i >= warmup) {
                        ms[i - warmup] = (System.nanoTime() - t0) / 1e6;
                    }
                }
            }
        } else {
            Seeds.seed(c.seed());
            Correspondence corr = new Correspondence(nets);
            CocosGenerator g = new CocosGenerator(nets);
            try (CocosModel m = new CocosModel(c, Scenes.LABEL_NC, corr, g, data.palette()); Scope outer = new Scope()) {
                List<LabelMap> maps = new java.util.ArrayList<>();
                List<LabelMap> refMaps = new java.util.ArrayList<>();
                List<BufferedImage> refs = new java.util.ArrayList<>();
                for (int k = 0; k < batch; k++) {
                    maps.add(data.pair(k, size, size).labels());
                    ScenePair r = data.pair(ex.easy(k), size, size);
                    refMaps.add(r.labels());
                    refs.add(r.image());
                }
                Tensor ids = SemanticInputs.ids(maps, "labels");
                Tensor refIds = SemanticInputs.ids(refMaps, "exemplar labels");
                Tensor ref = ImageTensors.fromImages(refs);
                int nc = nets.semanticNc();
                before = rssMb("VmRSS:");
                for (int i = 0; i < warmup + iters; i++) {
                    long t0 = System.nanoTime();
                    try (Scope s = new Scope()) {
                        m.translate(SemanticInputs.oneHot(ids, nc), ref, SemanticInputs.oneHot(refIds, nc));
                    }
                    if (i >= warmup) {
                        ms[i - warmup] = (System.nanoTime() - t0) / 1e6;
                    }
                }
            }
        }
        Arrays.sort(ms);
        double median = iters % 2 == 1 ? ms[iters / 2] : (ms[iters / 2 - 1] + ms[iters / 2]) / 2;
        System.out.printf("gan4j %s %dpx batch %d ngf %d ndf %d threads %d: median %.1f ms (min %.1f, max %.1f, %d after"
                + " %d); RSS before the first %d MB; peak RSS %d MB%n", mode.equals("train") ? "train step" : "translation",
                size, batch, ngf, ndf, threads, median, ms[0], ms[iters - 1], iters, warmup, before, rssMb("VmHWM:"));
    }

    /** builtin:scenes with its pairs rendered once, before timing, at the crop and the load size. */
    static final class Prerendered implements SceneDataset {
        private final SceneDataset d;
        private final Map<Long, ScenePair> pairs = new HashMap<>();

        Prerendered(SceneDataset d, int size, int load) {
            this.d = d;
            for (int i = 0; i < d.size(); i++) {
                pair(i, size, size);
                pair(i, load, load);
                pair(i, Exemplars.SIZE, Exemplars.SIZE);
            }
        }

        @Override public int size() { return d.size(); }
        @Override public int labelNc() { return d.labelNc(); }
        @Override public boolean dontCare() { return d.dontCare(); }
        @Override public boolean hasInstances() { return d.hasInstances(); }
        @Override public Palette palette() { return d.palette(); }
        @Override public String describe() { return d.describe(); }

        @Override
        public ScenePair pair(int i, int width, int height) {
            return pairs.computeIfAbsent(((long) i << 40) | ((long) width << 20) | height, k -> d.pair(i, width, height));
        }
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
