package org.gan4j.cocosnet;

import java.util.Random;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.data.ScenePair;
import org.gan4j.data.Scenes;
import org.gan4j.torch.ImageTensors;

/**
 * Correspondence accuracy on a pair with a known geometric relation: a scene against its own picture rendered at
 * 286/256 of the size, cropped at a random offset and mirrored at random (the training's pseudo pairs). Input pixel
 * (x, y) is exemplar pixel (s·x − dx, s·y − dy), s = 286/256, mirrored as the crop was.
 */
final class CorrespondenceCheck {

    /**
     * @param accuracy  share of grid positions (whose truth lies inside the exemplar) matched within one cell
     * @param meanError mean Euclidean distance of the best match from the truth, in grid cells
     * @param warpL1    mean |warped exemplar − the input's own photo| at the grid size, RGB in [0, 1]
     * @param identityAccuracy the same share for the identity correspondence v = u (a baseline that matches nothing)
     * @param unwarpedL1 mean |exemplar − the input's own photo| at the grid size, without warping (a baseline)
     */
    record Score(double accuracy, double meanError, double warpL1, double identityAccuracy, double unwarpedL1) {}

    private CorrespondenceCheck() {}

    static Score score(CocosModel model, int scene, int size, Random r) {
        int load = (int) Math.round(size * CocosBatches.LOAD_OVER_CROP);
        int dx = r.nextInt(load - size + 1);
        int dy = r.nextInt(load - size + 1);
        boolean flip = r.nextBoolean();
        ScenePair input = Scenes.pair(scene, size, size);
        ScenePair crop = Scenes.pair(scene, load, load).cropped(dx, dy, size, size);
        ScenePair ex = flip ? crop.mirrored() : crop;
        CocosModel.Translation t = model.translate(input.labels(), ex.image(), ex.labels(), size);
        int g = size / CocosNets.DOWN;
        int[] best = CorrespondencePicture.bestMatches(t.warp().m());
        double[] m = matchScores(best, g, size, (double) load / size, dx, dy, flip);
        Tensor own = torch.avg_pool2d(ImageTensors.fromImage(input.image()), new long[] {CocosNets.DOWN, CocosNets.DOWN});
        double l1 = t.warp().warped().sub(own).abs().mean().item_double() / 2; // [−1, 1] → [0, 1]
        Tensor exDown = torch.avg_pool2d(ImageTensors.fromImage(ex.image()), new long[] {CocosNets.DOWN, CocosNets.DOWN});
        double unwarped = exDown.sub(own).abs().mean().item_double() / 2;
        return new Score(m[0], m[1], l1, m[2], unwarped);
    }

    /**
     * {accuracy, mean error in cells, the identity's accuracy} of best matches {@code best} (exemplar cell of each input
     * cell, row-major on a g × g grid) against the truth of an exemplar that is the input at scale s, cropped at
     * (dx, dy) to {@code size} and mirrored when {@code flip}; cells whose truth leaves the exemplar are not scored.
     */
    static double[] matchScores(int[] best, int g, int size, double s, int dx, int dy, boolean flip) {
        int valid = 0;
        int within = 0;
        int identity = 0;
        double err = 0;
        for (int gy = 0; gy < g; gy++) {
            for (int gx = 0; gx < g; gx++) {
                double px = (gx + 0.5) * CocosNets.DOWN * s - dx; // the cell centre in the exemplar's pixels
                double py = (gy + 0.5) * CocosNets.DOWN * s - dy;
                if (flip) {
                    px = size - px;
                }
                if (px < 0 || py < 0 || px >= size || py >= size) {
                    continue;
                }
                double tx = px / CocosNets.DOWN - 0.5; // in cells, centres at integers
                double ty = py / CocosNets.DOWN - 0.5;
                int v = best[gy * g + gx];
                double ex = v % g - tx;
                double ey = v / g - ty;
                valid++;
                within += Math.abs(ex) <= 1 && Math.abs(ey) <= 1 ? 1 : 0;
                identity += Math.abs(gx - tx) <= 1 && Math.abs(gy - ty) <= 1 ? 1 : 0;
                err += Math.sqrt(ex * ex + ey * ey);
            }
        }
        return valid == 0 ? new double[3] : new double[] {(double) within / valid, err / valid, (double) identity / valid};
    }
}
