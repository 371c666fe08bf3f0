package io.regularity.support;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** How the offline verifiers read a file someone saved: as it is, or gunzipped when it starts as gzip does (a bundle saved without --compressed). */
public final class Bundles {

    private Bundles() {
    }

    /** The file's bytes, gunzipped when its first two bytes are gzip's magic number. */
    public static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file));
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in) : in;
    }
}
