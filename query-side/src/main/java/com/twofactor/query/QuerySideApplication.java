package com.twofactor.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The query side on its own (split deployment): projections into MongoDB read models and the read API.
 *
 * <p>Holds no beans of its own: everything lives in the feature packages below, so the standalone app can
 * scan this package next to the command side's and leave this class out.
 */
@SpringBootApplication
public class QuerySideApplication {

    public static void main(String[] args) {
        SpringApplication.run(QuerySideApplication.class, args);
    }
}
