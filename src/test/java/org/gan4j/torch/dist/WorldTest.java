package org.gan4j.torch.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.torch.Engine;
import org.gan4j.torch.Scope;
import org.junit.jupiter.api.Test;

/** The environment, shards, buckets, the one-process world, and a real two-process Gloo job. */
class WorldTest {

    @Test
    void readsTorchrunsEnvironment() {
        assertNull(Launch.from(Map.of()));
        Launch l = Launch.from(Map.of("MASTER_ADDR", "node1", "MASTER_PORT", "29500", "RANK", "3", "WORLD_SIZE", "8",
                "LOCAL_RANK", "1", "GAN4J_DIST_TIMEOUT", "2.5"));
        assertEquals(new Launch("node1", 29500, 3, 8, 1, java.time.Duration.ofMillis(2500)), l);
        assertEquals(0, Launch.from(Launch.localEnvironment(0, 2, 1234)).localRank());
        Gan4jException e = assertThrows(Gan4jException.class, () -> Launch.from(Map.of("WORLD_SIZE", "2", "RANK", "0")));
        assertTrue(e.getMessage().startsWith("WORLD_SIZE is set but MASTER_ADDR is not"), e.getMessage());
        e = assertThrows(Gan4jException.class, () -> Launch.from(Map.of("WORLD_SIZE", "2", "RANK", "2",
                "MASTER_ADDR", "h", "MASTER_PORT", "1")));
        assertEquals("RANK must be between 0 and 1 (WORLD_SIZE is 2), got 2", e.getMessage());
    }

    @Test
    void shardsAreDisjointAndCoverTheBatch() {
        int[] global = {10, 11, 12, 13, 14, 15, 16};
        assertEquals(List.of(10, 13, 16), box(new Shard(0, 3).rows(global)));
        assertEquals(List.of(11, 14), box(new Shard(1, 3).rows(global)));
        assertEquals(List.of(12, 15), box(new Shard(2, 3).rows(global)));
        assertEquals(3, new Shard(0, 3).count(7));
        try (Scope s = new Scope()) {
            Engine.init();
            Tensor x = torch.arange(new org.bytedeco.pytorch.Scalar(8)).view(4, 2);
            assertEquals(2 + 3 + 6 + 7, new Shard(1, 2).rows(x).sum().item_long());
        }
    }

    @Test
    void bucketsKeepOrderDtypeAndCap() {
        try (Scope s = new Scope()) {
            Engine.init();
            List<Tensor> ts = List.of(torch.zeros(10), torch.zeros(10), torch.zeros(30), torch.zeros(5),
                    torch.zeros(new long[] {3}, new org.bytedeco.pytorch.TensorOptions(torch.ScalarType.Double)));
            // 40 bytes each for the first two, 120 for the third: a cap of 100 bytes cuts after the second.
            assertEquals(List.of(List.of(0, 1), List.of(2), List.of(3), List.of(4)), World.buckets(ts, 100));
            assertEquals(List.of(List.of(0, 1, 2, 3), List.of(4)), World.buckets(ts, 1 << 20));
        }
    }

    @Test
    void oneProcessIsTheIdentity() {
        try (Scope s = new Scope()) {
            Engine.init();
            World w = World.single();
            List<Tensor> g = List.of(torch.ones(3));
            assertSame(g, w.average(g));
            assertEquals(Map.of("a", 1.5), w.average(Map.of("a", 1.5)));
            assertTrue(w.leader());
            assertEquals("v", w.agree("k", "v"));
        }
    }

    @Test
    void twoProcessesAgreeOnEveryCollective() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LocalJob.run(LocalJob.javaCommand(WorldChild.class.getName(), List.of()), 2, new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, out + "\n" + err);
        assertTrue(out.toString().contains("OK rank 0") && out.toString().contains("[rank 1] OK rank 1"), out.toString());
    }

    @Test
    void aDeadRankStopsTheOtherWithOneLine() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LocalJob.run(LocalJob.javaCommand(WorldChild.class.getName(), List.of("die")), 2, new PrintWriter(out), new PrintWriter(err));
        assertEquals(3, code, err.toString()); // rank 1 halted first, with 3; rank 0 then stopped with 1
        List<String> lines = err.toString().lines().filter(l -> l.startsWith("gan4j:")).toList();
        assertEquals(1, lines.size(), err.toString());
        assertTrue(lines.get(0).startsWith("gan4j: rank 0 of 2: another process of the job stopped or stopped answering ("),
                lines.get(0));
    }

    private static List<Integer> box(int[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }
}
