"""What each action in the audit log means, in words an administrator or a DPO reads.

Every app records its actions under these codes (``audit_record(action=...)``);
tests/trust/test_audit_log.py fails when code records an action that has no label here.
"""

from __future__ import annotations

from django.apps import apps
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, Promise] = {
    # A role or access given or taken away (programmes.services.grants): the object is the
    # person, the summary says which role of what.
    "access.grant": _("Access granted"),
    "access.revoke": _("Access revoked"),
    "admin.view": _("Opened in the administration"),
    "appointment.record": _("Later appointment recorded"),
    "calendar_feed.renew": _("Calendar address renewed"),
    # A cohort copied to the next year: the object is the new cohort, the summary what came.
    "cohort.copy": _("Cohort copied to a new cohort"),
    "cohort_message.cancel": _("Scheduled message to a cohort cancelled"),
    "cohort_message.schedule": _("Message to a cohort scheduled"),
    "cohort_message.send": _("Message sent to a cohort"),
    "enrolment.admit": _("Participant admitted"),
    # A bulk action from a list: one entry, its object ids listing everyone it changed.
    "enrolment.admit_many": _("Participants admitted together"),
    "enrolment.decline": _("Application declined"),
    "enrolment.decline_many": _("Applications declined together"),
    "enrolment.export": _("List of applicants or participants exported"),
    "enrolment.import": _("Participants imported"),
    "enrolment.nominate": _("Employee nominated"),
    "enrolment.wait_many": _("Applications moved to the waiting list together"),
    "enrolment.withdraw": _("Application withdrawn"),
    "event.cancel": _("Event cancelled"),
    "event.export": _("Event list exported"),
    # Bulk changes from an event's list: the objects are the registrations.
    "event_registration.absent": _("Marked as not attending"),
    "event_registration.attended": _("Marked as attending"),
    "event_registration.cancel": _("Registrations cancelled by the coordinator"),
    "event_registration.email": _("Message sent to people registered for an event"),
    "event_registration.promote": _("Moved from the waiting list to a place"),
    "fee_line.change": _("Fee line changed"),
    "fee_line.correct": _("Fee line corrected"),
    "invoice_basis.export": _("Invoice basis exported"),
    "invoice_basis.pay": _("Invoice basis marked as paid"),
    "invoice_basis.send": _("Invoice basis sent to invoicing"),
    "leader_profile.open": _("Leader profiles opened"),
    "leader_profile.remind": _("Reminder about leader profiles"),
    "mail_template.reset": _("Mail text reset to the default"),
    "mail_template.save": _("Mail text changed"),
    "mail_template.test_send": _("Test of a mail text sent"),
    "match_exclusion.create": _("Pair excluded from matching"),
    "match_exclusion.remove": _("Exclusion removed"),
    "match_exclusion.withdraw": _("Exclusion withdrawn by the participant"),
    "match_lock.remove": _("Pair unlocked"),
    "match_lock.set": _("Pair locked or set by hand"),
    "match_run.create": _("Matching run"),
    "match_run.publish": _("Matching published"),
    "matching_settings.update": _("Matching settings changed"),
    "municipality.view": _("Municipality view opened"),
    "nomination.stage_decide": _("Nomination decided at a stage"),
    "outcome_target.set": _("Outcome target set"),
    "pair.create": _("Pair created"),
    "pair.dissolve": _("Pair dissolved"),
    "pair.export": _("Pairs exported"),
    "group.rename": _("Mentor group renamed"),
    "person.address_corrected": _("Email address corrected after a bounce"),
    "person.anonymise": _("Person anonymised"),
    "person.deactivated": _("Person deactivated"),
    "person.invited": _("Person invited"),
    "programme.copy": _("Programme copied to a new programme"),
    "programme.create": _("Programme created"),
    "programme.nomination_settings": _("Nomination settings changed"),
    "programme.work_areas": _("Work areas changed"),
    "register_extract.download": _("Register extract downloaded"),
    "report.download": _("Report downloaded"),
    "report.export": _("Report data exported"),
    "report.request": _("Report requested"),
    "resource.add": _("Document added"),
    "resource.delete": _("Document removed"),
    "retention.run": _("Retention run"),
    "session.change": _("Session changed"),
    "session.delete": _("Session removed"),
    "session.plan": _("Session planned"),
    "survey.create": _("Pulse survey created"),
    "survey.send_now": _("Survey sent now"),
    "retention_decision.record": _("Retention decision recorded"),
    # Recorded before access.grant took its place; older logs still hold it.
    "role.contact_added": _("Made a municipality contact"),
}


def action_label(action: str) -> str:
    """The action in words; an unknown (older) code is shown as it is."""
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else action


def target_type_label(label: str) -> str:
    """A logged object type (``programmes.enrolment``) as its name (*anmälan*)."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return label
    return str(model._meta.verbose_name).capitalize()
