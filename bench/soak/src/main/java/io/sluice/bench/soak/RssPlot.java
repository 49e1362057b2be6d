package io.sluice.bench.soak;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** A small PNG line plot of resident memory over time, drawn headless with java.awt; flap times as grey ticks. */
final class RssPlot {

    private static final int W = 640;
    private static final int H = 320;
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int TOP = 30;
    private static final int BOTTOM = 40;

    private RssPlot() {
    }

    static void write(List<ProcSample> samples, List<Long> flapSeconds, String title, Path png) throws IOException {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        long maxT = Math.max(1, samples.get(samples.size() - 1).seconds());
        long maxMb = 0;
        for (ProcSample s : samples) {
            maxMb = Math.max(maxMb, s.rssKb() / 1024);
        }
        long topMb = Math.max(50, (maxMb / 50 + 1) * 50);
        int plotW = W - LEFT - RIGHT;
        int plotH = H - TOP - BOTTOM;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(new Color(0xDDDDDD));
        for (Long t : flapSeconds) {
            int x = LEFT + (int) (plotW * t / maxT);
            g.drawLine(x, TOP, x, TOP + plotH);
        }
        g.setColor(Color.GRAY);
        for (long mb = 0; mb <= topMb; mb += 50) {
            int y = TOP + plotH - (int) (plotH * mb / topMb);
            g.drawLine(LEFT - 4, y, LEFT, y);
            g.drawString(mb + " MB", 8, y + 4);
        }
        for (int i = 0; i <= 5; i++) {
            long t = maxT * i / 5;
            int x = LEFT + (int) (plotW * t / maxT);
            g.drawLine(x, TOP + plotH, x, TOP + plotH + 4);
            g.drawString(t + " s", x - 10, TOP + plotH + 18);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, plotW, plotH);
        g.drawString(title, LEFT, 18);
        g.setColor(new Color(0x1F77B4));
        g.setStroke(new BasicStroke(2f));
        int px = -1;
        int py = -1;
        for (ProcSample s : samples) {
            int x = LEFT + (int) (plotW * s.seconds() / maxT);
            int y = TOP + plotH - (int) (plotH * (s.rssKb() / 1024.0) / topMb);
            if (px >= 0) {
                g.drawLine(px, py, x, y);
            }
            g.fillOval(x - 2, y - 2, 4, 4);
            px = x;
            py = y;
        }
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }
}
