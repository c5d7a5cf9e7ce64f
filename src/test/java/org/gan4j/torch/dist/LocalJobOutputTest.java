package org.gan4j.torch.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which lines of a rank's output are libtorch's log blocks (left out) and which are the rank's own. */
class LocalJobOutputTest {

    @Test
    void aNativeLogBlockIsLeftOutAndTheRanksOwnLineKept() {
        List<String> lines = List.of(
                "[Gloo] Rank 1 is connected to 1 peer ranks. Expected number of connected peer ranks is : 1",
                "[W1201 04:18:12.704514319 TCPStore.cpp:138] [c10d] recvValueWithTimeout failed on SocketImpl(fd=27)",
                "Exception raised from recvBytes at .../c10d/Utils.hpp:682 (most recent call first):",
                "frame #0: c10::Error::Error(c10::SourceLocation, std::string) + 0xac (0x7f97 in libc10.so)",
                "frame #7: [0x7f975c9455da]",
                "",
                "gan4j: rank 1 of 2: another process of the job stopped or stopped answering; this one stops too.",
                "",
                "frame #3 of the user's own story");
        List<Boolean> dropped = new java.util.ArrayList<>();
        boolean in = false;
        for (String l : lines) {
            in = LocalJob.nativeNoise(l, in);
            dropped.add(in);
        }
        assertThat(dropped).containsExactly(false, true, true, true, true, true, false, false, false);
    }
}
