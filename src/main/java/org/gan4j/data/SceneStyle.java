package org.gan4j.data;

import java.util.Random;

/**
 * The look of a {@link Scenes} picture, drawn from a style index independently of the layout: time of day (sky
 * gradient, light colour, haze), and the colours and textures of every class. Colours are linear RGB triples in
 * [0, 1] before lighting.
 */
final class SceneStyle {

    private static final long SALT = 0x57F1E_C0105L;

    final float[] skyTop;
    final float[] skyHorizon;
    /** Multiplies every surface colour (the colour of the light). */
    final float[] light;
    /** What distance fades towards: the sky's colour at the horizon. */
    final float[] haze;
    /** Sun position in normalised coordinates and the strength of its glow in the sky. */
    final float sunU;
    final float sunV;
    final float glow;
    final float[] glowColour;
    /** +1 when the light comes from the left, −1 from the right. */
    final int sunLeft;
    final boolean dusk;
    final float[] cloud;
    final float cloudShadow;
    final float[] mountain;
    final boolean snow;
    /** Snow reaches this far down a range, as a fraction of its height. */
    final float snowLine;
    final float[] water;
    final float reflectivity;
    final float ripple;
    final float[] grass;
    final float[] grassAlt;
    final float[] tree;
    final float[] conifer;
    final float[] rock;
    final float[] road;
    final boolean asphalt;
    final float[] roadLine;
    final float[][] walls;
    final float[] roof;
    final float[] windowColour;
    final float[] sand;
    /** Texture offsets, so that two styles sample different parts of the noise textures. */
    final int ox;
    final int oy;

