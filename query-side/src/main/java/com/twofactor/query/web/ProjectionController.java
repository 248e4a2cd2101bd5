package com.twofactor.query.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.twofactor.api.error.DomainException;
import com.twofactor.api.error.ErrorCode;
import com.twofactor.platform.security.ActorHeader;
import com.twofactor.platform.security.ApiClient;
import com.twofactor.platform.security.RequiresRole;
import com.twofactor.platform.security.Role;
import com.twofactor.query.processing.ProcessingGroups;
import com.twofactor.query.processing.ProjectionProcessors;
import com.twofactor.query.processing.ProjectionRebuilds;
import com.twofactor.query.processing.ProjectionStatus;

import jakarta.validation.constraints.Pattern;

/**
 * Operators' view of the projections, and their rebuild from the event store. A rebuild empties a read model
 * of every organization, so only an ADMIN key for all organizations may ask; the role interceptor checks
 * organizations only for paths with an {@code organizationId}, hence the check here.
 *
 * <p>Not a command or query of the domain but an action on this node's event processors: it calls the rebuild
 * service directly rather than through a gateway.
 */
@RestController
@Validated
@RequestMapping("/api/v1/projections")
class ProjectionController {

    private final ProjectionProcessors processors;
    private final ProjectionRebuilds rebuilds;

    ProjectionController(ProjectionProcessors processors, ProjectionRebuilds rebuilds) {
        this.processors = processors;
        this.rebuilds = rebuilds;
    }

    record ProjectionsResponse(List<ProjectionStatus> projections) {
    }

    @GetMapping
    @RequiresRole(Role.ADMIN)
    ProjectionsResponse projections() {
        requireAllOrganizations();
        return new ProjectionsResponse(ProcessingGroups.ALL.stream().map(processors::status).toList());
    }

    /** Answers once the read models are emptied and their replays have started; they finish in the background. */
    @PostMapping("/{name}/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresRole(value = Role.ADMIN, actorRequired = true)
    ProjectionsResponse rebuild(@PathVariable @Pattern(regexp = "[a-z][a-z-]{0,63}") String name,
                                @RequestHeader(ActorHeader.NAME) String actorId) {
        ApiClient client = requireAllOrganizations();
        return new ProjectionsResponse(rebuilds.rebuild(name, client.name() + " (actor " + actorId + ")"));
    }

    private static ApiClient requireAllOrganizations() {
        ApiClient client = ApiClient.current().orElseThrow(() ->
                new DomainException(ErrorCode.UNAUTHORIZED, "The request is not authenticated."));
        if (!client.allOrganizations()) {
            throw new DomainException(ErrorCode.FORBIDDEN,
                    "Projections hold every organization's data: only an ADMIN key for all organizations (\"*\")"
                            + " may see or rebuild them.");
        }
        return client;
    }
}
