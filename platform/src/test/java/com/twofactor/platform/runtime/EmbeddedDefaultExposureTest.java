package com.twofactor.platform.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Properties;

import com.example.twofactor.PlatformTestApplication;
import com.twofactor.platform.testsupport.ListeningSockets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The embedded default accepts public local API keys, so nothing of it may be reachable from another machine: the
 * HTTP port and H2's AUTO_SERVER port listen on loopback only, and the data directory is its owner's alone.
 */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmbeddedDefaultExposureTest {

    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        // A directory that does not exist yet, so the application creates it.
        dataDir = Files.createTempDirectory("twofactor-exposure-test").resolve("data");
        registry.add("twofactor.data-dir", dataDir::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Test
    void theHttpPortListensOnLoopbackOnly() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);

        assertListensOnLoopbackOnly(port);
        assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
    }

    @Test
    void theEventStoreAutoServerListensOnLoopbackOnly() throws Exception {
        Properties lock = new Properties();
        try (Reader reader = Files.newBufferedReader(dataDir.resolve("eventstore.lock.db"))) {
            lock.load(reader);
        }
        String server = lock.getProperty("server");
        assertThat(server).as("AUTO_SERVER address in the lock file").isNotBlank();

        assertListensOnLoopbackOnly(Integer.parseInt(server.substring(server.lastIndexOf(':') + 1)));
    }

    @Test
    void theDataDirectoryIsCreatedForItsOwnerOnly() throws Exception {
        assumeTrue(dataDir.getFileSystem().supportedFileAttributeViews().contains("posix"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
    }

    private static void assertListensOnLoopbackOnly(int port) throws IOException {
        if (ListeningSockets.available()) {
            assertThat(ListeningSockets.listeningOn(port)).as("addresses listening on port %d", port)
                    .isNotEmpty()
                    .allSatisfy(address -> assertThat(address.isLoopbackAddress()).as("%s is loopback", address).isTrue());
        }
        for (InetAddress address : ListeningSockets.nonLoopbackAddresses()) {
            assertThatThrownBy(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(address, port), 2_000);
                }
            }).as("connecting to %s:%d", address, port).isInstanceOf(ConnectException.class);
        }
    }
}
