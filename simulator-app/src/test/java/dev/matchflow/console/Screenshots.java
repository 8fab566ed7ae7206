package dev.matchflow.console;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** Saves what a scene shows as a PNG under {@code target/screenshots}, for people to look at after a run. */
public final class Screenshots {

    public static final Path FOLDER = Path.of("target", "screenshots");

    private Screenshots() {}

    /** Renders {@code scene} on the FX thread and writes it to {@code target/screenshots/<name>.png}. */
    public static Path save(Scene scene, String name) throws Exception {
        CompletableFuture<WritableImage> rendered = new CompletableFuture<>();
        Platform.runLater(() -> rendered.complete(scene.snapshot(null)));
        WritableImage image = rendered.get(20, TimeUnit.SECONDS);
        Files.createDirectories(FOLDER);
        Path file = FOLDER.resolve(name + ".png");
        try {
            ImageIO.write(toBufferedImage(image), "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the screenshot " + file, e);
        }
        return file;
    }

    private static BufferedImage toBufferedImage(WritableImage image) {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage buffered = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                buffered.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        return buffered;
    }
}
