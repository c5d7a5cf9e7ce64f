package org.gan4j.torch.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;

/** The data-parallel equivalence tests' kit: a job of two local processes, and tensors compared by their worst entry. */
public final class TwoProcesses {

    private TwoProcesses() {}

    /**
     * Runs {@code main} as a job of two local processes (torchrun's variables set) with {@code args}; fails unless
     * both exit 0. Returns the job's standard output (rank 1's lines prefixed {@code [rank 1] }).
     */
    public static String run(Class<?> main, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LocalJob.run(LocalJob.javaCommand(main.getName(), List.of(args)), 2, new PrintWriter(out),
                new PrintWriter(err));
        assertThat(code).as(out + "\n" + err).isZero();
        return out.toString();
    }

    /**
     * Asserts that {@code a} and {@code b} hold the same keys and that no entry differs by {@code tol} or more;
     * prints and returns the largest difference.
     */
    public static double assertClose(String what, Map<String, Tensor> a, Map<String, Tensor> b, double tol) {
        assertThat(b.keySet()).as(what).isEqualTo(a.keySet());
        double worst = 0;
        String where = "";
        for (String k : a.keySet()) {
            double d = a.get(k).sub(b.get(k)).abs().max().item_double();
            if (d > worst) {
                worst = d;
                where = k;
            }
        }
        System.out.printf("%s: largest difference %.3g at %s%n", what, worst, where);
        assertThat(worst).as(what + " at " + where).isLessThan(tol);
        return worst;
    }
}
