package org.gan4j.data;

import java.awt.image.BufferedImage;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Resize;
import org.gan4j.torch.Scope;

/** Centre-crops an image to a square and resizes it with MATLAB-style antialiased bicubic resampling. */
public final class SquareImages {

    private SquareImages() {}

    /** The centred square of side min(W, H). */
    public static BufferedImage centreCrop(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int s = Math.min(w, h);
        if (w == h) {
            return img;
        }
        return img.getSubimage((w - s) / 2, (h - s) / 2, s, s);
    }

    /**
     * {@link #centreCrop}, then resized to {@code size × size}: antialiased bicubic ({@link Resize#imresizeTo},
     * as MATLAB's imresize; rosinality's prepare_data.py uses PIL's Lanczos, also antialiased), rounded to 8 bits.
     */
    public static BufferedImage fit(BufferedImage img, int size) {
        BufferedImage sq = centreCrop(img);
        if (sq.getWidth() == size) {
            return copy(sq);
        }
        // DEVIATION: rosinality's prepare_data.py resizes with PIL's Lanczos; gan4j with the antialiased bicubic it
        // already has (both antialiased; slightly different kernels).
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Tensor x = ImageTensors.fromImage(sq);
            return ImageTensors.toImage(Resize.imresizeTo(x, size, size));
        }
    }

    /** A compact copy (a sub-image shares, and keeps alive, its parent's pixels). */
    private static BufferedImage copy(BufferedImage img) {
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        out.getGraphics().drawImage(img, 0, 0, null);
        return out;
    }
}
