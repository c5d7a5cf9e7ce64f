package org.gan4j.torch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link Scope} promises: temporaries are freed at close, inner scopes first; {@code keep}/{@code keepAlive}
 * survive every enclosing scope; {@code adopt} hands a kept tensor (e.g. from another thread) to the current scope.
 */
class ScopeTest {

    // "Freed" is observed on a tensor made outside every scope: each Java handle to it is one reference to its
    // native TensorImpl (use_count), and closing a scope must drop the references made inside it.

    private Tensor base;

    @BeforeEach
    void init() {
        Engine.init();
        base = torch.ones(4); // outside every scope: one reference, held by this handle; a fresh one per test
    }

    /** A new handle to {@link #base}'s TensorImpl (one more reference). */
    private Tensor handle() {
        return new Tensor(base);
    }

    @Test
    void temporariesAreFreedWhenTheScopeCloses() {
        assertThat(base.use_count()).isEqualTo(1);
        Tensor h;
        Tensor sum;
        try (Scope s = new Scope()) {
            h = handle();
            sum = h.add(new Scalar(1));
            assertThat(base.use_count()).isEqualTo(2);
            assertThat(Tensors.floats(sum)).containsExactly(2, 2, 2, 2);
        }
        assertThat(base.use_count()).as("references made in the scope").isEqualTo(1);
        assertThat(h.isNull()).as("handle made in the scope").isTrue();
        assertThat(sum.isNull()).as("result computed in the scope").isTrue();
    }

    @Test
    void nestedScopesFreeTheirOwnTemporariesInnerFirst() {
        try (Scope outer = new Scope()) {
            Tensor a = handle();
            Tensor b;
            try (Scope inner = new Scope()) {
                b = handle();
                assertThat(base.use_count()).isEqualTo(3);
            }
            assertThat(b.isNull()).isTrue();
            assertThat(a.isNull()).as("the outer scope's tensor outlives the inner scope").isFalse();
            assertThat(base.use_count()).isEqualTo(2);
        }
        assertThat(base.use_count()).isEqualTo(1);
    }

    @Test
    void keptTensorsSurviveEveryEnclosingScope() {
        Tensor kept;
        Tensor keptAlive;
        try (Scope outer = new Scope()) {
            try (Scope inner = new Scope()) {
                kept = Scope.keepAlive(handle());
                keptAlive = Scope.keepAlive(base.mul(new Scalar(3)));
            }
            assertThat(kept.isNull()).isFalse();
        }
        assertThat(kept.isNull()).isFalse();
        assertThat(base.use_count()).as("the kept handle still refers to the tensor").isEqualTo(2);
        assertThat(Tensors.floats(keptAlive)).containsExactly(3, 3, 3, 3);
        kept.releaseReference(); // what the garbage collector would do
        assertThat(base.use_count()).isEqualTo(1);
        assertThat(Scope.keepAlive((Tensor) null)).isNull();
    }

    @Test
    void keepAliveOutsideAnyScopeChangesNothing() {
        Tensor t = handle();
        int refs = t.referenceCount();
        assertThat(Scope.keepAlive(t)).isSameAs(t);
        assertThat(t.referenceCount()).isEqualTo(refs);
        t.releaseReference();
        assertThat(base.use_count()).isEqualTo(1);
    }

    @Test
    void adoptHandsATensorKeptOnAnotherThreadToTheCurrentScope() throws Exception {
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Tensor fromThere = other.submit(() -> {
                try (Scope s = new Scope()) {
                    return Scope.keepAlive(handle());
                }
            }).get();
            assertThat(base.use_count()).as("kept past the other thread's scope").isEqualTo(2);
            try (Scope here = new Scope()) {
                assertThat(Scope.adopt(fromThere)).isSameAs(fromThere);
                assertThat(Tensors.floats(fromThere)).containsExactly(1, 1, 1, 1);
                assertThat(base.use_count()).isEqualTo(2);
            }
            assertThat(fromThere.isNull()).as("freed with the adopting scope").isTrue();
            assertThat(base.use_count()).isEqualTo(1);
            assertThat(Scope.adopt(null)).isNull();
        } finally {
            other.shutdown();
        }
    }

    @Test
    void adoptOutsideAnyScopeLeavesTheTensorAlive() {
        Tensor t;
        try (Scope s = new Scope()) {
            t = Scope.keepAlive(handle());
        }
        assertThat(Scope.adopt(t)).isSameAs(t);
        assertThat(t.isNull()).isFalse();
        assertThat(base.use_count()).isEqualTo(2);
        t.releaseReference();
        assertThat(base.use_count()).isEqualTo(1);
    }
}
