package com.twofactor.platform.web;

import org.apache.catalina.Host;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * The embedded Tomcat's part of the API's edge:
 * <ul>
 *   <li>no request body is ever parsed for parameters (the API reads JSON bodies only; a form body would otherwise be
 *   decoded, and could fail, wherever a query parameter is read);</li>
 *   <li>the errors Tomcat answers itself are problem+json from {@link ProblemErrorReportValve}, not its HTML page.</li>
 * </ul>
 * Ordered last, after Boot's own Tomcat customizer (order 0), so the error report valve Boot adds to the host is
 * there to be replaced.
 */
final class TomcatCustomizer implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> connector.setParseBodyMethods(""));
        factory.addContextCustomizers(context -> useProblemErrorReports((Host) context.getParent()));
    }

    /**
     * On start the host adds an error report valve of its configured class unless one is in its pipeline, and Boot
     * adds a plain {@link ErrorReportValve}: both are replaced by the problem+json one.
     */
    private static void useProblemErrorReports(Host host) {
        if (host instanceof StandardHost standardHost) {
            standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
        }
        Pipeline pipeline = host.getPipeline();
        boolean present = false;
        for (Valve valve : pipeline.getValves()) {
            if (valve instanceof ProblemErrorReportValve) {
                present = true;
            } else if (valve instanceof ErrorReportValve) {
                pipeline.removeValve(valve);
            }
        }
        if (!present) {
            pipeline.addValve(new ProblemErrorReportValve());
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
