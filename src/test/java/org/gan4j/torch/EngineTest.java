package org.gan4j.torch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineTest {

    @Test
    void loadsAndHonoursTheThreadProperty() {
        Engine.init();
        assertThat(Engine.threads()).isEqualTo(Integer.getInteger("gan4j.threads", Engine.DEFAULT_THREADS));
    }

    @Test
    void firstLineDropsTheCppBacktrace() {
        RuntimeException e = new RuntimeException("shape '[2, 3]' is invalid for input of size 5\nException raised from foo at bar.cpp:12");
        assertThat(Engine.firstLine(e)).isEqualTo("shape '[2, 3]' is invalid for input of size 5");
    }
}
