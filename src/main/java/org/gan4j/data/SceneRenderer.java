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
import static org.gan4j.data.SceneNoise.COARSE;
import static org.gan4j.data.SceneNoise.FINE;
import static org.gan4j.data.SceneNoise.at;

/**
 * Paints the photo of a {@link SceneLayout} in a {@link SceneStyle}: each pixel's colour comes from its class
 * (sky gradient and glow, shaded clouds, lit ridges with snow, grass and sand textures, leafy trees, faceted
 * rocks, a road with lane markings, walls with windows) and water reflects what was painted above it. Distance
 * fades everything towards the haze colour. Works at the render size; {@link Scenes} downsamples.
 */
final class SceneRenderer {

    private static final float[] DARK_WINDOW = {0.1f, 0.1f, 0.14f};

    private final SceneLayout s;
    private final SceneStyle st;
    private final int w;
    private final int h;
    private final int[] cls;
    private final float[] r;
    private final float[] g;
    private final float[] b;

    private SceneRenderer(SceneLayout layout, SceneStyle style) {
        this.s = layout;
        this.st = style;
        this.w = layout.w;
        this.h = layout.h;
        this.cls = new int[w * h];
        for (int i = 0; i < cls.length; i++) {
            cls[i] = SceneLayout.classOf(layout.inst[i]);
        }
        this.r = new float[w * h];
        this.g = new float[w * h];
        this.b = new float[w * h];
    }

    /** The rendered picture as three planes {r, g, b} at the layout's size, values in about [0, 1]. */
    static float[][] render(SceneLayout layout, SceneStyle style) {
        SceneRenderer p = new SceneRenderer(layout, style);
        p.paint();
        p.paintWater();
        return new float[][] {p.r, p.g, p.b};
    }

