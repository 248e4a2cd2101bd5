package com.twofactor.query.mongo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * An in-process MongoDB wire-protocol server (mongo-java-server) on the loopback interface, so the embedded
 * mode needs no installed database. With a file it keeps its data in an H2 MVStore; a restart sees what was
 * committed before {@link #stop()}.
 *
 * <p>It has no transactions and no change streams and ignores non-unique indexes: the projections are written
 * not to need them.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);

    private final H2Backend backend;
    private final MongoServer server;
    private final InetSocketAddress address;
    private boolean stopped;

    private EmbeddedMongoServer(H2Backend backend) {
        this.backend = backend;
        backend.version(ReportedMongoVersion.MONGO_4_2);
        this.server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        this.address = server.getLocalAddress();
    }

    /** Starts a server whose data lives in the given H2 file (created with its directory when missing). */
    public static EmbeddedMongoServer startWithFile(Path file) {
        try {
            Path directory = file.toAbsolutePath().getParent();
            if (directory != null) {
                Files.createDirectories(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the directory of " + file, e);
        }
        EmbeddedMongoServer started = new EmbeddedMongoServer(new H2Backend(file.toAbsolutePath().toString()));
        log.info("In-process MongoDB server listening on {} with read models in {}", started.address, file);
        return started;
    }

    /** Starts a server that keeps its data in memory only (tests). */
    public static EmbeddedMongoServer startInMemory() {
        return new EmbeddedMongoServer(H2Backend.inMemory());
    }

    /** {@code mongodb://127.0.0.1:port}. */
    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    public int port() {
        return address.getPort();
    }

    /** Commits the H2 store, stops listening and closes the store. Safe to call twice. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            if (!backend.isInMemory()) {
                backend.commit();
            }
        } finally {
            // shutdown() also closes the backend, which closes (and thereby commits) the MVStore.
            server.shutdown();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
