package org.gan4j.torch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An object from an NVlabs network pickle ({@code torch_utils.persistence}): its class name and its state, the
 * {@code __dict__} the pickle stores (for a {@code torch.nn.Module}: {@code _parameters}, {@code _buffers},
 * {@code _modules} and its plain attributes). The class's source code, which the pickle carries so that Python
 * can rebuild the class, is dropped unread: gan4j never runs it.
 *
 * @param className the class's name in its module, e.g. {@code SynthesisLayer}
 * @param version   the persistence format's version
 * @param state     the object's attributes, in pickle order
 */
public record PtObject(String className, long version, Map<String, Object> state) {

    static PtObject fromMeta(Map<?, ?> meta) {
        if (!"class".equals(meta.get("type"))) {
            throw new PtFormatError("holds a persistent object of type '" + meta.get("type") + "' (expected 'class')");
        }
        String name = PickleGlobals.asString(meta.get("class_name"));
        long version = meta.get("version") instanceof Long v ? v : -1;
        Object s = meta.get("state");
        if (!(s instanceof Map<?, ?> m)) {
            throw new PtFormatError("holds a persistent '" + name + "' whose state is a " + PickleGlobals.typeName(s));
        }
        Map<String, Object> state = new LinkedHashMap<>();
        m.forEach((k, v) -> state.put(PickleGlobals.asString(k), v));
        return new PtObject(name, version, state);
    }

    /** A {@code torch.nn.Module}'s own entry of {@code _parameters} ({@code "_parameters"}), {@code _buffers} or {@code _modules}, or an empty map. */
    public Map<?, ?> section(String name) {
        return state.get(name) instanceof Map<?, ?> m ? m : Map.of();
    }

    /** A sub-module ({@code _modules[name]}), or null. */
    public PtObject module(String name) {
        return section("_modules").get(name) instanceof PtObject p ? p : null;
    }

    /** A plain attribute, or null. */
    public Object attr(String name) {
        return state.get(name);
    }

    @Override
    public String toString() {
        return className;
    }
}
