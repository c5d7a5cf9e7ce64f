package org.gan4j.data;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;

/**
 * Draws one {@code builtin:faces} face, without its background, in the canonical frame: the face's own
 * coordinates in image sides, origin at the picture's centre, x right, y down. The layer covers
 * [−{@link #EXTENT}, {@link #EXTENT}]² so that a placement may shrink or move the face and still show its
 * shoulders to the picture's edge. The yaw is drawn as a turn of up to 25° of a round head: features in front move
 * by sin φ, ears behind the head move the other way.
 */
final class FaceDrawing {

    /** Half the side of the layer, in image sides. */
    static final double EXTENT = 1.0;

    private final FaceIdentity id;
    private final FaceAttributes at;
    private final double[][] keypoints = new double[Faces.KEYPOINTS.size()][];

    FaceDrawing(FaceIdentity id, FaceAttributes at) {
        this.id = id;
        this.at = at;
    }

    /** The face drawn on a transparent L × L layer; {@link #keypoints()} holds its keypoints afterwards. */
    BufferedImage draw(int side) {
        BufferedImage layer = new BufferedImage(side, side, BufferedImage.TYPE_INT_ARGB_PRE);
        Graphics2D g = layer.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.translate(side / 2.0, side / 2.0);
        g.scale(side / (2 * EXTENT), side / (2 * EXTENT));
        paint(g);
        g.dispose();
        return layer;
    }

    /** Keypoints in the canonical frame, in the order of {@link Faces#KEYPOINTS}. */
    double[][] keypoints() {
        return keypoints;
    }

