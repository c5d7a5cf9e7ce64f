package org.gan4j.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LanesTest {

    @Test
    void closeWaitsForATaskStillRunningOnTheHelperLane() throws Exception {
        AtomicBoolean finished = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        try (Lanes lanes = new Lanes(2, 1)) {
            lanes.fork(() -> {
                started.countDown();
                long end = System.nanoTime() + 300_000_000L;
                while (System.nanoTime() < end) {
                    Thread.onSpinWait(); // native work ignores interrupts; so does this
                }
                finished.set(true);
                return null;
            });
            started.await();
        }
        // Without the wait, the caller could free tensors the helper is still using.
        assertThat(finished).isTrue();
    }

    @Test
    void oneLaneRunsForkedWorkOnTheCallerWhenJoined() {
        try (Lanes lanes = new Lanes(1, 1)) {
            Thread caller = Thread.currentThread();
            Lanes.Task<Thread> t = lanes.fork(Thread::currentThread);
            assertThat(t.join()).isSameAs(caller);
            assertThat(lanes.count()).isEqualTo(1);
        }
    }

    @Test
    void aFailureOnTheHelperLaneReachesTheCaller() {
        try (Lanes lanes = new Lanes(2, 1)) {
            Lanes.Task<Object> t = lanes.fork(() -> {
                throw new IllegalArgumentException("bad shape");
            });
            assertThatThrownBy(t::join).isInstanceOf(IllegalArgumentException.class).hasMessage("bad shape");
        }
    }
}
