package org.gan4j.torch;

import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.DeviceType;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Images to float32 CPU tensors and back: RGB {@code [N,3,H,W]} in [-1, 1] as SinGAN normalises them, masks
 * {@code [N,1,H,W]} in [0, 1].
 *
 * <p>Pixel values are taken with {@link Pixels#rgb}, so gray and 16-bit images convert exactly.
 */
public final class ImageTensors {

    /** {@code (v/255 - 0.5) * 2} for every byte, in the official code's precision (see {@link #fromImage}). */
    private static final float[] NORM = new float[256];

    static {
        for (int v = 0; v < 256; v++) {
            // numpy divides uint8 by 255 in float64, torch casts to float32, then (x - 0.5) * 2 in float32.
            float f = (float) (v / 255.0);
            NORM[v] = Math.max(-1f, Math.min(1f, (f - 0.5f) * 2f));
        }
    }

    private ImageTensors() {}

    /** {@code [1,3,H,W]} float32 in [-1, 1]: {@code (v/255 - 0.5) * 2}, exactly as SinGAN's {@code np2torch}. */
    public static Tensor fromImage(BufferedImage img) {
        Tensor t = empty(1, 3, img.getHeight(), img.getWidth());
        normalise(Pixels.rgb(img), t.createBuffer(), 0, new float[img.getWidth() * img.getHeight()]);
        return Placement.place(t);
    }

    /** {@code [N,3,H,W]} float32 in [-1, 1]; every image must have the size of the first. */
    public static Tensor fromImages(List<BufferedImage> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("fromImages: expected at least one image, got none");
        }
        int w = images.get(0).getWidth();
        int h = images.get(0).getHeight();
        Tensor t = empty(images.size(), 3, h, w);
        FloatBuffer buf = t.createBuffer();
        float[] plane = new float[w * h];
        for (int k = 0; k < images.size(); k++) {
            BufferedImage img = images.get(k);
            if (img.getWidth() != w || img.getHeight() != h) {
                throw new IllegalArgumentException("fromImages: image " + k + " is " + img.getWidth() + "x"
                        + img.getHeight() + " (WxH) but image 0 is " + w + "x" + h
                        + "; resize or crop them to one size first");
            }
            normalise(Pixels.rgb(img), buf, k * 3 * w * h, plane);
        }
        return Placement.place(t);
    }

    /**
     * {@code [1,1,H,W]} float32 in [0, 1] from the red channel ({@code r/255}); SinGAN reads masks as channel 0
     * of an RGB image.
     */
    public static Tensor maskFromImage(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] px = Pixels.rgb(img);
        float[] data = new float[w * h];
        for (int i = 0; i < px.length; i++) {
            data[i] = (float) ((px[i] >>> 16 & 0xFF) / 255.0);
        }
        return Tensors.of(data, 1, 1, h, w);
    }

    /**
     * An RGB image from {@code [1,3,H,W]}, {@code [3,H,W]}, {@code [1,1,H,W]}, {@code [1,H,W]} or {@code [H,W]}
     * (one channel is shown as gray): {@code round(255 * clamp((x+1)/2, 0, 1))}.
     */
    public static BufferedImage toImage(Tensor t) {
        long[] s = t.shape();
        boolean ok = switch (s.length) {
            case 2 -> true;
            case 3 -> s[0] == 1 || s[0] == 3;
            case 4 -> s[0] == 1 && (s[1] == 1 || s[1] == 3);
            default -> false;
        };
        if (!ok) {
            throw new IllegalArgumentException("toImage: expected [1,3,H,W], [3,H,W], [1,1,H,W], [1,H,W] or [H,W], got "
                    + Tensors.shapeString(t) + (s.length == 4 && s[0] > 1 ? " (use toImages for a batch)" : ""));
        }
        int h = (int) s[s.length - 2];
        int w = (int) s[s.length - 1];
        int c = s.length == 2 ? 1 : (int) s[s.length - 3];
        try (Scope sc = new Scope(); NoGrad ng = new NoGrad()) {
            return image(floatBuffer(t), 0, c, h, w);
        }
    }

    /** One RGB image per batch entry of {@code [N,C,H,W]} with {@code C} 1 or 3, mapped as in {@link #toImage}. */
    public static List<BufferedImage> toImages(Tensor t) {
        Shapes.check(t, "toImages", -1, -1, -1, -1);
        long[] s = t.shape();
        if (s[1] != 1 && s[1] != 3) {
            throw new IllegalArgumentException("toImages: expected 1 or 3 channels, got shape " + Tensors.shapeString(t));
        }
        int n = (int) s[0];
        int c = (int) s[1];
        int h = (int) s[2];
        int w = (int) s[3];
        List<BufferedImage> out = new ArrayList<>(n);
        try (Scope sc = new Scope(); NoGrad ng = new NoGrad()) {
            FloatBuffer buf = floatBuffer(t);
            for (int k = 0; k < n; k++) {
                out.add(image(buf, k * c * h * w, c, h, w));
            }
        }
        return out;
    }

    /**
     * An uninitialised float32 host tensor, filled through its buffer (which saves a copy of the whole image), then
     * placed.
     */
    private static Tensor empty(long... shape) {
        Engine.init();
        return torch.empty(shape, new TensorOptions(ScalarType.Float), new org.bytedeco.pytorch.MemoryFormatOptional());
    }

    /** The values of {@code t} as a float32 contiguous CPU tensor's buffer (valid while the enclosing scope lives). */
    private static FloatBuffer floatBuffer(Tensor t) {
        Tensor c = t.detach().to(new Device(DeviceType.CPU), ScalarType.Float).contiguous();
        return c.createBuffer();
    }

    /** Writes the three normalised planes of packed RGB {@code px} at {@code offset}; {@code plane} is scratch. */
    private static void normalise(int[] px, FloatBuffer buf, int offset, float[] plane) {
        for (int ch = 0; ch < 3; ch++) {
            int shift = 16 - 8 * ch;
            for (int i = 0; i < px.length; i++) {
                plane[i] = NORM[px[i] >>> shift & 0xFF];
            }
            buf.put(offset + ch * px.length, plane);
        }
    }

    private static BufferedImage image(FloatBuffer buf, int offset, int c, int h, int w) {
        int n = h * w;
        float[] plane = new float[n];
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] px = Pixels.intRgbData(img); // starts all zero
        for (int ch = 0; ch < 3; ch++) {
            int shift = 16 - 8 * ch;
            if (ch < c) {
                buf.get(offset + ch * n, plane);
                for (int i = 0; i < n; i++) {
                    px[i] |= to8Bit(plane[i]) << shift;
                }
            } else { // gray: copy the first channel into G and B
                for (int i = 0; i < n; i++) {
                    px[i] |= (px[i] >>> 16 & 0xFF) << shift;
                }
            }
        }
        return img;
    }

    /** {@code round(255 * clamp((x+1)/2, 0, 1))}; NaN gives 0. */
    private static int to8Bit(float x) {
        float v = Math.min(1f, Math.max(0f, (x + 1f) / 2f));
        // DEVIATION: the official torch2uint8 truncates (astype(uint8)); rounding makes image -> tensor -> image
        // exact, where truncation turns about half of the values into v-1. (int)(y + 0.5f) rounds y >= 0 half up
        // at 2.5x the speed of Math.round; (int) NaN is 0.
        return (int) (v * 255f + 0.5f);
    }

    /** {@code img} at {@code width × height}, antialiased bicubic ({@link Resize#imresizeTo}); the same image when it has that size. */
    public static BufferedImage resized(BufferedImage img, int width, int height) {
        if (img.getWidth() == width && img.getHeight() == height) {
            return img;
        }
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            return toImage(Resize.imresizeTo(fromImage(img), height, width));
        }
    }
}
