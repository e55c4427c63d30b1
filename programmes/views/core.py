"""Start pages and the coordinator's pages for programmes, cohorts and the consortium."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.models import User
from common.formflow import submit
from common.http import HtmxHttpRequest
from common.lists import paginate
from programmes import access
from programmes.forms.core import (
    CohortForm,
    InviteForm,
    MembershipChangeForm,
    MembershipForm,
    MunicipalityForm,
    ProgrammeCreateForm,
    ProgrammeForm,
)
from programmes.models import Cohort, EnrolmentStatus, Municipality, Role
from programmes.selectors.bounces import bounces_in_cohort
from programmes.selectors.enrolment import nominations_followed_by
from programmes.services import core as services
from programmes.services import grants as grant_services
from programmes.services.grants import Access, may_grant
from programmes.setup import settings_links, setup_checklist
from programmes.shapes import SHAPES, START_BLANK, first_cohort_initial, shape_for
from programmes.todo import todos_for

# A cohort of a national programme has hundreds of participants; a contact's town as many.
PARTICIPANTS_PER_PAGE = 50


def home(request: HttpRequest) -> HttpResponse:
    """One start page that shows each role what it works with."""
    user = request.user
    if not user.is_authenticated:
        return render(request, "programmes/welcome.html")
    context: dict[str, object] = {
        "my_enrolments": access.active_enrolments(user).order_by("-cohort__starts_on"),
        "open_cohorts": access.cohorts_for_user(user).none(),
    }
    roles = access.request_roles(request)
    context["todos"] = todos_for(user, roles)
    if roles.nominator:
        context["my_nominations"] = nominations_followed_by(user)
    if roles.coordinator or roles.administrator:
        context["coordinated_cohorts"] = _cohorts_with_counts(access.cohorts_for_coordinator(user))
        context["coordinates"] = roles.coordinator
    contact_municipalities = (
        list(access.municipalities_for_contact(user).filter(contacts=user)) if roles.contact else []
    )
    if contact_municipalities:
        context["contact_municipalities"] = contact_municipalities
        # Cohorts that are running or coming; the municipality view has every year.
        contact_enrolments = paginate(
            request.GET,
            access.enrolments_for_user(user)
            .filter(
                municipality__in=contact_municipalities,
                cohort__ends_on__gte=timezone.localdate(),
            )
            .select_related("person", "cohort__programme", "municipality", "nomination")
            .order_by("cohort__programme__name", "-cohort__starts_on", "person__full_name", "pk"),
            PARTICIPANTS_PER_PAGE,
        )
        context["contact_enrolments"] = contact_enrolments.page
        context["contact_query"] = contact_enrolments.query
    # Staff and managers who take part in no programme are not shown an empty "my programmes".
    context["works_with_others"] = (
        roles.coordinator or roles.administrator or roles.nominator or bool(contact_municipalities)
    )
    context["open_cohorts"] = Cohort.objects.open_for_applications().select_related("programme")
    return render(request, "programmes/home.html", context)


def _cohorts_with_counts(cohorts: QuerySet[Cohort]) -> QuerySet[Cohort]:
    admitted = Q(enrolments__status=EnrolmentStatus.ADMITTED)
    return (
        cohorts.select_related("programme")
        .annotate(
            mentor_count=Count("enrolments", filter=admitted & Q(enrolments__role=Role.MENTOR)),
            adept_count=Count("enrolments", filter=admitted & Q(enrolments__role=Role.ADEPT)),
            applied_count=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.APPLIED)),
        )
        .order_by("programme__name", "-starts_on")
    )


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    programmes = (
        access.programmes_for_user(request.user)
        .annotate(cohort_count=Count("cohorts", distinct=True))
        .order_by("name")
    )
    return render(
        request,
        "programmes/programme_list.html",
        {"programmes": programmes, "may_create": access.may_create_programme(request.user)},
    )


@login_required
def programme_create(request: HttpRequest, shape_key: str | None = None) -> HttpResponse:
    """First a template (or a blank start), then the programme form it pre-fills.

    The template comes as ``?shape=`` from the picker, or in the path of a direct link.
    """
    if not access.may_create_programme(request.user):
        raise PermissionDenied
    if request.method != "POST":
        chosen = shape_key or request.GET.get("shape")
        shape = shape_for(chosen)
        if shape is None and chosen != START_BLANK:
            return render(
                request,
                "programmes/programme_shapes.html",
                {"shapes": SHAPES, "start_blank": START_BLANK, "not_chosen": chosen is not None},
            )
        initial = {**shape.initial(), "shape": shape.key} if shape else {}
        form = ProgrammeCreateForm(initial=initial, chooser=request.user)
        return render(request, "programmes/programme_form.html", {"form": form, "shape": shape})
    form = ProgrammeCreateForm(request.POST, chooser=request.user)
    if form.is_valid():
        data = dict(form.cleaned_data)
        coordinators = list(data.pop("coordinators"))
        programme = submit(
            form,
            services.programme_create,
            created_by=request.user,
            coordinators=coordinators,
            **data,
        )
        if programme:
            messages.success(
                request, _("The programme %(name)s was created.") % {"name": programme.name}
            )
            if shape_for(data["shape"]):
                # A template suggests the first cohort too: its format, places and length.
                url = reverse("programmes:cohort_create", kwargs={"programme_pk": programme.pk})
                return redirect(f"{url}?{urlencode({'shape': data['shape']})}")
            return redirect("programmes:programme_detail", pk=programme.pk)
    return render(
        request,
        "programmes/programme_form.html",
        {"form": form, "shape": shape_for(form.data.get("shape"))},
    )


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = access.programme_for_user(request.user, pk)
    may_edit = access.programmes_for_coordinator(request.user).filter(pk=pk).exists()
    cohorts = list(
        _cohorts_with_counts(access.cohorts_for_user(request.user).filter(programme=programme))
    )
    memberships = programme.memberships.select_related("municipality").order_by(
        "municipality__name", "joined_on"
    )
    context: dict[str, object] = {
        "programme": programme,
        "cohorts": cohorts,
        "memberships": memberships,
        "coordinators": programme.coordinators.all(),
        "may_edit": may_edit,
    }
    # The setup checklist and the settings are for those who set the programme up.
    if may_edit:
        runs_programme = programme.coordinators.filter(pk=request.user.pk).exists()
        today = timezone.localdate()
        context["checklist"] = setup_checklist(
            programme=programme,
            cohorts=[c for c in cohorts if c.ends_on >= today],
            runs_programme=runs_programme,
        )
        context["settings_links"] = settings_links(
            programme=programme, runs_programme=runs_programme
        )
    return render(request, "programmes/programme_detail.html", context)


@login_required
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme = access.programme_for_coordinator(request.user, pk)
    form = ProgrammeForm(request.POST or None, instance=programme, chooser=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        coordinators = list(data.pop("coordinators")) or None
        if submit(
            form,
            services.programme_update,
            programme=programme,
            updated_by=request.user,
            coordinators=coordinators,
            **data,
        ):
            messages.success(request, _("The programme was saved."))
            return redirect("programmes:programme_detail", pk=programme.pk)
    return render(request, "programmes/programme_form.html", {"form": form, "programme": programme})


@login_required
def cohort_create(request: HttpRequest, programme_pk: int) -> HttpResponse:
    programme = access.programme_for_coordinator(request.user, programme_pk)
    shape = shape_for(request.GET.get("shape"))
    initial = first_cohort_initial(shape, today=timezone.localdate()) if shape else {}
    form = CohortForm(request.POST or None, programme=programme, initial=initial)
    if request.method == "POST" and form.is_valid():
        cohort = submit(form, services.cohort_create, programme=programme, **form.cleaned_data)
        if cohort:
            messages.success(request, _("The cohort %(name)s was created.") % {"name": cohort.name})
            return redirect("programmes:cohort_detail", pk=cohort.pk)
    return render(
        request,
        "programmes/cohort_form.html",
        {"form": form, "programme": programme, "shape": shape},
    )


@login_required
def cohort_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = access.cohort_for_user(request.user, pk)
    # The programme's coordinators run the pairs; administrators may edit the cohort too.
    coordinates_programme = access.cohorts_run_by(request.user).filter(pk=pk).exists()
    may_edit = coordinates_programme or access.request_roles(request).administrator
    enrolments = (
        access.enrolments_for_user(request.user)
        .filter(cohort=cohort)
        .select_related("person", "municipality", "nomination")
        .order_by("role", "person__full_name", "pk")
    )
    shown = paginate(request.GET, enrolments, PARTICIPANTS_PER_PAGE)
    context: dict[str, object] = {
        "cohort": cohort,
        "programme": cohort.programme,
        "enrolments": shown.page.object_list,
        "page": shown.page,
        "query": shown.query,
        "may_edit": may_edit,
        "coordinates_programme": coordinates_programme,
        "bounces": bounces_in_cohort(cohort) if may_edit else [],
    }
    # The setup checklist and the settings are for those who set the cohort up.
    if may_edit:
        if cohort.ends_on >= timezone.localdate():
            context["checklist"] = setup_checklist(
                programme=cohort.programme, cohorts=[cohort], runs_programme=coordinates_programme
            )
        context["settings_links"] = settings_links(
            programme=cohort.programme, cohort=cohort, runs_programme=coordinates_programme
        )
    return render(request, "programmes/cohort_detail.html", context)


@login_required
def cohort_edit(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = access.cohort_for_coordinator(request.user, pk)
    form = CohortForm(request.POST or None, instance=cohort, programme=cohort.programme)
    if request.method == "POST" and form.is_valid():
        if submit(form, services.cohort_update, cohort=cohort, **form.cleaned_data):
            messages.success(request, _("The cohort was saved."))
            return redirect("programmes:cohort_detail", pk=cohort.pk)
    return render(
        request,
        "programmes/cohort_form.html",
        {"form": form, "programme": cohort.programme, "cohort": cohort},
    )


@login_required
def municipality_list(request: HttpRequest) -> HttpResponse:
    municipalities = access.municipalities_for_user(request.user).prefetch_related(
        "memberships__programme"
    )
    return render(
        request,
        "programmes/municipality_list.html",
        {
            "municipalities": municipalities,
            "may_manage": access.may_manage_municipalities(request.user),
        },
    )


@login_required
def municipality_create(request: HttpRequest) -> HttpResponse:
    if not access.may_manage_municipalities(request.user):
        raise PermissionDenied
    form = MunicipalityForm(
        request.POST or None, may_name_contacts=_may_name_contacts(request), chooser=request.user
    )
    if request.method == "POST" and form.is_valid():
        municipality = submit(
            form,
            services.municipality_create,
            created_by=request.user,
            name=form.cleaned_data["name"],
            code=form.cleaned_data["code"],
            contacts=_contacts(form),
        )
        if municipality:
            messages.success(request, _("%(name)s was added.") % {"name": municipality.name})
            return redirect("programmes:municipality_list")
    return render(request, "programmes/municipality_form.html", {"form": form})


@login_required
def municipality_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not access.may_manage_municipalities(request.user):
        raise PermissionDenied
    municipality = access.get_or_404(access.municipalities_for_user(request.user), pk)
    form = MunicipalityForm(
        request.POST or None,
        instance=municipality,
        may_name_contacts=_may_name_contacts(request, municipality),
        chooser=request.user,
    )
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            services.municipality_update,
            municipality=municipality,
            updated_by=request.user,
            name=form.cleaned_data["name"],
            code=form.cleaned_data["code"],
            contacts=_contacts(form),
        )
        if saved:
            messages.success(request, _("%(name)s was saved.") % {"name": saved.name})
            return redirect("programmes:municipality_list")
    return render(
        request, "programmes/municipality_form.html", {"form": form, "municipality": municipality}
    )


def _may_name_contacts(request: HttpRequest, municipality: Municipality | None = None) -> bool:
    return may_grant(request.user, Access.CONTACT, municipality)


def _contacts(form: MunicipalityForm) -> list[User] | None:
    """The contacts the form names; None (unchanged) when it does not offer the field."""
    return list(form.cleaned_data["contacts"]) if "contacts" in form.fields else None


@login_required
def membership_create(request: HttpRequest, programme_pk: int) -> HttpResponse:
    programme = access.programme_for_coordinator(request.user, programme_pk)
    form = MembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        membership = submit(
            form, services.membership_create, programme=programme, **form.cleaned_data
        )
        if membership:
            messages.success(
                request,
                _("%(municipality)s is now a member of %(programme)s.")
                % {"municipality": membership.municipality.name, "programme": programme.name},
            )
            return redirect("programmes:programme_detail", pk=programme.pk)
    return render(
        request, "programmes/membership_form.html", {"form": form, "programme": programme}
    )


@login_required
def membership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = access.membership_for_coordinator(request.user, pk)
    form = MembershipChangeForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        if submit(form, services.membership_update, membership=membership, **form.cleaned_data):
            messages.success(request, _("The membership was saved."))
            return redirect("programmes:programme_detail", pk=membership.programme_id)
    return render(
        request,
        "programmes/membership_form.html",
        {"form": form, "programme": membership.programme, "membership": membership},
    )


@login_required
def person_invite(request: HttpRequest) -> HttpResponse:
    """Coordinators and administrators invite a person by email."""
    if not access.may_invite_people(request.user):
        raise PermissionDenied
    may_name_contacts = may_grant(request.user, Access.CONTACT)
    form = InviteForm(request.POST or None, may_name_contacts=may_name_contacts)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = submit(
            form,
            grant_services.person_invite_from_page,
            invited_by=request.user,
            email=data["email"],
            full_name=data["full_name"],
            language=data["language"],
            contact_for=data.get("contact_for"),
        )
        if person:
            messages.success(
                request,
                _("An invitation was sent to %(name)s (%(email)s).")
                % {"name": person.full_name, "email": person.email},
            )
            return redirect("programmes:person_invite")
    return render(request, "programmes/person_invite.html", {"form": form})


# At most this many people are suggested; "more match" asks for more letters.
PEOPLE_SUGGESTED = 10
MIN_SEARCH_LETTERS = 3


@login_required
def people_search(request: HtmxHttpRequest) -> HttpResponse:
    """Suggestions for a people field: only people the searcher may name. The field's search
    asks with htmx for the list alone; opened as a page, the same search is a page of its own."""
    if not access.may_create_programme(request.user):
        raise Http404
    # A NUL character is no part of a name or an address (and no database takes it).
    query = request.GET.get("people_search_q", "").replace("\x00", "").strip()
    # The id of the field the suggestions fill in: letters, digits, _ and - only.
    target = re.sub(r"[^\w-]", "", request.GET.get("for", ""))[:100]
    context: dict[str, object] = {"target": target}
    if len(query) < MIN_SEARCH_LETTERS:
        context["too_short"] = True
    else:
        people = list(
            access.people_choosable_by(request.user)
            .filter(Q(full_name__icontains=query) | Q(email__icontains=query))
            .order_by("full_name", "email")[: PEOPLE_SUGGESTED + 1]
        )
        context.update(people=people[:PEOPLE_SUGGESTED], more=len(people) > PEOPLE_SUGGESTED)
    if request.htmx:
        return render(request, "programmes/includes/_people_suggestions.html", context)
    return render(request, "programmes/people_search.html", {**context, "query": query})
