package org.gan4j.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDictTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void engine() {
        Engine.init();
    }

    @Test
    void tensorsKeepsFileOrderForOrderedDictsAndPlainDicts() {
        OrderedDict od = new OrderedDict();
        Map<Object, Object> plain = new LinkedHashMap<>();
        for (String k : List.of("z.weight", "a.bias", "m.running_mean")) {
            od.put(k, torch.zeros(1));
            plain.put(k, torch.zeros(1));
        }
        assertThat(StateDict.tensors(od, "od").keySet()).containsExactly("z.weight", "a.bias", "m.running_mean");
        assertThat(StateDict.tensors(plain, "plain").keySet()).containsExactly("z.weight", "a.bias", "m.running_mean");
    }

    @Test
    void tensorsNamesTheSourceAndTheOffendingEntry() {
        Map<Object, Object> withArgs = new LinkedHashMap<>();
        withArgs.put("w", torch.zeros(1));
        withArgs.put("args", new PtNamespace());
        assertThatThrownBy(() -> StateDict.tensors(withArgs, "ckpt.pt"))
                .isInstanceOf(Gan4jException.class)
                .hasMessage("ckpt.pt: expected a state dict of tensors, but 'args' holds an argparse Namespace");
        Map<Object, Object> intKey = new LinkedHashMap<>();
        intKey.put(0L, torch.zeros(1));
        assertThatThrownBy(() -> StateDict.tensors(intKey, "opt.pt['state']"))
                .isInstanceOf(Gan4jException.class)
                .hasMessage("opt.pt['state']: expected a state dict of tensors, but it has the key 0 (an int)");
        assertThatThrownBy(() -> StateDict.tensors(List.of(torch.zeros(1)), "Zs.pth"))
                .isInstanceOf(Gan4jException.class)
                .hasMessage("Zs.pth: expected a state dict (a dict of tensors), got a list");
    }

    @Test
    void ofDetachesAndCompactsSoTheFileHoldsOnlyTheTensorsNumbers() {
        Tensor big = torch.arange(new Scalar(1000)).to(torch.ScalarType.Float);
        big.set_requires_grad(true);
        Map<String, Tensor> named = new LinkedHashMap<>();
        named.put("slice", big.slice(0, new LongOptional(10), new LongOptional(14), 1));
        named.put("transposed", torch.arange(new Scalar(6)).to(torch.ScalarType.Float).reshape(2, 3).t());
        named.put("whole", big);
        OrderedDict sd = StateDict.of(named);
        assertThat(sd.keySet()).containsExactly("slice", "transposed", "whole");
        for (Object v : sd.values()) {
            Tensor t = (Tensor) v;
            assertThat(t.requires_grad()).isFalse();
            assertThat(t.is_contiguous()).isTrue();
            assertThat(t.storage().nbytes()).isEqualTo(t.nbytes());
        }
        assertThat(Tensors.floats((Tensor) sd.get("transposed"))).containsExactly(0, 3, 1, 4, 2, 5);
        // Saved alone, the 4-float slice is written as 4 floats, not as the 1000-float storage it came from.
        Path f = tmp.resolve("slice.pt");
        PtFile.save(f, StateDict.of(Map.of("slice", named.get("slice"))));
        assertThat(f.toFile().length()).isLessThan(1000 * 4);
        Map<String, Tensor> back = StateDict.tensors(PtFile.load(f), f.toString());
        assertThat(back.get("slice").storage().nbytes()).isEqualTo(16);
        assertThat(Tensors.floats(back.get("slice"))).containsExactly(10, 11, 12, 13);
    }
}