    private void paint() {
        int[] cloudDepth = new int[w];
        float[] c = new float[3];
        int ox = st.ox;
        int oy = st.oy;
        float groundSpan = Math.max(1, h - s.horizon);
        for (int y = 0; y < h; y++) {
            float skyT = Math.min(1f, (y + 0.5f) / Math.max(1, s.horizon));
            float skyMix = skyT * skyT;
            float[] sky = SceneStyle.mix(st.skyTop, st.skyHorizon, skyMix);
            float d = Math.max(0, (y + 0.5f - s.horizon) / groundSpan);
            float groundHaze = 0.4f * (1 - d) * (1 - d) * (1 - d) * (1 - d);
            float v = (y + 0.5f) / h;
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int k = cls[i];
                cloudDepth[x] = k == CLOUDS ? cloudDepth[x] + 1 : 0;
                float n = at(COARSE, x + ox, y + oy);
                float f = at(FINE, x + oy, y + ox);
                float haze = groundHaze;
                boolean lit = true;
                switch (k) {
                    case SKY -> {
                        set(c, sky);
                        if (st.glow > 0) {
                            float dx = ((x + 0.5f) / w - st.sunU) * w / h;
                            float dy = v - st.sunV;
                            float gl = st.glow / (1 + (dx * dx + dy * dy) * 30);
                            c[0] += st.glowColour[0] * gl;
                            c[1] += st.glowColour[1] * gl;
                            c[2] += st.glowColour[2] * gl;
                        }
                        lit = false;
                        haze = 0;
                    }
                    case CLOUDS -> {
                        float shade = 1 - st.cloudShadow * Math.min(1f, cloudDepth[x] / (0.05f * h));
                        float tex = (0.88f + 0.24f * n) * shade;
                        c[0] = st.cloud[0] * tex * 0.9f + sky[0] * 0.1f;
                        c[1] = st.cloud[1] * tex * 0.9f + sky[1] * 0.1f;
                        c[2] = st.cloud[2] * tex * 0.9f + sky[2] * 0.1f;
                        lit = false;
                        haze = 0;
                    }
                    case MOUNTAIN -> haze = mountain(c, x, y, n, f);
                    case GRASS -> {
                        float blade = at(FINE, x + ox, (y * 2) / 5 + oy);
                        mixInto(c, st.grass, st.grassAlt, n);
                        scaleBy(c, (0.78f + 0.3f * blade + 0.12f * f) * (0.88f + 0.12f * (1 - d)));
                    }
                    case SAND -> {
                        float ripple = at(FINE, x / 3 + ox, y + oy);
                        set(c, st.sand);
                        scaleBy(c, (0.9f + 0.16f * n) * (0.93f + 0.08f * f + 0.07f * ripple));
                    }
                    case ROAD -> road(c, x, y, d, f);
                    case TREE -> haze = tree(c, x, y, i, n, f);
                    case ROCK -> haze = rock(c, x, y, i, n, f);
                    case BUILDING -> haze = building(c, x, y, i, f);
                    default -> {
                        continue; // water: second pass
                    }
                }
                if (lit) {
                    c[0] *= st.light[0];
                    c[1] *= st.light[1];
                    c[2] *= st.light[2];
                }
                r[i] = c[0] + (st.haze[0] - c[0]) * haze;
                g[i] = c[1] + (st.haze[1] - c[1]) * haze;
                b[i] = c[2] + (st.haze[2] - c[2]) * haze;
            }
        }
    }

    /** Lit from the side the sun is on, textured, snow-capped in some styles; returns the haze amount. */
    private float mountain(float[] c, int x, int y, float n, float f) {
        boolean near = s.nearTop != null && y + 0.5 >= s.nearTop[x];
        double[] top = near ? s.nearTop : s.farTop;
        int xl = Math.max(0, x - 2);
        int xr = Math.min(w - 1, x + 2);
        float slope = (float) (top[xr] - top[xl]) / Math.max(1, xr - xl);
        float grad = at(COARSE, x + 3 + st.ox, y + st.oy) - at(COARSE, x - 3 + st.ox, y + st.oy);
        float depth = (float) ((y + 0.5 - top[x]) / Math.max(1, s.horizon - top[x]));
        // The ridge's slope lights the rock just below it; deeper down the texture's own relief takes over.
        float lit = Math.max(0.5f, Math.min(1.5f, 1 - st.sunLeft * (slope * 0.5f * (1 - depth) + grad * 3f)));
        set(c, st.mountain);
        if (near) {
            scaleBy(c, 0.72f);
            c[1] *= 1.06f;
        }
        scaleBy(c, lit * (1 - 0.25f * depth) * (0.84f + 0.2f * n + 0.08f * f));
        if (st.snow) {
            double peak = near ? s.nearPeak : s.farPeak;
            double range = s.horizon - peak;
            double snowDepth = Math.max(0, st.snowLine * range - (top[x] - peak) * 1.2) * (0.5 + n);
            if (y + 0.5 - top[x] < snowDepth) {
                float v = Math.min(1.1f, 0.8f + 0.2f * lit) * (0.95f + 0.05f * f);
                c[0] = 0.95f * v;
                c[1] = 0.96f * v;
                c[2] = 0.99f * v;
            }
        }
        return near ? 0.22f : 0.45f;
    }

    /** Asphalt with a dashed centre line and edge lines, or a dirt track with ruts. */
    private void road(float[] c, int x, int y, float d, float f) {
        double centre = s.roadCentre(y + 0.5);
        double half = Math.max(0.5, s.roadHalf(y + 0.5));
        double rel = (x + 0.5 - centre) / half;
        set(c, st.road);
        if (st.asphalt) {
            scaleBy(c, 0.88f + 0.24f * f);
            double lineHalf = 0.035 + 0.5 / half;
            boolean dash = ((int) (1.2 / (d + 0.03))) % 2 == 0;
            if (s.roadLine && Math.abs(rel) < lineHalf && dash) {
                set(c, st.roadLine);
            } else if (Math.abs(rel) > 0.92 - 0.5 / half) {
                set(c, st.roadLine);
                scaleBy(c, 0.9f);
            }
        } else {
            double rut = Math.abs(Math.abs(rel) - 0.45);
            scaleBy(c, (0.85f + 0.3f * f) * (rut < 0.1 ? 0.8f : 1f));
        }
    }

    /** A leafy crown lit on the sun side, darker at its outline, with a brown trunk. */
    private float tree(float[] c, int x, int y, int i, float n, float f) {
        int id = s.inst[i];
        SceneLayout.Tree t = s.trees.get(id % 1000 - 1);
        float jitter = 0.85f + 0.3f * hash(id);
        if (y + 0.5 >= t.trunkTop() && Math.abs(x + 0.5 - t.cx()) <= Math.max(0.6, 0.11 * t.r())) {
            c[0] = 0.3f * jitter;
            c[1] = 0.2f * jitter;
            c[2] = 0.12f * jitter;
        } else {
            set(c, t.conifer() ? st.conifer : st.tree);
            float lx = (float) ((x + 0.5 - t.cx()) / t.r());
            float ly = (float) ((y + 0.5 - t.cy()) / t.r());
            float lit = (1 + 0.28f * st.sunLeft * -lx) * (1 - 0.15f * ly);
            float leaves = at(FINE, 2 * x + st.oy, 2 * y + st.ox);
            scaleBy(c, jitter * Math.max(0.4f, lit) * (0.62f + 0.6f * leaves + 0.1f * n));
        }
        if (edge(i, id)) {
            scaleBy(c, 0.72f);
        }
        return hazeAt(t.base());
    }

    /** Lighter on top, faceted by the texture's gradient, with dark cracks. */
    private float rock(float[] c, int x, int y, int i, float n, float f) {
        int id = s.inst[i];
        SceneLayout.Rock k = s.rocks.get(id % 1000 - 1);
        float ly = (float) Math.max(0, Math.min(1.2, (y + 0.5 - (k.base() - k.ry())) / k.ry()));
        float grad = at(COARSE, 3 * x + 2 + st.ox, 3 * y + st.oy) - at(COARSE, 3 * x - 2 + st.ox, 3 * y + st.oy);
        float lit = Math.max(0.45f, 1.2f - 0.45f * ly + st.sunLeft * grad * 3);
        set(c, st.rock);
        scaleBy(c, (0.85f + 0.3f * hash(id)) * lit * (0.88f + 0.24f * f) * (f < 0.2f ? 0.7f : 1f));
        if (edge(i, id)) {
            scaleBy(c, 0.8f);
        }
        return hazeAt(k.base());
    }

    /** A wall with a grid of windows (lit at dusk), a shaded side, and a gable roof or a dark cornice. */
    private float building(float[] c, int x, int y, int i, float f) {
        int id = s.inst[i];
        SceneLayout.Building bd = s.buildings.get(id % 1000 - 1);
        double xc = x + 0.5;
        double yc = y + 0.5;
        if (yc < bd.top()) { // gable
            set(c, st.roof);
            double mid = (bd.x0() + bd.x1()) / 2;
            scaleBy(c, ((xc < mid) == (st.sunLeft > 0) ? 1.1f : 0.75f) * (0.9f + 0.2f * f));
            return hazeAt(bd.base());
        }
        double bx = (xc - bd.x0()) / (bd.x1() - bd.x0());
        double by = (yc - bd.top()) / (bd.base() - bd.top());
        set(c, st.walls[bd.wall()]);
        scaleBy(c, 0.93f + 0.14f * f);
        boolean side = st.sunLeft > 0 ? bx > 0.82 : bx < 0.18;
        if (side) {
            scaleBy(c, 0.68f);
        } else if (!bd.gable() && by < 0.05) {
            scaleBy(c, 0.7f);
        } else {
            double front = st.sunLeft > 0 ? bx / 0.82 : (bx - 0.18) / 0.82;
            double fx = front * bd.cols();
            double fy = by * bd.rows();
            int col = (int) fx;
            int row = (int) fy;
            double wx = fx - col;
            double wy = fy - row;
            if (wx > 0.25 && wx < 0.75 && wy > 0.28 && wy < 0.72) {
                boolean on = st.dusk && hash(id * 131 + col * 17 + row) < 0.6f;
                if (on) {
                    set(c, st.windowColour);
                    return hazeAt(bd.base()) * 0.5f;
                }
                set(c, st.dusk ? DARK_WINDOW : st.windowColour);
            }
        }
        return hazeAt(bd.base());
    }

    /** Water: the colour of the water mixed with the mirror image of what lies above it, rippled. */
    private void paintWater() {
        int[] runTop = new int[w];
        float groundSpan = Math.max(1, h - s.horizon);
        for (int y = 0; y < h; y++) {
            float d = Math.max(0, (y + 0.5f - s.horizon) / groundSpan);
            float haze = 0.3f * (1 - d) * (1 - d) * (1 - d) * (1 - d);
            float fresnel = st.reflectivity * (1 - 0.55f * d);
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (cls[i] != WATER) {
                    runTop[x] = y + 1;
                    continue;
                }
                float rip = SceneNoise.smooth(FINE, (x + st.ox) * 0.15f, (y + st.oy) * 1.3f);
                int xs = Math.max(0, Math.min(w - 1, x + Math.round((rip - 0.5f) * 8 * st.ripple)));
                int ys = 2 * runTop[x] - y - 1;
                float rr;
                float rg;
                float rb;
                if (ys < 0 || cls[ys * w + xs] == WATER) {
                    rr = st.skyHorizon[0];
                    rg = st.skyHorizon[1];
                    rb = st.skyHorizon[2];
                } else {
                    int j = ys * w + xs;
                    rr = r[j];
                    rg = g[j];
                    rb = b[j];
                }
                float tex = 0.86f + 0.28f * rip;
                float cr = (st.water[0] * st.light[0] + (rr - st.water[0] * st.light[0]) * fresnel) * tex;
                float cg = (st.water[1] * st.light[1] + (rg - st.water[1] * st.light[1]) * fresnel) * tex;
                float cb = (st.water[2] * st.light[2] + (rb - st.water[2] * st.light[2]) * fresnel) * tex;
                if (s.water == SceneLayout.SEA && y + 2 < h && (cls[i + w] != WATER || cls[i + 2 * w] != WATER)) {
                    cr += (0.9f - cr) * 0.5f; // foam along the shore
                    cg += (0.92f - cg) * 0.5f;
                    cb += (0.92f - cb) * 0.5f;
                }
                r[i] = cr + (st.haze[0] - cr) * haze;
                g[i] = cg + (st.haze[1] - cg) * haze;
                b[i] = cb + (st.haze[2] - cb) * haze;
            }
        }
    }

    /** Whether a 4-neighbour of pixel {@code i} belongs to another instance. */
    private boolean edge(int i, int id) {
        int x = i % w;
        return (x > 0 && s.inst[i - 1] != id) || (x < w - 1 && s.inst[i + 1] != id)
                || (i >= w && s.inst[i - w] != id) || (i + w < s.inst.length && s.inst[i + w] != id);
    }

    /** The ground's haze at row {@code y} (things take the haze of the ground they stand on). */
    private float hazeAt(double y) {
        float d = (float) Math.max(0, Math.min(1, (y - s.horizon) / Math.max(1, h - s.horizon)));
        float e = 1 - d;
        return 0.4f * e * e * e * e;
    }

    /** A number in [0, 1] fixed by {@code k}. */
    private static float hash(int k) {
        int x = k * 0x9E3779B9;
        x ^= x >>> 15;
        x *= 0x85EBCA6B;
        x ^= x >>> 13;
        return (x >>> 8) / (float) (1 << 24);
    }

    private static void set(float[] c, float[] v) {
        c[0] = v[0];
        c[1] = v[1];
        c[2] = v[2];
    }

    private static void scaleBy(float[] c, float k) {
        c[0] *= k;
        c[1] *= k;
        c[2] *= k;
    }

    private static void mixInto(float[] c, float[] a, float[] bb, float t) {
        c[0] = a[0] + (bb[0] - a[0]) * t;
        c[1] = a[1] + (bb[1] - a[1]) * t;
        c[2] = a[2] + (bb[2] - a[2]) * t;
    }
}
