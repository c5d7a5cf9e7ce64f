package org.gan4j.data;

import static org.gan4j.data.Scenes.BUILDING;
import static org.gan4j.data.Scenes.CLOUDS;
import static org.gan4j.data.Scenes.GRASS;
import static org.gan4j.data.Scenes.MOUNTAIN;
import static org.gan4j.data.Scenes.ROAD;
import static org.gan4j.data.Scenes.ROCK;
import static org.gan4j.data.Scenes.SAND;
import static org.gan4j.data.Scenes.SKY;
import static org.gan4j.data.Scenes.TREE;
import static org.gan4j.data.Scenes.WATER;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The layout of one {@link Scenes} scene: its instance map at the render size, and the geometry the renderer
 * shades with. Stuff (sky, clouds, mountain, water, grass, road, sand) has its class id as instance id; each
 * tree, rock and building is an instance {@code class·1000 + k}, k ≥ 1 (Cityscapes' convention).
 *
 * <p>Every random number is drawn in normalised coordinates and in a fixed order before any pixel is looked at,
 * so a scene is the same picture at every size, only sampled more or less finely.
 */
final class SceneLayout {

    /** A building: wall from {@code top} to {@code base}, an optional gable of height {@code roof} above it. */
    record Building(double x0, double x1, double top, double base, double roof, boolean gable, int wall, int cols,
            int rows) {}

    /** A tree: crown centre and radius, the row where the trunk begins, and its base. */
    record Tree(double cx, double cy, double r, boolean conifer, double trunkTop, double base) {}

    /** A rock: a lumpy half-ellipse standing on its base line. */
    record Rock(double cx, double base, double rx, double ry) {}

    /** No water, a sea from the horizon to a shoreline, or a lake below the horizon. */
    static final int NO_WATER = 0;
    static final int SEA = 1;
    static final int LAKE = 2;

    private static final long SALT = 0x5CE4E5_1A70L;

    final int w;
    final int h;
    final int[] inst;
    /** The first ground row: sky, clouds and mountains lie above it. */
    final int horizon;
    /** Ridge top (row, fractional) per column of the far and the near mountain range; null when absent. */
    final double[] farTop;
    final double[] nearTop;
    /** The highest point (smallest row) of each range. */
    double farPeak;
    double nearPeak;
    final int water;
    /** The road: vanishing point, bottom centre, bottom half-width, bend (in pixels), dashed centre line. */
    final double[] road;
    final boolean roadLine;
    final List<Building> buildings = new ArrayList<>();
    final List<Tree> trees = new ArrayList<>();
    final List<Rock> rocks = new ArrayList<>();

    private SceneLayout(int w, int h, int horizon, double[] farTop, double[] nearTop, int water, double[] road,
            boolean roadLine) {
        this.w = w;
        this.h = h;
        this.inst = new int[w * h];
        this.horizon = horizon;
        this.farTop = farTop;
        this.nearTop = nearTop;
        this.water = water;
        this.road = road;
        this.roadLine = roadLine;
    }

    /** The class of instance id {@code id}. */
    static int classOf(int id) {
        return id < 1000 ? id : id / 1000;
    }

    /** The road's centre column at row {@code y}. */
    double roadCentre(double y) {
        double t = (y - horizon) / (h - horizon);
        return road[0] + (road[1] - road[0]) * t + road[3] * 4 * t * (1 - t);
    }

    /** The road's half-width at row {@code y}. */
    double roadHalf(double y) {
        return road[2] * Math.max(0, (y - horizon) / (h - horizon));
    }

    static SceneLayout build(int index, int w, int h) {
        Random rnd = new Random(Scenes.seed(index, SALT));
        double hv = 0.34 + 0.26 * rnd.nextDouble();
        int horizon = Math.max(1, Math.min(h - 1, (int) Math.round(hv * h)));
        double gd = 1 - hv;

        // Sky and clouds (drawn first, so that everything else hides them).
        int clouds = rnd.nextDouble() < 0.2 ? 0 : 1 + rnd.nextInt(6);
        double[][] puffs = new double[clouds * 8][];
        for (int c = 0; c < clouds; c++) {
            double cu = rnd.nextDouble();
            double cv = 0.04 + rnd.nextDouble() * (hv - 0.14);
            double size = 0.035 + 0.08 * rnd.nextDouble();
            int n = 3 + rnd.nextInt(6);
            for (int k = 0; k < 8; k++) {
                double du = (rnd.nextDouble() - 0.5) * size * 3.2;
                double dv = (rnd.nextDouble() - 0.5) * size * 0.6;
                double r = size * (0.45 + 0.55 * rnd.nextDouble());
                puffs[c * 8 + k] = k < n ? new double[] {cu, cv, du, dv, r, size} : null;
            }
        }

        // Mountains: one or two ranges, fractal profiles with a few peaks.
        boolean mountains = rnd.nextDouble() < 0.8;
        boolean twoRanges = rnd.nextDouble() < 0.5;
        double[][] range = new double[2][];
        SceneNoise.Line[] lines = new SceneNoise.Line[2];
        double[][] peaks = new double[2][9];
        for (int l = 0; l < 2; l++) {
            lines[l] = new SceneNoise.Line(rnd, 3 + rnd.nextInt(4), 6);
            for (int k = 0; k < 9; k++) {
                peaks[l][k] = rnd.nextDouble();
            }
        }
        double farAmp = (0.3 + 0.6 * rnd.nextDouble()) * hv;
        double nearAmp = farAmp * (0.3 + 0.35 * rnd.nextDouble());

        // Water and ground.
        double waterDraw = rnd.nextDouble();
        int water = waterDraw < 0.35 ? SEA : waterDraw < 0.68 ? LAKE : NO_WATER;
        double seaDepth = 0.12 + 0.5 * rnd.nextDouble();
        double seaTilt = (rnd.nextDouble() - 0.5) * 0.4;
        SceneNoise.Line shore = new SceneNoise.Line(rnd, 3, 5);
        boolean beach = rnd.nextDouble() < 0.75;
        double beachWidth = 0.04 + 0.12 * rnd.nextDouble();
        SceneNoise.Line beachLine = new SceneNoise.Line(rnd, 4, 3);
        double lakeU = 0.25 + 0.5 * rnd.nextDouble();
        double lakeHalf = 0.18 + 0.3 * rnd.nextDouble();
        double lakeTop = 0.06 * rnd.nextDouble();
        double lakeDepth = 0.12 + 0.3 * rnd.nextDouble();
        SceneNoise.Line lakeLine = new SceneNoise.Line(rnd, 4, 4);
        boolean lakeSand = rnd.nextDouble() < 0.35;
        double lakeSandWidth = 0.03 + 0.05 * rnd.nextDouble();
        boolean desert = rnd.nextDouble() < 0.15;
        int patches = rnd.nextDouble() < 0.4 ? 1 + rnd.nextInt(3) : 0;
        double[][] patch = new double[3][5];
        for (double[] p : patch) {
            for (int k = 0; k < 5; k++) {
                p[k] = rnd.nextDouble();
            }
        }

        // Road.
        boolean hasRoad = rnd.nextDouble() < 0.45;
        double roadVanish = 0.2 + 0.6 * rnd.nextDouble();
        double roadBottom = 0.1 + 0.8 * rnd.nextDouble();
        double roadHalf = 0.1 + 0.18 * rnd.nextDouble();
        double roadBend = (rnd.nextDouble() - 0.5) * 0.3;
        boolean roadLine = rnd.nextDouble() < 0.5;

        double[] farTop = mountains ? new double[w] : null;
        double[] nearTop = mountains && twoRanges ? new double[w] : null;
        double[] roadGeom = hasRoad ? new double[] {roadVanish * w, roadBottom * w, roadHalf * w, roadBend * w} : null;
        SceneLayout s = new SceneLayout(w, h, horizon, farTop, nearTop, water, roadGeom, roadLine);
        int[] id = s.inst;

        for (double[] p : puffs) {
            if (p != null) {
                double cx = p[0] * w + p[2] * h;
                double cy = p[1] * h + p[3] * h;
                double flatBottom = (p[1] + 0.25 * p[5]) * h;
                s.fillEllipse(cx, cy, p[4] * h * 1.5, p[4] * h * 0.7, CLOUDS, SKY, Math.min(horizon, flatBottom));
            }
        }
        if (mountains) {
            for (int l = 0; l < (twoRanges ? 2 : 1); l++) {
                double[] top = l == 0 ? farTop : nearTop;
                double amp = l == 0 ? farAmp : nearAmp;
                double[] pk = peaks[l];
                for (int x = 0; x < w; x++) {
                    double u = (x + 0.5) / w;
                    double height = 0.5 + 0.35 * lines[l].at(u);
                    for (int k = 0; k < 3; k++) {
                        double d = Math.abs(u - pk[3 * k]) / (0.08 + 0.2 * pk[3 * k + 2]);
                        height += 0.5 * pk[3 * k + 1] * Math.max(0, 1 - d);
                    }
                    top[x] = Math.max(1, (hv - amp * Math.min(1, Math.max(0.05, height / 1.3))) * h);
                    for (int y = (int) Math.ceil(top[x] - 0.5); y < horizon; y++) {
                        id[y * w + x] = MOUNTAIN;
                    }
                }
                double peak = Arrays.stream(top).min().orElse(horizon);
                if (l == 0) {
                    s.farPeak = peak;
                } else {
                    s.nearPeak = peak;
                }
            }
        }
        int land = desert ? SAND : GRASS;
        for (int x = 0; x < w; x++) {
            double u = (x + 0.5) / w;
            double seaEnd = hv + gd * Math.min(0.95, Math.max(0.04, seaDepth + seaTilt * (u - 0.5) + 0.1 * shore.at(u)));
            double beachEnd = seaEnd + gd * beachWidth * (1 + 0.6 * beachLine.at(u));
            double lx = (u - lakeU) / (lakeHalf * (1 + 0.12 * lakeLine.at(u)));
            double lakeSpan = lx * lx < 1 ? Math.sqrt(1 - lx * lx) : -1;
            double lakeStart = hv + gd * lakeTop;
            double lakeEnd = lakeStart + gd * lakeDepth * lakeSpan;
            double sandEnd = lakeEnd + gd * lakeSandWidth * (1 + 0.5 * lakeLine.at(1 - u));
            for (int y = horizon; y < h; y++) {
                double v = (y + 0.5) / h;
                int c = land;
                if (water == SEA) {
                    c = v < seaEnd ? WATER : beach && v < beachEnd ? SAND : land;
                } else if (water == LAKE && lakeSpan > 0) {
                    c = v >= lakeStart && v < lakeEnd ? WATER
                            : lakeSand && v >= lakeStart && v < sandEnd && lx * lx < 0.97 ? SAND : land;
                }
                id[y * w + x] = c;
            }
        }
        for (int k = 0; k < patches; k++) {
            double[] p = patch[k];
            double t = 0.15 + 0.8 * p[1];
            double cy = (hv + gd * t) * h;
            double rx = (0.06 + 0.2 * p[2]) * h * (0.4 + t);
            s.fillPatch(p[0] * w, cy, rx, rx * (0.18 + 0.2 * p[3]), p[4] * 6.28, land == SAND ? GRASS : SAND, land);
        }
        if (hasRoad) {
            for (int y = horizon; y < h; y++) {
                double c = s.roadCentre(y + 0.5);
                double half = s.roadHalf(y + 0.5);
                for (int x = Math.max(0, (int) Math.ceil(c - half - 0.5)); x < Math.min(w, c + half - 0.5); x++) {
                    int v = id[y * w + x];
                    if (v == GRASS || v == SAND) {
                        id[y * w + x] = ROAD;
                    }
                }
            }
        }

        // Things, drawn far to near: buildings, trees, rocks.
        List<Thing> things = new ArrayList<>();
        boolean town = rnd.nextDouble() < 0.35;
        int nBuildings = 1 + rnd.nextInt(6);
        double rowT = 0.02 + 0.2 * rnd.nextDouble();
        double u = 0.6 * rnd.nextDouble();
        for (int k = 0; k < 6; k++) {
            double gap = 0.005 + 0.05 * rnd.nextDouble();
            double persp = 0.5 + 2.0 * rowT;
            double width = (0.06 + 0.12 * rnd.nextDouble()) * persp;
            double height = (0.08 + 0.28 * rnd.nextDouble()) * persp;
            boolean gable = rnd.nextDouble() < 0.4;
            double roof = (0.15 + 0.3 * rnd.nextDouble()) * width;
            int wall = rnd.nextInt(3);
            int cols = 2 + rnd.nextInt(4);
            int rows = 2 + rnd.nextInt(5);
            double jitter = (rnd.nextDouble() - 0.5) * 0.02;
            if (town && k < nBuildings) {
                double x0 = u * w;
                double x1 = x0 + width * h;
                double base = (hv + gd * (rowT + jitter)) * h;
                things.add(new Thing(base, BUILDING, new Building(x0, x1, Math.max(1, base - height * h), base,
                        gable ? roof * h : 0, gable, wall, cols, rows)));
            }
            u += width * h / w + gap;
        }
        boolean treeLine = rnd.nextDouble() < 0.3;
        boolean treeLineConifer = rnd.nextDouble() < 0.5;
        int lineTrees = 10 + rnd.nextInt(30);
        for (int k = 0; k < 40; k++) {
            double tu = rnd.nextDouble();
            double tt = 0.005 + 0.04 * rnd.nextDouble();
            double size = 0.01 + 0.012 * rnd.nextDouble();
            double[] shape = shape(rnd);
            if (treeLine && k < lineTrees) {
                things.add(tree(tu * w, (hv + gd * tt) * h, size * h, treeLineConifer, shape));
            }
        }
        int clusters = rnd.nextDouble() < 0.2 ? 0 : 1 + rnd.nextInt(4);
        for (int c = 0; c < 4; c++) {
            double cu = rnd.nextDouble();
            double ct = 0.08 + 0.97 * rnd.nextDouble();
            boolean conifer = rnd.nextDouble() < 0.35;
            int count = 1 + rnd.nextInt(6);
            double spread = 0.04 + 0.12 * rnd.nextDouble();
            for (int k = 0; k < 6; k++) {
                double du = (rnd.nextDouble() - 0.5) * spread * (0.3 + ct);
                double dt = (rnd.nextDouble() - 0.5) * 0.06;
                double sizeJ = 0.75 + 0.5 * rnd.nextDouble();
                double[] shape = shape(rnd);
                if (c < clusters && k < count) {
                    double t = Math.max(0.01, ct + dt);
                    double r = (0.014 + 0.1 * t) * sizeJ * h;
                    things.add(tree(cu * w + du * h, (hv + gd * t) * h, r, conifer, shape));
                }
            }
        }
        int nRocks = rnd.nextDouble() < 0.3 ? 0 : 1 + rnd.nextInt(5);
        for (int k = 0; k < 5; k++) {
            double ru = rnd.nextDouble();
            double rt = 0.1 + 0.9 * rnd.nextDouble();
            double size = 0.8 + 0.8 * rnd.nextDouble();
            double elong = 1 + 0.8 * rnd.nextDouble();
            double flat = 0.55 + 0.4 * rnd.nextDouble();
            double ph1 = rnd.nextDouble() * 6.28;
            double ph2 = rnd.nextDouble() * 6.28;
            if (k < nRocks) {
                double r = (0.01 + 0.06 * rt) * size * h;
                things.add(new Thing((hv + gd * rt) * h, ROCK, new Rock(ru * w, (hv + gd * rt) * h, r * elong,
                        r * flat * 1.3), ph1, ph2));
            }
        }
        things.sort(Comparator.comparingDouble(Thing::base));
        for (Thing t : things) {
            t.paint(s);
        }
        return s;
    }

    private static double[] shape(Random rnd) {
        double[] s = new double[12];
        for (int i = 0; i < s.length; i++) {
            s[i] = rnd.nextDouble();
        }
        return s;
    }

    private static Thing tree(double cx, double base, double r, boolean conifer, double[] shape) {
        double trunkTop = conifer ? base - 0.35 * r : base - 0.55 * r;
        double cy = conifer ? base - 1.7 * r : trunkTop - 0.7 * r;
        return new Thing(base, TREE, new Tree(cx, cy, r, conifer, trunkTop, base), shape);
    }

    /** A tree, rock or building waiting to be painted, with the numbers that shape its outline. */
    private record Thing(double base, int cls, Object what, double... shape) {

        void paint(SceneLayout s) {
            int row = (int) Math.min(s.h - 1, Math.max(s.horizon, base));
            int col = switch (cls) {
                case TREE -> (int) ((Tree) what).cx();
                case ROCK -> (int) ((Rock) what).cx();
                default -> (int) ((((Building) what).x0() + ((Building) what).x1()) / 2);
            };
            if (col < 0 || col >= s.w) {
                return;
            }
            int ground = s.inst[row * s.w + col];
            boolean ok = switch (cls) {
                case ROCK -> ground == GRASS || ground == SAND || ground == WATER;
                default -> ground == GRASS || ground == SAND;
            };
            if (!ok) {
                return;
            }
            switch (cls) {
                case TREE -> {
                    int v = s.next(TREE, s.trees.size());
                    if (v > 0) {
                        s.trees.add((Tree) what);
                        s.paintTree((Tree) what, shape, v);
                    }
                }
                case ROCK -> {
                    int v = s.next(ROCK, s.rocks.size());
                    if (v > 0) {
                        s.rocks.add((Rock) what);
                        s.paintRock((Rock) what, shape[0], shape[1], v);
                    }
                }
                default -> {
                    int v = s.next(BUILDING, s.buildings.size());
                    if (v > 0) {
                        s.buildings.add((Building) what);
                        s.paintBuilding((Building) what, v);
                    }
                }
            }
        }
    }

    /** The instance id of the next thing of class {@code cls}, or 0 when 999 are already drawn. */
    private int next(int cls, int drawn) {
        return drawn < 999 ? cls * 1000 + drawn + 1 : 0;
    }

    private void fillEllipse(double cx, double cy, double rx, double ry, int value, int onlyOver, double yMax) {
        int y0 = Math.max(0, (int) Math.floor(cy - ry));
        int y1 = Math.min(h - 1, (int) Math.min(yMax - 0.5, cy + ry));
        for (int y = y0; y <= y1; y++) {
            double dy = (y + 0.5 - cy) / ry;
            double half = 1 - dy * dy;
            if (half <= 0) {
                continue;
            }
            half = rx * Math.sqrt(half);
            for (int x = Math.max(0, (int) Math.ceil(cx - half - 0.5)); x < Math.min(w, cx + half - 0.5); x++) {
                if (inst[y * w + x] == onlyOver) {
                    inst[y * w + x] = value;
                }
            }
        }
    }

    /** A wobbly ellipse of {@code value} over pixels of class {@code onlyOver}. */
    private void fillPatch(double cx, double cy, double rx, double ry, double phase, int value, int onlyOver) {
        for (int y = Math.max(horizon, (int) (cy - ry * 1.3)); y < Math.min(h, cy + ry * 1.3); y++) {
            for (int x = Math.max(0, (int) (cx - rx * 1.3)); x < Math.min(w, cx + rx * 1.3); x++) {
                double dx = (x + 0.5 - cx) / rx;
                double dy = (y + 0.5 - cy) / ry;
                double wobble = 1 + 0.2 * StrictMath.sin(dx * 4 + phase) + 0.1 * StrictMath.sin(dy * 5 - phase);
                if (dx * dx + dy * dy < wobble * wobble && inst[y * w + x] == onlyOver) {
                    inst[y * w + x] = value;
                }
            }
        }
    }

    private void paintTree(Tree t, double[] shape, int value) {
        double r = t.r();
        if (t.conifer()) {
            double apex = t.base() - 3.0 * r;
            double foot = t.trunkTop();
            for (int y = Math.max(0, (int) apex); y < Math.min(h, foot); y++) {
                double s = (y + 0.5 - apex) / (foot - apex);
                double tier = s * (3 + 3 * shape[0]);
                double half = 0.95 * r * s * (0.7 + 0.3 * (tier - Math.floor(tier)));
                fillRow(y, t.cx() - half, t.cx() + half, value);
            }
        } else {
            for (int k = 0; k < 4; k++) {
                double px = t.cx() + (shape[3 * k] - 0.5) * 1.1 * r;
                double py = t.cy() + (shape[3 * k + 1] - 0.6) * 0.9 * r;
                double pr = r * (0.5 + 0.35 * shape[3 * k + 2]);
                py = Math.min(py, t.trunkTop() - pr * 0.8);
                for (int y = Math.max(0, (int) (py - pr)); y < Math.min(h, py + pr); y++) {
                    double dy = (y + 0.5 - py) / pr;
                    if (dy * dy < 1) {
                        double half = pr * Math.sqrt(1 - dy * dy);
                        fillRow(y, px - half, px + half, value);
                    }
                }
            }
        }
        double trunk = Math.max(0.6, 0.11 * r);
        for (int y = Math.max(0, (int) t.trunkTop() - 1); y < Math.min(h, t.base()); y++) {
            fillRow(y, t.cx() - trunk, t.cx() + trunk, value);
        }
    }

    private void paintRock(Rock k, double ph1, double ph2, int value) {
        for (int y = Math.max(0, (int) (k.base() - k.ry() * 1.3)); y < Math.min(h, k.base() + 0.15 * k.ry()); y++) {
            double dy = (y + 0.5 - k.base()) / k.ry();
            for (int x = Math.max(0, (int) (k.cx() - k.rx() * 1.3)); x < Math.min(w, k.cx() + k.rx() * 1.3); x++) {
                double dx = (x + 0.5 - k.cx()) / k.rx();
                double rr = 1 + 0.18 * StrictMath.sin(dx * 3 + ph1) + 0.08 * StrictMath.sin(dx * 7 + ph2);
                if (dx * dx + dy * dy <= rr * rr) {
                    inst[y * w + x] = value;
                }
            }
        }
    }

    private void paintBuilding(Building b, int value) {
        for (int y = Math.max(0, (int) (b.top() - b.roof())); y < Math.min(h, b.base()); y++) {
            double yc = y + 0.5;
            if (yc >= b.top()) {
                fillRow(y, b.x0(), b.x1(), value);
            } else {
                double half = (b.x1() - b.x0()) / 2 * (1 - (b.top() - yc) / b.roof());
                double mid = (b.x0() + b.x1()) / 2;
                fillRow(y, mid - half, mid + half, value);
            }
        }
    }

    /** Sets the pixels of row {@code y} whose centres lie in [x0, x1). */
    private void fillRow(int y, double x0, double x1, int value) {
        int a = Math.max(0, (int) Math.ceil(x0 - 0.5));
        int b = Math.min(w, (int) Math.ceil(x1 - 0.5));
        for (int x = a; x < b; x++) {
            inst[y * w + x] = value;
        }
    }
}
