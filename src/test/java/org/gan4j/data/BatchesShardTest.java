package org.gan4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.Scope;
import org.gan4j.torch.dist.Shard;
import org.junit.jupiter.api.Test;

/** The distributed sampler: ranks read disjoint rows that together are the one-process batch, reshuffled per epoch. */
class BatchesShardTest {

    private static final ProceduralImages DATA = ProceduralImages.named("landscapes", 16, 24);

    @Test
    void ranksReadDisjointRowsOfTheOneProcessBatch() {
        Batches whole = new Batches(DATA, 8, 5, true);
        Batches r0 = new Batches(DATA, 8, 5, true, new Shard(0, 2));
        Batches r1 = new Batches(DATA, 8, 5, true, new Shard(1, 2));
        for (long i = 0; i < 6; i++) { // two epochs of three batches
            int[] all = whole.indices(i);
            int[] a = r0.indices(i);
            int[] b = r1.indices(i);
            assertThat(a).hasSize(4).containsExactly(all[0], all[2], all[4], all[6]);
            assertThat(b).hasSize(4).containsExactly(all[1], all[3], all[5], all[7]);
            Set<Integer> seen = new HashSet<>();
            Arrays.stream(a).forEach(seen::add);
            Arrays.stream(b).forEach(seen::add);
            assertThat(seen).hasSize(8);
        }
        assertThat(whole.indices(3)).isNotEqualTo(whole.indices(0)); // a fresh order in the next epoch
        try (Scope s = new Scope()) {
            Tensor full = whole.batch(4); // with flips, each drawn for the whole batch
            assertThat(r1.batch(4).sub(new Shard(1, 2).rows(full)).abs().max().item_double()).isZero();
            assertThat(r0.batch(4).sub(new Shard(0, 2).rows(full)).abs().max().item_double()).isZero();
        }
    }
}
