package org.gan4j.data;

import java.util.Random;

/**
 * Who a {@code builtin:faces} face is: what stays the same in every picture of one identity (head shape, skin,
 * hair, eyes, nose, mouth, ears, clothes). Sizes are in units of the image side at placement scale 1.
 *
 * @param id         the identity's number
 * @param headW      half-width of the head
 * @param headH      half-height of the head
 * @param jaw        width of the jaw relative to the cheeks (narrow 0.7 .. square 1.0)
 * @param skin       skin colour, RGB 0..1
 * @param hair       hair colour
 * @param hairStyle  0 short, 1 long, 2 bald, 3 fringe
 * @param eyeStyle   0 round, 1 almond, 2 dot
 * @param iris       iris colour
 * @param eyeGap     half the distance between the eyes, relative to headW
 * @param eyeSize    eye radius relative to headW
 * @param browWeight eyebrow thickness relative to headW
 * @param noseStyle  0 triangle, 1 line, 2 round
 * @param noseLength nose length relative to headH
 * @param mouthStyle 0 line, 1 lips, 2 open
 * @param mouthWidth half-width of the mouth relative to headW
 * @param lips       lip colour
 * @param earSize    ear radius relative to headW
 * @param shirt      clothes colour
 */
public record FaceIdentity(int id, double headW, double headH, double jaw, float[] skin, float[] hair, int hairStyle,
        int eyeStyle, float[] iris, double eyeGap, double eyeSize, double browWeight, int noseStyle,
        double noseLength, int mouthStyle, double mouthWidth, float[] lips, double earSize, float[] shirt) {

    private static final float[][] SKINS = {
        {0.98f, 0.84f, 0.72f}, {0.93f, 0.76f, 0.62f}, {0.85f, 0.65f, 0.50f},
        {0.72f, 0.52f, 0.38f}, {0.55f, 0.38f, 0.27f}, {0.40f, 0.27f, 0.19f}};
    private static final float[][] HAIRS = {
        {0.08f, 0.07f, 0.07f}, {0.30f, 0.18f, 0.10f}, {0.52f, 0.34f, 0.18f},
        {0.86f, 0.72f, 0.42f}, {0.66f, 0.26f, 0.12f}, {0.62f, 0.62f, 0.64f}};
    private static final float[][] IRISES = {
        {0.30f, 0.20f, 0.10f}, {0.20f, 0.40f, 0.70f}, {0.25f, 0.50f, 0.30f}, {0.10f, 0.10f, 0.12f}};

    /** Identity {@code id}: the same values for the same id on every machine. */
    public static FaceIdentity of(int id) {
        Random r = new Random(0x5EED_FACEL * 31 + id);
        double headW = 0.21 + 0.05 * r.nextDouble();
        return new FaceIdentity(id, headW, headW * (1.15 + 0.2 * r.nextDouble()), 0.72 + 0.26 * r.nextDouble(),
                jitter(SKINS[r.nextInt(SKINS.length)], r, 0.04f), jitter(HAIRS[r.nextInt(HAIRS.length)], r, 0.05f),
                r.nextInt(4), r.nextInt(3), IRISES[r.nextInt(IRISES.length)], 0.36 + 0.12 * r.nextDouble(),
                0.11 + 0.05 * r.nextDouble(), 0.03 + 0.05 * r.nextDouble(), r.nextInt(3),
                0.28 + 0.14 * r.nextDouble(), r.nextInt(3), 0.30 + 0.16 * r.nextDouble(),
                new float[] {0.62f + 0.2f * r.nextFloat(), 0.25f + 0.15f * r.nextFloat(), 0.28f + 0.15f * r.nextFloat()},
                0.16 + 0.08 * r.nextDouble(),
                shirt(r));
    }

    private static float[] shirt(Random r) {
        float[] c = {r.nextFloat(), r.nextFloat(), r.nextFloat()};
        float grey = (c[0] + c[1] + c[2]) / 3;
        float keep = 0.3f + 0.4f * r.nextFloat();
        for (int k = 0; k < 3; k++) {
            c[k] = keep * c[k] + (1 - keep) * grey;
        }
        return c;
    }

    private static float[] jitter(float[] c, Random r, float amount) {
        float[] out = new float[3];
        float common = (r.nextFloat() * 2 - 1) * amount;
        for (int k = 0; k < 3; k++) {
            out[k] = Math.max(0, Math.min(1, c[k] + common + (r.nextFloat() * 2 - 1) * amount * 0.4f));
        }
        return out;
    }
}
