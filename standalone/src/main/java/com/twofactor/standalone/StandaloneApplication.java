package com.twofactor.standalone;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

import com.twofactor.command.CommandSideApplication;
import com.twofactor.query.QuerySideApplication;

/**
 * Both sides in one JVM on one port: the command side's aggregates and command API, the query side's
 * projections and query API. With no configuration it runs on the embedded stores under {@code ./data}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(basePackages = {"com.twofactor.command", "com.twofactor.query", "com.twofactor.standalone"},
        excludeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE,
                classes = {CommandSideApplication.class, QuerySideApplication.class}))
public class StandaloneApplication {

    public static void main(String[] args) {
        SpringApplication.run(StandaloneApplication.class, args);
    }
}
