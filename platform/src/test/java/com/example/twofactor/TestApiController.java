package com.example.twofactor;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.twofactor.api.error.DomainException;
import com.twofactor.api.error.ErrorCode;
import com.twofactor.platform.security.ApiClient;
import com.twofactor.platform.security.RequiresRole;
import com.twofactor.platform.security.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class TestApiController {

    private final CommandGateway commandGateway;
    private final QueryGateway queryGateway;

    TestApiController(CommandGateway commandGateway, QueryGateway queryGateway) {
        this.commandGateway = commandGateway;
        this.queryGateway = queryGateway;
    }

    @GetMapping("/organizations/{organizationId}/ping")
    @RequiresRole({Role.PORTAL, Role.ADMIN})
    Map<String, Object> ping(@PathVariable String organizationId) {
        return Map.of("organizationId", organizationId, "client", ApiClient.current().orElseThrow().name());
    }

    @GetMapping("/organizations/{organizationId}/page")
    @RequiresRole(Role.PORTAL)
    Map<String, Object> page(@PathVariable String organizationId, @RequestParam @Max(100) int size) {
        return Map.of("size", size);
    }

    @PostMapping(path = "/organizations/{organizationId}/admin-actions", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresRole(value = Role.ADMIN, actorRequired = true)
    Map<String, Object> adminAction(@PathVariable String organizationId, @RequestBody Map<String, Object> body) {
        return Map.of("done", true);
    }

    /** Which query parameter it was given, if any: no request body is ever read for parameters. */
    @RequestMapping(path = "/organizations/{organizationId}/search", method = {RequestMethod.GET, RequestMethod.POST,
            RequestMethod.PUT})
    @RequiresRole(Role.PORTAL)
    Map<String, Object> search(@PathVariable String organizationId, @RequestParam(required = false) String q) {
        return Map.of("q", q == null ? "(none)" : q);
    }

    @PostMapping("/organizations/{organizationId}/shared-actions")
    @RequiresRole(value = {Role.PORTAL, Role.ADMIN}, actorRequiredFor = Role.ADMIN)
    Map<String, Object> sharedAction(@PathVariable String organizationId) {
        return Map.of("done", true);
    }

    @PostMapping(path = "/organizations/{organizationId}/things", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresRole(Role.PORTAL)
    @ResponseStatus(HttpStatus.CREATED)
    CompletableFuture<Map<String, Object>> createThing(@PathVariable String organizationId,
                                                       @Valid @RequestBody CreateThingRequest request) {
        String thingId = UUID.randomUUID().toString();
        return commandGateway.send(new CreateThingCommand(thingId, request.name(), request.channel()))
                .thenApply(ignored -> Map.of("thingId", thingId));
    }

    /** Like the login check: an optional single-valued header. */
    @GetMapping("/organizations/{organizationId}/tokens")
    @RequiresRole(Role.PORTAL)
    Map<String, Object> token(@PathVariable String organizationId,
                              @RequestHeader(name = "X-Trusted-Browser-Token", required = false) String token) {
        return Map.of("token", token == null ? "(none)" : "length " + token.length());
    }

    /** Like an admin command that binds the actor header to its own name. */
    @PostMapping("/organizations/{organizationId}/unlocks")
    @RequiresRole(value = Role.ADMIN, actorRequired = true)
    Map<String, Object> unlock(@PathVariable String organizationId, @RequestHeader("X-Actor-Id") String unlockedBy) {
        return Map.of("unlockedBy", unlockedBy);
    }

    @PostMapping(path = "/organizations/{organizationId}/codes", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresRole(Role.PORTAL)
    Map<String, Object> code(@PathVariable String organizationId, @Valid @RequestBody CodeRequest request) {
        return Map.of("accepted", true, "remember", String.valueOf(request.remember()));
    }

    @PutMapping(path = "/organizations/{organizationId}/switches", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresRole(Role.PORTAL)
    Map<String, Object> flip(@PathVariable String organizationId, @Valid @RequestBody SwitchRequest request) {
        return Map.of("enforced", request.enforced());
    }

    @GetMapping("/organizations/{organizationId}/caller")
    @RequiresRole(Role.PORTAL)
    CompletableFuture<CallerSeen> caller(@PathVariable String organizationId) {
        return queryGateway.query(new FindCallerQuery(organizationId), CallerSeen.class);
    }

    @GetMapping("/unprotected")
    Map<String, Object> unprotected() {
        return Map.of("leaked", true);
    }

    @GetMapping("/failures/domain")
    @RequiresRole(Role.PORTAL)
    Object domainFailure() {
        throw new DomainException(ErrorCode.CODE_ALREADY_USED, "This code was already used.");
    }

    @GetMapping("/failures/remote")
    @RequiresRole(Role.PORTAL)
    Object remoteFailure() {
        throw new CommandExecutionException("The recovery code is not valid.", null, "invalid_recovery_code");
    }

    @GetMapping("/failures/concurrency")
    @RequiresRole(Role.PORTAL)
    Object concurrencyFailure() {
        throw new CompletionException(new ConcurrencyException("sequence 3 of aggregate xyz already exists"));
    }

    @GetMapping("/failures/unavailable")
    @RequiresRole(Role.PORTAL)
    Object unavailableFailure() {
        throw new CompletionException(new DataAccessResourceFailureException("mongo at 10.0.0.7 is down"));
    }

    @GetMapping("/failures/internal")
    @RequiresRole(Role.PORTAL)
    Object internalFailure() {
        throw new IllegalStateException("database password is hunter2");
    }
}
