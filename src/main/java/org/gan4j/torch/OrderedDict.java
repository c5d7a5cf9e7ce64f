package org.gan4j.torch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Python {@code collections.OrderedDict}, which is what {@code torch.save(model.state_dict())} holds: saved as
 * one, and every OrderedDict in a loaded file comes back as this class. The {@code _metadata} attribute PyTorch
 * attaches to state dicts (per-module version numbers) is dropped on load and not written on save.
 */
public class OrderedDict extends LinkedHashMap<Object, Object> {

    public OrderedDict() {
    }

    public OrderedDict(Map<?, ?> entries) {
        super(entries);
    }
}
