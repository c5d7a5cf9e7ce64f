package org.gan4j.torch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineTest {

    @Test
    void loadsAndHonoursTheThreadProperty() {
        Engine.init();
        assertThat(Engine.threads()).isEqualTo(Integer.getInteger("gan4j.threads", Engine.DEFAULT_THREADS));
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
