import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.gan4j.data.Images;
import org.gan4j.singan.SinGAN;
import org.gan4j.singan.SinGANModel;
import org.gan4j.torch.Engine;

/**
 * Times SinGAN random sampling as `gan4j singan sample` does it (batches of {@link SinGAN#SAMPLE_BATCH}, PNGs
 * written), the figure docs/benchmarks.md compares with bench/singan_official_sample_bench.py on the same model.
 *
 * <pre>
 * mvn -q -DskipTests package
 * MALLOC_ARENA_MAX=2 java -XX:+UseSerialGC -cp target/gan4j.jar -Dgan4j.threads=T bench/SinGANSampleBench.java MODEL_PT COUNT
 * </pre>
 */
public class SinGANSampleBench {
    public static void main(String[] a) throws Exception {
        Path model = Path.of(a[0]);
        int count = Integer.parseInt(a[1]);
        Engine.init();
        SinGANModel m = SinGAN.load(model);
        Path dir = Files.createTempDirectory("singan-sample-bench");
        AtomicInteger k = new AtomicInteger();
        SinGAN.forEachSample(m, SinGAN.SAMPLE_BATCH, 1, 1, 0, 1, img -> Images.writePng(dir.resolve("w.png"), img));
        long t0 = System.nanoTime();
        SinGAN.forEachSample(m, count, 1, 1, 0, 2,
                img -> Images.writePng(dir.resolve(k.getAndIncrement() + ".png"), img));
        double s = (System.nanoTime() - t0) / 1e9;
        var fin = m.scale(m.finest());
        System.out.printf("gan4j singan sample: %d samples %dx%d, %d scales, threads %d: %.2f s (%.0f ms per sample, "
                + "PNGs included); peak RSS %d MB%n", count, fin.width(), fin.height(), m.finest() + 1, Engine.threads(),
                s, s / count * 1000, peakRssMb());
    }

    static long peakRssMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }
}
