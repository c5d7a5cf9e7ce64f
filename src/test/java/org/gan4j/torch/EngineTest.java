package org.gan4j.torch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineTest {

    @Test
    void loadsAndHonoursTheThreadProperty() {
        Engine.init();
        // Other tests in this JVM may have run a command with --threads; set and restore the budget here.
        int budget = Engine.threads();
        Engine.setThreads(3);
        assertThat(Engine.threads()).isEqualTo(3);
        Engine.setThreads(budget);
        assertThat(Engine.DEFAULT_THREADS).isEqualTo(2);
        // The calling thread runs with one intra-op thread; the budget goes to lanes or large ops.
        assertThat(org.bytedeco.pytorch.global.torch.get_num_threads()).isEqualTo(1);
        int before = Engine.intraOpThreads(2);
        assertThat(org.bytedeco.pytorch.global.torch.get_num_threads()).isEqualTo(2);
        Engine.intraOpThreads(before);
    }

    @Test
    void firstLineDropsTheCppBacktrace() {
        RuntimeException e = new RuntimeException("shape '[2, 3]' is invalid for input of size 5\nException raised from foo at bar.cpp:12");
        assertThat(Engine.firstLine(e)).isEqualTo("shape '[2, 3]' is invalid for input of size 5");
    }
}
