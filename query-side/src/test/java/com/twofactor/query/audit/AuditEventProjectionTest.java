package com.twofactor.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;

import com.twofactor.api.Portal;
import com.twofactor.api.error.ErrorCode;
import com.twofactor.api.policy.TwoFactorEnforcementChanged;
import com.twofactor.api.query.AuditEventType;
import com.twofactor.api.user.BrowserTrusted;
import com.twofactor.api.user.EncryptedSecret;
import com.twofactor.api.user.RecoveryCodeConsumed;
import com.twofactor.api.user.RecoveryCodeHash;
import com.twofactor.api.user.RecoveryCodesIssued;
import com.twofactor.api.user.RecoveryResetApproved;
import com.twofactor.api.user.RecoveryResetRejected;
import com.twofactor.api.user.RecoveryResetRequested;
import com.twofactor.api.user.SecondFactorMethod;
import com.twofactor.api.user.SecondFactorRejected;
import com.twofactor.api.user.SecondFactorUnlocked;
import com.twofactor.api.user.SecondFactorVerified;
import com.twofactor.api.user.TrustedBrowserTokens;
import com.twofactor.api.user.TrustedBrowsersRevoked;
import com.twofactor.api.user.TwoFactorDisabled;
import com.twofactor.api.user.TwoFactorEnabled;
import com.twofactor.api.user.TwoFactorEnrollmentStarted;
import com.twofactor.api.user.TwoFactorReset;
import com.twofactor.api.user.UserLockedOut;
import com.twofactor.api.user.UserSecurityId;
import com.twofactor.platform.security.MetaDataKeys;
import com.twofactor.query.processing.ProcessingGroups;
import com.twofactor.query.testsupport.EmbeddedMongo;
import com.twofactor.query.testsupport.Rebuilds;

/**
 * The audit projection against the embedded MongoDB server, fed through Axon's annotation adapter as a
 * processor would: for every event type the entry it writes, and that nothing secret reaches the entry.
 */
class AuditEventProjectionTest {

    @RegisterExtension
    static final EmbeddedMongo mongo = new EmbeddedMongo();

    private static final Instant T0 = Instant.parse("2026-05-04T10:15:30.123456789Z");
    private static final UserSecurityId ALICE = new UserSecurityId("acme", "alice");

    // Secrets and their stored forms as the events carry them; none may reach an audit entry.
    private static final String SECRET_NONCE = "bm9uY2Utb2YtdGhlLXNlY3JldA==";
    private static final String SECRET_CIPHERTEXT = "Y2lwaGVydGV4dC1vZi10aGUtc2VjcmV0";
    private static final String SECRET_KEY_ID = "secret-key-2026";
    private static final String CODE_LOOKUP_ID = "a1b2c3d4e5f6a7b8c9d0";
    private static final String CODE_SALT = "c2FsdC1vZi1hLXJlY292ZXJ5LWNvZGU=";
    private static final String CODE_HASH = "aGFzaC1vZi1hLXJlY292ZXJ5LWNvZGU=";
    private static final String LOOKUP_KEY_ID = "lookup-key-2026";
    private static final String ALGORITHM = "pbkdf2-sha256:60000";
    private static final String BROWSER_TOKEN = "raw-trusted-browser-token-0123456789abcdef";
    private static final long ACCEPTED_TIME_STEP = 59_375_432L;
    private static final List<String> NEVER_IN_AN_ENTRY = List.of(SECRET_NONCE, SECRET_CIPHERTEXT, SECRET_KEY_ID,
            CODE_LOOKUP_ID, CODE_SALT, CODE_HASH, LOOKUP_KEY_ID, ALGORITHM, BROWSER_TOKEN,
            TrustedBrowserTokens.hash(BROWSER_TOKEN), Long.toString(ACCEPTED_TIME_STEP), "\"secret\"",
            "\"tokenHash\"", "\"codes\"", "\"lookupId\"", "\"lookupKeyId\"", "\"salt\"", "\"hash\"",
            "\"algorithm\"", "\"acceptedTimeStep\"", "\"codeNumber\"");

    private AnnotationEventHandlerAdapter projection;

    @BeforeEach
    void setUp() {
        projection = new AnnotationEventHandlerAdapter(
                new AuditEventProjection(mongo.template(), Rebuilds.marks(mongo.template())));
    }

