package com.twofactor.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import javax.sql.DataSource;

import com.example.twofactor.PlatformTestApplication;
import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.eventsourcing.eventstore.jdbc.EventTableFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The embedded default: Axon's JDBC engine on an H2 file under the data directory. */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class H2EventStorageEngineTest extends EventStorageEngineContract {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("twofactor.data-dir", () -> dataDir.toString());
    }

    @Autowired
    DataSource dataSource;

    @Override
    EventTableFactory tableFactory() {
        return H2EventTableFactory.INSTANCE;
    }

    @Test
    void theDatabaseIsAFileInTheDataDirectorySharedWithOtherProcesses() {
        assertThat(dataSource).isInstanceOfSatisfying(HikariDataSource.class, hikari -> assertThat(hikari.getJdbcUrl())
                .isEqualTo("jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("eventstore")
                        + ";AUTO_SERVER=TRUE"));
        assertThat(dataDir.resolve("eventstore.mv.db")).exists();
    }
}
