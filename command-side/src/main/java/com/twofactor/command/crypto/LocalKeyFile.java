package com.twofactor.command.crypto;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded mode's secret-encryption key: created once under the data directory and reused, so secrets
 * encrypted in one run stay readable in the next. Never used when keys are configured or outside the
 * embedded mode.
 */
final class LocalKeyFile {

    static final String FILE_NAME = "secret-encryption.key";
    static final String KEY_ID = "local-1";

    private static final Logger log = LoggerFactory.getLogger(LocalKeyFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private LocalKeyFile() {
    }

    static SecretKeyRing loadOrCreate(Path dataDirectory, SecureRandom random) {
        Path file = dataDirectory.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDirectory);
            boolean created = createIfMissing(file, random);
            SecretKeyRing ring = load(file);
            log.warn("{} the local secret-encryption key {} (key id '{}'). It is for local use only: in production "
                            + "configure twofactor.crypto.active-key-id and twofactor.crypto.keys instead.",
                    created ? "Created" : "Using", file, ring.activeKeyId());
            return ring;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create or read the local secret-encryption key file " + file, e);
        }
    }

    private static boolean createIfMissing(Path file, SecureRandom random) throws IOException {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            if (posix) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(file);
                restrictToOwner(file);
            }
        } catch (FileAlreadyExistsException exists) {
            if (posix && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)
                    && !Files.getPosixFilePermissions(file).equals(Set.of(PosixFilePermission.OWNER_READ))) {
                log.warn("The local secret-encryption key file {} is readable or writable by other users; restrict it to its owner (chmod 600)", file);
            }
            return false;
        }
        byte[] key = new byte[SecretKeyRing.KEY_BYTES];
        random.nextBytes(key);
        String content = "# TwoFactor secret-encryption key for LOCAL USE ONLY (embedded mode).\n"
                + "# Stored TOTP secrets cannot be decrypted without it: do not delete it while ./data is in use.\n"
                + "id=" + KEY_ID + "\n"
                + "key=" + Base64.getEncoder().encodeToString(key) + "\n";
        java.util.Arrays.fill(key, (byte) 0);
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        return true;
    }

    @SuppressWarnings("ResultOfMethodCallIgnored")
    private static void restrictToOwner(Path file) {
        // Best effort where the file system has no POSIX permissions (e.g. Windows).
        java.io.File f = file.toFile();
        f.setReadable(false, false);
        f.setWritable(false, false);
        f.setReadable(true, true);
        f.setWritable(true, true);
    }

    private static SecretKeyRing load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        String id = properties.getProperty("id");
        byte[] key = SecretKeyRing.decodeKey(properties.getProperty("key"));
        if (id == null || id.isBlank() || key == null || key.length != SecretKeyRing.KEY_BYTES) {
            throw new IllegalStateException("The local secret-encryption key file " + file + " is malformed: it must hold "
                    + "'id=<key id>' and 'key=<base64 of " + SecretKeyRing.KEY_BYTES + " bytes>'. Secrets encrypted "
                    + "with a lost key cannot be recovered; delete the file only together with the data directory.");
        }
        return new SecretKeyRing(id.strip(), Map.of(id.strip(), key));
    }
}
