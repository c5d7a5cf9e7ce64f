package org.gan4j.torch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.StringJoiner;

/**
 * A Python tuple inside a checkpoint (a {@code torch.Size} loads as one too): an immutable list of items that
 * may include {@code null} (None).
 */
public record PtTuple(List<Object> items) {

    public PtTuple {
        // Not List.copyOf: a tuple may hold None.
        items = Collections.unmodifiableList(new ArrayList<>(items));
    }

    public static PtTuple of(Object... items) {
        return new PtTuple(Arrays.asList(items));
    }

    public int size() {
        return items.size();
    }

    public Object get(int i) {
        return items.get(i);
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "(", items.size() == 1 ? ",)" : ")");
        items.forEach(o -> j.add(String.valueOf(o)));
        return j.toString();
    }
}
