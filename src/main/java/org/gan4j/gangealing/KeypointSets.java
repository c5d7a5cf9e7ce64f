package org.gan4j.gangealing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gan4j.Gan4jException;
import org.gan4j.data.FaceSample;
import org.gan4j.data.Faces;
import org.gan4j.data.ImageFolder;
import org.gan4j.data.Images;
import org.gan4j.data.SquareImages;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;

/**
 * Images with key points for PCK-Transfer: held-out {@code builtin:faces} pictures, or a folder where each image
 * {@code NAME.png} has {@code NAME.json} = {@code {"points": [[x, y], ...]}} (optionally {@code [x, y, visible]};
 * pixels of the image as stored). Images are centre-cropped to squares and resized; points follow.
 */
public final class KeypointSets {

    /** The first held-out builtin:faces index used for evaluation (the training set is 0..9,999). */
    public static final long FACES_HELD_OUT = 100_000;

    private KeypointSets() {}

    /** {@code count} held-out builtin:faces pictures at {@code size} px, with their key points and placements. */
    public static List<FaceSample> heldOutFaces(int count, int size) {
        List<FaceSample> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(Faces.sample(FACES_HELD_OUT + i, size));
        }
        return out;
    }

    /** {@code count} held-out builtin:faces pictures at {@code size} px with their 9 key points (all visible). */
    public static Pck.Set faces(int count, int size) {
        return faces(heldOutFaces(count, size));
    }

    /** builtin:faces pictures (all of one size) as a key-point set, all 9 points visible. */
    public static Pck.Set faces(List<FaceSample> samples) {
        int count = samples.size();
        List<BufferedImage> imgs = new ArrayList<>();
        float[] pts = new float[count * Faces.KEYPOINTS.size() * 2];
        for (int i = 0; i < count; i++) {
            FaceSample s = samples.get(i);
            imgs.add(s.image());
            for (int k = 0; k < Faces.KEYPOINTS.size(); k++) {
                pts[(i * Faces.KEYPOINTS.size() + k) * 2] = (float) s.keypoints()[k][0];
                pts[(i * Faces.KEYPOINTS.size() + k) * 2 + 1] = (float) s.keypoints()[k][1];
            }
        }
        return new Pck.Set(Scope.keepAlive(ImageTensors.fromImages(imgs)),
                Scope.keepAlive(Tensors.of(pts, count, Faces.KEYPOINTS.size(), 2)),
                Scope.keepAlive(Tensors.ones(count, Faces.KEYPOINTS.size())), Faces.MIRROR);
    }

    /** A folder of images with {@code .json} key points, at {@code size} px; {@code mirror} may be null. */
    public static Pck.Set folder(Path dir, int size, int[] mirror) throws IOException {
        List<Path> files = ImageFolder.list(dir);
        List<BufferedImage> imgs = new ArrayList<>();
        List<double[][]> all = new ArrayList<>();
        int np = -1;
        for (Path f : files) {
            Path json = f.resolveSibling(f.getFileName().toString().replaceFirst("\\.[^.]*$", "") + ".json");
            if (!Files.exists(json)) {
                continue;
            }
            BufferedImage img = Images.read(f);
            double[][] pts = readPoints(json);
            if (np >= 0 && pts.length != np) {
                throw new Gan4jException(json + " has " + pts.length + " points; the other files have " + np);
            }
            np = pts.length;
            int side = Math.min(img.getWidth(), img.getHeight());
            double ox = (img.getWidth() - side) / 2.0;
            double oy = (img.getHeight() - side) / 2.0;
            double scale = (double) size / side;
            for (double[] p : pts) {
                // pixel centres: (x + 0.5)·scale − 0.5 after the crop
                p[0] = (p[0] - Math.floor(ox) + 0.5) * scale - 0.5;
                p[1] = (p[1] - Math.floor(oy) + 0.5) * scale - 0.5;
            }
            imgs.add(SquareImages.fit(img, size));
            all.add(pts);
        }
        if (all.size() < 2) {
            throw new Gan4jException("need at least two images with key points (NAME.png + NAME.json) in " + dir);
        }
        float[] xy = new float[all.size() * np * 2];
        float[] vis = new float[all.size() * np];
        for (int i = 0; i < all.size(); i++) {
            for (int k = 0; k < np; k++) {
                double[] p = all.get(i)[k];
                xy[(i * np + k) * 2] = (float) p[0];
                xy[(i * np + k) * 2 + 1] = (float) p[1];
                vis[i * np + k] = p.length > 2 ? (float) p[2] : 1f;
            }
        }
        return new Pck.Set(Scope.keepAlive(ImageTensors.fromImages(imgs)), Scope.keepAlive(Tensors.of(xy, all.size(), np, 2)),
                Scope.keepAlive(Tensors.of(vis, all.size(), np)), mirror);
    }

    /** {@code {"points": [[x, y(, visible)], ...]}}, with a one-line error for anything else. */
    public static double[][] readPoints(Path json) {
        try {
            JsonNode pts = new ObjectMapper().readTree(json.toFile()).get("points");
            if (pts == null || !pts.isArray() || pts.isEmpty()) {
                throw new Gan4jException(json + ": expected {\"points\": [[x, y], ...]}");
            }
            double[][] out = new double[pts.size()][];
            for (int i = 0; i < pts.size(); i++) {
                JsonNode p = pts.get(i);
                if (!p.isArray() || p.size() < 2 || p.size() > 3 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
                    throw new Gan4jException(json + ": point " + i + " is not [x, y] or [x, y, visible]");
                }
                out[i] = p.size() == 3 ? new double[] {p.get(0).asDouble(), p.get(1).asDouble(), p.get(2).asDouble()}
                        : new double[] {p.get(0).asDouble(), p.get(1).asDouble()};
            }
            return out;
        } catch (IOException e) {
            throw new Gan4jException("cannot read key points from " + json + ": " + e.getMessage());
        }
    }

    /** Disjoint random pairs over {@code n} images (a seeded shuffle, consecutive pairs), {@code count} of them at most. */
    public static int[][] pairs(int n, int count, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new java.util.Random(seed));
        int m = Math.min(count, n / 2);
        int[][] out = new int[m][];
        for (int k = 0; k < m; k++) {
            out[k] = new int[] {order.get(2 * k), order.get(2 * k + 1)};
        }
        return out;
    }
}
