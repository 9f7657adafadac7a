package org.compliancebot.bot.http.service;

import java.util.Optional;

/**
 * The services the HTTP face can reach. Modules register theirs when they start; a route whose
 * service is not registered answers 503 {@code {"error":"unavailable"}}, never made-up data.
 */
public final class ServiceRegistry {
    private volatile IncidentApi incidents;
    private volatile ChangeApi changes;
    private volatile ApprovalApi approvals;
    private volatile EvidenceApi evidence;
    private volatile IncidentOpener incidentOpener;
    private volatile RoomMessages messages;

    public ServiceRegistry incidents(IncidentApi s) {
        incidents = s;
        return this;
    }

    public ServiceRegistry changes(ChangeApi s) {
        changes = s;
        return this;
    }

    public ServiceRegistry approvals(ApprovalApi s) {
        approvals = s;
        return this;
    }

    public ServiceRegistry evidence(EvidenceApi s) {
        evidence = s;
        return this;
    }

    public ServiceRegistry incidentOpener(IncidentOpener s) {
        incidentOpener = s;
        return this;
    }

    public ServiceRegistry messages(RoomMessages s) {
        messages = s;
        return this;
    }

    public IncidentApi incidents() {
        return require(incidents, "the incident service is");
    }

    public ChangeApi changes() {
        return require(changes, "the change request service is");
    }

    public ApprovalApi approvals() {
        return require(approvals, "the approval service is");
    }

    public EvidenceApi evidence() {
        return require(evidence, "the evidence service is");
    }

    public IncidentOpener incidentOpener() {
        return require(incidentOpener, "the incident service is");
    }

    public RoomMessages messages() {
        return require(messages, "room messaging is");
    }

    public Optional<ApprovalApi> approvalsIfPresent() {
        return Optional.ofNullable(approvals);
    }

    private static <T> T require(T s, String what) {
        if (s == null) {
            throw ApiException.unavailable(what);
        }
        return s;
    }
}
