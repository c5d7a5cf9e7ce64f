import org.gan4j.data.Batches;
import org.gan4j.data.ProceduralImages;
import org.gan4j.stylegan2.Stylegan2Config;
import org.gan4j.stylegan2.Stylegan2Trainer;
import org.gan4j.torch.Engine;
import org.gan4j.torch.Lanes;
import org.gan4j.torch.Scope;

/**
 * Times full StyleGAN2 training iterations (D step, G step, and the lazy R1 / path-length steps when due, then
 * the EMA update) of gan4j's trainer, as bench/stylegan2_official_train_bench.py does for rosinality's train.py
 * loop. After WARMUP iterations, times iterations WARMUP+1 .. WARMUP+16 — a whole 16-iteration cycle with one R1
 * step and four path-length steps — and prints their mean and the mean of the plain and regularized ones.
 *
 * <pre>
 * mvn -q -DskipTests package
 * java -XX:+UseSerialGC -cp target/gan4j.jar -Dgan4j.threads=T bench/Stylegan2TrainBench.java SIZE BATCH [WARMUP [paper|fast]]
 * </pre>
 * Data: builtin:landscapes (rendered before timing). Architecture: rosinality's default (paper) unless "fast".
 */
public class Stylegan2TrainBench {
    public static void main(String[] a) {
        int size = Integer.parseInt(a[0]);
        int batch = Integer.parseInt(a[1]);
        int warmup = a.length > 2 ? Integer.parseInt(a[2]) : 3;
        String preset = a.length > 3 ? a[3] : "paper";
        Engine.init();
        Stylegan2Config c = Stylegan2Config.preset(preset, size).withBatch(batch).withSeed(1).withIters(warmup + 17);
        ProceduralImages data = ProceduralImages.named("landscapes", size, 64);
        for (int i = 0; i < data.size(); i++) {
            data.image(i);
        }
        Batches batches = new Batches(data, batch, 1, true);
        double[] ms = new double[16];
        int n = 0;
        try (Stylegan2Trainer t = new Stylegan2Trainer(c, batches, null, Lanes.forThreads(Engine.threads()), 4)) {
            Engine.intraOpThreads(t.intraThreads()); // as TrainLoop does around a stage
            t.beginStage(0, 0);
            for (int i = 1; i <= warmup + 16; i++) { // starting at 1 as rosinality's resumed loop: i % 16 == 0 at the end
                long t0 = System.nanoTime();
                try (Scope s = new Scope()) {
                    t.step(0, i);
                    t.emas().forEach(org.gan4j.train.Ema::update); // as TrainLoop does after a step
                }
                if (i > warmup) {
                    ms[n++] = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        double all = 0, plain = 0, reg = 0;
        int np = 0, nr = 0;
        for (int k = 0; k < 16; k++) {
            int i = warmup + 1 + k;
            all += ms[k];
            if (i % c.dRegEvery() == 0 || i % c.gRegEvery() == 0) { reg += ms[k]; nr++; } else { plain += ms[k]; np++; }
        }
        System.out.printf("gan4j train step %dpx batch %d %s threads %d: mean %.0f ms over a 16-iteration cycle"
                + " (plain %.0f ms x%d, with a lazy regularizer %.0f ms x%d)%n", size, batch, preset, Engine.threads(),
                all / 16, plain / Math.max(1, np), np, reg / Math.max(1, nr), nr);
    }
}