    SceneStyle(int styleIndex) {
        Random rnd = new Random(Scenes.seed(styleIndex, SALT));
        float tod = rnd.nextFloat();
        float brightness = 0.92f + 0.16f * rnd.nextFloat();
        if (tod < 0.5f) { // day
            skyTop = hsv(195 + 30 * rnd.nextFloat(), 0.45f + 0.3f * rnd.nextFloat(), 0.72f + 0.22f * rnd.nextFloat());
            skyHorizon = mix(skyTop, new float[] {0.93f, 0.95f, 1f}, 0.55f + 0.2f * rnd.nextFloat());
            light = scale(new float[] {1f, 1f, 0.97f}, brightness);
            glowColour = new float[] {1f, 1f, 0.9f};
            dusk = false;
        } else if (tod < 0.7f) { // golden hour
            skyTop = hsv(200 + 30 * rnd.nextFloat(), 0.45f + 0.25f * rnd.nextFloat(), 0.62f + 0.2f * rnd.nextFloat());
            skyHorizon = hsv(28 + 20 * rnd.nextFloat(), 0.4f + 0.3f * rnd.nextFloat(), 0.93f + 0.07f * rnd.nextFloat());
            light = scale(new float[] {1.1f, 0.93f, 0.72f}, brightness);
            glowColour = new float[] {1f, 0.8f, 0.45f};
            dusk = false;
        } else if (tod < 0.85f) { // dusk
            skyTop = hsv(225 + 45 * rnd.nextFloat(), 0.35f + 0.35f * rnd.nextFloat(), 0.3f + 0.2f * rnd.nextFloat());
            skyHorizon = hsv((350 + 40 * rnd.nextFloat()) % 360, 0.5f + 0.25f * rnd.nextFloat(), 0.8f + 0.15f * rnd.nextFloat());
            light = scale(new float[] {0.85f, 0.66f, 0.66f}, brightness);
            glowColour = new float[] {1f, 0.55f, 0.35f};
            dusk = true;
        } else { // overcast
            float g = 0.55f + 0.2f * rnd.nextFloat();
            skyTop = new float[] {g, g + 0.02f, g + 0.06f};
            skyHorizon = mix(skyTop, new float[] {0.86f, 0.87f, 0.88f}, 0.6f);
            light = scale(new float[] {0.84f, 0.86f, 0.9f}, brightness);
            glowColour = new float[] {0.9f, 0.9f, 0.9f};
            dusk = false;
        }
        haze = skyHorizon;
        sunU = rnd.nextFloat();
        sunV = 0.1f + 0.5f * rnd.nextFloat();
        glow = tod < 0.5f ? 0.15f * rnd.nextFloat() : tod < 0.85f ? 0.25f + 0.25f * rnd.nextFloat() : 0;
        sunLeft = sunU < 0.5f ? 1 : -1;
        cloud = tod < 0.5f ? new float[] {0.97f, 0.97f, 0.98f}
                : tod < 0.85f ? mix(new float[] {0.97f, 0.95f, 0.93f}, skyHorizon, 0.45f)
                : new float[] {0.76f, 0.77f, 0.79f};
        cloudShadow = 0.2f + 0.25f * rnd.nextFloat();
        mountain = pick(rnd, new float[][] {{0.45f, 0.48f, 0.56f}, {0.5f, 0.42f, 0.34f}, {0.46f, 0.41f, 0.5f},
                {0.36f, 0.43f, 0.36f}, {0.55f, 0.52f, 0.48f}});
        snow = rnd.nextFloat() < 0.45f;
        snowLine = 0.2f + 0.35f * rnd.nextFloat();
        water = pick(rnd, new float[][] {{0.06f, 0.2f, 0.36f}, {0.06f, 0.3f, 0.33f}, {0.16f, 0.24f, 0.18f},
                {0.1f, 0.16f, 0.3f}});
        reflectivity = 0.35f + 0.35f * rnd.nextFloat();
        ripple = 0.5f + rnd.nextFloat();
        float[][] grasses = {{0.3f, 0.55f, 0.18f}, {0.16f, 0.4f, 0.13f}, {0.56f, 0.55f, 0.27f}, {0.43f, 0.63f, 0.2f},
                {0.34f, 0.46f, 0.22f}};
        grass = mix(pick(rnd, grasses), pick(rnd, grasses), rnd.nextFloat());
        grassAlt = mix(grass, pick(rnd, grasses), 0.5f + 0.5f * rnd.nextFloat());
        float autumn = rnd.nextFloat();
        tree = autumn < 0.15f ? new float[] {0.58f, 0.3f, 0.07f}
                : autumn < 0.22f ? new float[] {0.55f, 0.16f, 0.06f}
                : mix(new float[] {0.1f, 0.28f, 0.08f}, new float[] {0.2f, 0.36f, 0.11f}, rnd.nextFloat());
        conifer = mix(new float[] {0.05f, 0.18f, 0.1f}, new float[] {0.1f, 0.24f, 0.14f}, rnd.nextFloat());
        rock = pick(rnd, new float[][] {{0.56f, 0.56f, 0.58f}, {0.6f, 0.57f, 0.54f}, {0.47f, 0.48f, 0.52f},
                {0.68f, 0.66f, 0.63f}});
        asphalt = rnd.nextFloat() < 0.75f;
        float g = 0.16f + 0.12f * rnd.nextFloat();
        road = asphalt ? new float[] {g, g, g * 1.04f} : pick(rnd, new float[][] {{0.47f, 0.37f, 0.26f},
                {0.55f, 0.44f, 0.32f}});
        roadLine = rnd.nextFloat() < 0.6f ? new float[] {0.92f, 0.92f, 0.9f} : new float[] {0.92f, 0.78f, 0.2f};
        float[][] wallChoices = {{0.88f, 0.86f, 0.82f}, {0.82f, 0.72f, 0.56f}, {0.62f, 0.3f, 0.22f},
                {0.6f, 0.6f, 0.6f}, {0.5f, 0.55f, 0.62f}, {0.85f, 0.75f, 0.45f}, {0.72f, 0.5f, 0.4f}};
        walls = new float[][] {pick(rnd, wallChoices), pick(rnd, wallChoices), pick(rnd, wallChoices)};
        roof = rnd.nextFloat() < 0.5f ? new float[] {0.45f, 0.18f, 0.12f} : new float[] {0.25f, 0.25f, 0.28f};
        windowColour = dusk ? new float[] {1f, 0.82f, 0.45f} : mix(new float[] {0.12f, 0.15f, 0.2f}, skyHorizon, 0.3f);
        sand = pick(rnd, new float[][] {{0.86f, 0.78f, 0.56f}, {0.9f, 0.86f, 0.74f}, {0.84f, 0.66f, 0.43f},
                {0.78f, 0.72f, 0.6f}});
        ox = rnd.nextInt(SceneNoise.SIZE);
        oy = rnd.nextInt(SceneNoise.SIZE);
    }

    private static float[] pick(Random rnd, float[][] choices) {
        return choices[rnd.nextInt(choices.length)].clone();
    }

    static float[] mix(float[] a, float[] b, float t) {
        return new float[] {a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t};
    }

    private static float[] scale(float[] a, float s) {
        return new float[] {a[0] * s, a[1] * s, a[2] * s};
    }

    /** Hue in degrees, saturation and value in [0, 1]. */
    private static float[] hsv(float hue, float s, float v) {
        float h = (hue % 360) / 60f;
        int i = (int) h;
        float f = h - i;
        float p = v * (1 - s);
        float q = v * (1 - s * f);
        float t = v * (1 - s * (1 - f));
        return switch (i) {
            case 0 -> new float[] {v, t, p};
            case 1 -> new float[] {q, v, p};
            case 2 -> new float[] {p, v, t};
            case 3 -> new float[] {p, q, v};
            case 4 -> new float[] {t, p, v};
            default -> new float[] {v, p, q};
        };
    }
}
