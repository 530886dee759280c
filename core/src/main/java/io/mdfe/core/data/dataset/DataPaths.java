package io.mdfe.core.data.dataset;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Resolves annotated image paths, refusing any that would leave the folder they are relative to. */
public final class DataPaths {

    private DataPaths() {}

    /**
     * Resolves {@code relative} against {@code base}.
     *
     * @param where the file and line/item the path was read from, for the error message
     * @throws DatasetException when the path is empty, absolute or climbs out of {@code base}
     */
    public static Path resolveInside(Path base, String relative, String where) {
        if (relative.isEmpty()) {
            throw new DatasetException(where + ": empty image path");
        }
        Path rel;
        try {
            rel = Path.of(relative);
        } catch (InvalidPathException e) {
            throw new DatasetException(where + ": invalid image path '" + relative + "': " + e.getReason(), e);
        }
        Path normalizedBase = base.normalize();
        Path resolved = normalizedBase.resolve(rel).normalize();
        // a path with '..' may still land inside base (a/../b), so judge the normalised result
        if (rel.isAbsolute() || relative.startsWith("/") || !resolved.startsWith(normalizedBase)) {
            throw new DatasetException(where + ": image path '" + relative + "' escapes " + base
                    + "; paths must be relative and stay inside it");
        }
        Path real = realPath(resolved);
        Path realBase = realPath(normalizedBase);
        if (real != null && realBase != null && !real.startsWith(realBase)) {
            throw new DatasetException(where + ": image path '" + relative + "' escapes " + base
                    + " through a symbolic link; links must stay inside it");
        }
        return resolved;
    }

    /** The path with every symbolic link resolved, or null when it does not exist (yet). */
    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }
}
