package org.gan4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Engine;
import org.gan4j.torch.Scope;
import org.junit.jupiter.api.Test;

class PeakMemoryTest {

    @Test
    void aResetStartsANewPeakThatSeesALargeTensor() {
        Engine.init();
        assumeTrue(PeakMemory.megabytes() > 0 && PeakMemory.reset(), "needs Linux /proc");
        long before = PeakMemory.megabytes();
        long during;
        try (Scope s = new Scope()) {
            Tensor t = torch.ones(64L << 20); // 256 MB of float32, every page written
            assertThat(t.sum().item_double()).isEqualTo(64L << 20);
            during = PeakMemory.megabytes();
        }
        assertThat(during - before).isGreaterThan(200);
        // the tensor is freed; after a reset the peak is today's resident size, below the earlier peak
        assertThat(PeakMemory.reset()).isTrue();
        assertThat(PeakMemory.megabytes()).isLessThan(during);
    }
}
