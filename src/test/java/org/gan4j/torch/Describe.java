package org.gan4j.torch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.DoubleBuffer;
import java.nio.LongBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * The Java twin of {@code src/test/resources/parity/pt/describe.py}: a checkpoint's object tree as plain JSON,
 * so that a Python-made file and its Java load, or a Java-made file and its Python load, compare exactly.
 */
final class Describe {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Describe() {
    }

    /**
     * @param asSaved describe what {@link PtFile#save} writes rather than the Java object: a PtNamespace is
     *                written as a plain dict, Integer and Float as Python int and float
     */
    static JsonNode of(Object o, boolean asSaved) {
        if (o == null) {
            return F.nullNode();
        }
        if (o instanceof Boolean b) {
            return F.objectNode().put("bool", b);
        }
        if (o instanceof Long || o instanceof Integer) {
            return F.objectNode().put("int", ((Number) o).longValue());
        }
        if (o instanceof BigInteger b) {
            return F.objectNode().put("int", b);
        }
        if (o instanceof Double || o instanceof Float) {
            return F.objectNode().put("float", ((Number) o).doubleValue());
        }
        if (o instanceof String s) {
            return F.objectNode().put("str", s);
        }
        if (o instanceof byte[] b) {
            StringBuilder hex = new StringBuilder();
            for (byte x : b) {
                hex.append(String.format("%02x", x));
            }
            return F.objectNode().put("bytes", hex.toString());
        }
        if (o instanceof Tensor t) {
            ObjectNode n = F.objectNode();
            n.set("tensor", tensor(t));
            return n;
        }
        if (o instanceof PtTuple t) {
            return wrap("tuple", list(t.items(), asSaved));
        }
        if (o instanceof List<?> l) {
            return wrap("list", list(l, asSaved));
        }
        if (o instanceof Map<?, ?> m) {
            String kind = o instanceof OrderedDict ? "odict" : o instanceof PtNamespace && !asSaved ? "namespace" : "dict";
            ArrayNode items = F.arrayNode();
            m.forEach((k, v) -> items.add(F.arrayNode().add(of(k, asSaved)).add(of(v, asSaved))));
            return wrap(kind, items);
        }
        throw new IllegalArgumentException("Describe does not know " + o.getClass());
    }

    static ObjectNode tensor(Tensor t) {
        ObjectNode n = F.objectNode();
        n.put("dtype", PtDType.of(t.scalar_type()).pythonName);
        ArrayNode shape = n.putArray("shape");
        for (long s : t.shape()) {
            shape.add(s);
        }
        n.put("requires_grad", t.requires_grad());
        ArrayNode values = n.putArray("values");
        if (t.numel() == 0) {
            return n;
        }
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Tensor d = t.detach();
            if (d.is_complex()) {
                DoubleBuffer b = torch.view_as_real(d.to(ScalarType.ComplexDouble)).contiguous().createBuffer();
                while (b.hasRemaining()) {
                    values.add(F.arrayNode().add(b.get()).add(b.get()));
                }
            } else if (d.is_floating_point()) {
                DoubleBuffer b = d.to(ScalarType.Double).contiguous().createBuffer();
                while (b.hasRemaining()) {
                    values.add(b.get());
                }
            } else {
                LongBuffer b = d.to(ScalarType.Long).contiguous().createBuffer();
                while (b.hasRemaining()) {
                    values.add(b.get());
                }
            }
        }
        return n;
    }

    /** The first place where {@code got} differs from {@code want}, or null. Numbers compare by exact value. */
    static String firstDifference(JsonNode want, JsonNode got, String path) {
        if (want.isNumber() && got.isNumber()) {
            // Doubles compare like Double.equals (NaN equals NaN, -0.0 differs from 0.0); integers exactly.
            boolean same = want.isFloatingPointNumber() || got.isFloatingPointNumber()
                    ? Double.compare(want.doubleValue(), got.doubleValue()) == 0
                    : want.bigIntegerValue().equals(got.bigIntegerValue());
            return same ? null : path + ": expected " + want + ", got " + got;
        }
        if (want.getNodeType() != got.getNodeType()) {
            return path + ": expected " + abbreviate(want) + ", got " + abbreviate(got);
        }
        if (want.isObject()) {
            if (!fieldNames(want).equals(fieldNames(got))) {
                return path + ": expected keys " + fieldNames(want) + ", got " + fieldNames(got);
            }
            for (Iterator<String> it = want.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                String d = firstDifference(want.get(k), got.get(k), path + "." + k);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (want.isArray()) {
            if (want.size() != got.size()) {
                return path + ": expected " + want.size() + " items, got " + got.size();
            }
            for (int i = 0; i < want.size(); i++) {
                String d = firstDifference(want.get(i), got.get(i), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        return want.equals(got) ? null : path + ": expected " + want + ", got " + got;
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String abbreviate(JsonNode n) {
        String s = n.toString();
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    private static ArrayNode list(List<?> items, boolean asSaved) {
        ArrayNode a = F.arrayNode();
        items.forEach(x -> a.add(of(x, asSaved)));
        return a;
    }

    private static ObjectNode wrap(String kind, JsonNode content) {
        ObjectNode n = F.objectNode();
        n.set(kind, content);
        return n;
    }
}
