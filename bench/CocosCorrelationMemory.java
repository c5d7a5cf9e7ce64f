import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.cocosnet.Correlation;
import org.gan4j.torch.Engine;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;

/**
 * Peak memory and time of CoCosNet's warp at a given correspondence size, the whole matrix at once (the official
 * way) against {@link Correlation} in row blocks: one process per way, so each peak RSS is that way's.
 *
 * <pre>
 * mvn -q -DskipTests package && mkdir -p target/bench && javac -cp target/gan4j.jar -d target/bench bench/CocosCorrelationMemory.java
 * MALLOC_ARENA_MAX=2 java -XX:+UseSerialGC -Xmn32m -cp target/gan4j.jar:target/bench CocosCorrelationMemory SIDE ROWS
 * </pre>
 * SIDE: the correspondence is SIDE×SIDE (64 for the official 256-px models, 128 for 512 px); ROWS: rows per block
 * (SIDE² or more: the whole matrix). Features as the official: 256 channels in 3×3 patches (D = 2304), batch 1,
 * no gradient (translation). Prints the median time of 3 warps and the process's peak RSS (VmHWM).
 */
public class CocosCorrelationMemory {
    public static void main(String[] a) throws Exception {
        int side = Integer.parseInt(a[0]);
        int rows = Integer.parseInt(a[1]);
        Engine.init();
        long hw = (long) side * side;
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            torch.manual_seed(1);
            Tensor theta = unit(torch.randn(1, 2304, hw)).transpose(1, 2).contiguous(); // [1,HW,D]
            Tensor phi = unit(torch.randn(1, 2304, hw)); // [1,D,HW]
            Tensor ref = torch.randn(1, hw, 3 + 151); // colours and an ade20k label map
            long before = rss("VmRSS:");
            double[] ms = new double[3];
            for (int i = 0; i < 3; i++) {
                try (Scope step = new Scope()) {
                    long t0 = System.nanoTime();
                    new Correlation(theta, phi, Correlation.TAU, rows).warp(ref).sum().item_double();
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
            }
            java.util.Arrays.sort(ms);
            System.out.printf("correlation %dx%d (%d positions), %s: median %.0f ms; RSS before %d MB, peak %d MB%n", side, side,
                    hw, rows >= hw ? "whole matrix" : rows + " rows per block", ms[1], before, rss("VmHWM:"));
        }
    }

    private static Tensor unit(Tensor t) {
        return t.div(torch.norm(t, new org.bytedeco.pytorch.ScalarOptional(new org.bytedeco.pytorch.Scalar(2.0)),
                new long[] {1}, true));
    }

    private static long rss(String field) throws Exception {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }
}
