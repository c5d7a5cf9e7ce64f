package org.gan4j.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.gan4j.Gan4jException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Java → file → Java keeps every value bit for bit, and the structure with its order. */
class PtFileRoundTripTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void engine() {
        Engine.init();
    }

    @SuppressWarnings("unchecked")
    private <T> T roundTrip(Object o) {
        Path f = tmp.resolve("rt.pt");
        PtFile.save(f, o);
        return (T) PtFile.load(f);
    }

    /** Random bits of the dtype, so that every bit pattern (NaN payloads, subnormals, -0.0) is exercised. */
    static Tensor randomBits(PtDType d, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        Tensor bytes = torch.randint(0, 256, new long[] {n * d.size}).to(ScalarType.Byte);
        if (d == PtDType.BOOL) {
            bytes = bytes.remainder(new Scalar(2)); // a bool byte other than 0 or 1 is undefined in PyTorch
        }
        return bytes.view(d.scalarType).reshape(shape);
    }

    static void assertBitExact(Tensor want, Tensor got) {
        assertThat(PtDType.of(got.scalar_type())).isEqualTo(PtDType.of(want.scalar_type()));
        assertThat(got.shape()).containsExactly(want.shape());
        assertThat(got.is_cpu()).isTrue();
        if (want.numel() > 0) {
            Tensor w = want.contiguous().reshape(-1).view(ScalarType.Byte);
            Tensor g = got.contiguous().reshape(-1).view(ScalarType.Byte);
            assertThat(torch.equal(w, g)).as("bytes equal").isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(PtDType.class)
    void everyDtypeIsBitExact(PtDType d) {
        torch.manual_seed(d.ordinal());
        Tensor t = randomBits(d, 3, 5, 2);
        Tensor back = roundTrip(t);
        assertBitExact(t, back);
        assertThat(back.strides().vec().get()).containsExactly(10, 2, 1);
    }

    @Test
    void zeroDimAndEmptyTensors() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scalar", torch.scalar_tensor(new Scalar(-2.5)));
        m.put("long", torch.scalar_tensor(new Scalar(7)).to(ScalarType.Long));
        m.put("empty", torch.zeros(0));
        m.put("empty2d", torch.zeros(3, 0).to(ScalarType.Double));
        m.put("emptyBool", torch.zeros(0, 4).to(ScalarType.Bool));
        Map<?, ?> back = roundTrip(m);
        for (String k : m.keySet()) {
            assertBitExact((Tensor) m.get(k), (Tensor) back.get(k));
        }
        assertThat(((Tensor) back.get("scalar")).dim()).isZero();
        assertThat(((Tensor) back.get("scalar")).item_double()).isEqualTo(-2.5);
        assertThat(((Tensor) back.get("long")).item_long()).isEqualTo(7L);
    }

    @Test
    void nonContiguousInputsKeepValuesAndSharing() {
        Tensor base = torch.arange(new Scalar(60)).to(ScalarType.Float).reshape(3, 4, 5);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("base", base);
        m.put("permuted", base.permute(2, 0, 1));
        m.put("sliced", base.slice(2, new LongOptional(1), new LongOptional(5), 2).select(0, 1));
        m.put("expanded", torch.arange(new Scalar(3)).to(ScalarType.Float).view(3, 1).expand(3, 4));
        Map<?, ?> back = roundTrip(m);
        for (String k : m.keySet()) {
            assertBitExact((Tensor) m.get(k), (Tensor) back.get(k));
        }
        Tensor b = (Tensor) back.get("base");
        Tensor s = (Tensor) back.get("sliced");
        assertThat(s.storage().data().address()).isEqualTo(b.storage().data().address());
        assertThat(((Tensor) back.get("permuted")).strides().vec().get()).containsExactly(1, 20, 5);
        assertThat(((Tensor) back.get("expanded")).strides().vec().get()).containsExactly(1, 0);
        // Shared memory, as in PyTorch: writing through one view shows in the other.
        b.select(0, 1).select(0, 0).select(0, 1).fill_(new Scalar(-1));
        assertThat(s.select(0, 0).select(0, 0).item_float()).isEqualTo(-1f);
    }

    @Test
    void aStorageViewedAsTwoDtypesIsWrittenOncePerDtype() {
        Tensor f = torch.arange(new Scalar(4)).to(ScalarType.Float);
        Tensor i = f.view(ScalarType.Int);
        List<Object> l = List.of(f, i);
        List<?> back = roundTrip(l);
        assertBitExact(f, (Tensor) back.get(0));
        assertBitExact(i, (Tensor) back.get(1));
    }

    @Test
    void nestedStructuresKeepTypesOrderAndValues() {
        OrderedDict od = new OrderedDict();
        od.put("z", 1L);
        od.put("a", List.of(1.5, "x"));
        Map<Object, Object> state = new LinkedHashMap<>();
        state.put(3L, Map.of("step", 10L));
        state.put(0L, new LinkedHashMap<>());
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put("od", od);
        m.put("state", state);
        m.put("tuple", PtTuple.of(1L, PtTuple.of(), PtTuple.of("one"), null, true, false));
        m.put("list", new ArrayList<>(List.of(-1L, Long.MAX_VALUE, Long.MIN_VALUE, 255L, 256L, 65536L, -129L)));
        m.put("big", new BigInteger("-123456789012345678901234567890"));
        m.put("floats", List.of(0.1, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE, 1e308));
        m.put("text", "grüße ✓ \u0000 \uD83D\uDE00");
        m.put("bytes", new byte[] {0, 1, (byte) 0x80, (byte) 0xff});
        m.put(PtTuple.of(1L, "k"), "tuple key");
        m.put(true, "bool key");
        m.put("none", null);
        Map<?, ?> back = roundTrip(m);
        assertThat(new ArrayList<Object>(back.keySet())).containsExactlyElementsOf(m.keySet());
        assertThat(Describe.firstDifference(Describe.of(m, true), Describe.of(back, false), "root")).isNull();
        assertThat(back.get("od")).isInstanceOf(OrderedDict.class);
        assertThat(back.get("state")).isExactlyInstanceOf(LinkedHashMap.class);
        List<?> floats = (List<?>) back.get("floats");
        assertThat(Double.doubleToRawLongBits((Double) floats.get(1))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat((Double) floats.get(2)).isNaN();
        assertThat((byte[]) back.get("bytes")).containsExactly(0, 1, 0x80, 0xff);
    }

    @Test
    void javaConveniencesBecomePythonTypes() {
        PtNamespace args = new PtNamespace();
        args.put("size", 256);
        args.put("lr", 0.002f);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("args", args);
        m.put("set", new LinkedHashSet<>(List.of(3L, 1L, "two")));
        Map<?, ?> back = roundTrip(m);
        // A Namespace is written as a plain dict (weights-only loaders refuse argparse.Namespace).
        assertThat(back.get("args")).isExactlyInstanceOf(LinkedHashMap.class);
        Map<?, ?> loadedArgs = (Map<?, ?>) back.get("args");
        assertThat(loadedArgs.get("size")).isEqualTo(256L);
        assertThat(loadedArgs.get("lr")).isEqualTo((double) 0.002f);
        assertThat(new ArrayList<Object>((Set<?>) back.get("set"))).containsExactly(3L, 1L, "two");
    }

    @Test
    void requiresGradIsKeptAndLoadedTensorsOutliveTheCallersScope() {
        Tensor w = torch.randn(2, 3);
        w.set_requires_grad(true);
        Path f = tmp.resolve("grad.pt");
        PtFile.save(f, Map.of("w", w));
        Tensor back;
        try (Scope s = new Scope()) {
            back = (Tensor) ((Map<?, ?>) PtFile.load(f)).get("w");
        }
        System.gc();
        assertThat(back.requires_grad()).isTrue();
        assertBitExact(w.detach(), back.detach());
    }

    @Test
    void refusesJavaObjectsThatHaveNoPythonCounterpart() {
        Path f = tmp.resolve("bad.pt");
        assertThatThrownBy(() -> PtFile.save(f, Map.of("cfg", Map.of("file", new java.io.File("x")))))
                .isInstanceOf(Gan4jException.class)
                .hasMessageStartingWith(f + ": cannot save the java.io.File at root['cfg']['file']");
        assertThat(f).doesNotExist();
    }
}