    private void paint(Graphics2D g) {
        double w = id.headW();
        double h = id.headH();
        double cy = -0.03;
        double phi = at.yaw() * Math.toRadians(25);
        double front = Math.sin(phi) * w;   // how far features in front of the head move
        double cos = Math.cos(phi);
        Color skin = color(id.skin(), 1);
        Color shade = color(id.skin(), 0.82f);

        // Shoulders and neck.
        g.setColor(color(id.shirt(), 1));
        g.fill(new RoundRectangle2D.Double(-2.9 * w - 0.3 * front, cy + 1.55 * h, 5.8 * w, 2.0, 1.2 * w, 1.2 * w));
        g.setColor(shade);
        g.fill(new RoundRectangle2D.Double(-0.45 * w + 0.2 * front, cy + 0.6 * h, 0.9 * w, 1.1 * h, 0.3 * w, 0.3 * w));
        // Long hair behind the head.
        if (id.hairStyle() == 1) {
            g.setColor(color(id.hair(), 0.9f));
            g.fill(new RoundRectangle2D.Double(-1.2 * w - 0.3 * front, cy - 1.08 * h, 2.4 * w, 2.3 * h, 1.6 * w, 1.2 * w));
        }
        // Ears behind the head: x = ±W cos φ − 0.15 W sin φ.
        double earR = id.earSize() * w * 2.2;
        double earY = cy + 0.02 * h;
        double[] earX = {-w * cos - 0.15 * front, w * cos - 0.15 * front};
        for (double ex : earX) {
            g.setColor(skin);
            g.fill(new Ellipse2D.Double(ex - earR * 0.6, earY - earR, earR * 1.2, earR * 2));
            g.setColor(shade);
            g.fill(new Ellipse2D.Double(ex - earR * 0.3, earY - earR * 0.55, earR * 0.6, earR * 1.1));
        }
        keypoints[6] = new double[] {earX[0], earY};
        keypoints[7] = new double[] {earX[1], earY};
        // The head: a round top and a jaw narrowing to the chin, lit from the upper left.
        Path2D head = new Path2D.Double();
        double jawW = w * id.jaw();
        head.moveTo(-w, cy);
        head.curveTo(-w, cy - 1.35 * h, w, cy - 1.35 * h, w, cy);
        head.curveTo(w, cy + 0.55 * h, jawW * 0.7 + 0.3 * front, cy + h, 0.3 * front, cy + h);
        head.curveTo(-jawW * 0.7 + 0.3 * front, cy + h, -w, cy + 0.55 * h, -w, cy);
        head.closePath();
        g.setPaint(new GradientPaint((float) -w, (float) (cy - h), color(id.skin(), 1.06f), (float) w,
                (float) (cy + h), shade));
        g.fill(head);
        keypoints[5] = new double[] {0.3 * front, cy + h};
        keypoints[8] = new double[] {0.6 * front, cy - 0.55 * h};
        // Hair on top.
        g.setColor(color(id.hair(), 1));
        if (id.hairStyle() != 2) {
            Path2D cap = new Path2D.Double();
            double line = id.hairStyle() == 3 ? cy - 0.42 * h : cy - 0.62 * h;
            cap.moveTo(-1.04 * w, cy - 0.05 * h);
            cap.curveTo(-1.08 * w, cy - 1.45 * h, 1.08 * w, cy - 1.45 * h, 1.04 * w, cy - 0.05 * h);
            cap.curveTo(0.9 * w, line - 0.1 * h, 0.4 * w + front, line, 0.3 * front, line);
            cap.curveTo(-0.4 * w + front, line, -0.9 * w, line - 0.1 * h, -1.04 * w, cy - 0.05 * h);
            cap.closePath();
            g.fill(cap);
        }
        // Eyes: the one on the side the head turns to is foreshortened.
        double eyeY = cy - 0.12 * h;
        double eyeR = id.eyeSize() * w;
        for (int side = 0; side < 2; side++) {
            double sign = side == 0 ? -1 : 1;
            double ex = sign * id.eyeGap() * w * cos + front * 0.9;
            double squash = 1 - 0.35 * Math.max(0, sign * at.yaw());
            eye(g, ex, eyeY, eyeR * squash, eyeR);
            keypoints[side] = new double[] {ex, eyeY};
            // Eyebrow, raised a little by a smile.
            g.setColor(color(id.hair(), 0.8f));
            g.setStroke(new BasicStroke((float) (id.browWeight() * w), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            double by = eyeY - eyeR * 1.7 - 0.01 * at.smile() * w;
            Path2D brow = new Path2D.Double();
            brow.moveTo(ex - eyeR * 1.2 * squash, by + eyeR * 0.25);
            brow.quadTo(ex, by - eyeR * 0.35, ex + eyeR * 1.2 * squash, by + eyeR * 0.25);
            g.draw(brow);
        }
        // Nose.
        double noseX = front * 1.1;
        double noseY = eyeY + id.noseLength() * h;
        g.setColor(color(id.skin(), 0.7f));
        g.setStroke(new BasicStroke((float) (0.025 * w), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        switch (id.noseStyle()) {
            case 0 -> {
                Path2D nose = new Path2D.Double();
                nose.moveTo(noseX - 0.02 * w, eyeY + 0.1 * h);
                nose.lineTo(noseX + 0.12 * w, noseY);
                nose.lineTo(noseX - 0.1 * w, noseY);
                g.draw(nose);
            }
            case 1 -> {
                Path2D nose = new Path2D.Double();
                nose.moveTo(noseX, eyeY + 0.12 * h);
                nose.quadTo(noseX + 0.1 * w, noseY - 0.05 * h, noseX, noseY);
                g.draw(nose);
            }
            default -> {
                g.setColor(color(id.skin(), 0.8f));
                g.fill(new Ellipse2D.Double(noseX - 0.12 * w, noseY - 0.1 * w, 0.24 * w, 0.18 * w));
            }
        }
        keypoints[2] = new double[] {noseX, noseY};
        // Mouth: the corners rise with a smile.
        double mouthY = noseY + 0.22 * h;
        double mw = id.mouthWidth() * w * cos;
        double mx = front * 0.95;
        double lift = at.smile() * 0.1 * w;
        double[] left = {mx - mw, mouthY - lift};
        double[] right = {mx + mw, mouthY - lift};
        Path2D upper = new Path2D.Double();
        upper.moveTo(left[0], left[1]);
        upper.quadTo(mx, mouthY + lift * 0.6, right[0], right[1]);
        g.setColor(color(id.lips(), 0.7f));
        switch (id.mouthStyle()) {
            case 0 -> {
                g.setStroke(new BasicStroke((float) (0.04 * w), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(upper);
            }
            default -> {
                double open = id.mouthStyle() == 2 ? 0.12 * w + 0.06 * w * Math.max(0, at.smile()) : 0.07 * w;
                Path2D lips = new Path2D.Double();
                lips.moveTo(left[0], left[1]);
                lips.quadTo(mx, mouthY - lift * 0.2 - open * 0.6, right[0], right[1]);
                lips.quadTo(mx, mouthY + lift * 1.2 + open, left[0], left[1]);
                lips.closePath();
                g.setColor(id.mouthStyle() == 2 ? new Color(0.35f, 0.08f, 0.1f) : color(id.lips(), 1));
                g.fill(lips);
                g.setColor(color(id.lips(), 0.75f));
                g.setStroke(new BasicStroke((float) (0.025 * w), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(lips);
            }
        }
        keypoints[3] = left;
        keypoints[4] = right;
    }

    /** An eye of half-width rx and half-height ry, its upper lid closed to the attributes' opening. */
    private void eye(Graphics2D g, double x, double y, double rx, double ry) {
        double open = at.eyeOpening();
        g.setColor(new Color(0.97f, 0.97f, 0.95f));
        Ellipse2D white = new Ellipse2D.Double(x - rx * 1.25, y - ry * 0.75, rx * 2.5, ry * 1.5);
        g.fill(white);
        double ix = x + at.yaw() * rx * 0.25;
        g.setColor(color(id.iris(), 1));
        double ir = id.eyeStyle() == 2 ? ry * 0.5 : ry * 0.68;
        g.fill(new Ellipse2D.Double(ix - ir, y - ir, 2 * ir, 2 * ir));
        g.setColor(new Color(0.04f, 0.04f, 0.05f));
        g.fill(new Ellipse2D.Double(ix - ir * 0.45, y - ir * 0.45, ir * 0.9, ir * 0.9));
        // The upper lid, skin-coloured, comes down over (1 − opening) of the eye.
        java.awt.Shape clip = g.getClip();
        g.clip(white);
        g.setColor(color(id.skin(), 0.95f));
        double lid = y - ry * 0.75 + (1 - open) * ry * 1.5;
        g.fill(new java.awt.geom.Rectangle2D.Double(x - rx * 1.3, y - ry, rx * 2.6, lid - y + ry));
        g.setClip(clip);
        g.setColor(new Color(0.15f, 0.1f, 0.08f));
        g.setStroke(new BasicStroke((float) (ry * (id.eyeStyle() == 1 ? 0.22 : 0.14)), BasicStroke.CAP_ROUND,
                BasicStroke.JOIN_ROUND));
        g.draw(new java.awt.geom.Line2D.Double(x - rx * 1.25, lid, x + rx * 1.25, lid));
    }

    private static Color color(float[] rgb, float light) {
        return new Color(clamp(rgb[0] * light), clamp(rgb[1] * light), clamp(rgb[2] * light));
    }

    private static float clamp(float v) {
        return Math.max(0, Math.min(1, v));
    }
}
