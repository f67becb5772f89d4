package io.licensegateway.security;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of the audit trail. {@code kind} is {@code authentication} (a refused or locked-out credential) or the
 * admin action ({@code refresh}, {@code read-audit}, {@code replace-aliases}, {@code remove-aliases}); {@code outcome} is one of {@link #OUTCOMES};
 * {@code principal} is {@code api-key:<name>}, {@code vac:<account>} or {@code oidc:<subject>} when known;
 * {@code credential} the kind of credential of an authentication event; {@code detail} the request, never a secret.
 * Refused authentications are aggregated: the entry stands for {@code count} equal events from {@code firstAt} to
 * {@code at} (the last); other entries have a count of 1 and no {@code firstAt}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEvent(long id, OffsetDateTime at, String kind, String outcome, String principal, String credential,
        String address, String detail, int count, OffsetDateTime firstAt) {

    public static final String AUTHENTICATION = "authentication";

    /** Every kind: authentication, then one per {@link AdminAction} endpoint. */
    public static final java.util.List<String> KINDS = java.util.List.of(AUTHENTICATION, "refresh", "read-audit",
            "replace-aliases", "remove-aliases");

    /** Wrong credential. */
    public static final String FAILURE = "failure";
    /** Refused with 429: the address or account is locked. */
    public static final String LOCKED = "locked";
    /** Admin action done. */
    public static final String SUCCESS = "success";
    /** Admin action refused for lack of the admin role (403). */
    public static final String DENIED = "denied";
    /** Admin action refused for another reason (400, 404, 409). */
    public static final String REFUSED = "refused";
    /** Admin action failed on the gateway's side (5xx). */
    public static final String ERROR = "error";

    public static final java.util.List<String> OUTCOMES = java.util.List.of(FAILURE, LOCKED, SUCCESS, DENIED, REFUSED,
            ERROR);

    /** A new event; the database assigns id and time. */
    static AuditEvent of(String kind, String outcome, String principal, CredentialKind credential, String address,
            String detail) {
        return new AuditEvent(0, null, kind, outcome, principal, credential == null ? null : credential.label(), address,
                detail, 1, null);
    }
}
