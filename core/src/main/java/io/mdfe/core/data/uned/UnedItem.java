package io.mdfe.core.data.uned;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * One entry of a UnED info file.
 *
 * @param path     the image path as annotated, relative to {@code images/}
 * @param image    the image file on disk (for rp2k possibly the {@code #UXXXX}-escaped name)
 * @param classIds the item's class ids: one, or several for a multi-label item (a query is
 *                 correct on any of them); the array is copied in and out, so use
 *                 {@link #hasClass} in hot loops
 * @param domainId the id of the item's domain ({@link UnedDomain#id()})
 */
public record UnedItem(String path, Path image, int[] classIds, int domainId) {

    /** Copies the class ids and checks that there is at least one. */
    public UnedItem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(image, "image");
        if (classIds.length == 0) {
            throw new IllegalArgumentException(path + ": an item needs at least one class id");
        }
        classIds = classIds.clone();
    }

    /** {@return a copy of the class ids} */
    @Override
    public int[] classIds() {
        return classIds.clone();
    }

    /** {@return true when {@code classId} is one of this item's class ids} */
    public boolean hasClass(int classId) {
        for (int id : classIds) {
            if (id == classId) {
                return true;
            }
        }
        return false;
    }

    /** {@return true when this item is in {@code other}'s domain and shares one of its class ids} */
    public boolean sharesClassWith(UnedItem other) {
        if (domainId != other.domainId) {
            return false;
        }
        for (int id : other.classIds) {
            if (hasClass(id)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnedItem other && path.equals(other.path) && image.equals(other.image)
                && Arrays.equals(classIds, other.classIds) && domainId == other.domainId;
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, image, Arrays.hashCode(classIds), domainId);
    }

    @Override
    public String toString() {
        return "UnedItem[path=" + path + ", image=" + image + ", classIds=" + Arrays.toString(classIds)
                + ", domainId=" + domainId + "]";
    }
}
