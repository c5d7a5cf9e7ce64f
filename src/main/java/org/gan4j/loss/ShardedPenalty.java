package org.gan4j.loss;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Tensors;
import org.gan4j.torch.dist.Shard;
import org.gan4j.torch.dist.World;

/**
 * A disentanglement regulariser over a batch split across the ranks of a data-parallel job, equal to the
 * one-process penalty of the whole batch. Each activation's term is reduced over the batch: by the mean, which is
 * the mean of the ranks' means (equal shards); or by the max, which one rank holds — that rank's term is weighted
 * by N and the others' by 0, so that averaging the gradients over the ranks ({@link World#average}) gives the
 * gradient of the global max. The Rademacher vectors are drawn for the global batch and sharded, as every other
 * draw of a data-parallel step.
 */
public final class ShardedPenalty {

    /**
     * @param loss  this rank's term: its gradient, averaged over the ranks, is the one-process penalty's
     * @param value the one-process penalty (the same on every rank)
     */
    public record Part(Tensor loss, double value) {}

    private ShardedPenalty() {}

    /**
     * The regulariser of {@code g} at this rank's rows {@code z} of the global batch.
     *
     * @param v the ±1 vectors drawn for the global batch, [k, B, …]; this rank's rows are taken here
     */
    public static Part of(Regulariser kind, Activations g, Tensor z, Tensor v, double epsilon, Reduction reduction,
            World world) {
        List<Tensor> terms = kind.perActivation(g, z, rows(v, world.shard()), epsilon, reduction);
        if (terms.isEmpty()) {
            return new Part(Tensors.scalar(0), 0);
        }
        if (world.size() == 1) {
            Tensor sum = OroJaR.sum(terms);
            return new Part(sum, sum.item_double());
        }
        int a = terms.size();
        Tensor local = torch.stack(new TensorVector(terms.toArray(Tensor[]::new))).detach().reshape(1, a); // [1,A]
        float[] all = Tensors.floats(world.gatherRows(local, world.size()).contiguous()); // [N,A]: rank r's terms
        List<Tensor> parts = new ArrayList<>();
        double value = 0;
        for (int j = 0; j < a; j++) {
            if (reduction == Reduction.MEAN) {
                double mean = 0;
                for (int r = 0; r < world.size(); r++) {
                    mean += all[r * a + j] / world.size();
                }
                value += mean;
                parts.add(terms.get(j));
            } else {
                int owner = 0; // the first rank holding the largest term
                for (int r = 1; r < world.size(); r++) {
                    owner = all[r * a + j] > all[owner * a + j] ? r : owner;
                }
                value += all[owner * a + j];
                parts.add(terms.get(j).mul(Tensors.s(world.rank() == owner ? world.size() : 0)));
            }
        }
        return new Part(OroJaR.sum(parts), value);
    }

    /** This rank's rows of vectors drawn for the global batch: [k, B, …] → [k, B/N, …]. */
    static Tensor rows(Tensor v, Shard shard) {
        return shard.whole() ? v : shard.rows(v.transpose(0, 1)).transpose(0, 1);
    }
}
