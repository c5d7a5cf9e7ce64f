package org.gan4j.torch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** Bit-for-bit comparisons of state dicts and of whole loaded checkpoints. */
public final class StateDicts {

    private StateDicts() {}

    /** Same keys in the same order, and every tensor equal bit for bit. */
    public static void assertBitEqual(Map<String, Tensor> a, Map<String, Tensor> b, String what) {
        assertThat(b.keySet()).as(what).containsExactlyElementsOf(a.keySet());
        for (String k : a.keySet()) {
            assertBitEqual(a.get(k), b.get(k), what + " " + k);
        }
    }

    /** Same dtype, same shape, same values bit for bit. */
    public static void assertBitEqual(Tensor a, Tensor b, String what) {
        assertThat(b.scalar_type().value).as(what + " dtype").isEqualTo(a.scalar_type().value);
        assertThat(b.shape()).as(what + " shape").containsExactly(a.shape());
        assertThat(torch.equal(a, b)).as(what + " values").isTrue();
    }

    /**
     * Two trees as {@link PtFile#load} returns them (dicts, lists, tuples, tensors, numbers, strings) are equal:
     * the same keys in the same order, tensors bit for bit, numbers by their bits.
     */
    public static void assertTreeBitEqual(Object a, Object b, String what) {
        if (a instanceof Tensor ta) {
            assertThat(b).as(what).isInstanceOf(Tensor.class);
            assertBitEqual(ta, (Tensor) b, what);
        } else if (a instanceof Map<?, ?> ma) {
            assertThat(b).as(what).isInstanceOf(Map.class);
            Map<?, ?> mb = (Map<?, ?>) b;
            assertThat(new ArrayList<Object>(mb.keySet())).as(what + " keys").containsExactlyElementsOf(new ArrayList<Object>(ma.keySet()));
            for (Map.Entry<?, ?> e : ma.entrySet()) {
                assertTreeBitEqual(e.getValue(), mb.get(e.getKey()), what + "/" + e.getKey());
            }
        } else if (a instanceof List<?> la) {
            assertThat(b).as(what).isInstanceOf(List.class);
            List<?> lb = (List<?>) b;
            assertThat(lb).as(what + " length").hasSameSizeAs(la);
            for (int i = 0; i < la.size(); i++) {
                assertTreeBitEqual(la.get(i), lb.get(i), what + "[" + i + "]");
            }
        } else if (a instanceof PtTuple pa) {
            assertThat(b).as(what).isInstanceOf(PtTuple.class);
            assertTreeBitEqual(pa.items(), ((PtTuple) b).items(), what);
        } else {
            assertThat(b).as(what).isEqualTo(a); // Double.equals compares bits
        }
    }
}
