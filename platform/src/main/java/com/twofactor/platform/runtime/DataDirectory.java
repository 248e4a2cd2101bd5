package com.twofactor.platform.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's data directory ({@code twofactor.data-dir}) holds the event store, the read models and the
 * local secret-encryption key, so it is created for its owner only ({@code rwx------} where the file system has
 * POSIX permissions). An existing directory is left as it is, with a warning when other users may read it.
 */
public final class DataDirectory {

    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final Set<Path> CHECKED = ConcurrentHashMap.newKeySet();

    private DataDirectory() {
    }

    /**
     * Creates the directory (and any missing parents, with default permissions) unless it exists; the directory
     * itself gets owner-only permissions.
     *
     * @return the absolute, normalized directory
     */
    public static Path createIfMissing(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        boolean posix = absolute.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            if (!Files.isDirectory(absolute)) {
                Path parent = absolute.getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                try {
                    if (posix) {
                        Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                        // The umask can only remove permissions, but say exactly what is meant.
                        Files.setPosixFilePermissions(absolute, OWNER_ONLY);
                    } else {
                        Files.createDirectory(absolute);
                        restrictToOwner(absolute);
                    }
                    CHECKED.add(absolute);
                    log.info("Created the data directory {} (owner-only access)", absolute);
                    return absolute;
                } catch (FileAlreadyExistsException raced) {
                    // Another process (the other service on the same directory) created it first.
                    if (!Files.isDirectory(absolute)) {
                        throw raced;
                    }
                }
            }
            if (posix && CHECKED.add(absolute)) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(absolute);
                if (permissions.stream().anyMatch(permission -> !OWNER_ONLY.contains(permission))) {
                    log.warn("The data directory {} is open to other users ({}); it holds the event store, the read "
                                    + "models and the local secret-encryption key: restrict it to its owner (chmod 700)",
                            absolute, PosixFilePermissions.toString(permissions));
                }
            }
            return absolute;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + absolute + " (twofactor.data-dir)", e);
        }
    }

    @SuppressWarnings("ResultOfMethodCallIgnored")
    private static void restrictToOwner(Path directory) {
        // Best effort where the file system has no POSIX permissions (e.g. Windows).
        java.io.File file = directory.toFile();
        file.setReadable(false, false);
        file.setWritable(false, false);
        file.setExecutable(false, false);
        file.setReadable(true, true);
        file.setWritable(true, true);
        file.setExecutable(true, true);
    }
}