    /** One event of each audit type, as the command side publishes it, and the details its entry must have. */
    static Map<AuditEventType, Example> examples() {
        Map<AuditEventType, Example> examples = new EnumMap<>(AuditEventType.class);
        EncryptedSecret secret = new EncryptedSecret(SECRET_KEY_ID, SECRET_NONCE, SECRET_CIPHERTEXT);
        examples.put(AuditEventType.ENROLLMENT_STARTED, new Example(
                new TwoFactorEnrollmentStarted(ALICE, Portal.AGENT, secret, T0, T0.plusSeconds(900)),
                Map.of("portal", "AGENT", "expiresAt", T0.plusSeconds(900).toString())));
        examples.put(AuditEventType.ENABLED, new Example(
                new TwoFactorEnabled(ALICE, Portal.CUSTOMER, T0, ACCEPTED_TIME_STEP),
                Map.of("portal", "CUSTOMER")));
        examples.put(AuditEventType.DISABLED, new Example(new TwoFactorDisabled(ALICE, T0), Map.of()));
        examples.put(AuditEventType.RESET, new Example(
                new TwoFactorReset(ALICE, "admin-ann", "request-7", T0),
                Map.of("closedRequestId", "request-7")));
        List<RecoveryCodeHash> hashes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            hashes.add(new RecoveryCodeHash(CODE_LOOKUP_ID + i, CODE_SALT, CODE_HASH));
        }
        examples.put(AuditEventType.RECOVERY_CODES_ISSUED, new Example(
                new RecoveryCodesIssued(ALICE, "batch-3", hashes, LOOKUP_KEY_ID, ALGORITHM, T0),
                Map.of("batchId", "batch-3", "recoveryCodeCount", 10)));
        examples.put(AuditEventType.RECOVERY_CODE_CONSUMED, new Example(
                new RecoveryCodeConsumed(ALICE, "batch-3", 4, 6, T0),
                Map.of("method", "RECOVERY_CODE", "batchId", "batch-3", "remainingRecoveryCodes", 6)));
        examples.put(AuditEventType.SECOND_FACTOR_VERIFIED, new Example(
                new SecondFactorVerified(ALICE, SecondFactorMethod.TOTP, ACCEPTED_TIME_STEP, T0),
                Map.of("method", "TOTP")));
        examples.put(AuditEventType.SECOND_FACTOR_REJECTED, new Example(
                new SecondFactorRejected(ALICE, SecondFactorMethod.TOTP, ErrorCode.CODE_ALREADY_USED, 3, T0),
                Map.of("method", "TOTP", "reason", "code_already_used", "consecutiveFailures", 3)));
        examples.put(AuditEventType.LOCKED_OUT, new Example(
                new UserLockedOut(ALICE, T0, T0.plusSeconds(600), 2),
                Map.of("lockedUntil", T0.plusSeconds(600).toString(), "untilAdminUnlocks", false, "lockOutCount", 2)));
        examples.put(AuditEventType.UNLOCKED, new Example(new SecondFactorUnlocked(ALICE, "admin-ann", T0), Map.of()));
        examples.put(AuditEventType.BROWSER_TRUSTED, new Example(
                new BrowserTrusted(ALICE, "browser-9", "Firefox, \"work\" laptop", TrustedBrowserTokens.hash(BROWSER_TOKEN),
                        T0, T0.plusSeconds(30 * 86400)),
                Map.of("browserId", "browser-9", "label", "Firefox, \"work\" laptop",
                        "trustedUntil", T0.plusSeconds(30 * 86400).toString())));
        examples.put(AuditEventType.TRUSTED_BROWSERS_REVOKED, new Example(
                new TrustedBrowsersRevoked(ALICE, List.of("browser-8", "browser-9"), T0),
                Map.of("browserIds", List.of("browser-8", "browser-9"))));
        examples.put(AuditEventType.RECOVERY_RESET_REQUESTED, new Example(
                new RecoveryResetRequested(ALICE, "request-7", Portal.AGENT, "lost my phone\nand codes", T0),
                Map.of("requestId", "request-7", "portal", "AGENT", "reason", "lost my phone\nand codes")));
        examples.put(AuditEventType.RECOVERY_RESET_APPROVED, new Example(
                new RecoveryResetApproved(ALICE, "request-7", "admin-ann", "identity checked by phone", T0),
                Map.of("requestId", "request-7", "comment", "identity checked by phone")));
        examples.put(AuditEventType.RECOVERY_RESET_REJECTED, new Example(
                new RecoveryResetRejected(ALICE, "request-7", "admin-ann", "could not verify", T0),
                Map.of("requestId", "request-7", "reason", "could not verify")));
        examples.put(AuditEventType.ENFORCEMENT_CHANGED, new Example(
                new TwoFactorEnforcementChanged("acme", Portal.AGENT, true, "admin-ann", T0),
                Map.of("portal", "AGENT", "enforced", true)));
        return examples;
    }

    record Example(Object event, Map<String, Object> details) {
    }

    static Stream<Arguments> everyType() {
        return examples().entrySet().stream().map(example -> Arguments.of(example.getKey(), example.getValue()));
    }

    @Test
    void everyTypeHasAnExample() {
        assertThat(examples().keySet()).containsExactlyInAnyOrder(AuditEventType.values());
    }

    /**
     * Every record of the contract's user and policy packages is a command, a command's result, a value type or
     * an event; every event has an audit type, so a new event cannot be left out of the audit trail unnoticed.
     */
    @Test
    void everyEventOfTheContract_hasAnAuditType() throws ClassNotFoundException {
        Set<String> valueTypes = Set.of("EncryptedSecret", "RecoveryCodeHash", "UserSecurityId");
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter((reader, factory) -> true);
        List<Class<?>> events = new ArrayList<>();
        for (String pkg : List.of("com.twofactor.api.user", "com.twofactor.api.policy")) {
            for (BeanDefinition candidate : scanner.findCandidateComponents(pkg)) {
                Class<?> type = Class.forName(candidate.getBeanClassName());
                String name = type.getSimpleName();
                if (type.isRecord() && !name.endsWith("Command") && !name.endsWith("Result")
                        && !valueTypes.contains(name)) {
                    events.add(type);
                }
            }
        }

        assertThat(events).hasSize(AuditEventType.values().length);
        assertThat(events).allSatisfy(event -> assertThat(AuditEventType.of(event)).as(event.getName()).isPresent());
    }

    @Test
    void typeNamesAreUniqueAndLowerCase() {
        Set<String> names = Stream.of(AuditEventType.values()).map(AuditEventType::typeName).collect(Collectors.toSet());
        assertThat(names).hasSize(AuditEventType.values().length)
                .allSatisfy(name -> assertThat(name).matches("[a-z_]+\\.[a-z_]+"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyType")
    void eachEvent_becomesOneEntryWithItsSafeDetails_andNothingSecret(AuditEventType type, Example example)
            throws Exception {
        String aggregateId = example.event() instanceof TwoFactorEnforcementChanged ? "acme" : ALICE.toString();
        GenericDomainEventMessage<Object> message = new GenericDomainEventMessage<>("Aggregate", aggregateId, 7,
                example.event(), MetaData.with(MetaDataKeys.CLIENT, "agent-portal")
                        .and(MetaDataKeys.ACTOR_ID, "agent-42")
                        .and(MetaDataKeys.CORRELATION_ID, "command-1")
                        .and(MetaDataKeys.TRACE_ID, "command-1"));

        projection.handle(message);

        List<Document> stored = mongo.template().findAll(Document.class, AuditEventDocument.COLLECTION);
        assertThat(stored).hasSize(1);
        Document entry = stored.get(0);
        assertThat(entry.getString("_id")).isEqualTo(message.getIdentifier());
        assertThat(entry.getString("type")).isEqualTo(type.typeName());
        assertThat(entry.getString("organizationId")).isEqualTo("acme");
        assertThat(entry.getString("userId")).isEqualTo(type == AuditEventType.ENFORCEMENT_CHANGED ? null : "alice");
        assertThat(entry.getDate("occurredAt").toInstant()).isEqualTo(Instant.parse("2026-05-04T10:15:30.123Z"));
        assertThat(entry.getString("actorId")).isEqualTo("agent-42");
        assertThat(entry.getString("client")).isEqualTo("agent-portal");
        assertThat(entry.getString("correlationId")).isEqualTo("command-1");
        assertThat(entry.get("version", Number.class).longValue()).isEqualTo(7);
        assertThat(new HashMap<>(entry.get("details", Document.class))).isEqualTo(example.details());

        String everything = entry.toJson();
        assertThat(NEVER_IN_AN_ENTRY).allSatisfy(secret -> assertThat(everything).doesNotContain(secret));
        assertThat(entry.keySet()).as("no field beyond the entry's own").isSubsetOf("_id", "_class", "organizationId",
                "userId", "type", "occurredAt", "actorId", "client", "correlationId", "details", "version");
    }

    @Test
    void anAdminEventWithoutAnActorInItsMetadata_namesTheAdminOfItsPayloadAsActor() throws Exception {
        projection.handle(new GenericDomainEventMessage<>("UserSecurity", ALICE.toString(), 3,
                new SecondFactorUnlocked(ALICE, "admin-ann", T0), MetaData.with(MetaDataKeys.CLIENT, "admin-console")));
        projection.handle(new GenericDomainEventMessage<>("TwoFactorPolicy", "acme", 0,
                new TwoFactorEnforcementChanged("acme", Portal.CUSTOMER, false, "admin-bea", T0)));

        assertThat(mongo.template().findAll(Document.class, AuditEventDocument.COLLECTION))
                .extracting(document -> document.getString("actorId"))
                .containsExactlyInAnyOrder("admin-ann", "admin-bea");
    }

    @Test
    void anActorInTheMetadata_winsOverTheAdminOfThePayload() throws Exception {
        projection.handle(new GenericDomainEventMessage<>("UserSecurity", ALICE.toString(), 3,
                new TwoFactorReset(ALICE, "admin-ann", null, T0), MetaData.with(MetaDataKeys.ACTOR_ID, "admin-cid")));

        Document entry = mongo.template().findAll(Document.class, AuditEventDocument.COLLECTION).get(0);
        assertThat(entry.getString("actorId")).isEqualTo("admin-cid");
        assertThat(entry.get("details", Document.class)).isEmpty();
    }

    @Test
    void aPortalActingWithoutNamingAnActor_leavesTheActorEmpty_butRecordsTheClient() throws Exception {
        projection.handle(new GenericDomainEventMessage<>("UserSecurity", ALICE.toString(), 0,
                new TwoFactorDisabled(ALICE, T0), MetaData.with(MetaDataKeys.CLIENT, "customer-portal")));

        Document entry = mongo.template().findAll(Document.class, AuditEventDocument.COLLECTION).get(0);
        assertThat(entry.getString("actorId")).isNull();
        assertThat(entry.getString("client")).isEqualTo("customer-portal");
    }

    @Test
    void aLockOutOnlyAnAdminCanLift_saysSo() throws Exception {
        projection.handle(new GenericDomainEventMessage<>("UserSecurity", ALICE.toString(), 0,
                new UserLockedOut(ALICE, T0, null, 20)));

        assertThat(mongo.template().findAll(Document.class, AuditEventDocument.COLLECTION).get(0)
                .get("details", Document.class))
                .containsOnly(entry("untilAdminUnlocks", true), entry("lockOutCount", 20));
    }

    @Test
    void aRedeliveredEvent_leavesOneUnchangedEntry() throws Exception {
        GenericDomainEventMessage<Object> message = new GenericDomainEventMessage<>("UserSecurity", ALICE.toString(),
                2, new SecondFactorVerified(ALICE, SecondFactorMethod.RECOVERY_CODE, null, T0),
                MetaData.with(MetaDataKeys.CLIENT, "agent-portal"));
        projection.handle(message);
        Document first = mongo.template().findAll(Document.class, AuditEventDocument.COLLECTION).get(0);

        projection.handle(message);

        assertThat(mongo.template().findAll(Document.class, AuditEventDocument.COLLECTION)).containsExactly(first);
    }

    @Test
    void theResetHandler_marksTheTrailAsRebuilding_andEmptiesIt() throws Exception {
        projection.handle(new GenericDomainEventMessage<>("UserSecurity", ALICE.toString(), 0,
                new TwoFactorDisabled(ALICE, T0)));

        projection.prepareReset();

        assertThat(mongo.template().findAll(Document.class, AuditEventDocument.COLLECTION)).isEmpty();
        assertThat(Rebuilds.processors(mongo.template()).isRebuilding(ProcessingGroups.AUDIT_EVENTS)).isTrue();
    }
}
