package org.gan4j.torch.dist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;

/**
 * One process of {@link WorldTest}'s two-process job (started by {@link LocalJob}): every collective of {@link
 * World} on values that depend on the rank, checked against what they must give; prints OK. With {@code die},
 * rank 1 halts after the first collective and rank 0 must stop at its next one with one line.
 */
public final class WorldChild {

    public static void main(String[] args) {
        boolean die = args.length > 0 && args[0].equals("die");
        try (World w = World.join(Launch.fromEnvironment()); Scope scope = new Scope()) {
            int r = w.rank();
            int n = w.size();
            check(w.agree("dir", r == 0 ? "runs/x" : "ignored").equals("runs/x"), "agree");
            // Gradients: rank r holds (r + 1)·(1, 2, ...), shapes [2,3] and [4]; the average is (n + 1)/2 of that.
            List<Tensor> grads = List.of(torch.arange(new org.bytedeco.pytorch.Scalar(1), new org.bytedeco.pytorch.Scalar(7))
                    .to(torch.ScalarType.Float).view(2, 3).mul(Tensors.s((double) r + 1)), torch.ones(4).mul(Tensors.s((double) r + 1)));
            List<Tensor> avg = w.average(grads);
            double f = (n + 1) / 2.0;
            check(avg.get(0).size(0) == 2 && avg.get(0).size(1) == 3, "shape");
            check(Math.abs(avg.get(0).sum().item_double() - 21 * f) < 1e-5 && Math.abs(avg.get(1).sum().item_double() - 4 * f) < 1e-5, "average");
            List<Tensor> sum = w.sum(List.of(torch.ones(3)));
            check(sum.get(0).sum().item_double() == 3 * n, "sum");
            if (die && r == 1) {
                Runtime.getRuntime().halt(3);
            }
            // Broadcast: every rank ends with rank 0's values, parameters included.
            Tensor p = torch.full(new long[] {5}, new org.bytedeco.pytorch.Scalar((double) r + 7)).requires_grad_(true);
            w.broadcast(new ArrayList<>(List.of(p)));
            check(p.sum().item_double() == 35, "broadcast");
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("a", (double) r);
            m.put("b", 1.0);
            Map<String, Double> mean = w.average(m);
            check(mean.get("a") == (n - 1) / 2.0 && mean.get("b") == 1.0 && mean.keySet().equals(m.keySet()), "metrics");
            // Rows: rank r holds rows r, r + n, ... of 0..5.
            Tensor local = w.shard().rows(torch.arange(new org.bytedeco.pytorch.Scalar(6)).to(torch.ScalarType.Float));
            Tensor all = w.gatherRows(local, 6);
            check(Tensors.floats(all)[5] == 5 && Tensors.floats(all)[0] == 0 && all.sum().item_double() == 15, "gather");
            System.out.println("OK rank " + r);
        } catch (Gan4jException e) {
            System.err.println("gan4j: " + e.getMessage());
            System.exit(e.exitCode());
        }
        System.exit(0);
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new Gan4jException("check failed: " + what);
        }
    }
}
