package org.gan4j.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.gan4j.Gan4jException;
import org.gan4j.torch.AtomicFile;

/**
 * The classes of a label map: an id, a name and a display colour each. Colour-coded label images are read with
 * a palette (colour → id) and label maps are drawn with one (id → colour).
 *
 * <p>On disk a palette is JSON: {@code {"classes":[{"id":0,"name":"sky","color":"#87ceeb"}, ...]}}. Ids are the
 * values a grayscale label file would hold (0..65535); an entry with id 255 marks the don't-care colour when
 * {@code --dontcare} is given. Ids and colours must each be unique; names are optional.
 */
public final class Palette {

    /** One class: its id, name and display colour {@code 0xRRGGBB}. */
    public record Entry(int id, String name, int rgb) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;
    private final List<Entry> classes;
    private final Map<Integer, Entry> byId = new HashMap<>();
    private final Map<Integer, Integer> idByRgb = new HashMap<>();

    private Palette(String source, List<Entry> classes) {
        this.source = source;
        this.classes = List.copyOf(classes);
        for (Entry e : this.classes) {
            if (byId.putIfAbsent(e.id(), e) != null) {
                throw new Gan4jException(source + ": class id " + e.id() + " appears twice; give each id one entry");
            }
            Integer other = idByRgb.putIfAbsent(e.rgb(), e.id());
            if (other != null) {
                throw new Gan4jException(source + ": colour " + hex(e.rgb()) + " is given to ids " + other + " and "
                        + e.id() + "; a colour must name one class");
            }
        }
    }

    /** A palette of {@code classes}; {@code source} names it in error messages. */
    public static Palette of(String source, List<Entry> classes) {
        return new Palette(source, classes);
    }

    /** Reads a palette JSON file; every error is one line naming the file and what to fix. */
    /** Classes 0..labelNc−1 named "class N" in SPADE's label colour map ({@link #fallbackRgb}). */
    public static Palette fallback(int labelNc) {
        List<Entry> entries = new java.util.ArrayList<>();
        for (int id = 0; id < labelNc; id++) {
            entries.add(new Entry(id, "class " + id, fallbackRgb(id)));
        }
        return of("default colours", entries);
    }

    public static Palette read(Path file) {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new Gan4jException("palette file " + file + " not found (give a JSON file such as "
                    + "{\"classes\":[{\"id\":0,\"name\":\"sky\",\"color\":\"#87ceeb\"}]})");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new Gan4jException(file + ": not valid JSON (" + e.getOriginalMessage().lines().findFirst().orElse("")
                    + (at != null ? " at line " + at.getLineNr() + ", column " + at.getColumnNr() : "") + ")", e);
        } catch (IOException e) {
            throw new Gan4jException("cannot read palette " + file + ": " + Images.ioReason(e), e);
        }
        JsonNode list = root == null ? null : root.get("classes");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new Gan4jException(file + ": expected {\"classes\":[{\"id\":0,\"name\":\"sky\",\"color\":\"#87ceeb\"}, ...]}"
                    + " with at least one class");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode c = list.get(i);
            String where = file + ": classes[" + i + "]";
            JsonNode id = c.get("id");
            if (id == null || !id.canConvertToInt() || !id.isIntegralNumber() || id.asInt() < 0 || id.asInt() > 65535) {
                throw new Gan4jException(where + " needs an integer \"id\" from 0 to 65535, got " + (id == null ? "none" : id));
            }
            JsonNode color = c.get("color");
            if (color == null || !color.isTextual()) {
                throw new Gan4jException(where + " needs a \"color\" such as \"#87ceeb\", got " + (color == null ? "none" : color));
            }
            int rgb = parseColour(color.asText());
            if (rgb < 0) {
                throw new Gan4jException(where + ": colour \"" + color.asText() + "\" is not of the form #rrggbb");
            }
            JsonNode name = c.get("name");
            entries.add(new Entry(id.asInt(), name != null && name.isTextual() ? name.asText() : "class " + id.asInt(), rgb));
        }
        return new Palette(file.toString(), entries);
    }

    /** Writes this palette as JSON (the format {@link #read} takes), atomically. */
    public void write(Path file) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("classes");
        for (Entry e : classes) {
            list.addObject().put("id", e.id()).put("name", e.name()).put("color", hex(e.rgb()));
        }
        try {
            byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            AtomicFile.write(file, tmp -> Files.write(tmp, bytes));
        } catch (IOException e) {
            throw new Gan4jException("cannot write palette " + file + ": " + Images.ioReason(e) + "; choose a writable location", e);
        }
    }

    /** The classes in file order. */
    public List<Entry> classes() {
        return classes;
    }

    /** Where the palette came from (a file, or a built-in name), for messages. */
    public String source() {
        return source;
    }

    /** The entry for {@code id}, or null. */
    public Entry entry(int id) {
        return byId.get(id);
    }

    /** The class name of {@code id}, or "class ID" when the palette has none. */
    public String name(int id) {
        Entry e = byId.get(id);
        return e != null ? e.name() : "class " + id;
    }

    /** The display colour of {@code id}: the palette's, else {@link #fallbackRgb}. */
    public int rgb(int id) {
        Entry e = byId.get(id);
        return e != null ? e.rgb() : fallbackRgb(id);
    }

    /** The id whose colour is {@code rgb} ({@code 0xRRGGBB}), or -1. */
    public int idOf(int rgb) {
        Integer id = idByRgb.get(rgb & 0xFFFFFF);
        return id != null ? id : -1;
    }

    /**
     * A deterministic colour for an id the palette does not name: SPADE's {@code util.labelcolormap} (the
     * PASCAL VOC bit-interleaved colour map of {@code id + 1}), so 0 is not black.
     */
    public static int fallbackRgb(int id) {
        int r = 0;
        int g = 0;
        int b = 0;
        int c = id + 1;
        for (int j = 0; j < 7; j++) {
            r ^= (c & 1) << (7 - j);
            g ^= (c >> 1 & 1) << (7 - j);
            b ^= (c >> 2 & 1) << (7 - j);
            c >>= 3;
        }
        return r << 16 | g << 8 | b;
    }

    /** {@code "#rrggbb"}. */
    public static String hex(int rgb) {
        return String.format(Locale.ROOT, "#%06x", rgb & 0xFFFFFF);
    }

    /** {@code "#rrggbb"} (or {@code "rrggbb"}, any case) as {@code 0xRRGGBB}; -1 when malformed. */
    static int parseColour(String s) {
        String t = s.strip();
        if (t.startsWith("#")) {
            t = t.substring(1);
        }
        if (t.length() != 6) {
            return -1;
        }
        try {
            return Integer.parseInt(t, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
