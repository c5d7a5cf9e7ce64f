package org.gan4j.mystyle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gan4j.Gan4jException;
import org.gan4j.data.FaceAttributes;

/**
 * MyStyle++'s attributes of the album: M named, continuous values per picture (the paper's f_a(x_n)), from a CSV
 * file (a header {@code image,yaw,expression,…}, then one row per picture named by its file's stem) or, for a
 * {@code builtin:faces:ID} album, the values each picture was drawn with (yaw, expression, eye opening).
 *
 * @param names  the attributes' names, M
 * @param values values[n][m] of picture n, in the album's order
 */
public record AttributeTable(List<String> names, double[][] values) {

    /** The attributes of a {@code builtin:faces} picture. */
    public static final List<String> FACES = List.of("yaw", "expression", "eye_opening");

    public AttributeTable {
        names = List.copyOf(names);
        for (double[] row : values) {
            if (row.length != names.size()) {
                throw new IllegalArgumentException("every row needs " + names.size() + " values");
            }
        }
    }

    public int count() {
        return names.size();
    }

    /** The index of attribute {@code name}; one line naming the known ones otherwise. */
    public int index(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new Gan4jException("unknown attribute '" + name + "'; this model controls " + String.join(", ", names));
        }
        return i;
    }

    /** The true attributes of pictures 0..count-1 of procedural identity {@code id}. */
    public static AttributeTable builtin(int id, int count) {
        double[][] v = new double[count][];
        for (int i = 0; i < count; i++) {
            FaceAttributes a = FaceAttributes.draw(id, i);
            v[i] = new double[] {a.yaw(), a.smile(), a.eyeOpening()};
        }
        return new AttributeTable(FACES, v);
    }

    /** Reads {@code csv} and orders its rows as {@code albumNames} (file stems); one line for every problem. */
    public static AttributeTable read(Path csv, List<String> albumNames) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Gan4jException("--attributes " + csv + " cannot be read: " + e.getMessage());
        }
        lines.removeIf(l -> l.isBlank());
        if (lines.size() < 2) {
            throw new Gan4jException("--attributes " + csv + ": expected a header (image,name1,name2,...) and one row"
                    + " per album picture");
        }
        String[] header = lines.get(0).split(",", -1);
        if (header.length < 2) {
            throw new Gan4jException("--attributes " + csv + ": the header needs the image column and at least one"
                    + " attribute, got '" + lines.get(0) + "'");
        }
        List<String> names = new ArrayList<>();
        for (int j = 1; j < header.length; j++) {
            names.add(header[j].strip());
        }
        Map<String, double[]> rows = new HashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            if (f.length != header.length) {
                throw new Gan4jException("--attributes " + csv + " line " + (i + 1) + ": " + f.length + " fields, the"
                        + " header has " + header.length);
            }
            String stem = f[0].strip();
            if (stem.contains(".")) {
                stem = stem.substring(0, stem.lastIndexOf('.'));
            }
            double[] v = new double[names.size()];
            for (int j = 0; j < v.length; j++) {
                try {
                    v[j] = Double.parseDouble(f[j + 1].strip());
                } catch (NumberFormatException e) {
                    throw new Gan4jException("--attributes " + csv + " line " + (i + 1) + ": " + names.get(j) + " is '"
                            + f[j + 1].strip() + "', not a number");
                }
                if (!Double.isFinite(v[j])) {
                    throw new Gan4jException("--attributes " + csv + " line " + (i + 1) + ": " + names.get(j)
                            + " is not finite");
                }
            }
            rows.put(stem, v);
        }
        double[][] values = new double[albumNames.size()][];
        for (int n = 0; n < values.length; n++) {
            values[n] = rows.get(albumNames.get(n));
            if (values[n] == null) {
                throw new Gan4jException("--attributes " + csv + " has no row for the album picture '"
                        + albumNames.get(n) + "'");
            }
        }
        return new AttributeTable(names, values);
    }
}
